"""A fake coder for the web tests: quick, deterministic, no spaCy model.

It reads the fixture articles of this folder: a sentence ``A <verb> B ...`` with A and B among a
few actors (resolved through the real knowledge base, so people get their roles on the date)
becomes an event; ``the ... militia`` is an actor it cannot resolve (its text is the label);
``X said “...”`` becomes a quote. Each event is located at the capital of its target.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from thucydides.actors.kb import KnowledgeBase
from thucydides.output.jsonl import record
from thucydides.records import (
    ActorRef,
    Analysis,
    Article,
    Event,
    EventDate,
    Location,
    Mention,
    Quote,
    Sentence,
    Span,
)

ACTORS = {"Serbia": "country:SRB", "Kosovo": "country:XKX", "Russia": "country:RUS",
          "Ukraine": "country:UKR", "The European Union": "igo:eu",
          "the European Union": "igo:eu", "NATO": "igo:nato",
          "Aleksandar Vucic": "person:aleksandar-vucic", "Albin Kurti": "person:albin-kurti",
          "Vladimir Putin": "person:vladimir-putin",
          "Volodymyr Zelensky": "person:volodymyr-zelensky"}
UNRESOLVED = r"the [^\n]*? militia"
ACTOR = "(" + "|".join(map(re.escape, sorted(ACTORS, key=len, reverse=True))) + "|" + \
    UNRESOLVED + ")"
# verb: CAMEO, PLOVER, Goldstein, quad class
VERBS = {"met with": ("040", "CONSULT", 1.0, 1), "attacked": ("190", "ASSAULT", -10.0, 4),
         "accused": ("112", "ACCUSE", -2.0, 3), "praised": ("051", "SUPPORT", 3.4, 1),
         "sent aid to": ("070", "AID", 7.0, 2), "threatened": ("130", "THREATEN", -4.4, 3),
         "signed an agreement with": ("057", "AGREE", 8.0, 1),
         "imposed sanctions on": ("163", "SANCTION", -8.0, 4)}
CLAUSE = re.compile(ACTOR + r" (" + "|".join(map(re.escape, VERBS)) + r") " + ACTOR)
QUOTE = re.compile(ACTOR + r" (said) “([^”]*)”")
SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s|$)|$)", re.M)
CAPITALS = {"SRB": ("Belgrade", 44.82, 20.46), "XKX": ("Pristina", 42.66, 21.17),
            "RUS": ("Moscow", 55.76, 37.62), "UKR": ("Kyiv", 50.45, 30.52)}


def sentences(text: str) -> list[Span]:
    return [Span(m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
            for m in SENTENCE.finditer(text) if m.group().strip()]


class WebFakeCoder:
    """Has ``run`` (for ``thucydides.runner``), and ``code`` and ``knowledge_base`` (the
    dashboard's service)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.calls = 0

    def knowledge_base(self) -> KnowledgeBase:
        return self.kb

    def ref(self, text: str, m: re.Match[str], group: int, date: dt.date | None) -> ActorRef:
        s = Span(m.start(group), m.end(group))
        actor_id = ACTORS.get(m.group(group))
        actor = self.kb.resolve(actor_id, date) if actor_id else None
        return ActorRef(s, Span(s.end - len(text[s.start:s.end].split()[-1]), s.end), actor, s)

    def events(self, a: Article, sents: list[Span]) -> list[Event]:
        out = []
        for s in sents:
            for m in CLAUSE.finditer(a.text, s.start, s.end):
                cameo, plover, goldstein, quad = VERBS[m.group(2)]
                source, target = self.ref(a.text, m, 1, a.date), self.ref(a.text, m, 3, a.date)
                out.append(Event(source, target, cameo, plover, None, None, goldstein, quad,
                                 1 + quad // 2, Span(m.start(2), m.end(2)), s,
                                 date=EventDate(a.date.isoformat(), "day", "article")
                                 if a.date else None,
                                 group=f"g{len(out)}", location=locate(target, m)))
        return out

    def quotes(self, a: Article, sents: list[Span]) -> list[Quote]:
        return [Quote(self.ref(a.text, m, 1, a.date), Span(m.start(2), m.end(2)),
                      (Span(m.start(3), m.end(3)),), "direct", speech_act="statement")
                for s in sents for m in QUOTE.finditer(a.text, s.start, s.end)]

    def mentions(self, a: Article, sents: list[Span]) -> list[Mention]:
        pattern = re.compile(ACTOR)
        return [Mention(Span(m.start(), m.end()), i, self.ref(a.text, m, 1, a.date).actor,
                        "name" if m.group() in ACTORS else "description")
                for i, s in enumerate(sents) for m in pattern.finditer(a.text, s.start, s.end)]

    def analyse(self, a: Article) -> Analysis:
        sents = sentences(a.text)
        return Analysis(a, tuple(Sentence(i, s) for i, s in enumerate(sents)),
                        tuple(self.mentions(a, sents)), tuple(self.events(a, sents)),
                        tuple(self.quotes(a, sents)))

    def run(self, items: Iterable[Article]) -> Iterator[Analysis]:
        for a in items:
            yield self.analyse(a)

    def code(self, text: str, date: str | None = None, id: str = "doc") -> dict:
        self.calls += 1
        day = dt.date.fromisoformat(date) if date else None
        return record(self.analyse(Article(id=id, text=text, date=day)))


def locate(target: ActorRef, m: re.Match[str]) -> Location | None:
    country = target.actor.country if target.actor else None
    if country not in CAPITALS:
        return None
    name, lat, lon = CAPITALS[country]
    return Location(target.span, name, country, None, lat, lon, "PPLC")
