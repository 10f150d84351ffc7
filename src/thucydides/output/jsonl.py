"""The output contract of ``thucydides code``: one JSON object per input record.

``{"id", "events": [...], "groups": [...], "quotes": [...], "errors": [...]}``, and
``"warnings": [...]`` when the record has any (characters replaced, an encoding or the language
guessed: the record was coded all the same); every span is ``{"text", "start", "end"}`` with
offsets into the record's own ``text``. The fields of each record are those of
``thucydides.output.schema`` marked ``output``; ``groups`` are the event groups
(``events.groups.event_groups``): compound and reciprocal events, by the index of their events.
"""

from __future__ import annotations

from typing import Any

from thucydides.events.groups import event_groups
from thucydides.output import schema
from thucydides.output.fields import SPAN, Context, to_json
from thucydides.records import Analysis, ErrorRecord, Event, Quote, Span, WarningRecord


def span(s: Span | None, text: str) -> dict[str, Any] | None:
    return SPAN.json(s, Context(text))


def event(e: Event, text: str) -> dict[str, Any]:
    return to_json(schema.EVENT, e, Context(text))


def quote(q: Quote, text: str) -> dict[str, Any]:
    return to_json(schema.QUOTE, q, Context(text))


def error(err: ErrorRecord | WarningRecord) -> dict[str, Any]:
    return to_json(schema.ISSUE, err, Context(""))


def quotes_record(item: Analysis) -> dict[str, Any]:
    """The output line of ``thucydides quotes``: the record without its events and groups."""
    out = record(item)
    del out["events"], out["groups"]
    return out


def record(item: Analysis) -> dict[str, Any]:
    ctx, events = Context(item.article.text), item.events or ()
    out = {
        "id": item.article.id,
        "events": [to_json(schema.EVENT, e, ctx) for e in events],
        "groups": [to_json(schema.EVENT_GROUP, g, ctx) for g in event_groups(events)],
        "quotes": [to_json(schema.QUOTE, q, ctx) for q in item.quotes or ()],
        "errors": [error(e) for e in item.errors],
    }
    if item.article.warnings:
        out["warnings"] = [error(w) for w in item.article.warnings]
    return out
