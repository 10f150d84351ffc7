"""The eval gates of the events stage (floors in tests/eval_floors.json).

- ``out_of_fold``: the figures the shipped model's training recorded (its model card's), each
  dev file under its own convention. These are the honest figures: a retrained model that
  generalises worse fails here. They are read from the model file, so this gate needs no
  ../shared.
- ``in_sample``: the shipped model codes the dev files it was trained on, scored by the gold
  folder's scorer. In-sample, so high; the gate catches a broken code path (a feature that
  no longer matches training, a lost event), not a quality level.

Floors sit at least 0.02 under the figures they guard; lowering one is an explicit change,
explained in its commit and the CHANGELOG.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import shared_path
from thucydides.eval.events import convention_of, evaluate
from thucydides.eval.gold import gold_articles, read_gold
from thucydides.events.model import load

FLOORS = json.loads((Path(__file__).parent.parent / "eval_floors.json")
                    .read_text(encoding="utf-8"))
FILES = sorted(k for k in FLOORS if k.startswith("events_"))


@pytest.mark.parametrize("name", FILES)
def test_out_of_fold_f1_above_floor(name):
    recorded = {(s["file"], s["level"]): s for s in load().meta["report"]["files"]}
    for level, floor in FLOORS[name]["out_of_fold"].items():
        score = recorded[(name, level)]
        assert score["main_event"] == (convention_of(name)[2] == "main")
        assert score["f1"] >= floor, f"{name} {level}: out-of-fold {score['f1']} < {floor}"


@pytest.fixture(scope="module")
def coders():
    from thucydides import Coder, Settings

    return {main: Coder.load(Settings(main_event=main)) for main in (False, True)}


@pytest.mark.model
@pytest.mark.parametrize("name", FILES)
def test_in_sample_f1_above_floor(coders, name):
    gold = shared_path("gold", "dev", name)
    scorer = shared_path("gold", "tools", "score_events.py")
    floors = FLOORS[name]["in_sample"]
    coder = coders[convention_of(name)[2] == "main"]
    scores = evaluate(coder.run(gold_articles(read_gold(gold))), gold, scorer, tuple(floors))
    low = {level: (scores[level]["full"]["f1"], floor) for level, floor in floors.items()
           if scores[level]["full"]["f1"] < floor}
    assert not low, f"{name}: in-sample F1 below floor (score, floor): {low}"
