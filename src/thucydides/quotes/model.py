"""The attribution model's file: plain arrays scored by a few lines of numpy, as the events
decision layer's (``thucydides.events.model``, whose ``Linear`` and ``Calibrator`` it shares).

One ``.npz`` file (no pickle) holds
- a JSON header (``meta``): the format, the model's version name, the feature set it was trained
  with, the calibrator, the gate and threshold, the nouns and adjectives it takes as cues, and
  what trained it (the model card's facts);
- three binary logistic regressions over string features (``quotes.features``): ``cue`` (is
  this token a cue?), ``content`` (is this span the cue's content?) and ``speaker`` (is this
  phrase, or none, its speaker?).

scikit-learn trains it (``thucydides train quotes``); the quotes stage only reads arrays.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from thucydides.errors import Err, ThucydidesError
from thucydides.events.model import Calibrator, Linear, Ranker, read_arrays

FORMAT = "thucydides.quotes-model/1"
FEATURES = "quote-features/2"  # bump when quotes.features changes what it emits
DEFAULT_NAME = "quotes.v2"
PACKAGE = "thucydides.quotes"
PARTS = ("cue", "content", "speaker")
RAW = ("cue", "content", "content_margin", "speaker")  # the calibrator's inputs


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class QuoteModel:
    """The attribution model's parameters. ``gate``: cues less likely than this are not
    considered further; ``threshold``: the calibrated confidence a quote needs to be kept."""

    name: str
    cue: Linear
    content: Linear
    speaker: Linear
    calibrator: Calibrator
    threshold: float = 0.5
    gate: float = 0.1
    cue_words: frozenset[tuple[str, str]] = frozenset()
    meta: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def rankers(self) -> dict[str, Ranker]:
        return {part: Ranker.of(getattr(self, part)) for part in PARTS}

    def score(self, part: str, features: Iterable[str]) -> float:
        """The log-odds of ``features`` (each counted once) under the model ``part``."""
        ranker = self.rankers[part]
        return ranker.bias + ranker.score(set(features))

    def confidence(self, raw: Mapping[str, float]) -> float:
        return self.calibrator(raw)


# --------------------------------------------------------------------------- the file


def _arrays(prefix: str, lin: Linear) -> dict[str, np.ndarray]:
    names = sorted(lin.index, key=lin.index.__getitem__)
    return {f"{prefix}.vocab": np.array(names, dtype=str),
            f"{prefix}.weights": lin.weights.astype(np.float32),
            f"{prefix}.bias": lin.bias.astype(np.float32)}


def save(model: QuoteModel, path: str | Path) -> None:
    """Write ``model`` as one compressed ``.npz`` file (unused features dropped)."""
    meta = {**model.meta, "format": FORMAT, "features": FEATURES, "name": model.name,
            "threshold": model.threshold, "gate": model.gate,
            "cue_words": sorted([list(w) for w in model.cue_words]),
            "calibrator": {"names": list(model.calibrator.names),
                           "coef": list(model.calibrator.coef),
                           "intercept": model.calibrator.intercept}}
    arrays = {"meta": np.array(json.dumps(meta, sort_keys=True))}
    for part in PARTS:
        arrays.update(_arrays(part, _pruned(getattr(model, part))))
    write_npz(path, arrays)


STAMP = (1980, 1, 1, 0, 0, 0)  # every member's time: the same arrays give the same bytes


def write_npz(path: str | Path, arrays: Mapping[str, np.ndarray]) -> None:
    """``arrays`` as a compressed ``.npz`` file (what ``np.load`` reads), byte for byte the same
    for the same arrays: members in name order, with a fixed time."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(arrays[name]), allow_pickle=False)
            z.writestr(zipfile.ZipInfo(f"{name}.npy", STAMP), buf.getvalue(),
                       zipfile.ZIP_DEFLATED)


def _pruned(lin: Linear) -> Linear:
    """``lin`` without the features whose weights are all zero."""
    keep = [f for f, k in sorted(lin.index.items(), key=lambda x: x[1])
            if np.any(lin.weights[k] != 0.0)]
    rows = [lin.index[f] for f in keep]
    return Linear({f: n for n, f in enumerate(keep)}, lin.weights[rows].reshape(len(rows), -1),
                  lin.bias)


def _linear(data: Mapping[str, np.ndarray], prefix: str) -> Linear:
    vocab = [str(v) for v in data[f"{prefix}.vocab"]]
    weights = np.asarray(data[f"{prefix}.weights"], dtype=np.float64)
    bias = np.asarray(data[f"{prefix}.bias"], dtype=np.float64)
    if weights.ndim != 2 or weights.shape != (len(vocab), 1) or bias.shape != (1,):
        raise ValueError(f"{prefix}: {len(vocab)} features but weights of shape "
                         f"{weights.shape} and bias of shape {bias.shape}")
    return Linear({v: k for k, v in enumerate(vocab)}, weights, bias)


def _read(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    data, meta = read_arrays(path, FORMAT, Err.E311, Err.E312)
    if meta.get("features") != FEATURES:
        raise ThucydidesError(Err.E313, path=path, detail=f"trained on features "
                              f"{meta.get('features')}, this version computes {FEATURES}")
    return data, meta


def load(path: str | Path | None = None) -> QuoteModel:
    """The model at ``path`` (default: the one shipped in the package). A missing file raises
    E310, an unreadable or truncated one E311, another format E312, another feature set E313."""
    path = Path(path) if path is not None else default_path()
    if not path.is_file():
        raise ThucydidesError(Err.E310, path=path)
    data, meta = _read(path)
    try:
        cal = meta["calibrator"]
        return QuoteModel(
            name=str(meta["name"]), cue=_linear(data, "cue"),
            content=_linear(data, "content"), speaker=_linear(data, "speaker"),
            calibrator=Calibrator(tuple(cal["names"]), tuple(float(c) for c in cal["coef"]),
                                  float(cal["intercept"])),
            threshold=float(meta["threshold"]), gate=float(meta["gate"]),
            cue_words=frozenset((str(lemma), str(pos)) for lemma, pos in meta["cue_words"]),
            meta=meta)
    except (KeyError, TypeError, ValueError) as exc:
        raise ThucydidesError(Err.E311, path=path, detail=f"{type(exc).__name__}: {exc}",
                              ) from exc


def default_path() -> Path:
    """The model file shipped with the package."""
    return Path(str(resources.files(PACKAGE).joinpath("data", "model", f"{DEFAULT_NAME}.npz")))
