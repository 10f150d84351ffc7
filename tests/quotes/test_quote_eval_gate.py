"""The quotes eval gate: find the quotes of the PolNeAR dev articles and fail when the scorer's
content F1 or speaker accuracy drops below its pinned floor (tests/eval_floors.json, beside the
event floors). Lowering a floor is an explicit, explained change (measured: content F1 0.624,
speaker accuracy 0.869 with cues.v1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import shared_path
from thucydides.api import Coder
from thucydides.eval.gold import gold_articles
from thucydides.eval.quotes import evaluate, read_gold

pytestmark = pytest.mark.model

ALL_FLOORS = json.loads((Path(__file__).parent.parent / "eval_floors.json")
                        .read_text(encoding="utf-8"))
FILES = sorted(k for k in ALL_FLOORS if k.startswith("quotes_"))


@pytest.mark.parametrize("name", FILES)
def test_polnear_dev_above_floors(name: str) -> None:
    gold = shared_path("gold", "dev", name)
    scorer = shared_path("gold", "tools", "score_quotes.py")
    floors = ALL_FLOORS[name]
    scores = evaluate(Coder.load().run(gold_articles(read_gold(gold))), gold, scorer)
    got = {"content_f1": scores["content"]["f1"], "speaker_accuracy": scores["speaker_accuracy"]}
    low = {k: (got[k], floor) for k, floor in floors.items() if got[k] < floor}
    assert not low, f"below floor (score, floor): {low}"
