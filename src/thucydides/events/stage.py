"""The events stage: code every parsed sentence of an article."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from thucydides.actors.chains import Discourse
from thucydides.events.coder import EventCoder
from thucydides.pipeline import PerArticle
from thucydides.records import Analysis, Event, Mention


@dataclass(frozen=True)
class Events:
    coder: EventCoder

    def code(self, item: Analysis) -> Analysis:
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in item.mentions or ():
            by_sentence[m.sentence].append(m)
        events: list[Event] = []
        discourse = Discourse.of(item)
        for s in item.sentences or ():
            found: list[Event] = []
            if s.parsed:
                found = self.coder.code_sentence(item.article.text, s, by_sentence[s.index],
                                                 item.article.date, f"s{s.index}", discourse)
            sources = list({e.source.span: e.source for e in found if e.source}.values())
            discourse.add_sentence(by_sentence[s.index], sources)
            events += found
        return dataclasses.replace(item, events=tuple(_local(e) for e in events))

    def stage(self) -> PerArticle:
        return PerArticle("events", self.code,
                          requires=("article", "sentences", "mentions", "chains"),
                          assigns=("events",))


def _local(e: Event) -> Event:
    """``e`` with each actor's ``mention`` the words in the event's own clause ("He" of "He
    accused Ukraine", resolved to a name sentences back)."""
    return dataclasses.replace(e, source=e.source.local() if e.source else None,
                               target=e.target.local() if e.target else None)
