"""When an event happened: the temporal expression attached to its predicate, resolved against
the article's date ("on Friday", "in February", "last year"), or the article's date itself."""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from thucydides.nlp.syntax import View
from thucydides.nlp.temporal import DAY, DEICTIC, MONTHS, WEEKDAYS, YEAR
from thucydides.records import EventDate, Span

TEMPORAL_PREPS = frozenset({"on", "in", "during", "since", "at", "last", "this", "by", "until",
                            "from", "early", "late", "before", "after"})
# The time words of the tagger (nlp.temporal), plus the unit words that give a precision.
DAY_PARTS = ("morning", "evening", "afternoon", "night")
MONTH_NAMES = frozenset(m.rstrip(".") for m in MONTHS)  # "Sept." and "Sept" alike


def _words(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_DAY = re.compile(rf"\b({DAY.pattern}|{_words({*WEEKDAYS, *DEICTIC, *DAY_PARTS})})\b",
                  re.IGNORECASE)
_MONTH = re.compile(rf"\b({_words(MONTH_NAMES | {'month'})})\b", re.IGNORECASE)
_YEAR = re.compile(rf"\b({YEAR.pattern}|year)\b", re.IGNORECASE)
_VAGUE = re.compile(r"\b(recent|recently|now|currently|ago|weeks?|decades?|centur(y|ies)|"
                    r"days?|hours?|years?\s+ago)\b", re.IGNORECASE)


def precision_of(expression: str) -> str | None:
    """day, month or year: the finest unit the expression names; None when it names none."""
    if _DAY.search(expression) and not re.search(r"\bdays?\b", expression, re.IGNORECASE):
        return "day"
    if _MONTH.search(expression):
        return "month"
    if _YEAR.search(expression):
        return "year"
    return None


@functools.lru_cache(maxsize=4096)
def _parse(expression: str, base: dt.date | None) -> dt.date | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": [], "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


# temporal's weekday words in calendar order (Monday is 0, as in ``date.weekday()``)
WEEKDAY_ORDER = tuple(sorted(WEEKDAYS, key=lambda d: "montuewedthufrisatsun".index(d[:3])))
_ABS_YEAR = re.compile(rf"\b({YEAR.pattern})\b")
_THIS_YEAR = re.compile(r"\s*(this|last|next) year\b", re.IGNORECASE)


def _weekday(expression: str, base: dt.date, future: bool) -> dt.date | None:
    """The weekday named, nearest to ``base`` on the side of its tense (base itself included):
    news says "on Friday" of the day it is published as often as of the week before."""
    low = expression.lower()
    for n, name in enumerate(WEEKDAY_ORDER):
        if re.search(rf"\b{name}\b", low):
            delta = (n - base.weekday()) % 7
            return base + dt.timedelta(days=delta) if future else base - dt.timedelta(
                days=(base.weekday() - n) % 7)
    return None


def resolve(expression: str, base: dt.date | None, future: bool = False) -> EventDate | None:
    """Resolve a temporal expression against ``base``; None when it cannot be placed."""
    precision = precision_of(expression)
    if precision is None or _VAGUE.search(expression):
        return None
    if base is None and not _ABS_YEAR.search(expression):
        return None  # "on Friday", "last year" with no article date: unknown
    cleaned = re.sub(r"^(on|in|during|at|since|by|until|from|early|late)\s+", "", expression,
                     flags=re.IGNORECASE)
    day = None
    if base is not None and precision == "day" and not _MONTH.search(cleaned):
        day = _weekday(cleaned, base, future)
    if day is None:
        year_word = _THIS_YEAR.search(cleaned)
        if year_word and base is not None and precision == "month":
            offset = {"this": 0, "last": -1, "next": 1}[year_word.group(1).lower()]
            cleaned = f"{_THIS_YEAR.sub('', cleaned)} {base.year + offset}"
        day = _parse(cleaned, base)
    if day is None:
        return None
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}
    return EventDate(value[precision], precision, "expression")


def period_start(value: str) -> dt.date:
    """The first day of a date value of any precision ("2022", "2022-03", "2022-03-15")."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], *([*parts[1:], 1, 1])[:2])


@dataclass(frozen=True)
class DateFinder:
    """Finds the temporal expression attached to a predicate in a parsed sentence."""

    def expression(self, view: View, pred: int) -> Span | None:
        for c in view.children(pred):
            if c.ent == "DATE" and c.dep in ("npadvmod", "tmod", "obl", "advmod", "dobj"):
                return self._entity(view, c.i)
            if c.dep == "prep" and c.lower in TEMPORAL_PREPS:
                for o in view.children(c.i, frozenset({"pobj"})):
                    if o.ent == "DATE":
                        ent = self._entity(view, o.i)
                        return Span(c.start, ent.end)
        return None

    def _entity(self, view: View, i: int) -> Span:
        toks = view.tokens
        lo = i
        while lo > 0 and toks[lo].ent_iob == "I" and toks[lo - 1].ent == "DATE":
            lo -= 1
        hi = i
        while hi + 1 < len(toks) and toks[hi + 1].ent == "DATE" and toks[hi + 1].ent_iob == "I":
            hi += 1
        return Span(toks[lo].start, toks[hi].end)

    def date(self, view: View, pred: int, text: str, article_date: dt.date | None,
             future: bool = False) -> EventDate | None:
        span = self.expression(view, pred)
        if span is not None:
            resolved = resolve(span.of(text), article_date, future)
            if resolved is not None:
                return EventDate(resolved.value, resolved.precision, "expression", span)
        if article_date is None:
            return None
        return EventDate(article_date.isoformat(), "day", "article")
