"""The decision layer's model file: loading (bad files give coded errors), the round trip, and
that loaded arrays score exactly like the scikit-learn estimators that trained them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from thucydides.errors import ThucydidesError
from thucydides.events.decide import Decider
from thucydides.events.model import Calibrator, EventModel, Linear, default_path, load, save
from thucydides.events.ontology import Ontology

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "train" / "events_tiny.jsonl"


def linear(names: list[str], outputs: int, seed: int, idf: bool = False) -> Linear:
    rng = np.random.default_rng(seed)
    return Linear({n: k for k, n in enumerate(names)}, rng.normal(size=(len(names), outputs)),
                  rng.normal(size=outputs), rng.uniform(1, 3, len(names)) if idf else None)


def tiny_model(classes: tuple[str, ...] = ("none", "04-CONSULT", "19-ASSAULT")) -> EventModel:
    k = len(classes)
    return EventModel(
        "events.test", classes, linear(["rule=190", "trig=attack", "bias"], k, 0),
        linear(["attack", "talk", "attack russia"], k, 1, idf=True),
        linear(["ARG", "path=nsubj", "NONE"], 1, 2), linear(["ARG", "path=dobj", "NONE"], 1, 3),
        Calibrator(("class", "event"), (0.5, 1.0), -0.2), 0.3, {"gate": 0.05},
        linear(["rule=19", "dep=ROOT"], 1, 4))


def test_round_trip_scores_alike(tmp_path):
    model = tiny_model()
    path = tmp_path / "m.npz"
    save(model, path)
    back = load(path)
    assert back.name == model.name and back.classes == model.classes
    assert back.threshold == model.threshold and back.gate == 0.05
    feats, terms = ["rule=190", "trig=attack", "unknown"], ["attack", "attack russia", "x"]
    assert np.allclose(back.classify(feats, back.classifier_terms.tfidf(terms)),
                       model.classify(feats, model.classifier_terms.tfidf(terms)), atol=1e-5)
    options = [["NONE"], ["ARG", "path=nsubj"], ["ARG", "path=dobj", "path=dobj"]]
    for role in ("source", "target", "main"):
        opts = options if role != "main" else [["rule=19"], ["dep=ROOT"]]
        assert np.allclose(back.rank(role, opts), model.rank(role, opts), atol=1e-5)
    assert back.calibrator({"class": 1.0, "event": 2.0}) == pytest.approx(
        model.calibrator({"class": 1.0, "event": 2.0}))


def test_features_count_once_and_unknown_ones_are_ignored():
    model = tiny_model()
    once = model.rank("source", [["ARG", "path=nsubj"]])
    assert model.rank("source", [["ARG", "path=nsubj", "ARG", "never-seen"]]) == once


def test_calibrator_is_a_logistic_map():
    cal = Calibrator(("a", "b"), (2.0, -1.0), 0.5)
    assert cal({"a": 0.0, "b": 0.0}) == pytest.approx(1 / (1 + np.exp(-0.5)))
    assert cal({"a": 1.0, "b": 0.0}) > cal({"a": 0.0, "b": 0.0}) > cal({"a": 0.0, "b": 1.0})
    assert 0.0 < cal({"a": -1e9, "b": 0.0}) < 1e-12  # clamped, never an overflow


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


@pytest.mark.parametrize(("damage", "code"), [
    (lambda p: p.unlink(), "E302"),
    (_truncate, "E303"),
    (lambda p: p.write_bytes(b"not a zip file at all"), "E303"),
    (lambda p: p.write_bytes(b""), "E303"),
    (lambda p: _rewrite_meta(p, {"format": "thucydides.events-model/0"}), "E304"),
    (lambda p: _rewrite_meta(p, {"format": None}), "E304"),
    (lambda p: _rewrite_meta(p, {"classes": ["none"]}), "E303"),
    (lambda p: _drop_array(p, "source.weights"), "E303"),
    (lambda p: _drop_array(p, "meta"), "E303"),
])
def test_bad_model_files_give_coded_errors(tmp_path, damage, code):
    path = tmp_path / "m.npz"
    save(tiny_model(), path)
    damage(path)
    with pytest.raises(ThucydidesError) as err:
        load(path)
    assert err.value.code == code


def test_a_pickled_array_is_refused(tmp_path):
    path = tmp_path / "m.npz"
    save(tiny_model(), path)
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["clf.vocab"] = np.array([object()], dtype=object)
    np.savez_compressed(path, **arrays)
    with pytest.raises(ThucydidesError) as err:
        load(path)
    assert err.value.code == "E303"


@pytest.mark.parametrize("classes", [
    ("none", "04-CONSULT", "99-NOTHING"),  # a class the ontology does not have
    ("04-CONSULT", "none", "19-ASSAULT"),  # "none" must come first
])
def test_a_model_not_fitting_the_ontology_is_refused(classes):
    with pytest.raises(ThucydidesError) as err:
        Decider(tiny_model(classes), Ontology.load())
    assert err.value.code == "E305"


def test_the_shipped_model_loads_with_its_card():
    model = load()
    assert model.name == "events.v1" and model.classes[0] == "none"
    assert 0.0 < model.threshold < 1.0
    card = default_path().with_suffix(".md").read_text(encoding="utf-8")
    assert "Out-of-fold figures" in card and "events_plv_train.jsonl" in card
    assert default_path().stat().st_size < 25 * 2**20
    with zipfile.ZipFile(default_path()) as z:  # plain arrays, nothing to unpickle
        assert all(name.endswith(".npy") for name in z.namelist())
    Decider(model, Ontology.load())


@pytest.mark.model
def test_loaded_weights_score_like_the_trained_estimators(tmp_path):
    """Train on a tiny invented fixture; the saved arrays reproduce scikit-learn's
    probabilities."""
    from thucydides import Coder, Settings
    from thucydides.train import cv
    from thucydides.train.events import base_coder
    from thucydides.train.examples import Examples, parse
    from thucydides.train.fit import Params, binary_matrix, fit, fit_classifier, tfidf_matrix
    from thucydides.train.gold import read_events

    coder = Coder.load(Settings(decider="rules"))
    base = base_coder(coder, Settings())
    classes = [c.name for c in base.ontology.classes]
    parsed = parse(coder, read_events([FIXTURE], base.ontology.classes))
    examples = Examples()
    for ex in cv.record_examples(base, parsed):
        examples.extend(ex)
    assert examples.classes and examples.ranks
    params = Params()
    feats, terms, fitted_classes, estimator = fit_classifier(examples.classes, params, classes)
    x = tfidf_matrix([e.terms for e in examples.classes], terms.index, terms.idf)
    b = binary_matrix([e.features for e in examples.classes], feats.index)
    from scipy import sparse

    expected = estimator.predict_proba(sparse.hstack([b, params.terms_weight * x]).tocsr())
    model = fit(examples, params, classes, "events.tiny")
    path = tmp_path / "tiny.npz"
    save(model, path)
    back = load(path)
    assert back.classes == fitted_classes
    for e, want in zip(examples.classes, expected, strict=True):
        got = back.classify(e.features, back.classifier_terms.tfidf(e.terms))
        assert np.allclose(got, want, atol=1e-5)
