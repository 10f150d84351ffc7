"""The records every stage reads and writes.

All records are frozen dataclasses. A ``Span`` is a pair of character offsets into the text of the
article it belongs to (``end`` exclusive): records point at text, they never copy it. The one
exception is ``Token.text``/``Token.lemma``, which the coder compares constantly.

The order of the pipeline is visible in the order of this module: an ``Article`` comes in,
``Sentence`` and ``Token`` records come out of the NLP stage, ``Mention`` records out of the actor
stage (and ``Chain`` records out of the mention-chain stage), ``Event`` and ``Quote`` records
out of the coders, and an ``Analysis`` carries them all from stage to stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class WarningRecord:
    """Something changed or uncertain about an article that was still coded: which stage, a
    catalogued code (``W1xx``), a clear message."""

    article_id: str
    stage: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Article:
    """One document as it came in. ``date`` is the publication date (``None``: unknown)."""

    id: str
    text: str
    date: dt.date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    language: str | None = None
    # Stretches of ``text`` that hold no news (pasted boilerplate, related headlines): kept in the
    # text so offsets stay valid, never coded.
    skip: tuple[Span, ...] = ()
    # What was repaired or uncertain (characters replaced, an encoding or a language guessed).
    warnings: tuple[WarningRecord, ...] = ()


# --------------------------------------------------------------------------- nlp


@dataclass(frozen=True, slots=True)
class Token:
    """A token of a parsed sentence. ``i`` and ``head`` index the sentence's ``tokens``."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int
    end: int
    ent: str = ""
    ent_iob: str = "O"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence. ``tokens`` is empty when the triage decided it cannot hold an event."""

    index: int
    span: Span
    tokens: tuple[Token, ...] = ()

    @property
    def parsed(self) -> bool:
        return bool(self.tokens)


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: who a mention refers to, as of the article's date.

    ``code`` is CAMEO-style: an ISO 3166 alpha-3 country code (or an IGO/bloc code) followed by
    sector codes, e.g. ``RUSGOV``, ``USALEG``, ``IGOWSTNAT``.
    """

    code: str | None
    name: str
    id: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text naming or describing an actor, with what it resolved to.

    ``parts`` lists the spans that produced the resolution (e.g. "Russian" and "troops" for
    "Russian troops"); ``chain`` is filled by the mention-chain stage
    (``thucydides.actors.chains``) when the mention refers back to another one: the span of that
    mention ("Lavrov" -> "Sergey Lavrov", "the minister" -> "Sergey Lavrov").
    """

    span: Span
    sentence: int
    actor: Actor | None
    kind: str
    parts: tuple[Span, ...] = ()
    chain: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Chain:
    """One link of a mention chain (the mention-chain stage, ``thucydides.actors.chains``): the
    words ``span`` of sentence ``sentence`` refer back to ``refs``, each the phrase naming the
    actor, with its head, actor and mention, and ``chain`` the words on the way, ending with
    ``span``.

    ``kind``: ``pronoun`` (a pronoun and the subject of a clause above it in its sentence: "Peru
    says *it* ..."), or, for mentions (whose own ``actor`` and ``chain`` the stage also sets),
    ``surname`` ("Lavrov" after "Sergey Lavrov"), ``description`` ("the minister") and
    ``counterpart`` ("his Indian counterpart").
    """

    span: Span
    sentence: int
    kind: str
    refs: tuple[ActorRef, ...]


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event participant: the noun phrase naming it, the actor it resolved to, and the
    mention that resolution rests on. When the participant is a pronoun or a description
    resolved to an earlier phrase, ``span`` is that phrase and ``chain`` the words on the way
    ("it" in "Peru says it will not ...")."""

    span: Span
    head: Span
    actor: Actor | None = None
    mention: Span | None = None
    chain: tuple[Span, ...] = ()

    def local(self) -> ActorRef:
        """This reference with ``mention`` the words in its own clause: the last of ``chain``
        ("he" of "he said" resolved to an earlier "Sergei Lavrov"), else its own mention."""
        if not self.chain:
            return self
        return replace(self, mention=self.chain[-1])


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened. ``basis`` is ``article`` (the publication date) or ``expression``
    (a temporal expression attached to the event, in ``span``)."""

    value: str
    precision: str
    basis: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event took place: the place named in its sentence, resolved offline."""

    span: Span
    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    feature: str


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: one source, at most one target.

    Compound actors ("the US, Canada and the EU imposed ...") expand into several events that
    share ``group``; reciprocal events (``"Moscow and Kiev held talks"``) expand into both
    directions, also sharing ``group``. ``confidence`` is the decision layer's calibrated
    probability that a trained coder would record the event (None when the rules alone coded
    it); ``quote`` indexes the article's quote that holds a statement's content.
    """

    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    plover: str | None
    mode: str | None
    context: str | None
    goldstein: float
    quad_class: int
    penta: int
    trigger: Span
    sentence: Span
    negated: bool = False
    modality: str | None = None
    date: EventDate | None = None
    group: str | None = None
    pattern: str | None = None
    reported_by: Span | None = None
    location: Location | None = None
    confidence: float | None = None
    quote: int | None = None
    # Not output: the phrase of the clause that reports the event as the coder reads the parse
    # ("*Lavrov* said Russia would ..."); the quotes stage, the one writer of ``reported_by``,
    # takes it when no quote with a speaker holds the event.
    reporter: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class EventGroup:
    """Events coded from one clause with several actors, sharing ``Event.group``: a
    ``compound`` event (one event per source-target pair: "the US and Canada sanctioned Russia")
    or a ``reciprocal`` one (the actors act on each other: "Moscow and Kiev held talks", both
    directions). ``events`` index the article's events; ``sources`` and ``targets`` are the
    distinct participants of its members, in order. Built by ``events.groups.event_groups``."""

    id: str
    kind: str
    events: tuple[int, ...]
    sources: tuple[ActorRef, ...] = ()
    targets: tuple[ActorRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement: who said what (filled by the quotes stage of a later issue)."""

    speaker: ActorRef | None
    cue: Span | None
    content: tuple[Span, ...]
    kind: str
    speech_act: str | None = None
    hedged: bool = False
    addressee: ActorRef | None = None
    events: tuple[int, ...] = ()
    # the attribution model's calibrated probability that the quote is right (None: rules)
    confidence: float | None = None
    # what is attributed: "speech", "belief" (believe, want, fear, ...) or "evidence" (a study
    # or report finds); None when the cue lexicon does not know the cue
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """A failure confined to one article: which stage, a catalogued code, a clear message."""

    article_id: str
    stage: str
    code: str
    message: str


# --------------------------------------------------------------------------- the carrier


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the pipeline knows about one article so far. Stages return updated copies."""

    article: Article
    sentences: tuple[Sentence, ...] | None = None
    mentions: tuple[Mention, ...] | None = None
    events: tuple[Event, ...] | None = None
    quotes: tuple[Quote, ...] | None = None
    errors: tuple[ErrorRecord, ...] = field(default=())
    chains: tuple[Chain, ...] | None = None  # last: positional construction stays as it was

    @property
    def failed(self) -> bool:
        return bool(self.errors)
