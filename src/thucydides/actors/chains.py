"""The mention-chain stage: the words of an article that refer back to an actor named elsewhere,
linked to it once, for the events and quotes stages to read. Every pronoun list comes from the
pronoun table (``thucydides.nlp.pronouns``).

The stage (``Chains``), on the actor mentions and the parse:

1. mentions that refer back (``coref``): later surnames, definite descriptions, counterparts;
   their ``actor`` becomes the antecedent's and ``chain`` its span;
2. pronouns with an antecedent in their own sentence (``clause_antecedent``): the subject of a
   clause above them ("Peru says *it* will not sign ...").

Each link is a ``Chain`` record (``Analysis.chains``). What the stage cannot know yet is read in
reading order by the stage that knows it, through this layer's resolvers:

- ``Discourse``: a third person pronoun with no antecedent in its sentence takes an actor of the
  sentences before; "they" takes the sources of the previous sentence's events (the events
  stage feeds them).
- ``thucydides.actors.speakers.Speakers``: the speaker of a quote ("he said", "the minister
  said", "we" inside a direct quote) is resolved against the speakers before it (the quotes
  stage feeds them).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from thucydides.actors.coref import Terms, resolve_mentions, term_of
from thucydides.actors.kb import KnowledgeBase
from thucydides.actors.matcher import Agent, load_agents
from thucydides.actors.phrases import phrase_ref
from thucydides.nlp.pronouns import Pronouns, pronouns
from thucydides.nlp.syntax import SUBJ, View
from thucydides.pipeline import PerArticle
from thucydides.records import ActorRef, Analysis, Chain, Mention, Sentence, Span, Token

OBJECTS = frozenset({"dobj", "obj", "pobj", "dative", "iobj"})
VERBAL = frozenset({"VERB", "AUX"})
CLIMB = 12  # most links climbed from a pronoun to the clause of its antecedent
GROUP_KINDS = frozenset({"state", "territory", "igo", "bloc", "party", "armed_group",
                         "organization", "ngo", "company", "media", "composed", "agent"})
WINDOW = 1500  # characters: how far back an antecedent across sentences may be


def clause_antecedent(view: View, i: int, table: Pronouns) -> int | None:
    """A pronoun's antecedent in its sentence: the subject of a clause above it ("Peru says
    *it* will not sign ..."). An object pronoun does not corefer with the subject of its own
    clause ("Chile criticised *them*": not Chile), a possessive may ("Chile recalled *its*
    envoy"); the subject is no pronoun, and not the phrase the pronoun is in."""
    k = i
    own = view.tokens[i].dep in OBJECTS
    for _ in range(CLIMB):
        tok = view.tokens[k]
        if tok.head == k:
            return None
        k = tok.head
        subj = view.child(k, SUBJ)
        if own and view.tokens[k].pos in VERBAL:
            own = False  # the pronoun's own clause: its subject is not the antecedent
            continue
        if (subj is not None and subj.lower not in table.actor_like and subj.lower != "who"
                and i not in view.subtree(subj.i)):
            return subj.i
    return None


def antecedent_ref(m: Mention, words: Span) -> ActorRef:
    """The mention ``m`` as what ``words`` refer back to."""
    head = m.parts[-1] if m.parts else m.span
    return ActorRef(m.span, head, m.actor, m.span, (words,))


def _in_sentences(mentions: Sequence[Mention], sentences: Sequence[Sentence]) -> list[Mention]:
    """Sentence indices for the mentions the chains added (surnames, at -1); those outside every
    sentence are dropped."""
    starts = [s.span.start for s in sentences]
    out = []
    for m in mentions:
        if m.sentence < 0:
            k = bisect.bisect_right(starts, m.span.start) - 1
            if k < 0 or not sentences[k].span.contains(m.span):
                continue
            m = dataclasses.replace(m, sentence=sentences[k].index)
        out.append(m)
    return out


@dataclass(frozen=True)
class Chains:
    """The stage over a knowledge base, the agent terms and the pronoun table."""

    kb: KnowledgeBase
    terms: Terms
    table: Pronouns

    @classmethod
    def load(cls, kb: KnowledgeBase, agents: tuple[Agent, ...] | None = None,
             table: Pronouns | None = None) -> Chains:
        """The stage over ``kb`` with the agent terms and the pronoun table (loaded unless
        given)."""
        agents = load_agents(kb.sectors) if agents is None else agents
        return cls(kb, Terms.of(agents), table or pronouns())

    def link(self, item: Analysis) -> Analysis:
        """The article's mentions with their chains resolved, and every link as a ``Chain``."""
        article, sentences = item.article, item.sentences or ()
        before = item.mentions or ()
        resolved = resolve_mentions(article.text, before, self.kb, article.date, self.terms)
        mentions = tuple(_in_sentences(resolved, sentences))
        chains = self.mention_links(article.text, before, mentions)
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        for s in sentences:
            if s.parsed:
                chains += self.pronoun_links(View(s), by_sentence.get(s.index, []))
        chains.sort(key=lambda c: (c.span.start, c.span.end))
        return dataclasses.replace(item, mentions=mentions, chains=tuple(chains))

    def stage(self) -> PerArticle:
        return PerArticle("chains", self.link, requires=("article", "sentences", "mentions"),
                          assigns=("mentions", "chains"))

    def mention_links(self, text: str, before: Sequence[Mention],
                      mentions: Sequence[Mention]) -> list[Chain]:
        """The links of the mentions that refer back: added surnames, counterparts and
        descriptions, each to the mention its chain ends with."""
        found = {m.span for m in before}
        by_span = {m.span: m for m in mentions}
        out = []
        for m in mentions:
            ante = by_span.get(m.chain[-1]) if m.chain else None
            if ante is None:
                continue
            kind = ("surname" if m.span not in found else "counterpart"
                    if term_of(text, m) in self.terms.counterpart else "description")
            out.append(Chain(m.span, m.sentence, kind, (antecedent_ref(ante, m.span),)))
        return out

    def pronoun_links(self, view: View, mentions: Sequence[Mention]) -> list[Chain]:
        """The pronouns of a sentence with an antecedent in it, each to that antecedent's
        phrase."""
        out = []
        for tok in view.tokens:
            ref = self._pronoun_ref(view, tok.i, mentions)
            if ref is not None:
                out.append(Chain(tok.span, view.sentence.index, "pronoun", (ref,)))
        return out

    def _pronoun_ref(self, view: View, i: int, mentions: Sequence[Mention],
                     depth: int = 0) -> ActorRef | None:
        tok = view.tokens[i]
        if tok.pos != "PRON" or tok.lower not in self.table.clause_linked or depth > CLIMB:
            return None
        ante = clause_antecedent(view, i, self.table)
        if ante is None:
            return None
        ref = (self._pronoun_ref(view, ante, mentions, depth + 1)
               or phrase_ref(view, ante, mentions, self.kb.sectors))
        return dataclasses.replace(ref, chain=(*ref.chain, tok.span))


def pronoun_chains(chains: Sequence[Chain] | None) -> dict[Span, Chain]:
    """The pronoun links of an article, by the pronoun's span."""
    return {c.span: c for c in chains or () if c.kind == "pronoun"}


@dataclass
class Discourse:
    """The pronouns of one article for the events stage, in reading order (mutable: one per
    article). ``words`` are the stage's pronoun links (in their sentence); across sentences the
    discourse remembers the actors mentioned so far and the sources of the last sentence's
    events (the most salient actors):

    - "he", "she" (and "his", "her", "him"): the last person mentioned;
    - "it", "its": the last state, organisation or group mentioned;
    - "they", "them", "their": the sources of the previous sentence's events when there were
      several ("Chile and Peru signed the accord. They also agreed to ..."), else the last
      group.
    """

    words: Mapping[Span, Chain] = field(default_factory=dict)
    table: Pronouns = field(default_factory=pronouns)
    mentions: list[Mention] = field(default_factory=list)
    last_sources: list[ActorRef] = field(default_factory=list)

    @classmethod
    def of(cls, item: Analysis, table: Pronouns | None = None) -> Discourse:
        """The discourse of an article the chain stage has linked."""
        return cls(pronoun_chains(item.chains), table or pronouns())

    def linked(self, tok: Token) -> ActorRef | None:
        """What a pronoun refers to in its own sentence (None: no link there)."""
        chain = self.words.get(tok.span) if tok.pos == "PRON" else None
        return chain.refs[0] if chain is not None else None

    def add_sentence(self, mentions: list[Mention], sources: list[ActorRef]) -> None:
        self.mentions += mentions
        if sources:
            self.last_sources = sources

    def across(self, tok: Token) -> list[ActorRef]:
        """The antecedents of a third person pronoun that has none in its own sentence."""
        p = self.table.get(tok.lower) if tok.pos == "PRON" else None
        if p is None or p.person != 3 or p.reflexive or self.linked(tok) is not None:
            return []
        return self.resolve(tok.lower, tok.span)

    def resolve(self, word: str, pronoun: Span) -> list[ActorRef]:
        """The antecedents across sentences of the third person pronoun ``word``."""
        p = self.table.get(word)
        if p is None or p.person != 3 or p.reflexive:
            return []
        recent = [m for m in self.mentions if m.actor is not None
                  and 0 <= pronoun.start - m.span.end <= WINDOW]
        if p.person_like:
            people = [m for m in recent if m.actor and m.actor.kind == "person"]
            return [antecedent_ref(people[-1], pronoun)] if people else []
        if p.plural and len(self.last_sources) > 1:
            return [dataclasses.replace(s, chain=(*s.chain, pronoun)) for s in self.last_sources]
        groups = [m for m in recent if m.kind in GROUP_KINDS and m.actor
                  and m.actor.kind != "person"]
        return [antecedent_ref(groups[-1], pronoun)] if groups else []
