"""The output contract of ``thucydides code``: one JSON object per input record.

``{"id", "events": [...], "quotes": [...], "errors": [...]}``, and ``"warnings": [...]`` when the
record has any (characters replaced, an encoding or the language guessed: the record was coded
all the same); every span is ``{"text", "start", "end"}`` with offsets into the record's own
``text``.
"""

from __future__ import annotations

from typing import Any

from thucydides.records import (
    Actor,
    ActorRef,
    Analysis,
    ErrorRecord,
    Event,
    Location,
    Quote,
    Span,
    WarningRecord,
)


def span(s: Span | None, text: str) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"text": s.of(text), "start": s.start, "end": s.end}


def actor(a: Actor | None) -> dict[str, Any]:
    if a is None:
        return {"code": None, "name": None, "actor_id": None, "country": None, "sector": None,
                "role": None}
    return {"code": a.code, "name": a.name, "actor_id": a.id, "country": a.country,
            "sector": a.sector, "role": a.role}


def actor_ref(r: ActorRef | None, text: str) -> dict[str, Any] | None:
    if r is None:
        return None
    out = span(r.span, text) or {}
    out.update(actor(r.actor))
    out["head"] = span(r.head, text)
    out["mention"] = span(r.mention, text)
    out["chain"] = [span(c, text) for c in r.chain]
    return out


def event(e: Event, text: str) -> dict[str, Any]:
    return {
        "source": actor_ref(e.source, text),
        "target": actor_ref(e.target, text),
        "cameo": e.cameo,
        "plover": e.plover,
        "mode": e.mode,
        "context": e.context,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "penta": e.penta,
        "negated": e.negated,
        "modality": e.modality,
        "trigger": span(e.trigger, text),
        "sentence": span(e.sentence, text),
        "date": None if e.date is None else {
            "value": e.date.value, "precision": e.date.precision, "basis": e.date.basis,
            "expression": span(e.date.span, text)},
        "group": e.group,
        "reported_by": span(e.reported_by, text),
        "location": location(e.location, text),
        "pattern": e.pattern,
        "confidence": e.confidence,
        "quote": e.quote,
    }


def location(loc: Location | None, text: str) -> dict[str, Any] | None:
    if loc is None:
        return None
    out = span(loc.span, text) or {}
    out.update({"name": loc.name, "country": loc.country, "admin1": loc.admin1, "lat": loc.lat,
                "lon": loc.lon, "feature": loc.feature})
    return out


def quote(q: Quote, text: str) -> dict[str, Any]:
    """A quote; ``speaker`` is the resolved phrase (its ``chain`` ends with the words in the
    quote's own sentence, e.g. "he"), ``speaker_name`` a readable name for it."""
    from thucydides.quotes.speakers import speaker_name

    content = [span(c, text) for c in q.content]
    return {
        "speaker": actor_ref(q.speaker, text),
        "speaker_name": speaker_name(q.speaker, text),
        "cue": span(q.cue, text),
        "content": content[0] if len(content) == 1 else content,
        "kind": q.kind,
        "speech_act": q.speech_act,
        "hedged": q.hedged,
        "addressee": actor_ref(q.addressee, text),
        "events": list(q.events),
    }


def error(err: ErrorRecord | WarningRecord) -> dict[str, Any]:
    return {"stage": err.stage, "code": err.code, "message": err.message}


def quotes_record(item: Analysis) -> dict[str, Any]:
    """The output line of ``thucydides quotes``: the record without its events."""
    out = record(item)
    del out["events"]
    return out


def record(item: Analysis) -> dict[str, Any]:
    text = item.article.text
    out = {
        "id": item.article.id,
        "events": [event(e, text) for e in item.events or ()],
        "quotes": [quote(q, text) for q in item.quotes or ()],
        "errors": [error(e) for e in item.errors],
    }
    if item.article.warnings:
        out["warnings"] = [error(w) for w in item.article.warnings]
    return out
