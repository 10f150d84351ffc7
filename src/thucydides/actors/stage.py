"""The actors stage: every actor mention of the article, resolved as of the article's date.
Mentions that refer back to others ("Lavrov", "the minister") are linked by the next stage,
``chains`` (``thucydides.actors.chains``)."""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from thucydides.actors.compose import mentions_from_hits
from thucydides.actors.kb import KnowledgeBase
from thucydides.actors.matcher import Agent, Matcher, load_agents
from thucydides.pipeline import PerArticle
from thucydides.records import Analysis, Mention


@dataclass(frozen=True)
class Actors:
    kb: KnowledgeBase
    matcher: Matcher

    @classmethod
    def load(cls, kb: KnowledgeBase, agents: tuple[Agent, ...] | None = None) -> Actors:
        """The stage over ``kb``, with the agent terms (loaded unless given)."""
        agents = load_agents(kb.sectors) if agents is None else agents
        return cls(kb, Matcher.load(kb, agents))

    def find(self, item: Analysis) -> Analysis:
        article = item.article
        sentences = item.sentences or ()
        starts = [s.span.start for s in sentences]
        hits = [h for h in self.matcher.find(article.text)
                if not any(h.span.overlaps(s) for s in article.skip)]
        mentions: list[Mention] = []
        for m in mentions_from_hits(article.text, hits, self.kb, article.date):
            k = bisect.bisect_right(starts, m.span.start) - 1
            if k >= 0 and sentences[k].span.contains(m.span):
                mentions.append(dataclasses.replace(m, sentence=sentences[k].index))
        return dataclasses.replace(item, mentions=tuple(mentions))

    def stage(self) -> PerArticle:
        return PerArticle("actors", self.find, requires=("article", "sentences"),
                          assigns=("mentions",))
