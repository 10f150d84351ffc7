"""The quotes eval gate: find the quotes of the PolNeAR dev articles and fail when the scorer's
content F1 or speaker accuracy drops below its pinned floor. Lowering a floor is an explicit,
explained change (measured: content F1 0.624, speaker accuracy 0.869 with cues.v1)."""

from __future__ import annotations

import pytest

from support import shared_path
from thucydides.api import Coder
from thucydides.eval.quotes import evaluate, gold_articles, read_gold

pytestmark = pytest.mark.model

FLOORS = {"content_f1": 0.61, "speaker_accuracy": 0.85}


def test_polnear_dev_above_floors() -> None:
    gold = shared_path("gold", "dev", "quotes_polnear_dev.jsonl")
    scorer = shared_path("gold", "tools", "score_quotes.py")
    scores = evaluate(Coder.load().run(gold_articles(read_gold(gold))), gold, scorer)
    got = {"content_f1": scores["content"]["f1"], "speaker_accuracy": scores["speaker_accuracy"]}
    low = {k: (got[k], floor) for k, floor in FLOORS.items() if got[k] < floor}
    assert not low, f"below floor (score, floor): {low}"
