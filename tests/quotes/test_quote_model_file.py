"""The attribution model's file: the round trip, and bad files (missing, truncated, another
format, another feature set, a pickled array) give coded errors, never a traceback, from the
library and from the command line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from thucydides.cli import main
from thucydides.errors import ThucydidesError
from thucydides.events.model import Calibrator, Linear
from thucydides.quotes.model import RAW, QuoteModel, default_path, load, save


def linear(names: list[str], seed: int) -> Linear:
    rng = np.random.default_rng(seed)
    return Linear({n: k for k, n in enumerate(names)}, rng.normal(size=(len(names), 1)),
                  rng.normal(size=1))


def tiny_model() -> QuoteModel:
    return QuoteModel("quotes.test", linear(["lemma=say", "class=speech", "subj=none"], 0),
                      linear(["kind=dep:ccomp", "side=after", "len=8"], 1),
                      linear(["none", "path=/nsubj", "pos=PROPN"], 2),
                      Calibrator(RAW, (0.4, 0.3, 0.1, 0.2), -0.5), 0.4, 0.05,
                      frozenset({("claim", "NOUN")}), {"direct": "model"})


def test_round_trip_scores_alike(tmp_path: Path) -> None:
    model = tiny_model()
    path = tmp_path / "m.npz"
    save(model, path)
    back = load(path)
    assert (back.name, back.threshold, back.gate, back.cue_words) == (
        model.name, model.threshold, model.gate, model.cue_words)
    for part, feats in (("cue", ["lemma=say", "subj=none", "unknown"]),
                        ("content", ["kind=dep:ccomp", "len=8"]), ("speaker", ["none"])):
        assert back.score(part, feats) == pytest.approx(model.score(part, feats), abs=1e-5)
    raw = {"cue": 1.0, "content": 0.5, "content_margin": 2.0, "speaker": -1.0}
    assert back.confidence(raw) == pytest.approx(model.confidence(raw))


def test_features_count_once() -> None:
    model = tiny_model()
    assert model.score("cue", ["lemma=say", "lemma=say"]) == model.score("cue", ["lemma=say"])


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _rewrite_meta(path: Path, change: dict) -> None:
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    meta = json.loads(str(arrays["meta"]))
    meta.update(change)
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez_compressed(path, **arrays)


def _drop_array(path: Path, name: str) -> None:
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files if k != name}
    np.savez_compressed(path, **arrays)


def _pickled(path: Path) -> None:
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["cue.vocab"] = np.array([object()], dtype=object)
    np.savez_compressed(path, **arrays)


DAMAGE = [
    (lambda p: p.unlink(), "E310"),
    (_truncate, "E311"),
    (lambda p: p.write_bytes(b"not a zip file at all"), "E311"),
    (lambda p: p.write_bytes(b""), "E311"),
    (lambda p: _rewrite_meta(p, {"format": "thucydides.quotes-model/0"}), "E312"),
    (lambda p: _rewrite_meta(p, {"format": "thucydides.events-model/1"}), "E312"),
    (lambda p: _rewrite_meta(p, {"features": "quote-features/0"}), "E313"),
    (lambda p: _rewrite_meta(p, {"calibrator": None}), "E311"),
    (lambda p: _rewrite_meta(p, {"threshold": "high"}), "E311"),
    (lambda p: _drop_array(p, "speaker.weights"), "E311"),
    (lambda p: _drop_array(p, "meta"), "E311"),
    (_pickled, "E311"),
]


@pytest.mark.parametrize(("damage", "code"), DAMAGE)
def test_bad_model_files_give_coded_errors(tmp_path: Path, damage, code: str) -> None:
    path = tmp_path / "m.npz"
    save(tiny_model(), path)
    damage(path)
    with pytest.raises(ThucydidesError) as err:
        load(path)
    assert err.value.code == code


@pytest.mark.parametrize(("damage", "code"), [DAMAGE[0], DAMAGE[1], DAMAGE[4]])
def test_the_command_line_names_the_error_without_a_traceback(tmp_path: Path, damage,
                                                              code: str) -> None:
    path = tmp_path / "m.npz"
    save(tiny_model(), path)
    damage(path)
    text = tmp_path / "a.txt"
    text.write_text("The mayor said the bridge would reopen.", encoding="utf-8")
    res = CliRunner().invoke(main, ["code", str(text), "--quote-model", str(path)])
    assert res.exit_code != 0
    assert code in res.output and "Traceback" not in res.output
    assert not isinstance(res.exception, ThucydidesError | KeyError | ValueError) or \
        isinstance(res.exception, SystemExit)


def test_the_shipped_model_loads_with_its_card() -> None:
    model = load()
    assert model.name == "quotes.v2" and 0.0 < model.threshold < 1.0
    card = default_path().with_suffix(".md").read_text(encoding="utf-8")
    assert "Out-of-fold figures" in card and "quotes_polnear_train.jsonl" in card
    assert default_path().stat().st_size < 25 * 2**20
    with zipfile.ZipFile(default_path()) as z:  # plain arrays, nothing to unpickle
        assert all(name.endswith(".npy") for name in z.namelist())
