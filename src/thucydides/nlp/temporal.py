"""Time expressions by rule, so that the coder needs no named-entity recogniser (the costliest
component of the English pipeline): marks tokens of expressions such as "Friday", "on 4 October
2007", "in February", "last year", "this week", "earlier this month", "three days ago" with
entity type DATE (B/I), as spaCy's NER would."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from thucydides.records import Token

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday"})
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "jan.", "feb", "feb.", "mar.", "apr", "apr.",
    "jun.", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.",
    "dec", "dec."})
DEICTIC = frozenset({"today", "yesterday", "tomorrow", "tonight"})
UNITS = frozenset({"week", "weeks", "month", "months", "year", "years", "weekend", "day", "days",
                   "decade", "decades", "morning", "afternoon", "evening", "night"})
SHIFTERS = frozenset({"last", "this", "next", "past", "coming", "previous", "earlier", "later",
                      "early", "late", "mid"})
YEAR = re.compile(r"(1[89]|20)\d\d")
DAY = re.compile(r"\d{1,2}(st|nd|rd|th)?")
# "May" and "March" are also a modal and a verb: they count only next to a day or a year.
AMBIGUOUS_MONTHS = frozenset({"may", "march"})


def _is_day(toks: Sequence[Token], i: int) -> bool:
    return 0 <= i < len(toks) and DAY.fullmatch(toks[i].text) is not None


def _is_year(toks: Sequence[Token], i: int) -> bool:
    return 0 <= i < len(toks) and YEAR.fullmatch(toks[i].text) is not None


def _core(toks: Sequence[Token], i: int) -> bool:
    """Is token ``i`` a time word on its own?"""
    low = toks[i].lower
    if low in WEEKDAYS or low in DEICTIC:
        return True
    if low in MONTHS and low not in AMBIGUOUS_MONTHS:
        return True
    if low in AMBIGUOUS_MONTHS and toks[i].text[0].isupper():
        return _is_day(toks, i + 1) or _is_year(toks, i + 1) or _is_day(toks, i - 1)
    return _is_year(toks, i) and toks[i].pos in ("NUM", "PROPN", "NOUN")


def _grows(toks: Sequence[Token], marks: list[bool], i: int) -> bool:
    """Does unmarked token ``i`` belong to a marked neighbour ("4 October", "last Friday",
    "October of 2007")?"""
    left = i > 0 and marks[i - 1]
    right = i + 1 < len(toks) and marks[i + 1]
    if (left or right) and _is_day(toks, i):
        return True
    if right and toks[i].lower in SHIFTERS:
        return True
    return left and toks[i].lower == "of" and _is_year(toks, i + 1)


def _extend(toks: Sequence[Token], marks: list[bool]) -> None:
    """Grow marked cores over days and shifters; mark unit phrases ("last week", "three days
    ago")."""
    changed = True
    while changed:
        changed = False
        for i in range(len(toks)):
            if not marks[i] and _grows(toks, marks, i):
                marks[i] = changed = True
    for i, tok in enumerate(toks):
        if tok.lower in UNITS and i > 0 and toks[i - 1].lower in SHIFTERS:
            marks[i - 1] = marks[i] = True
            if i > 1 and toks[i - 2].lower in ("earlier", "later", "early", "late"):
                marks[i - 2] = True
        if tok.lower == "ago" and i > 0 and toks[i - 1].lower in UNITS:
            for k in range(max(0, i - 2), i + 1):
                marks[k] = True


def tag_dates(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """The tokens with time expressions marked DATE (B/I); other entity marks are kept."""
    toks = list(tokens)
    marks = [_core(toks, i) for i in range(len(toks))]
    _extend(toks, marks)
    out = []
    for i, tok in enumerate(toks):
        if marks[i]:
            iob = "I" if i > 0 and marks[i - 1] else "B"
            tok = dataclasses.replace(tok, ent="DATE", ent_iob=iob)
        out.append(tok)
    return tuple(out)
