"""Scoring the coder on gold event files with the project-independent scorer
(``score_events.py`` of the gold folder), run as a separate process.

The predictions are the events exactly as ``thucydides code`` writes them: one per source-target
pair, with their ``group`` id and ``negated`` flag. The scorer applies the conventions itself
(gold README §6.1): ``--negated drop`` leaves negated events out, and ``--compound group`` merges
the events of one group, for files that write a compound actor as one span (PLV); the files that
list one event per pair (ConfliBERT, the multi-rater set) are scored ``--compound pair``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from thucydides.eval.gold import default_scorer, prediction_file, run_scorer
from thucydides.output.jsonl import event as event_record
from thucydides.records import Analysis

LEVELS = ("plover", "cameo_root", "penta")
SCORER = "score_events.py"
# Each dev file's scoring: the level that carries its labels, its compound convention, and
# whether it labels every event of a sentence ("all") or the sentence's main event ("main":
# PLV and ConfliBERT sentences were chosen as examples of one event each).
SCORING = {
    "plv": ("plover", "group", "main"),
    "conflibert": ("penta", "pair", "main"),
    "cameo_multirater": ("cameo_root", "pair", "all"),
}
OTHER = ("plover", "group", "all")


def scoring_of(path: str | Path) -> tuple[str, str]:
    """(level, compound) of a gold file, by its name; PLOVER with groups for another file."""
    return convention_of(path)[:2]


def convention_of(path: str | Path) -> tuple[str, str, str]:
    """(level, compound, events labelled: "main" or "all") of a gold file, by its name."""
    name = Path(path).name
    return next((v for k, v in SCORING.items() if k in name), OTHER)


def prediction(item: Analysis) -> dict[str, Any]:
    """One prediction line: the article's id and its events as the coder writes them."""
    text = item.article.text
    return {"id": item.article.id, "events": [event_record(e, text) for e in item.events or ()]}


def evaluate(results: Iterable[Analysis], gold: str | Path, scorer: str | Path | None = None,
             levels: Sequence[str] = LEVELS, compound: str | None = None,
             predictions_out: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """Score coded gold sentences at each level; returns the scorer's JSON per level.
    ``compound`` None: the file's own convention (``scoring_of``)."""
    scorer = scorer or default_scorer(gold, SCORER)
    compound = compound or scoring_of(gold)[1]
    with prediction_file(map(prediction, results), predictions_out) as pred:
        return score(scorer, gold, pred, levels, compound)


def score(scorer: str | Path, gold: str | Path, pred: str | Path, levels: Sequence[str],
          compound: str) -> dict[str, dict[str, Any]]:
    """The scorer's JSON per level for a prediction file already written."""
    return {level: run_scorer(scorer, gold, pred, "--level", level, "--compound", compound,
                              "--negated", "drop") for level in levels}
