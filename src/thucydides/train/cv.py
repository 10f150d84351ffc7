"""Cross-validation of the decision layer: out-of-fold decisions on every dev record, the
calibrator fitted on them, the threshold chosen by out-of-fold F1, and the gold scorer's figures.

Folds are grouped by normalised sentence text (``GoldRecord.group``): a sentence never sits on
both sides of a fold. Everything reported is out of fold: each record is decided by a model that
never saw it, and its confidence by a calibrator fitted on the other folds' decisions.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from thucydides.events.coder import EventCoder
from thucydides.events.decide import Decider, Decision
from thucydides.events.discourse import Discourse
from thucydides.events.model import Calibrator, EventModel
from thucydides.records import ActorRef, Event, Mention
from thucydides.train.examples import Examples, Parsed, examples
from thucydides.train.fit import Params, fit
from thucydides.train.gold import GoldActor, GoldRecord

RAW = ("class", "event", "source", "target", "rule", "no_source", "no_target")


@dataclass
class Decided:
    """One out-of-fold decision: its raw scores, whether it matches a gold event, its events."""

    record: int
    fold: int
    decision: Decision
    events: list[Event]
    correct: bool
    confidence: float = 0.0


def folds_of(groups: Sequence[str], k: int, seed: int) -> list[int]:
    """A fold number per record; records of one group share a fold."""
    unique = sorted(set(groups))
    random.Random(seed).shuffle(unique)
    fold = {g: n % k for n, g in enumerate(unique)}
    return [fold[g] for g in groups]


def _actor_ok(gold: GoldActor | None, refs: Sequence[ActorRef | None]) -> bool:
    if gold is None:
        return all(r is None for r in refs)
    if gold.span is None:
        return True  # not annotated: category only
    return any(r is not None and r.span.overlaps(gold.span) for r in refs)


def matches(record: GoldRecord, decision: Decision, events: Sequence[Event]) -> bool:
    """Does the decision's triple match one of the record's gold events (the scorers' rule)?"""
    if not events or all(e.negated for e in events):
        return False
    for g in record.events:
        if decision.event_class.name in g.allowed and _actor_ok(
                g.source, [e.source for e in events]) and _actor_ok(
                g.target, [e.target for e in events]):
            return True
    return False


def decide_record(coder: EventCoder, parsed: Parsed, record_index: int, fold: int,
                  ) -> list[Decided]:
    """Every decision of the coder's model on one parsed record (threshold 0)."""
    analysis = parsed.analysis
    text = analysis.article.text
    by_sentence: dict[int, list[Mention]] = {}
    for m in analysis.mentions or ():
        by_sentence.setdefault(m.sentence, []).append(m)
    out = []
    discourse = Discourse()
    for s in analysis.sentences or ():
        if not s.parsed:
            continue
        mentions = by_sentence.get(s.index, [])
        view = coder.view(s, mentions)
        for d, events in coder.decisions(view, text, coder.candidates(view), mentions,
                                         analysis.article.date, f"s{s.index}", discourse):
            out.append(Decided(record_index, fold, d, events,
                               matches(parsed.record, d, events)))
    return out


def fit_calibrator(decided: Sequence[Decided], seed: int = 0) -> Calibrator:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[d.decision.raw[n] for n in RAW] for d in decided])
    y = np.array([d.correct for d in decided])
    if len(set(y)) < 2:
        return Calibrator(RAW, tuple(0.0 for _ in RAW), 0.0 if y.all() else -5.0)
    model = LogisticRegression(C=1.0, max_iter=1000, random_state=seed).fit(x, y)
    return Calibrator(RAW, tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]))


def calibrate_out_of_fold(decided: list[Decided], k: int, seed: int) -> None:
    """Set each decision's confidence from a calibrator fitted on the other folds."""
    for fold in range(k):
        cal = fit_calibrator([d for d in decided if d.fold != fold], seed)
        for d in decided:
            if d.fold == fold:
                d.confidence = cal(d.decision.raw)


@dataclass
class OutOfFold:
    """The cross-validation's results: every decision, and the examples of each record."""

    decided: list[Decided]
    folds: list[int]
    k: int


def out_of_fold(base: EventCoder, parsed: Sequence[Parsed], per_record: Sequence[Examples],
                extra: Examples, params: Params, class_order: Sequence[str], k: int,
                name: str, progress: Any = None) -> OutOfFold:
    """Fit on k-1 folds (plus ``extra``), decide the held-out fold; every record once."""
    folds = folds_of([p.record.group for p in parsed], k, params.seed)
    decided: list[Decided] = []
    for fold in range(k):
        train = Examples()
        for ex, f in zip(per_record, folds, strict=True):
            if f != fold:
                train.extend(ex)
        train.extend(extra)
        model = fit(train, params, class_order, name)
        coder = dataclasses.replace(base, decider=Decider(model, base.ontology))
        for i, (p, f) in enumerate(zip(parsed, folds, strict=True)):
            if f == fold:
                decided += decide_record(coder, p, i, fold)
        if progress is not None:
            progress(fold + 1, k)
    calibrate_out_of_fold(decided, k, params.seed)
    return OutOfFold(decided, folds, k)


def record_examples(base: EventCoder, parsed: Sequence[Parsed]) -> list[Examples]:
    return [examples(base, p) for p in parsed]


def predictions(parsed: Sequence[Parsed], oof: OutOfFold, threshold: float,
                main_event: bool = False) -> dict[str, list[Event]]:
    """Record id -> its out-of-fold events kept at ``threshold`` (confidence set)."""
    out: dict[str, list[Event]] = {p.record.id: [] for p in parsed}
    taken: set[tuple[int, str]] = set()
    for d in sorted(oof.decided, key=lambda d: -d.confidence):
        if d.confidence < threshold or not d.events:
            continue
        sentence = d.events[0].sentence
        key = (d.record, f"{sentence.start}")
        if main_event and key in taken:
            continue
        taken.add(key)
        rid = parsed[d.record].record.id
        out[rid] += [dataclasses.replace(e, confidence=round(d.confidence, 4)) for e in d.events]
    return out


def reliability(oof: OutOfFold, bins: int = 10) -> list[dict[str, float]]:
    """Predicted vs observed correctness per confidence bin (out-of-fold decisions)."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [d for d in oof.decided if lo <= d.confidence < hi or (b == bins - 1
                                                                       and d.confidence == 1)]
        if inside:
            rows.append({"from": lo, "to": hi, "n": len(inside),
                         "predicted": float(np.mean([d.confidence for d in inside])),
                         "observed": float(np.mean([d.correct for d in inside]))})
    return rows


def model_with(model: EventModel, calibrator: Calibrator, threshold: float,
               meta: dict[str, Any]) -> EventModel:
    return dataclasses.replace(model, calibrator=calibrator, threshold=threshold,
                               meta={**model.meta, **meta})


def file_of(path: str | Path) -> str:
    return Path(path).name
