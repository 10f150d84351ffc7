"""The trained decision layer's model file: plain arrays scored by a few lines of numpy.

One ``.npz`` file (no pickle) holds
- a JSON header (``meta``): the format, the model's version name, its classes, the calibrator,
  the default threshold, and what trained it (the model card's facts);
- the category classifier: a multinomial logistic regression over candidate features (binary)
  and the sentence's lemma n-grams (sublinear TF-IDF, L2-normalised);
- two argument rankers (source, target): binary logistic regressions over argument features,
  one score per noun phrase and one for "no such actor".

scikit-learn trains it (``thucydides.train``); the coder only reads arrays, so users need neither
scikit-learn nor a matching version of it, and a model file cannot run code when loaded.
"""

from __future__ import annotations

import itertools
import json
import math
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from thucydides.errors import Err, ThucydidesError

FORMAT = "thucydides.events-model/1"
DEFAULT_NAME = "events.v1"
PACKAGE = "thucydides.events"


@dataclass(frozen=True)
class Linear:
    """A linear model over string features: ``weights[k]`` is the row of feature ``k``."""

    index: Mapping[str, int]
    weights: np.ndarray  # (features, outputs)
    bias: np.ndarray  # (outputs,)
    idf: np.ndarray | None = None  # n-gram blocks: inverse document frequencies

    def rows(self, features: Iterable[str]) -> list[int]:
        index = self.index
        return [index[f] for f in features if f in index]

    def binary(self, features: Iterable[str]) -> np.ndarray:
        """Scores of a set of binary features (each counted once)."""
        rows = sorted(set(self.rows(features)))
        return self.weights[rows].sum(axis=0) if rows else np.zeros(self.bias.shape)

    def tfidf(self, terms: Sequence[str]) -> np.ndarray:
        """Scores of a bag of terms: sublinear term frequency times IDF, L2-normalised."""
        counts = Counter(self.rows(terms))
        if not counts or self.idf is None:
            return np.zeros(self.bias.shape)
        rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64,
                         count=len(counts))
        values = tf * self.idf[rows]
        values /= np.linalg.norm(values)
        return values @ self.weights[rows]


@dataclass(frozen=True)
class Ranker:
    """A binary linear scorer over string features, as a plain mapping (the fast path for the
    many small feature sets an argument ranking scores)."""

    weights: Mapping[str, float]
    bias: float

    @classmethod
    def of(cls, lin: Linear) -> Ranker:
        col = lin.weights[:, 0]
        return cls({f: float(col[k]) for f, k in lin.index.items() if col[k] != 0.0},
                   float(lin.bias[0]))

    def score(self, features: Iterable[str]) -> float:
        """The summed weights of ``features`` (each listed once), without the bias."""
        return sum(map(self.weights.get, features, itertools.repeat(0.0)))


@dataclass(frozen=True)
class Calibrator:
    """A logistic map from the layer's raw scores to a probability (fitted out of fold)."""

    names: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    def __call__(self, raw: Mapping[str, float]) -> float:
        z = self.intercept + sum(c * raw[n] for n, c in zip(self.names, self.coef, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class EventModel:
    """The decision layer's parameters. ``classes[0]`` is ``none`` (no event)."""

    name: str
    classes: tuple[str, ...]
    classifier_features: Linear
    classifier_terms: Linear
    source: Linear
    target: Linear
    calibrator: Calibrator
    threshold: float
    meta: Mapping[str, Any] = field(default_factory=dict)
    main: Linear | None = None  # salience of a candidate as its sentence's main event

    @property
    def gate(self) -> float:
        """Candidates whose probability of an event is below this are not ranked at all."""
        return float(self.meta.get("gate", 0.0))

    def classify(self, features: Sequence[str], terms: np.ndarray) -> np.ndarray:
        """Class probabilities of one candidate; ``terms`` are the scores of its sentence's
        terms (``classifier_terms.tfidf``), the same for every candidate of a sentence."""
        z = (self.classifier_features.binary(features) + terms
             + self.classifier_features.bias)
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    @cached_property
    def rankers(self) -> dict[str, Ranker]:
        out = {"source": Ranker.of(self.source), "target": Ranker.of(self.target)}
        if self.main is not None:
            out["main"] = Ranker.of(self.main)
        return out

    def rank(self, role: str, options: Sequence[Sequence[str]]) -> list[float]:
        """Scores (log-odds) of each option's features for the role ``source`` or ``target``."""
        ranker = self.rankers[role]
        return [ranker.bias + ranker.score(set(feats)) for feats in options]


# --------------------------------------------------------------------------- the file


def _linear_arrays(prefix: str, lin: Linear) -> dict[str, np.ndarray]:
    names = sorted(lin.index, key=lin.index.__getitem__)
    out = {f"{prefix}.vocab": np.array(names, dtype=str),
           f"{prefix}.weights": lin.weights.astype(np.float32),
           f"{prefix}.bias": lin.bias.astype(np.float32)}
    if lin.idf is not None:
        out[f"{prefix}.idf"] = lin.idf.astype(np.float32)
    return out


def save(model: EventModel, path: str | Path) -> None:
    """Write ``model`` as one compressed ``.npz`` file."""
    meta = {**model.meta, "format": FORMAT, "name": model.name, "classes": list(model.classes),
            "threshold": model.threshold,
            "calibrator": {"names": list(model.calibrator.names),
                           "coef": list(model.calibrator.coef),
                           "intercept": model.calibrator.intercept}}
    arrays = {"meta": np.array(json.dumps(meta, sort_keys=True))}
    for prefix, lin in (("clf", model.classifier_features), ("terms", model.classifier_terms),
                        ("source", model.source), ("target", model.target),
                        ("main", model.main)):
        if lin is not None:
            arrays.update(_linear_arrays(prefix, lin))
    with Path(path).open("wb") as f:
        np.savez_compressed(f, **arrays)


def _linear(data: Mapping[str, np.ndarray], prefix: str) -> Linear:
    vocab = [str(v) for v in data[f"{prefix}.vocab"]]
    weights = np.asarray(data[f"{prefix}.weights"], dtype=np.float64)
    if weights.ndim != 2 or weights.shape[0] != len(vocab):
        raise ValueError(f"{prefix}: {len(vocab)} features but weights of shape {weights.shape}")
    idf = data.get(f"{prefix}.idf")
    return Linear({v: k for k, v in enumerate(vocab)}, weights,
                  np.asarray(data[f"{prefix}.bias"], dtype=np.float64),
                  None if idf is None else np.asarray(idf, dtype=np.float64))


def read_arrays(path: Path, fmt: str, unreadable: Err, other_format: Err,
                ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays of a plain-array model file and its ``meta`` record, which must name format
    ``fmt``: a file numpy cannot read raises ``unreadable``, another format ``other_format``.
    (Shared by the events and quotes models.)"""
    try:
        with np.load(path, allow_pickle=False) as npz:
            data = {k: npz[k] for k in npz.files}
        meta = json.loads(str(data["meta"]))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise ThucydidesError(unreadable, path=path, detail=f"{type(exc).__name__}: {exc}",
                              ) from exc
    if not isinstance(meta, dict) or meta.get("format") != fmt:
        found = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
        raise ThucydidesError(other_format, path=path, found=found, expected=fmt)
    return data, meta


def load(path: str | Path | None = None) -> EventModel:
    """The model at ``path`` (default: the one shipped in the package). A missing file raises
    E302, an unreadable or truncated one E303, another format or version E304."""
    path = Path(path) if path is not None else default_path()
    if not path.is_file():
        raise ThucydidesError(Err.E302, path=path)
    data, meta = read_arrays(path, FORMAT, Err.E303, Err.E304)
    try:
        cal = meta["calibrator"]
        model = EventModel(
            name=str(meta["name"]), classes=tuple(meta["classes"]),
            classifier_features=_linear(data, "clf"), classifier_terms=_linear(data, "terms"),
            source=_linear(data, "source"), target=_linear(data, "target"),
            calibrator=Calibrator(tuple(cal["names"]), tuple(float(c) for c in cal["coef"]),
                                  float(cal["intercept"])),
            threshold=float(meta["threshold"]), meta=meta,
            main=_linear(data, "main") if "main.vocab" in data else None)
    except (KeyError, TypeError, ValueError) as exc:
        raise ThucydidesError(Err.E303, path=path, detail=f"{type(exc).__name__}: {exc}",
                              ) from exc
    if model.classifier_features.weights.shape[1] != len(model.classes):
        raise ThucydidesError(Err.E303, path=path, detail="classifier outputs and classes differ")
    return model


def default_path() -> Path:
    """The model file shipped with the package."""
    return Path(str(resources.files(PACKAGE).joinpath("data", "model", f"{DEFAULT_NAME}.npz")))
