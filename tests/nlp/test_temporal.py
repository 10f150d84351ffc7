"""Time expressions: the rule tagger (no NER) and their resolution against the article date."""

from __future__ import annotations

import datetime as dt

import pytest

from parsing import parse
from thucydides.events.dates import resolve
from thucydides.nlp.temporal import tag_dates


def marked(words: str, pos: dict[str, str] | None = None) -> list[str]:
    pos = pos or {}
    spec = " ".join(f"{w}|{w.lower()}|{pos.get(w, 'X')}|dep|0" for w in words.split())
    _, sentence = parse(spec)
    return [t.text for t in tag_dates(sentence.tokens) if t.ent == "DATE"]


@pytest.mark.parametrize(
    ("words", "dates"),
    [
        ("met on Friday .", ["Friday"]),
        ("On 17 November 2009 , the court ruled", ["17", "November", "2009"]),
        ("talks in February", ["February"]),
        ("last year and earlier this month", ["last", "year", "earlier", "this", "month"]),
        ("three days ago", ["three", "days", "ago"]),
        ("Ruto on August 21 held talks", ["August", "21"]),
        ("they may meet", []),  # the modal, not the month
        ("in March 2020", ["March", "2020"]),
        ("the march began", []),
        ("in 2014", ["2014"]),
    ],
)
def test_tagger(words, dates):
    assert marked(words, {"2014": "NUM", "2009": "NUM", "2020": "NUM"}) == dates


BASE = dt.date(2022, 4, 1)  # a Friday


@pytest.mark.parametrize(
    ("expression", "base", "future", "value", "precision"),
    [
        ("on Friday", BASE, False, "2022-04-01", "day"),  # the day of publication itself
        ("on Tuesday", BASE, False, "2022-03-29", "day"),
        ("on Monday", BASE, True, "2022-04-04", "day"),  # future tense: the coming Monday
        ("in February", BASE, False, "2022-02", "month"),
        ("last year", BASE, False, "2021", "year"),
        ("yesterday", BASE, False, "2022-03-31", "day"),
        ("on 17 November 2009", BASE, False, "2009-11-17", "day"),
        ("in July last year", BASE, False, "2021-07", "month"),
        ("in 2014", None, False, "2014", "year"),  # absolute: no article date needed
    ],
)
def test_resolution(expression, base, future, value, precision):
    date = resolve(expression, base, future)
    assert (date.value, date.precision) == (value, precision)


@pytest.mark.parametrize(
    ("expression", "base"),
    [("on Friday", None), ("last year", None), ("three days ago", None), ("three days ago", BASE),
     ("recently", BASE), ("last week", BASE)],
)
def test_unplaceable_expressions(expression, base):
    """Relative expressions without an article date, and vague ones, resolve to nothing."""
    assert resolve(expression, base) is None
