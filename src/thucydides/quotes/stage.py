"""The quotes stage: who said what in an article, with the events each statement reports."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from thucydides.pipeline import PerArticle
from thucydides.quotes.extract import QuoteFinder
from thucydides.quotes.lexicon import CueLexicon
from thucydides.records import Analysis


@dataclass(frozen=True)
class Quotes:
    finder: QuoteFinder

    @classmethod
    def load(cls, agent_words: frozenset[str] = frozenset(),
             lexicon: CueLexicon | None = None) -> Quotes:
        """The stage with the built-in cue lexicon (or ``lexicon``); ``agent_words`` are the
        actor layer's agent terms, as the event coder gets them."""
        return cls(QuoteFinder(lexicon or CueLexicon.load(), agent_words))

    def quote(self, item: Analysis) -> Analysis:
        quotes, events = self.finder.find(item)
        return dataclasses.replace(item, quotes=quotes, events=events)

    def stage(self) -> PerArticle:
        """Assigns ``quotes``, and rewrites ``events`` only to fill ``reported_by`` of the events
        that lie inside a quote (so that events and quotes agree on who reported what)."""
        return PerArticle("quotes", self.quote,
                          requires=("article", "sentences", "mentions", "events"),
                          assigns=("quotes", "events"))
