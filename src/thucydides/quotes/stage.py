"""The quotes stage: who said what in an article, with the events each statement reports."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from thucydides.pipeline import PerArticle
from thucydides.quotes.attribution import Attributor
from thucydides.quotes.extract import QuoteFinder, finish
from thucydides.quotes.lexicon import CueLexicon
from thucydides.quotes.model import QuoteModel
from thucydides.records import Analysis
from thucydides.settings import ATTRIBUTIONS


@dataclass(frozen=True)
class Quotes:
    """The rules (``finder``), and the attribution model that decides over what they propose
    (None: the rules decide). ``attributions``: the kinds of attribution emitted."""

    finder: QuoteFinder
    model: QuoteModel | None = None
    attributions: tuple[str, ...] = ATTRIBUTIONS

    @classmethod
    def load(cls, agent_words: frozenset[str] = frozenset(), lexicon: CueLexicon | None = None,
             model: QuoteModel | None = None,
             attributions: tuple[str, ...] = ATTRIBUTIONS) -> Quotes:
        """The stage with the built-in cue lexicon (or ``lexicon``); ``agent_words`` are the
        actor layer's agent terms, as the event coder gets them."""
        return cls(QuoteFinder(lexicon or CueLexicon.load(), agent_words), model, attributions)

    def quote(self, item: Analysis) -> Analysis:
        doc, pending = self.finder.propose(item)
        if self.model is not None:
            pending = Attributor(self.model, self.finder.lexicon).pending(doc, pending)
        quotes, events = finish(doc, pending, self.attributions)
        return dataclasses.replace(item, quotes=quotes, events=events)

    def stage(self) -> PerArticle:
        """Assigns ``quotes``, and rewrites ``events`` only to fill ``reported_by`` of the events
        that lie inside a quote (so that events and quotes agree on who reported what)."""
        return PerArticle("quotes", self.quote,
                          requires=("article", "sentences", "mentions", "events"),
                          assigns=("quotes", "events"))
