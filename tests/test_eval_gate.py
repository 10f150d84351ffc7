"""The eval gate: code the dev gold files and fail when a full-match F1 drops below its pinned
floor (tests/eval_floors.json). Scores come from the gold folder's own scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import shared_path
from thucydides.eval.events import evaluate
from thucydides.eval.gold import gold_articles, read_gold

pytestmark = pytest.mark.model

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
FILES = sorted(k for k in FLOORS if k.startswith("events_"))


@pytest.mark.parametrize("name", FILES)
def test_dev_f1_above_floor(coder, name):
    gold = shared_path("gold", "dev", name)
    scorer = shared_path("gold", "tools", "score_events.py")
    floors = FLOORS[name]
    scores = evaluate(coder.run(gold_articles(read_gold(gold))), gold, scorer, tuple(floors))
    low = {level: (scores[level]["full"]["f1"], floor) for level, floor in floors.items()
           if scores[level]["full"]["f1"] < floor}
    assert not low, f"{name}: F1 below floor (score, floor): {low}"
