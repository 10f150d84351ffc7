"""Sentence triage: decide cheaply, before parsing, which sentences may hold an event.

A sentence goes to the parser when one of its tokens is an inflected form of a trigger lemma (verb,
noun or adjective of the event lexicon, or a complement-taking verb). Forms are generated once from
the lemmas with the regular English rules plus the irregular-verb table; over-generation is harmless
(it only lets a sentence through), missing a form would lose events, so the rules err generous.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

VOWELS = frozenset("aeiou")


def _verb_forms(lemma: str) -> set[str]:
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
        if lemma.endswith("ie"):
            forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        es = lemma.endswith(("s", "x", "z", "ch", "sh", "o"))
        forms |= {lemma + ("es" if es else "s"), lemma + "ed", lemma + "ing"}
        last = lemma[-1]
        if last not in VOWELS and last not in "wxy" and len(lemma) > 2 and lemma[-2] in VOWELS:
            forms |= {lemma + last + "ed", lemma + last + "ing"}  # stop -> stopped, ban -> banned
        if lemma.endswith("c"):
            forms |= {lemma + "ked", lemma + "king"}  # panic -> panicked
    return forms


def _noun_forms(lemma: str) -> set[str]:
    forms = {lemma}
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in VOWELS:
        forms.add(lemma[:-1] + "ies")
    elif lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    else:
        forms.add(lemma + "s")
    return forms


def inflections(lemma: str, pos: str, irregular: Mapping[str, Iterable[str]]) -> set[str]:
    """All forms under which ``lemma`` may appear (lower case). Multi-word lemmas: the last word."""
    word = lemma.split()[-1]
    if pos == "VERB":
        return _verb_forms(word) | set(irregular.get(word, ()))
    if pos == "NOUN":
        return _noun_forms(word)
    return {word}


def trigger_forms(
    entries: Iterable[tuple[str, str]], irregular: Mapping[str, Iterable[str]]
) -> frozenset[str]:
    """The set of lower-case word forms of (lemma, pos) entries."""
    forms: set[str] = set()
    for lemma, pos in entries:
        forms |= inflections(lemma, pos, irregular)
    return frozenset(forms)


def needs_parse(words: Iterable[str], forms: frozenset[str]) -> bool:
    """True when any of the (lower-case) words is a trigger form."""
    return any(w in forms for w in words)
