"""Fitting the decision layer with scikit-learn, and turning the fitted estimators into the plain
arrays of ``thucydides.events.model``.

- The category classifier is a multinomial logistic regression. A gold label that admits several
  classes (PLOVER ASSAULT: CAMEO 17, 18, 19 or 20; a penta class) is resolved to the rule's class
  when the rule's code lies in it, else to the most frequent class of the label among the
  unambiguous examples; one more round then re-resolves it to the class the first model finds
  likeliest within the label.
- Each ranker is a binary logistic regression over the options of its examples.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from thucydides.events.decide import NONE
from thucydides.events.model import Calibrator, EventModel, Linear
from thucydides.train.examples import ClassExample, Examples, RankExample


@dataclass(frozen=True)
class Params:
    """Hyper-parameters (chosen by cross-validation on the dev files; see the model card)."""

    C_classes: float = 4.0
    C_rank: float = 1.0
    terms_weight: float = 2.0
    gate: float = 0.15  # candidates less likely an event than this are not ranked (speed)
    min_count: int = 1
    min_df: int = 2
    seed: int = 0


def vocabulary(lists: Iterable[Iterable[str]], min_count: int) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for feats in lists:
        counts.update(set(feats))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    return {f: k for k, f in enumerate(names)}


def binary_matrix(lists: Sequence[Sequence[str]], index: dict[str, int]) -> sparse.csr_matrix:
    rows, cols = [], []
    for r, feats in enumerate(lists):
        for c in sorted({index[f] for f in feats if f in index}):
            rows.append(r)
            cols.append(c)
    data = np.ones(len(rows))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(lists), len(index)))


def idf_of(lists: Sequence[Sequence[str]], index: dict[str, int]) -> np.ndarray:
    """Smoothed inverse document frequency, as scikit-learn's ``TfidfVectorizer`` computes it."""
    df = np.zeros(len(index))
    for terms in lists:
        for k in {index[t] for t in terms if t in index}:
            df[k] += 1
    return np.log((1 + len(lists)) / (1 + df)) + 1


def tfidf_matrix(lists: Sequence[Sequence[str]], index: dict[str, int], idf: np.ndarray,
                 ) -> sparse.csr_matrix:
    """Sublinear TF times IDF, L2-normalised per row: what ``Linear.tfidf`` computes."""
    rows, cols, vals = [], [], []
    for r, terms in enumerate(lists):
        counts = Counter(index[t] for t in terms if t in index)
        values = {k: (1.0 + math.log(c)) * idf[k] for k, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        for k, v in sorted(values.items()):
            rows.append(r)
            cols.append(k)
            vals.append(v / norm)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(lists), len(index)))


def _resolve(examples: Sequence[ClassExample], probs: np.ndarray | None,
             classes: Sequence[str]) -> list[str]:
    """One class per example, from its label's admitted classes."""
    prior = Counter(next(iter(e.allowed)) for e in examples if len(e.allowed) == 1)
    out = []
    for k, e in enumerate(examples):
        if len(e.allowed) == 1:
            out.append(next(iter(e.allowed)))
        elif probs is not None:
            out.append(max(e.allowed, key=lambda c: probs[k][classes.index(c)]
                           if c in classes else -1.0))
        elif e.rule_class in e.allowed:
            out.append(e.rule_class or "")
        else:
            out.append(max(sorted(e.allowed), key=lambda c: prior[c]))
    return out


def _logistic(C: float, seed: int) -> Any:  # scikit-learn is imported at training time only
    from sklearn.linear_model import LogisticRegression

    # saga: an order of magnitude faster than lbfgs on these sparse matrices, same fit
    return LogisticRegression(C=C, solver="saga", max_iter=500, tol=1e-3, random_state=seed)


def fit_classifier(examples: Sequence[ClassExample], params: Params, class_order: Sequence[str],
                   ) -> tuple[Linear, Linear, tuple[str, ...], Any]:
    """The classifier's two blocks (features, terms), its classes (``none`` first) and the
    fitted scikit-learn estimator (for checks)."""
    index = vocabulary((e.features for e in examples), params.min_count)
    terms_index = vocabulary((e.terms for e in examples), params.min_df)
    idf = idf_of([e.terms for e in examples], terms_index)
    x = sparse.hstack([binary_matrix([e.features for e in examples], index),
                       params.terms_weight * tfidf_matrix([e.terms for e in examples],
                                                          terms_index, idf)]).tocsr()
    weights = np.array([e.weight for e in examples])
    labels = _resolve(examples, None, class_order)
    for _ in range(2):
        seen = {*labels, NONE}
        classes = tuple(c for c in (NONE, *class_order) if c in seen)
        model = _logistic(params.C_classes, params.seed)
        model.fit(x, [classes.index(c) for c in labels], sample_weight=weights)
        probs = model.predict_proba(x)
        labels = _resolve(examples, probs, classes)
    coef = model.coef_.T  # (features, classes)
    n = len(index)
    return (Linear(index, coef[:n], model.intercept_),
            Linear(terms_index, coef[n:] * params.terms_weight, np.zeros(len(classes)), idf),
            classes, model)


def fit_ranker(examples: Sequence[RankExample], params: Params) -> Linear:
    rows = [feats for e in examples for feats in e.options]
    right = [r for e in examples for r in e.right]
    weights = [e.weight for e in examples for _ in e.options]
    index = vocabulary(rows, params.min_count)
    model = _logistic(params.C_rank, params.seed)
    model.fit(binary_matrix(rows, index), right, sample_weight=weights)
    return Linear(index, model.coef_.T, model.intercept_)


def fit(examples: Examples, params: Params, class_order: Sequence[str], name: str,
        calibrator: Calibrator | None = None, threshold: float = 0.5) -> EventModel:
    """The decision layer fitted on ``examples``; the calibrator and threshold come from
    cross-validation (an identity-like calibrator until then)."""
    feats, terms, classes, _ = fit_classifier(examples.classes, params, class_order)
    source = fit_ranker([e for e in examples.ranks if e.role == "source"], params)
    target = fit_ranker([e for e in examples.ranks if e.role == "target"], params)
    mains = [e for e in examples.ranks if e.role == "main"]
    main = fit_ranker(mains, params) if mains else None
    calibrator = calibrator or Calibrator(("event",), (1.0,), 0.0)
    return EventModel(name, classes, feats, terms, source, target, calibrator, threshold,
                      {"gate": params.gate}, main)
