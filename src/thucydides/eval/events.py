"""Scoring the coder on gold event files with the project-independent scorer
(``score_events.py`` of the gold folder), run as a separate process.

Compound actors: the coder emits one event per source-target pair (``group`` links them). The gold
files write a compound actor as one span ("Germany and UNICEF"), so by default the predictions
are regrouped before scoring (``compound="group"``): events of one group with the same code and
target become one event whose source span covers all sources (and likewise for targets), and a
reciprocal pair (A->B, B->A) is scored once, as written (A->B).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from thucydides.eval.gold import default_scorer, prediction_file, run_scorer
from thucydides.output.jsonl import span as span_of
from thucydides.records import Analysis, Event, Span

LEVELS = ("plover", "cameo_root", "penta")
SCORER = "score_events.py"


def _actor(span: Span | None, text: str, code: str | None) -> dict[str, Any] | None:
    out = span_of(span, text)
    return None if out is None else {**out, "code": code}


def _union(spans: Sequence[Span]) -> Span:
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def _regroup(events: Sequence[Event]) -> list[tuple[Span | None, Span | None, Event]]:
    """(source span, target span, representative event), compound groups merged."""
    out: list[tuple[Span | None, Span | None, Event]] = []
    merged: dict[tuple[object, ...], list[Event]] = {}
    for e in _one_direction(events):
        if e.group is None:
            out.append((e.source.span if e.source else None,
                        e.target.span if e.target else None, e))
            continue
        key = (e.group, e.cameo, e.target.span if e.target else None)
        merged.setdefault(key, []).append(e)
    by_source: dict[tuple[object, ...], list[tuple[Span | None, Event]]] = {}
    for (group, cameo, _), evs in merged.items():
        srcs = [e.source.span for e in evs if e.source]
        src = _union(srcs) if srcs else None
        by_source.setdefault((group, cameo, src), []).append(
            (evs[0].target.span if evs[0].target else None, evs[0]))
    for (_, _, src), items in by_source.items():
        tgts = [t for t, _ in items if t is not None]
        out.append((src, _union(tgts) if tgts else None, items[0][1]))
    return out


def _one_direction(events: Sequence[Event]) -> list[Event]:
    """A reciprocal group (A->B and B->A) as written: the first-named actor acting on the other."""
    pairs = {(e.group, e.cameo, e.source.span, e.target.span) for e in events
             if e.group and e.source and e.target}
    return [e for e in events if not (
        e.group and e.source and e.target and e.source.span.start > e.target.span.start
        and (e.group, e.cameo, e.target.span, e.source.span) in pairs)]


def prediction(item: Analysis, compound: str = "group") -> dict[str, Any]:
    """One prediction line in the scorer's format."""
    text = item.article.text
    events = [e for e in item.events or () if not e.negated]
    if compound == "group":
        rows = _regroup(events)
    else:
        rows = [(e.source.span if e.source else None, e.target.span if e.target else None, e)
                for e in events]
    out = []
    for src, tgt, e in rows:
        out.append({
            "source": _actor(src, text, e.source.actor.code if e.source and e.source.actor
                             else None),
            "target": _actor(tgt, text, e.target.actor.code if e.target and e.target.actor
                             else None),
            "plover": e.plover, "cameo": e.cameo, "penta": e.penta,
        })
    return {"id": item.article.id, "events": out}


def evaluate(results: Iterable[Analysis], gold: str | Path, scorer: str | Path | None = None,
             levels: Sequence[str] = LEVELS, compound: str = "group",
             predictions_out: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """Score coded gold sentences at each level; returns the scorer's JSON per level."""
    scorer = scorer or default_scorer(gold, SCORER)
    lines = (prediction(item, compound) for item in results)
    with prediction_file(lines, predictions_out) as pred:
        return {level: run_scorer(scorer, gold, pred, "--level", level) for level in levels}
