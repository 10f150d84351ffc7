"""Negation and modality of a predicate, read off its dependents and the clauses above it."""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.nlp.syntax import View

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})  # "wo" of "won't"
# "would" is the future of reported speech ("said it would reopen the consulate") and of
# announcements; it is hypothetical only with a condition ("would retaliate if attacked").
FUTURE_IN_PAST_AUX = frozenset({"would", "'d"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "can", "must", "ca"})  # can't
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp"})


@dataclass(frozen=True, slots=True)
class Mood:
    negated: bool
    modality: str | None


def _negated(view: View, i: int) -> bool:
    for c in view.children(i):
        if c.dep == "neg" or (c.dep in ("advmod", "preconj") and c.lower in ("never", "neither")):
            return True
    return False


def _aux_modality(view: View, i: int) -> str | None:
    for c in view.children(i, frozenset({"aux", "auxpass"})):
        if c.lower in FUTURE_AUX or c.lower in FUTURE_IN_PAST_AUX:
            return "future"
        if c.lower in HYPOTHETICAL_AUX:
            return "hypothetical"
        if c.lower == "going" and view.child(c.i, frozenset({"xcomp"})) is None:
            return "future"
    return None


def _conditional(view: View, i: int) -> bool:
    """Is the clause of ``i``, or a clause above it, introduced by "if"/"unless", or does it
    govern such a clause ("would retaliate *if attacked*")?"""
    for c in view.children(i, frozenset({"advcl"})):
        if any(m.lower in CONDITIONAL_MARKS for m in view.children(c.i, frozenset({"mark"}))):
            return True
    k: int | None = i
    seen = 0
    while k is not None and seen < 12:
        if any(c.lower in CONDITIONAL_MARKS for c in view.children(k, frozenset({"mark"}))):
            return True
        tok = view.tokens[k]
        if tok.dep not in CLAUSE_LINKS:
            return False
        k = tok.head if tok.head != k else None
        seen += 1
    return False


def mood(view: View, pred: int, support: int | None = None) -> Mood:
    """Negation and modality of the predicate ``pred`` (and of its support verb, if any)."""
    preds = [pred] if support is None else [support, pred]
    negated = any(_negated(view, p) for p in preds)
    if support is not None:
        # "no talks were held", "there were no attacks"
        negated = negated or any(c.lower == "no" for c in view.children(pred, frozenset({"det"})))
    modality = None
    for p in preds:
        modality = modality or _aux_modality(view, p)
    if _conditional(view, preds[0]):
        modality = "hypothetical"
    return Mood(negated, modality)
