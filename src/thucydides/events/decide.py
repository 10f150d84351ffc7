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
from functools import cached_property

from thucydides.events.candidates import Argument
from thucydides.events.features import (
    SentenceFacts,
    argument_own_features,
    candidate_features,
    none_features,
    role_link_features,
    salience_features,
    shared_link_features,
)
from thucydides.events.location import LOCATIVE, PLACE_ROOTS
from thucydides.events.model import EventModel
from thucydides.events.ontology import EventClass, Ontology

NONE = "none"
ROLES = ("source", "target")
UNKNOWN_KINDS = frozenset({"pron", "noun", "propn", "unresolved"})


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
    salience: float = 0.0  # the main-event ranker's score (log-odds)


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = sum(e)
    return [x / total for x in e]


def _pick(facts: SentenceFacts, scores: Sequence[float], options: Sequence[Argument | None],
          trigger: frozenset[int], exclude: Argument | None = None,
          ) -> tuple[Argument | None, float]:
    """The best option (not the predicate itself, not overlapping ``exclude``) and the
    probability that the right one is it or an equivalent: a phrase overlapping it or
    coordinated with it ("the US, Canada and the EU": any member names the compound actor, as
    the scorers count it)."""
    allowed = [k for k, o in enumerate(options) if o is None or (
        o.head not in trigger
        and (exclude is None or not o.span.overlaps(exclude.span)))]
    probs = _softmax([scores[k] for k in allowed])
    best = max(range(len(allowed)), key=probs.__getitem__)
    chosen = options[allowed[best]]
    if chosen is None:
        return None, probs[best]
    root = facts.conjunct_root(chosen.head)
    mass = sum(p for k, p in zip(allowed, probs, strict=True) if (o := options[k]) is not None
               and (o.span.overlaps(chosen.span) or facts.conjunct_root(o.head) == root))
    return chosen, mass


def _known(facts: SentenceFacts, head: int) -> bool:
    """Does the phrase name an actor of the knowledge base (not a bare noun or pronoun)?"""
    return facts.kind(head) not in UNKNOWN_KINDS


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

    @cached_property
    def by_name(self) -> dict[str, EventClass]:
        return {c.name: c for c in self.ontology.classes}

    @cached_property
    def same_category(self) -> tuple[tuple[int, ...], ...]:
        """For each of the model's classes, the indices of the classes of the same category:
        the same PLOVER category, or for classes without one the same root."""
        by_name = self.by_name
        classes = [by_name.get(c) for c in self.model.classes]
        return tuple(
            () if c is None else tuple(
                j for j, o in enumerate(classes) if o is not None and o.plover == c.plover
                and (c.plover is not None or o.root == c.root))
            for c in classes)

    def code_for(self, cls: EventClass, rule_code: str) -> str:
        """The rule's code when it lies in ``cls``, else the class's base code."""
        if rule_code and self.ontology.class_of(rule_code) == cls:
            return rule_code
        return cls.base

    def decide(self, facts: SentenceFacts) -> list[Decision]:
        """A decision for every candidate the model finds possibly an event (the probability
        of an event at least the model's ``gate``), in candidate order. A clause candidate
        needs an actor of the knowledge base (see ``EventCoder.decisions``): in a sentence that
        names none and has no pronoun to resolve, it is not decided at all."""
        model = self.model
        by_name = self.by_name
        terms = model.classifier_terms.tfidf(facts.terms)
        classified = [(n, model.classify(candidate_features(facts, n), terms))
                      for n in range(len(facts.candidates))]
        kept = [(n, p) for n, p in classified if 1.0 - float(p[0]) >= model.gate
                and (facts.candidates[n].rule or facts.codable)]
        if not kept:
            return []
        options: list[Argument | None] = [None, *facts.args]
        own_features = [argument_own_features(facts, a) for a in facts.args]
        own = {role: [model.rankers[role].score(f) for f in own_features] for role in ROLES}
        out = []
        for n, probs in kept:
            cand = facts.candidates[n]
            k = max(range(1, len(probs)), key=lambda j: probs[j])
            cls = by_name[model.classes[k]]
            trigger = frozenset({cand.frame.pred, cand.anchor})
            shared = [shared_link_features(facts, n, a) for a in facts.args]
            source, p_src = _pick(facts, self._scores(facts, n, "source", own, shared), options,
                                  trigger)
            places = frozenset() if cls.root in PLACE_ROOTS else self._places(facts)
            target, p_tgt = _pick(facts, self._scores(facts, n, "target", own, shared, source),
                                  options, trigger | places, exclude=source)
            same = float(sum(probs[j] for j in self.same_category[k]))
            raw = {"class": _logit(float(probs[k])), "event": _logit(1.0 - float(probs[0])),
                   "category": _logit(same),
                   "source": _logit(p_src), "target": _logit(p_tgt),
                   "rule": float(bool(cand.rule) and self.ontology.class_of(cand.frame.code)
                                 == cls),
                   "no_source": float(source is None), "no_target": float(target is None),
                   "source_known": float(source is not None and _known(facts, source.head)),
                   "target_known": float(target is not None and _known(facts, target.head))}
            main = model.rankers.get("main")
            salience = main.bias + main.score(salience_features(facts, n)) if main else 0.0
            out.append(Decision(n, cls, self.code_for(cls, cand.frame.code),
                                source.head if source else None,
                                target.head if target else None,
                                model.calibrator(raw), raw, salience))
        return out

    @staticmethod
    def _places(facts: SentenceFacts) -> frozenset[int]:
        """Heads of the sentence's locative city phrases ("talks *in Geneva*"): where an event
        happened, not whom it was aimed at."""
        view = facts.view
        out = set()
        for a in facts.args:
            tok = view.tokens[a.head]
            if tok.dep == "pobj" and view.tokens[tok.head].lower in LOCATIVE and (
                    facts.is_city is not None and a.head not in facts.kinds
                    and facts.is_city(tok.text)):
                out.add(a.head)
        return frozenset(out)

    def _scores(self, facts: SentenceFacts, n: int, role: str, own: dict[str, list[float]],
                shared: Sequence[Sequence[str]], source: Argument | None = None) -> list[float]:
        """The ranker's scores of "none" and of each argument for ``role`` of candidate ``n``
        (a target's given the chosen ``source``); ``shared`` are the arguments' features of
        any role, computed once for both rankers."""
        ranker = self.model.rankers[role]
        scores = [ranker.bias + ranker.score(none_features(facts, n, role, source))]
        # the role's own features (role_link_features) are few and mostly absent: they are
        # scored for the arguments that have any, the same features as in training
        marked = facts.rule_args(n, "source") | facts.rule_args(n, "target")
        group = facts.conjunct_root(source.head) if source is not None else -1
        for a, base, feats in zip(facts.args, own[role], shared, strict=True):
            score = ranker.bias + base + ranker.score(feats)
            if a.head in marked or facts.conjunct_root(a.head) == group:
                score += ranker.score(role_link_features(facts, n, a, role, source))
            scores.append(score)
        return scores
