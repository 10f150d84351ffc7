"""``thucydides train events``: cross-validate, calibrate, choose the threshold, fit the shipped
model and write its card.

    train_events(["events_plv_train.jsonl", ...], out="events.v1.npz")

Seeded and deterministic: the same gold files and parameters give the same model file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thucydides.errors import Err, ThucydidesError
from thucydides.eval.events import SCORER, convention_of, score, scoring_of
from thucydides.eval.gold import default_scorer, prediction_file
from thucydides.events.coder import EventCoder, Policy
from thucydides.events.model import save
from thucydides.output.jsonl import event as event_record
from thucydides.settings import Settings
from thucydides.train import cv
from thucydides.train.examples import Examples, Parsed, parse
from thucydides.train.fit import Params, fit
from thucydides.train.gold import GoldRecord, read_events

if TYPE_CHECKING:
    from thucydides.api import Coder

THRESHOLDS = tuple(round(0.05 + 0.05 * k, 2) for k in range(16))  # 0.05 .. 0.80
Progress = Callable[[str], None]


@dataclass
class FileScore:
    """The gold scorer's out-of-fold figures for one gold file at its own level."""

    file: str
    level: str
    compound: str
    main_event: bool
    precision: float
    recall: float
    f1: float
    category_f1: float
    sentences: int


@dataclass
class TrainReport:
    name: str
    threshold: float
    files: list[FileScore]  # each file under its own convention (main_event where it labels one)
    every_event: list[FileScore]  # every file with the default settings (main_event off)
    curve: list[dict[str, Any]]
    reliability: list[dict[str, float]]
    examples: dict[str, int]
    params: dict[str, Any]
    gold: list[str]
    created: str = field(default_factory=lambda: dt.date.today().isoformat())


def base_coder(coder: Coder, settings: Settings) -> EventCoder:
    """The events stage's coder of ``coder`` with the policy of ``settings`` and no model: it
    proposes the candidates the decision layer is trained on."""
    res = coder.resources
    return EventCoder.load(res.lexicon, res.ontology, res.agent_words, Policy.of(settings),
                           res.gazetteer, res.kb.sectors)


def _score_file(path: Path, parsed: Sequence[Parsed], oof: cv.OutOfFold, threshold: float,
                main_event: bool, scorer: Path) -> FileScore:
    level, compound = scoring_of(path)
    ids = {r.id for r in read_events([path], [])}
    preds = cv.predictions(parsed, oof, threshold, main_event)
    lines = [{"id": p.record.id, "events": [event_record(e, p.analysis.article.text)
                                            for e in preds[p.record.id]]}
             for p in parsed if p.record.id in ids]
    with prediction_file(lines) as pred:
        res = score(scorer, path, pred, [level], compound)[level]
    full = res["full"]
    return FileScore(path.name, level, compound, main_event, full["precision"], full["recall"],
                     full["f1"], res["category_only"]["f1"], full["sentences"])


def _own(path: Path) -> bool:
    """Is the file scored with ``main_event``: does it label one event per sentence?"""
    return convention_of(path)[2] == "main"


def choose_threshold(curve: Sequence[dict[str, Any]], tie: float = 0.002) -> float:
    """The threshold of the best out-of-fold F1 (``cv.curve``). F1s within ``tie`` of the best
    are ties (a few events on these files), which go to the lowest threshold: the gold labels
    fewer events than news sentences hold, so recall is the side it under-measures."""
    top = max(row["f1"] for row in curve)
    return min(row["threshold"] for row in curve if row["f1"] >= top - tie)


def train_events(gold: Sequence[str | Path], out: str | Path, coder: Coder,
                 name: str = "events.v1", params: Params | None = None, k: int = 5,
                 scorer: str | Path | None = None, progress: Progress | None = None,
                 ) -> TrainReport:
    """Train the decision layer on gold event files; write the model to ``out`` (and its card
    beside it, ``.md``); return the out-of-fold report. ``coder`` (the rules alone:
    ``Coder.load(Settings(decider="rules"))``) parses the gold and proposes the candidates."""
    params = params or Params()
    say = progress or (lambda _msg: None)
    paths = [Path(p) for p in gold]
    if not paths:
        raise ThucydidesError(Err.E306, detail="no gold files given")
    scorer = Path(scorer) if scorer else default_scorer(paths[0], SCORER)
    base = base_coder(coder, Settings())
    class_order = [c.name for c in base.ontology.classes]
    records: list[GoldRecord] = read_events(paths, base.ontology.classes)
    say(f"parsing {len(records)} gold records")
    parsed = parse(coder, records)
    per_record = cv.record_examples(base, parsed)
    say(f"cross-validating ({k} folds)")
    oof = cv.out_of_fold(base, parsed, per_record, Examples(), params, class_order, k, name,
                         lambda done, of: say(f"fold {done}/{of}"))
    gold_events = sum(1 for r in records for e in r.events if e.allowed)
    curve = cv.curve(oof, gold_events, THRESHOLDS)
    best = choose_threshold(curve)
    files = [_score_file(p, parsed, oof, best, _own(p), scorer) for p in paths]
    every = [_score_file(p, parsed, oof, best, False, scorer) for p in paths]
    say("fitting the final model")
    everything = Examples()
    for ex in per_record:
        everything.extend(ex)
    model = fit(everything, params, class_order, name)
    report = TrainReport(
        name, best, files, every, curve, cv.reliability(oof),
        {"records": len(records), "candidates": len(everything.classes),
         "rankings": len(everything.ranks), "unaligned_gold_events": everything.unaligned},
        asdict(params), [p.name for p in paths])
    model = cv.model_with(model, cv.fit_calibrator(oof.decided, params.seed), best,
                          {"report": asdict(report)})
    save(model, out)
    return report
