"""Speaker chains: the words naming a speaker in a sentence -> an ``ActorRef``, in reading order.

A name, a title with a name, a country, an organisation or a collective ("the Europeans") takes
the actor of the mention its phrase rests on (``phrases``), already linked by the mention-chain
stage where it refers back ("Lavrov", "the minister"). A pronoun or a bare title ("he", "the
minister", "Russia's top diplomat"; titles: ``data/titles.tsv``) refers back to the nearest
compatible earlier speaker of the article, then to the nearest compatible earlier mention;
first-person pronouns inside a direct quote refer to the quote's speaker. A resolved reference
keeps the local words in ``chain``: ``ref.span`` is the antecedent, ``chain[-1]`` the words in
the sentence.

The quotes stage makes one ``Speakers`` per article and feeds it the speakers it finds, in
reading order (what "he said" refers to depends on who spoke before).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from thucydides.actors.phrases import phrase_ref
from thucydides.datafiles import load_tables
from thucydides.nlp.pronouns import Pronoun, Pronouns, pronouns
from thucydides.nlp.syntax import View
from thucydides.records import ActorRef, Mention

PLURAL_TAGS = frozenset({"NNS", "NNPS"})
LOOKBACK = 4  # sentences a pronoun may reach back to a mention


@functools.cache
def titles() -> frozenset[str]:
    """The title nouns of ``data/titles.tsv`` (read once; the table is immutable)."""
    return frozenset(r["term"] for r in load_tables("thucydides.actors", "titles"))


def refers(p: Pronoun | None) -> str | None:
    """What a speaker pronoun refers back to: ``first`` ("I", "we": the quote's speaker),
    ``person`` ("he", "her", "himself") or ``group`` ("it", "they", "themselves"); None for
    possessives, "you" and other words."""
    if p is None or not p.standalone or p.person == 2:
        return None
    if p.person == 1:
        return "first"
    return "person" if p.person_like else "group"


@dataclass(frozen=True, slots=True)
class Said:
    """A speaker seen earlier in the article."""

    ref: ActorRef
    person: bool
    country: str | None
    sentence: int


def _is_person(view: View, ref: ActorRef) -> bool:
    if ref.actor is not None:
        return ref.actor.kind == "person"
    return any(t.ent == "PERSON" for t in view.tokens
               if ref.span.start <= t.start and t.end <= ref.span.end)


def _definite(view: View, i: int) -> bool:
    return any(c.dep == "poss" or (c.dep == "det" and c.lower in ("the", "this", "that"))
               for c in view.children(i))


@dataclass
class Speakers:
    """Speakers of one article, resolved in reading order (``mentions`` in text order)."""

    mentions: Sequence[Mention]
    table: Pronouns = field(default_factory=pronouns)
    titles: frozenset[str] = field(default_factory=titles)
    history: list[Said] = field(default_factory=list)
    by_sentence: dict[int, list[Mention]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_sentence = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)

    def ref(self, view: View, i: int) -> ActorRef:
        """The phrase of token ``i`` with the actor of the mention it rests on (no history)."""
        ref = phrase_ref(view, i, self.by_sentence.get(view.sentence.index, ()))
        return replace(ref, chain=())

    def speaker(self, view: View, i: int, quoting: ActorRef | None = None) -> ActorRef:
        """Resolve the speaker token ``i``; ``quoting`` is the speaker of a direct quote the
        token is inside of (for "I" and "we"). The result is remembered."""
        tok = view.tokens[i]
        own = self.ref(view, i)
        found: Said | None = None
        kind = refers(self.table.get(tok.lower))
        if kind == "first":
            found = self._said(quoting)
        elif kind is not None:
            found = self._antecedent(view, person=kind == "person", country=None)
        elif self._title(view, i, own):
            country = own.actor.country if own.actor else None
            found = self._antecedent(view, person=True, country=country)
        if found is not None:
            ref = replace(found.ref, chain=(own.span,))
            self.history.append(replace(found, ref=ref, sentence=view.sentence.index))
            return ref
        if tok.pos != "PRON":
            country = own.actor.country if own.actor else None
            self.history.append(Said(own, _is_person(view, own), country, view.sentence.index))
        return own

    def _said(self, ref: ActorRef | None) -> Said | None:
        if ref is None:
            return None
        for said in reversed(self.history):
            if said.ref == ref:
                return said
        return Said(ref, bool(ref.actor and ref.actor.kind == "person"),
                    ref.actor.country if ref.actor else None, -1)

    def _title(self, view: View, i: int, own: ActorRef) -> bool:
        tok = view.tokens[i]
        if tok.lemma not in self.titles or tok.tag in PLURAL_TAGS or tok.pos != "NOUN":
            return False
        if own.actor is not None and own.actor.kind == "person":
            return False  # "Foreign Minister Lavrov", or an office resolved by its holder
        return _definite(view, i) or (own.actor is not None and own.actor.country is not None)

    def _antecedent(self, view: View, person: bool, country: str | None) -> Said | None:
        for said in reversed(self.history):
            if said.person == person and (country is None or said.country == country):
                return said
        here = view.sentence.index
        for k in range(here - 1, here - LOOKBACK - 1, -1):
            for m in reversed(self.by_sentence.get(k, ())):
                if m.actor is None:
                    continue
                if (m.actor.kind == "person") == person and (country is None
                                                             or m.actor.country == country):
                    return Said(ActorRef(m.span, m.span, m.actor, m.span), person,
                                m.actor.country, m.sentence)
        return None

    def last(self) -> ActorRef | None:
        """The latest speaker (for a quote that continues it)."""
        return self.history[-1].ref if self.history else None
