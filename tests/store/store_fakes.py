"""A fake coder for the store tests: quick, deterministic, no model. It codes an event for each
sentence that names two of a few countries (first -> second, CAMEO 040 or 190 for "attack"),
a quote for each sentence with a quotation, and fails articles that contain "FAIL-ME"."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from thucydides.records import (
    Actor,
    ActorRef,
    Analysis,
    Article,
    ErrorRecord,
    Event,
    EventDate,
    Mention,
    Quote,
    Sentence,
    Span,
)

COUNTRIES = {"Serbia": "SRB", "Kosovo": "XKX", "Russia": "RUS", "Ukraine": "UKR",
             "Italy": "ITA", "Belgrade": "SRB", "Pristina": "XKX", "NATO": "IGOWSTNAT"}
NAMES = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def sentences(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def ref(m: re.Match[str]) -> ActorRef:
    span = Span(m.start(), m.end())
    code = COUNTRIES[m.group()]
    actor = Actor(code, m.group(), f"country:{code}", code[:3] if len(code) == 3 else None)
    return ActorRef(span, span, actor, span)


def events(text: str, sents: list[Span], date: str | None) -> tuple[Event, ...]:
    """First name -> second; a meeting of three or more, first -> each other one, a compound
    group ("Italy, Russia and Ukraine met.": Italy -> Russia, Italy -> Ukraine)."""
    out = []
    for i, s in enumerate(sents):
        found = [m for m in NAMES.finditer(text, s.start, s.end)]
        if len(found) >= 2:
            cameo = "190" if "attack" in s.of(text) else "040"
            when = EventDate(date, "day", "article") if date else None
            group = f"s{i}.0" if len(found) > 2 and " met" in s.of(text) else None
            out += [Event(ref(found[0]), ref(t), cameo, "CONSULT", None, None, 1.0, 1, 1,
                          Span(found[0].end(), found[1].start()), s,
                          negated=" not " in s.of(text), date=when, group=group)
                    for t in found[1:len(found) if group else 2]]
    return tuple(out)


def quotes(text: str, sents: list[Span]) -> tuple[Quote, ...]:
    return tuple(Quote(None, None, (s,), "direct", attribution="speech",
                        confidence=0.9) for s in sents if '"' in s.of(text))


class FakeCoder:
    def __init__(self, delay: float = 0.0, fail_after: int | None = None) -> None:
        self.delay, self.fail_after, self.seen = delay, fail_after, 0

    def analyse(self, a: Article) -> Analysis:
        self.seen += 1
        if self.fail_after is not None and self.seen > self.fail_after:
            raise RuntimeError("the fake coder broke down")
        time.sleep(self.delay)
        if "FAIL-ME" in a.text:
            return Analysis(a, errors=(ErrorRecord(a.id, "events", "E401", "fake failure"),))
        sents = sentences(a.text)
        date = a.date.isoformat() if a.date else None
        mentions = tuple(Mention(r.span, i, r.actor, "country")
                         for i, s in enumerate(sents)
                         for r in map(ref, NAMES.finditer(a.text, s.start, s.end)))
        return Analysis(a, tuple(Sentence(i, s) for i, s in enumerate(sents)), mentions,
                        events(a.text, sents, date), quotes(a.text, sents))

    def run(self, items: Iterable[Article]) -> Iterator[Analysis]:
        for a in items:
            yield self.analyse(a)


def fake_factory(settings: object) -> FakeCoder:
    """For Dask workers: records each load (one file per load) in $FAKE_LOADS."""
    folder = os.environ.get("FAKE_LOADS")
    if folder:
        Path(folder, f"{os.getpid()}-{time.time_ns()}").touch()
    return FakeCoder()
