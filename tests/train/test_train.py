"""Training the decision layer: gold labels as class sets, fold groups, what counts as a known
negative, the threshold rule, and the train command end to end on a tiny invented fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import shared_path
from thucydides.cli import main
from thucydides.events.model import load
from thucydides.events.ontology import Ontology
from thucydides.train.cv import folds_of
from thucydides.train.events import choose_threshold
from thucydides.train.examples import unknown
from thucydides.train.gold import GoldRecord, allowed_classes, normalise

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "train" / "events_tiny.jsonl"
CLASSES = Ontology.load().classes


@pytest.mark.parametrize(("event", "dataset", "allowed"), [
    ({"plover": "CONSULT"}, "plv_train", {"04-CONSULT"}),
    ({"plover": "ASSAULT"}, "plv_train", {"17-ASSAULT", "18-ASSAULT", "19-ASSAULT",
                                          "20-ASSAULT"}),
    ({"plover": "COERCE"}, "plv_train", {"16-COERCE", "17-COERCE", "19-COERCE"}),
    ({"plover": None, "penta": 2}, "plv_train", {"08-CONCEDE", "08-RETREAT"}),  # PLV's YIELD
    ({"cameo": "19"}, "cameo_multirater_dev", {"19-ASSAULT", "19-COERCE"}),
    ({"cameo": "19", "plover": "COERCE"}, "x", {"19-COERCE"}),
    ({"cameo": "01"}, "x", {"01"}),
    ({"penta": 0}, "conflibert_train", {"01", "02"}),
    ({"penta": 1}, "conflibert_train", {"03-AGREE", "04-CONSULT", "05-SUPPORT"}),
    ({}, "conflibert_train", set()),
])
def test_gold_labels_admit_classes(event, dataset, allowed):
    assert allowed_classes(event, dataset, CLASSES) == allowed


def test_folds_keep_a_sentence_on_one_side():
    groups = [normalise(t) for t in ("Russia attacked Ukraine.", "russia  attacked ukraine",
                                     "Peru met Chile.", "Iran met Oman", "A", "B", "C")]
    folds = folds_of(groups, 3, seed=0)
    assert folds[0] == folds[1]
    assert folds == folds_of(groups, 3, seed=0)  # seeded
    assert set(folds) == {0, 1, 2}


@pytest.mark.parametrize(("labelled", "level", "rule", "rule_class", "is_unknown"), [
    ("all", "cameo_root", True, "19-ASSAULT", False),  # every event labelled: a negative
    ("main", "plover", True, "19-ASSAULT", True),  # only the main event: unknown
    ("main", "plover", False, None, False),  # a clause no rule claimed: a negative
    ("all", "plover", True, "01", True),  # PLOVER labels no statements
    ("all", "cameo_root", True, "01", False),
    ("weak", "plover", False, None, True),
])
def test_what_an_unaligned_candidate_teaches(labelled, level, rule, rule_class, is_unknown):
    record = GoldRecord("x", "text", "d", (), level, labelled)
    assert unknown(record, rule, rule_class) is is_unknown


@pytest.mark.parametrize(("f1s", "chosen"), [
    ({0.2: 0.60, 0.3: 0.65, 0.4: 0.64}, 0.3),
    ({0.2: 0.6485, 0.3: 0.65, 0.4: 0.64}, 0.2),  # within 0.002: ties go to the lower
    ({0.2: 0.647, 0.3: 0.6485, 0.4: 0.6505}, 0.3),
])
def test_threshold_is_the_best_f1_ties_to_the_lower(f1s, chosen):
    assert choose_threshold([{"threshold": t, "f1": f} for t, f in f1s.items()]) == chosen


@pytest.mark.model
def test_train_command_writes_a_model_and_its_card(tmp_path):
    scorer = shared_path("gold", "tools", "score_events.py")
    out = tmp_path / "tiny.npz"
    result = CliRunner().invoke(main, ["train", "events", str(FIXTURE), "-o", str(out),
                                       "--name", "events.tiny", "--folds", "2",
                                       "--scorer", str(scorer), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["name"] == "events.tiny" and report["gold"] == ["events_tiny.jsonl"]
    model = load(out)
    assert model.name == "events.tiny" and model.threshold == report["threshold"]
    assert model.meta["report"]["examples"]["records"] == 20
    card = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "# Model card: events.tiny" in card and "| events_tiny.jsonl |" in card


def test_train_command_without_gold_is_a_usage_error():
    result = CliRunner().invoke(main, ["train", "events"])
    assert result.exit_code == 2


QUOTES = FIXTURE.parent / "quotes_tiny.jsonl"  # invented articles, in the gold files' schema


@pytest.mark.model
def test_train_quotes_writes_a_model_and_its_card_deterministically(tmp_path):
    from thucydides.quotes.model import load as load_quotes

    scorer = shared_path("gold", "tools", "score_quotes.py")
    files = []
    for run in ("a", "b"):
        out = tmp_path / run / "quotes.test.npz"
        out.parent.mkdir()
        result = CliRunner().invoke(main, ["train", "quotes", str(QUOTES), "-o", str(out),
                                           "--name", "quotes.test", "--folds", "2",
                                           "--scorer", str(scorer), "--json"])
        assert result.exit_code == 0, result.output
        files.append(out.read_bytes())
    report = json.loads(result.output.splitlines()[-1])
    assert report["name"] == "quotes.test" and report["examples"]["articles"] == 6
    assert set(report["scores"]["quotes_tiny.jsonl"]) == {"all", "direct", "indirect", "mixed"}
    model = load_quotes(out)
    assert model.name == "quotes.test" and 0.0 < model.threshold < 1.0
    assert "Out-of-fold figures" in out.with_suffix(".md").read_text(encoding="utf-8")
    assert files[0] == files[1]  # seeded: the same gold gives the same file


def test_train_quotes_without_gold_is_a_usage_error():
    result = CliRunner().invoke(main, ["train", "quotes"])
    assert result.exit_code == 2
