"""Speaker resolution: the words naming a speaker in a sentence -> an ``ActorRef``.

A name, a title with a name, a country, an organisation or a collective ("the Europeans") resolves
through the actor mentions of the sentence. A pronoun or a bare title ("he", "the minister",
"Russia's top diplomat") resolves to the nearest compatible earlier speaker of the article, then
to the nearest compatible earlier mention; first-person pronouns inside a direct quote resolve to
the quote's speaker. A resolved reference keeps the local words in ``chain`` (as the event coder
does for pronouns): ``ref.span`` is the antecedent, ``chain[-1]`` the words in the sentence.

The resolver keeps the speakers seen so far in the article it was made for: make one per article.
This is deliberately small and explicit; it belongs in the actor layer once coreference lands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from thucydides.nlp.syntax import View
from thucydides.records import ActorRef, Mention, Span

FIRST_PERSON = frozenset({"i", "me", "we", "us", "myself", "ourselves"})
PERSONAL = frozenset({"he", "she", "him", "her", "himself", "herself"})
COLLECTIVE = frozenset({"they", "them", "it", "themselves", "itself"})
# Singular nouns that name one office-holder: with "the" or a country they point back to a
# person already named ("the minister", "Russia's top diplomat").
TITLES = frozenset({
    "minister", "president", "spokesman", "spokeswoman", "spokesperson", "official",
    "diplomat", "ambassador", "chancellor", "premier", "leader", "secretary", "senator",
    "governor", "mayor", "chief", "envoy", "general", "commander", "lawmaker", "candidate",
    "congressman", "congresswoman", "representative", "king", "queen", "prince", "emir",
    "director", "chairman", "chairwoman", "head", "negotiator", "prosecutor", "judge",
    "attorney", "lawyer", "sheikh", "cleric", "pope", "prime", "woman", "man",
})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
LOOKBACK = 4  # sentences a pronoun may reach back to a mention


@dataclass(frozen=True, slots=True)
class Said:
    """A speaker seen earlier in the article."""

    ref: ActorRef
    person: bool
    country: str | None
    sentence: int


def local(ref: ActorRef) -> Span:
    """The words naming the speaker in its own sentence."""
    return ref.chain[-1] if ref.chain else ref.span


def speaker_name(ref: ActorRef | None, text: str) -> str | None:
    """A readable name of the speaker: a person's or an institution's name from the knowledge
    base, else the phrase naming the speaker (None for a bare pronoun)."""
    if ref is None:
        return None
    if ref.actor is not None and ref.actor.kind not in (None, "agent"):
        return ref.actor.name
    phrase = ref.span.of(text)
    if phrase.lower() in FIRST_PERSON | PERSONAL | COLLECTIVE:
        return None
    return phrase


def best_mention(mentions: Sequence[Mention], span: Span, head: Span) -> Mention | None:
    """The mention a phrase rests on: the one at its head, else the first specific one."""
    inside = [m for m in mentions if span.contains(m.span) or m.span.contains(head)]
    at_head = [m for m in inside if m.span.overlaps(head)]
    if at_head:
        return at_head[0]
    return min(inside, key=lambda m: (m.kind == "agent", m.span.start), default=None)


def _is_person(view: View, ref: ActorRef) -> bool:
    if ref.actor is not None:
        return ref.actor.kind == "person"
    return any(t.ent == "PERSON" for t in view.tokens
               if ref.span.start <= t.start and t.end <= ref.span.end)


def _definite(view: View, i: int) -> bool:
    return any(c.dep == "poss" or (c.dep == "det" and c.lower in ("the", "this", "that"))
               for c in view.children(i))


@dataclass
class Resolver:
    """Speakers of one article, resolved in reading order (``mentions`` in text order)."""

    mentions: Sequence[Mention]
    history: list[Said] = field(default_factory=list)
    by_sentence: dict[int, list[Mention]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_sentence = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)

    def ref(self, view: View, i: int) -> ActorRef:
        """The phrase of token ``i`` with the actor of the mention it rests on (no history)."""
        tok = view.tokens[i]
        span = view.np_span(i)
        best = best_mention(self.by_sentence.get(view.sentence.index, ()), span, tok.span)
        if best is None:
            return ActorRef(span, tok.span)
        return ActorRef(span, tok.span, best.actor, best.span)

    def speaker(self, view: View, i: int, quoting: ActorRef | None = None) -> ActorRef:
        """Resolve the speaker token ``i``; ``quoting`` is the speaker of a direct quote the
        token is inside of (for "I" and "we"). The result is remembered."""
        tok = view.tokens[i]
        own = self.ref(view, i)
        found: Said | None = None
        if tok.lower in FIRST_PERSON:
            found = self._said(quoting)
        elif tok.lower in PERSONAL:
            found = self._antecedent(view, person=True, country=None)
        elif tok.lower in COLLECTIVE:
            found = self._antecedent(view, person=False, country=None)
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
        if tok.lemma not in TITLES or tok.tag in PLURAL_TAGS or tok.pos != "NOUN":
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
