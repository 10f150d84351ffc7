"""The decision layer: rules propose, a trained model decides.

For each candidate of a sentence the model gives class probabilities (``none`` among them), picks
a source and a target among the sentence's noun phrases ("none" among them), and a calibrated
confidence that a trained coder would record this triple. The category and the CAMEO root come
from one decision (a class is a root with its PLOVER category), so they never disagree; the code
is the rule's when it lies in the decided class, else the class's base code.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from thucydides.events.candidates import Argument
from thucydides.events.features import (
    SentenceFacts,
    argument_link_features,
    argument_own_features,
    candidate_features,
    none_features,
)
from thucydides.events.model import EventModel
from thucydides.events.ontology import EventClass, Ontology

NONE = "none"
ROLES = ("source", "target")


@dataclass(frozen=True, slots=True)
class Decision:
    """The model's decision on candidate ``candidate``: its class, the chosen argument heads
    (None: no such actor), the raw scores and the calibrated confidence."""

    candidate: int
    event_class: EventClass
    code: str
    source: int | None
    target: int | None
    confidence: float
    raw: dict[str, float]


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = sum(e)
    return [x / total for x in e]


def _pick(scores: Sequence[float], options: Sequence[Argument | None],
          exclude: Argument | None = None) -> tuple[Argument | None, float]:
    """The best option (not overlapping ``exclude``) and its softmax probability."""
    allowed = [k for k, o in enumerate(options)
               if exclude is None or o is None or not o.span.overlaps(exclude.span)]
    probs = _softmax([scores[k] for k in allowed])
    best = max(range(len(allowed)), key=probs.__getitem__)
    return options[allowed[best]], probs[best]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Decider:
    model: EventModel
    ontology: Ontology

    def __post_init__(self) -> None:
        names = {c.name for c in self.ontology.classes} | {NONE}
        unknown = [c for c in self.model.classes if c not in names]
        if unknown or self.model.classes[0] != NONE:
            from thucydides.errors import Err, ThucydidesError

            raise ThucydidesError(Err.E305, path=self.model.name,
                                  detail=f"unknown classes {unknown}" if unknown
                                  else "the first class must be 'none'")

    @property
    def by_name(self) -> dict[str, EventClass]:
        return {c.name: c for c in self.ontology.classes}

    def code_for(self, cls: EventClass, rule_code: str) -> str:
        """The rule's code when it lies in ``cls``, else the class's base code."""
        if rule_code and self.ontology.class_of(rule_code) == cls:
            return rule_code
        return cls.base

    def decide(self, facts: SentenceFacts) -> list[Decision]:
        """A decision for every candidate the model finds possibly an event (the probability
        of an event at least the model's ``gate``), in candidate order."""
        model = self.model
        by_name = self.by_name
        terms = model.classifier_terms.tfidf(facts.terms)
        classified = [(n, model.classify(candidate_features(facts, n), terms))
                      for n in range(len(facts.candidates))]
        kept = [(n, p) for n, p in classified if 1.0 - float(p[0]) >= model.gate]
        if not kept:
            return []
        options: list[Argument | None] = [None, *facts.arguments]
        own = {role: [model.rankers[role].score(argument_own_features(facts, a))
                      for a in facts.arguments] for role in ROLES}
        out = []
        for n, probs in kept:
            cand = facts.candidates[n]
            k = max(range(1, len(probs)), key=lambda j: probs[j])
            cls = by_name[model.classes[k]]
            source, p_src = _pick(self._scores(facts, n, "source", own), options)
            target, p_tgt = _pick(self._scores(facts, n, "target", own), options,
                                  exclude=source)
            raw = {"class": _logit(float(probs[k])), "event": _logit(1.0 - float(probs[0])),
                   "source": _logit(p_src), "target": _logit(p_tgt),
                   "rule": float(bool(cand.rule) and self.ontology.class_of(cand.frame.code)
                                 == cls),
                   "no_source": float(source is None), "no_target": float(target is None)}
            out.append(Decision(n, cls, self.code_for(cls, cand.frame.code),
                                source.head if source else None,
                                target.head if target else None,
                                model.calibrator(raw), raw))
        return out

    def _scores(self, facts: SentenceFacts, n: int, role: str,
                own: dict[str, list[float]]) -> list[float]:
        """The ranker's scores of "none" and of each argument for ``role`` of candidate ``n``."""
        ranker = self.model.rankers[role]
        scores = [ranker.bias + ranker.score(none_features(facts, n, role))]
        for a, base in zip(facts.arguments, own[role], strict=True):
            scores.append(ranker.bias + base + ranker.score(
                argument_link_features(facts, n, a, role)))
        return scores
