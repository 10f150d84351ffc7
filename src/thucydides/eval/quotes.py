"""Scoring the quotes stage on gold quote files with the project-independent scorer
(``score_quotes.py`` of the gold folder), run as a separate process.

A predicted speaker is the words naming it in the quote's own sentence ("he", "the minister"),
which is what the gold files mark; its resolved name goes in ``speaker_name``. Discontinuous
contents ("Y, X said, Z") are written with ``parts``, which the scorer honours.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from thucydides.errors import Err
from thucydides.eval.gold import default_scorer, prediction_file, run_scorer
from thucydides.eval.gold import read_gold as read_any_gold
from thucydides.output.jsonl import span
from thucydides.quotes.speakers import local, speaker_name
from thucydides.records import Analysis, Quote, Span

SCORER = "score_quotes.py"


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The quote gold file's records (each with an ``id`` and a ``text``); E140 names a bad
    line."""
    return read_any_gold(path, Err.E140)


def _content(parts: tuple[Span, ...], text: str) -> dict[str, Any]:
    whole = Span(parts[0].start, parts[-1].end)
    out = span(whole, text) or {}
    if len(parts) > 1:
        out["parts"] = [[p.start, p.end] for p in parts]
    return out


def predicted_quote(q: Quote, text: str) -> dict[str, Any]:
    """One quote in the scorer's format."""
    return {
        "speaker": span(local(q.speaker), text) if q.speaker else None,
        "speaker_name": speaker_name(q.speaker, text),
        "cue": span(q.cue, text),
        "content": _content(q.content, text),
        "kind": q.kind,
    }


def prediction(item: Analysis) -> dict[str, Any]:
    """One prediction line in the scorer's format."""
    text = item.article.text
    return {"id": item.article.id,
            "quotes": [predicted_quote(q, text) for q in item.quotes or () if q.content]}


def evaluate(results: Iterable[Analysis], gold: str | Path, scorer: str | Path | None = None,
             predictions_out: str | Path | None = None) -> dict[str, Any]:
    """Score analysed gold articles; returns the scorer's JSON."""
    scorer = scorer or default_scorer(gold, SCORER)
    with prediction_file(map(prediction, results), predictions_out) as pred:
        return run_scorer(scorer, gold, pred)
