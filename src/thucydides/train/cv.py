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

from thucydides.actors.chains import Discourse
from thucydides.events.coder import EventCoder
from thucydides.events.decide import Decider, Decision
from thucydides.events.model import Calibrator, EventModel
from thucydides.records import ActorRef, Event
from thucydides.train.examples import Examples, Parsed, align, examples, sentence_facts, unknown
from thucydides.train.fit import Params, fit
from thucydides.train.gold import GoldActor, GoldRecord

RAW = ("class", "category", "event", "source", "target", "no_source", "no_target",
       "source_known", "target_known")


@dataclass
class Decided:
    """One out-of-fold decision: its raw scores, whether it matches a gold event, its events."""

    record: int
    fold: int
    decision: Decision
    events: list[Event]
    correct: bool
    known: bool = True  # does the gold say whether this candidate is an event?
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
    """Every decision of the coder's model on one parsed record (threshold 0), each marked
    known when the gold labels its candidate either way (see ``examples.unknown``)."""
    analysis = parsed.analysis
    text = analysis.article.text
    facts = list(sentence_facts(coder, analysis))
    aligned = align(facts, parsed.record.events)
    out = []
    discourse = Discourse.of(analysis)  # the links in each sentence; none across them
    for s, f in enumerate(facts):
        view = f.view
        for d, events in coder.decisions(view, text, f.candidates, f.mentions,
                                         analysis.article.date,
                                         f"s{view.sentence.index}", discourse):
            cand = f.candidates[d.candidate]
            known = (s, d.candidate) in aligned or not unknown(
                parsed.record, cand.rule, f.classes.get(cand.frame.code))
            out.append(Decided(record_index, fold, d, events,
                               matches(parsed.record, d, events), known))
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
    """Set each decision's confidence from a calibrator fitted on the other folds' known
    decisions."""
    for fold in range(k):
        cal = fit_calibrator([d for d in decided if d.fold != fold and d.known], seed)
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
    kept = [d for d in oof.decided if d.confidence >= threshold and d.events]
    if main_event:  # the most salient decision of each sentence, as the coder picks it
        best: dict[tuple[int, int], Decided] = {}
        for d in kept:
            key = (d.record, d.events[0].sentence.start)
            rank = (d.decision.salience, d.confidence)
            if key not in best or rank > (best[key].decision.salience, best[key].confidence):
                best[key] = d
        kept = list(best.values())
    for d in kept:
        rid = parsed[d.record].record.id
        out[rid] += [dataclasses.replace(e, confidence=round(d.confidence, 4)) for e in d.events]
    return out


def curve(oof: OutOfFold, gold_events: int, thresholds: Sequence[float],
          ) -> list[dict[str, float]]:
    """Precision, recall and F1 of every decision kept at each threshold (the default
    settings: every event, no ``main_event``). Precision counts the decisions whose truth the
    gold knows (``Decided.known``); recall, the gold events a kept decision matches."""
    rows = []
    for t in thresholds:
        kept = [d for d in oof.decided if d.confidence >= t and d.events]
        known = [d for d in kept if d.known]
        p = sum(d.correct for d in known) / len(known) if known else 0.0
        r = sum(d.correct for d in kept) / gold_events if gold_events else 0.0
        rows.append({"threshold": t, "precision": p, "recall": r,
                     "f1": 2 * p * r / (p + r) if p + r else 0.0, "kept": len(kept)})
    return rows


def reliability(oof: OutOfFold, bins: int = 10) -> list[dict[str, float]]:
    """Predicted vs observed correctness per confidence bin (out-of-fold decisions)."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [d for d in oof.decided if d.known and (
            lo <= d.confidence < hi or (b == bins - 1 and d.confidence == 1))]
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
