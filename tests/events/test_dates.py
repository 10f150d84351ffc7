"""events.dates reads its time words from the tagger's lists (nlp.temporal): the precision an
expression names, and weekdays in calendar order."""

from __future__ import annotations

import datetime as dt

import pytest

from thucydides.events.dates import WEEKDAY_ORDER, precision_of
from thucydides.nlp.temporal import WEEKDAYS


def test_weekdays_in_calendar_order():
    assert set(WEEKDAY_ORDER) == WEEKDAYS
    week = [WEEKDAY_ORDER[dt.date(2024, 1, day).weekday()] for day in range(1, 8)]  # Mon-Sun
    assert week == ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday"]


@pytest.mark.parametrize(
    ("expression", "precision"),
    [("on Friday", "day"), ("on 17 November 2009", "day"), ("yesterday", "day"),
     ("Tuesday morning", "day"), ("in Sept.", "month"), ("in Sept", "month"),
     ("in Jun.", "month"), ("in February", "month"), ("earlier this month", "month"),
     ("in 2014", "year"), ("last year", "year"), ("three days ago", None), ("recently", None)],
)
def test_precision(expression, precision):
    assert precision_of(expression) == precision
