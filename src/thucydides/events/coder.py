"""The event coder: frames of a parsed sentence -> coded events with resolved actors.

Conventions (see docs/events.md):
- One event per source-target pair. Coordinated sources or targets ("the US, Canada and the EU")
  expand into several events sharing a ``group`` id; reciprocal events without a target ("Moscow
  and Kiev held talks") expand into both directions.
- CAMEO 01 statements are emitted only when the statement reports no other event; events inside
  reported speech carry ``reporter`` (the reporting clause's subject), which the quotes stage
  makes their ``reported_by`` (or the speaker of the quote that holds them).
- Participants are phrases of the sentence (``thucydides.actors.phrases``); a pronoun stands for
  what the mention chains link it to (``thucydides.actors.chains``: in its sentence, else
  across sentences through the article's ``Discourse``).
- A negated cooperative event in the future or conditional ("will not lift the embargo") is a
  refusal (CAMEO 12); other negated events keep their code with ``negated`` true.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from thucydides.actors.chains import Discourse
from thucydides.actors.compose import agent_actor
from thucydides.actors.phrases import phrase_ref
from thucydides.actors.places import Gazetteer
from thucydides.actors.sectors import Sectors
from thucydides.events.candidates import Candidate, clause_candidates
from thucydides.events.dates import DateFinder, period_start
from thucydides.events.decide import Decider, Decision
from thucydides.events.features import SentenceFacts
from thucydides.events.frames import (
    ADJUNCT_PREPS,
    RECIPROCAL_CODES,
    RECIPROCAL_ROOTS,
    Frame,
    FrameFinder,
)
from thucydides.events.lexicon import Lexicon
from thucydides.events.location import PLACE_ROOTS, LocationFinder
from thucydides.events.modality import mood
from thucydides.events.ontology import Ontology
from thucydides.nlp.syntax import View
from thucydides.records import ActorRef, Event, Location, Mention, Sentence, Span, Token
from thucydides.settings import Settings

SPEECH_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
FUTURE_INTENT_ROOTS = frozenset({"04", "05", "06", "07", "08"})
REPORT_LINKS = frozenset({"ccomp", "parataxis", "xcomp"})
CLAUSAL = frozenset({"VERB", "AUX", "SCONJ", "PUNCT", "SPACE", "CCONJ"})


def find_frames(view: View, finder: FrameFinder) -> list[Frame]:
    """All frames of the sentence, outer clauses first; words a frame uses yield no other."""
    claimed: set[int] = set()
    frames: list[Frame] = []
    for i in view.outer_first:
        if i in claimed:
            continue
        wrapped = finder.complement(view, i)
        if wrapped is not None:
            frame, used = wrapped
            claimed |= used
            frames.append(frame)
            continue
        frame = finder.clause(view, i)
        if frame is not None:
            claimed |= frame.claimed
            frames.append(frame)
    return frames


def _descriptive(view: View, frame: Frame, frames: Sequence[Frame]) -> bool:
    """Is the frame a description of a participant rather than a reported event? Clauses that
    modify a noun ("the envoy *accused of* spying", "a study *published by* the institute") and
    event nouns inside another event's arguments ("condemned *the attacks* on ...")."""
    k = frame.support if frame.support is not None else frame.pred
    tok = view.tokens[k]
    if tok.pos in ("VERB", "AUX") and tok.dep in ("acl", "relcl", "amod"):
        return True
    if tok.pos not in ("NOUN", "PROPN") or frame.support is not None:
        return False
    preds = {f.support if f.support is not None else f.pred for f in frames if f is not frame}
    for _ in range(12):
        if tok.head == tok.i:
            return False
        tok = view.tokens[tok.head]
        if tok.dep == "prep" and tok.lower in ADJUNCT_PREPS:
            return False  # "after talks with X": an event of its own, not an argument
        if tok.i in preds:
            return True
        if tok.dep in ("ccomp", "advcl", "parataxis", "ROOT") and tok.pos in ("VERB", "AUX"):
            return tok.i in preds
    return False


def _reported(view: View, speech: Frame, other: Frame) -> bool:
    """Is ``other`` inside what the ``speech`` frame reports?"""
    k = other.support if other.support is not None else other.pred
    for _ in range(20):
        tok = view.tokens[k]
        if tok.head == k:
            return False
        if tok.head == speech.pred and tok.dep in REPORT_LINKS:
            return True
        if k == speech.pred:
            return False
        k = tok.head
    return False


def _main_clause_reporter(view: View, frame: Frame, frames: Sequence[Frame]) -> Frame | None:
    """'..., Ruto said.': the speech verb is the root and the event's clause hangs off it."""
    for s in frames:
        if s is not frame and s.code[:2] in SPEECH_ROOTS and _reported(view, s, frame):
            return s
    return None


@dataclass(frozen=True, slots=True)
class Policy:
    """What becomes an event, beyond the rules' and the model's decisions (settings of the same
    names; see ``thucydides.settings``)."""

    emit_negated: bool = True
    emit_statements: bool = True
    min_confidence: float | None = None  # None: the model's own threshold
    main_event: bool = False
    emit_unresolved: bool = False
    emit_hypothetical: bool = False
    emit_forecasts: bool = False

    @classmethod
    def of(cls, settings: Settings) -> Policy:
        """The policy of the settings of the same names (``min_confidence`` < 0: the model's
        own threshold)."""
        return cls(
            emit_negated=settings.emit_negated, emit_statements=settings.emit_statements,
            min_confidence=None if settings.min_confidence < 0 else settings.min_confidence,
            main_event=settings.main_event, emit_unresolved=settings.emit_unresolved,
            emit_hypothetical=settings.emit_hypothetical, emit_forecasts=settings.emit_forecasts)


@dataclass(frozen=True)
class EventCoder:
    finder: FrameFinder
    ontology: Ontology
    dates: DateFinder
    agent_words: frozenset[str] = frozenset()
    policy: Policy = field(default_factory=Policy)
    places: LocationFinder | None = None
    sectors: Sectors = field(default_factory=Sectors.load)
    decider: Decider | None = None

    @classmethod
    def load(cls, lexicon: Lexicon, ontology: Ontology, agent_words: frozenset[str] = frozenset(),
             policy: Policy | None = None, gazetteer: Gazetteer | None = None,
             sectors: Sectors | None = None, decider: Decider | None = None) -> EventCoder:
        """A coder over ``lexicon``; ``sectors`` (e.g. the knowledge base's) names agent actors
        and is loaded unless given. Without a ``decider`` the rules alone code."""
        places = LocationFinder(gazetteer) if gazetteer is not None else None
        return cls(FrameFinder(lexicon), ontology, DateFinder(), agent_words, policy or Policy(),
                   places, sectors if sectors is not None else Sectors.load(), decider)

    # ----------------------------------------------------------------- actors

    def _ref(self, view: View, i: int, mentions: Sequence[Mention],
             discourse: Discourse | None = None) -> ActorRef:
        """The phrase of token ``i``; a pronoun the chains link in its sentence: its
        antecedent."""
        linked = discourse.linked(view.tokens[i]) if discourse is not None else None
        return linked or phrase_ref(view, i, mentions, self.sectors)

    def _refs(self, view: View, heads: Sequence[int], mentions: Sequence[Mention],
              discourse: Discourse | None = None, exclude: frozenset[int] = frozenset(),
              ) -> list[ActorRef]:
        out: list[ActorRef] = []
        for h in heads:
            for k in view.conjuncts(h):
                tok = view.tokens[k]
                if tok.pos in CLAUSAL or k in exclude:
                    continue
                earlier = discourse.across(tok) if discourse is not None else []
                if earlier:
                    out += earlier
                    continue
                out += (self._distributed(view, k, mentions, discourse)
                        or [self._ref(view, k, mentions, discourse)])
        return out

    def _distributed(self, view: View, k: int, mentions: Sequence[Mention],
                     discourse: Discourse | None = None) -> list[ActorRef]:
        """A plural agent over coordinated countries is one actor per country: "the foreign
        ministers *of Russia and Ukraine*" -> RUSGOV, UKRGOV."""
        tok = view.tokens[k]
        if tok.tag not in ("NNS", "NNPS"):
            return []
        owners = list(view.prep_objects(k, {"of"}))
        if not owners or len(members := view.conjuncts(owners[0].i)) < 2:
            return []
        head = self._ref(view, k, mentions, discourse)
        sector = head.actor.sector if head.actor else None
        refs = []
        for m in members:
            ref = self._ref(view, m, mentions, discourse)
            country = ref.actor.country if ref.actor else None
            if ref.actor is None or not (country and sector):
                return []
            actor = agent_actor(sector, self.sectors, base=country, of=ref.actor.name,
                                actor_id=ref.actor.id, country=country,
                                role=head.actor.role if head.actor else None)
            refs.append(replace(ref, actor=actor))
        return refs

    # ----------------------------------------------------------------- events

    def _finalise(self, view: View, frame: Frame) -> tuple[Frame, bool]:
        """Apply negation and modality; return the frame and whether it is negated."""
        m = mood(view, frame.pred, frame.support)
        negated = frame.negated or m.negated
        modality = frame.modality or m.modality
        code = frame.code
        refuses = negated and code[:2] in COOPERATIVE_ROOTS and (
            modality in ("future", "hypothetical") or frame.family == "intent")
        # the "reject" family's code (complement_map's "reject *" row gives one for any code)
        refusal = self.finder.lexicon.transform("reject", code) if refuses else None
        if refusal is not None:
            code, negated = refusal, False
        elif (not negated and modality == "future" and frame.family is None
              and code[:2] in FUTURE_INTENT_ROOTS):
            # PLOVER 2.0 / CAMEO: cooperation reported in the future tense is an intention
            code = self.finder.lexicon.transform("intent", code) or code
        return replace(frame, code=code, modality=modality), negated

    def _pairs(self, frame: Frame, sources: list[ActorRef], targets: list[ActorRef],
               ) -> list[tuple[ActorRef | None, ActorRef | None]]:
        if frame.reciprocal and not targets and len(sources) > 1:
            return [(a, b) for a in sources for b in sources if a is not b]
        src: list[ActorRef | None] = list(sources) or [None]
        tgt: list[ActorRef | None] = list(targets) or [None]
        pairs = []
        seen: set[tuple[object, object]] = set()
        for s in src:
            for t in tgt:
                # an actor acting on itself has no target ("the rebels burned *their* camp")
                t2 = None if _same_actor(s, t) else t
                key = (_identity(s), _identity(t2))  # "Japan, Australia and ... Australia"
                if key not in seen:
                    seen.add(key)
                    pairs.append((s, t2))
        return pairs

    def view(self, sentence: Sentence, mentions: Sequence[Mention]) -> View:
        return View(sentence, tuple(m.span for m in mentions), self.agent_words,
                    self.finder.lexicon.event_nouns)

    def candidates(self, view: View) -> list[Candidate]:
        """What the rules propose in the sentence: its frames (outer clauses first), then the
        main-clause verbs no frame accounts for."""
        found = find_frames(view, self.finder)
        frames = [f for f in found if not _descriptive(view, f, found)]
        out = []
        for frame in frames:
            reporter = _main_clause_reporter(view, frame, frames)
            reports = frame.code[:2] == "01" and any(
                _reported(view, frame, f) for f in frames if f is not frame)
            finished, negated = self._finalise(view, frame)
            speaker = reporter.sources[0] if reporter is not None and reporter.sources else None
            out.append(Candidate(finished, negated, speaker, reports))
        claimed = frozenset().union(*(f.claimed for f in found))
        return out + clause_candidates(view, claimed)

    def code_sentence(self, text: str, sentence: Sentence, mentions: Sequence[Mention],
                      article_date: dt.date | None, group_prefix: str,
                      discourse: Discourse | None = None) -> list[Event]:
        """Events of one parsed sentence: the candidates the rules propose, decided by the model
        (or, without one, by the rules alone), kept or left out by the policy."""
        view = self.view(sentence, mentions)
        candidates = self.candidates(view)
        if self.decider is None:
            events = self._rule_events(view, text, candidates, mentions, article_date,
                                       group_prefix, discourse)
        else:
            events = self._decided_events(view, text, candidates, mentions, article_date,
                                          group_prefix, discourse)
        return _dedupe(self._kept(view, events, article_date))

    def _rule_events(self, view: View, text: str, candidates: Sequence[Candidate],
                     mentions: Sequence[Mention], article_date: dt.date | None,
                     group_prefix: str, discourse: Discourse | None) -> list[Event]:
        events: list[Event] = []
        for n, cand in enumerate(candidates):
            f = cand.frame
            if not cand.rule or (f.code[:2] == "01" and cand.reports):
                continue
            sources = self._refs(view, f.sources, mentions, discourse)
            targets = self._refs(view, f.targets, mentions, discourse)
            if not sources and not targets:
                continue  # who did what to whom: with neither, there is no event to record
            events += self.build(view, text, cand, f.code, sources, targets, mentions,
                                 f"{group_prefix}.{n}", article_date)
            if self.policy.main_event and events:
                break
        return events

    def decisions(self, view: View, text: str, candidates: Sequence[Candidate],
                  mentions: Sequence[Mention], article_date: dt.date | None, group_prefix: str,
                  discourse: Discourse | None = None, threshold: float = 0.0,
                  ) -> list[tuple[Decision, list[Event]]]:
        """The model's decisions with a confidence of at least ``threshold``, most confident
        first, each with the events it makes (the policy's filters applied)."""
        assert self.decider is not None
        if not candidates:
            return []
        facts = SentenceFacts(view, mentions, candidates, None, self.class_names, self.is_city)
        out = []
        for d in sorted(self.decider.decide(facts), key=lambda d: -d.confidence):
            if d.confidence < threshold:
                break
            cand = candidates[d.candidate]
            sources, targets = self._decided_refs(view, d, mentions, discourse)
            if not (sources or targets) or (not cand.rule and not any(
                    _coded(r) for r in (*sources, *targets))):
                # who did what to whom: an event needs an actor, and a clause no lexicon row
                # backs ("Libraries return to ...") needs one the knowledge base knows
                out.append((d, []))
                continue
            pattern = f"{cand.key}~{self.decider.model.name}:{d.event_class.name}"
            found = self.build(view, text, cand, d.code, sources, targets, mentions,
                               f"{group_prefix}.{d.candidate}", article_date,
                               confidence=round(d.confidence, 4), pattern=pattern)
            out.append((d, self._kept(view, found, article_date)))
        return out

    def _decided_refs(self, view: View, d: Decision, mentions: Sequence[Mention],
                      discourse: Discourse | None) -> tuple[list[ActorRef], list[ActorRef]]:
        """The chosen source and target with their conjuncts. A target coordinated with the
        source ("*Moscow* and *Kiev* held talks") stays apart from it, unless the event is
        reciprocal: then the members act on each other (no target, both directions)."""
        src = [] if d.source is None else [d.source]
        tgt = [] if d.target is None else [d.target]
        if d.source is None or d.target is None:
            apart: frozenset[int] = frozenset()
        else:
            apart = frozenset(view.conjuncts(d.source)) & frozenset(view.conjuncts(d.target))
        if apart and (d.code[:2] in RECIPROCAL_ROOTS or d.code in RECIPROCAL_CODES):
            return self._refs(view, [min(d.source, d.target)], mentions, discourse), []
        sources = self._refs(view, src, mentions, discourse,
                             apart - {d.source} if apart else frozenset())
        targets = self._refs(view, tgt, mentions, discourse,
                             (apart - {d.target}) if apart else frozenset())
        return sources, targets

    def _decided_events(self, view: View, text: str, candidates: Sequence[Candidate],
                        mentions: Sequence[Mention], article_date: dt.date | None,
                        group_prefix: str, discourse: Discourse | None) -> list[Event]:
        assert self.decider is not None
        threshold = self.policy.min_confidence
        if threshold is None:
            threshold = self.decider.model.threshold
        decided = [(d, found) for d, found in self.decisions(
            view, text, candidates, mentions, article_date, group_prefix, discourse, threshold)
            if found]
        if self.policy.main_event and decided:
            decided = [max(decided, key=lambda df: (df[0].salience, df[0].confidence))]
        events = [e for _, found in decided for e in found]
        return sorted(events, key=lambda e: (e.trigger.start, -(e.confidence or 0.0)))

    def is_city(self, name: str) -> bool:
        """Is ``name`` a city of the gazetteer (a place, not an actor)?"""
        if self.places is None:
            return False
        place = self.places.gazetteer.find(name)
        return place is not None and place.feature == "city"

    @cached_property
    def class_names(self) -> dict[str, str]:
        """CAMEO code -> the name of its class."""
        return {code: cls.name for code in self.ontology.codes
                if (cls := self.ontology.class_of(code)) is not None}

    def _kept(self, view: View, events: Sequence[Event], article_date: dt.date | None,
              ) -> list[Event]:
        """The events the policy keeps: see ``Policy``."""
        p = self.policy
        out = []
        for e in events:
            if e.negated and not p.emit_negated:
                continue
            if e.cameo[:2] == "01" and not p.emit_statements:
                continue
            if not p.emit_hypothetical and e.modality == "hypothetical":
                continue
            if not p.emit_forecasts and _forecast(e, article_date):
                continue
            if not p.emit_unresolved and (_unresolved(view, e.source)
                                          or _unresolved_pronoun(view, e.target)):
                continue
            out.append(e)
        return out

    def build(self, view: View, text: str, cand: Candidate, code: str, sources: list[ActorRef],
              targets: list[ActorRef], mentions: Sequence[Mention], group: str,
              article_date: dt.date | None, **fields: object) -> list[Event]:
        """The events of one decided candidate: one per source-target pair, sharing ``group``
        when there are several; ``fields`` are set on each (e.g. ``confidence``)."""
        f = replace(cand.frame, code=code)
        pairs = self._pairs(f, sources, targets)
        reporter = view.np_span(cand.reporter) if cand.reporter is not None else None
        location = self._locate(view, f, text, mentions)
        events = []
        for source, target in pairs:
            event = self._event(view, text, f, cand.negated, source, target,
                                group if len(pairs) > 1 else None, reporter, article_date)
            events.append(replace(event, location=location, **fields))
        return events

    def _locate(self, view: View, f: Frame, text: str, mentions: Sequence[Mention],
                ) -> Location | None:
        if self.places is None:
            return None
        anchors = [a for a in (f.support, f.pred, f.trigger[1]) if a is not None]
        countries = [m.actor.country for m in mentions if m.actor and m.actor.country]
        on_place = f.code[:2] in PLACE_ROOTS  # "attacked the city of Odesa": there
        return self.places.locate(view, anchors, text, countries, on_place)

    def _event(self, view: View, text: str, f: Frame, negated: bool, source: ActorRef | None,
               target: ActorRef | None, group: str | None, reporter: Span | None,
               article_date: dt.date | None) -> Event:
        info = self.ontology.info(f.code)
        toks = view.tokens
        trigger = Span(toks[f.trigger[0]].start, toks[f.trigger[1]].end)
        anchor = f.support if f.support is not None else f.pred
        date = self.dates.date(view, anchor, text, article_date, f.modality == "future")
        for other in (f.trigger[1], toks[anchor].head):
            if date is not None and date.basis == "expression":
                break
            if other != anchor:
                found = self.dates.date(view, other, text, article_date, f.modality == "future")
                if found is not None and found.basis == "expression":
                    date = found
        return Event(
            source=source, target=target, cameo=f.code, plover=info.plover,
            mode=f.pattern.mode or info.mode if f.code == f.pattern.code else info.mode,
            context=f.pattern.context or info.context if f.code == f.pattern.code
            else info.context,
            goldstein=info.goldstein, quad_class=info.quad_class, penta=info.penta,
            trigger=trigger, sentence=view.sentence.span, negated=negated,
            modality=f.modality, date=date, group=group, pattern=f.pattern.key,
            reporter=reporter,
        )


def _identity(ref: ActorRef | None) -> object:
    if ref is None:
        return None
    if ref.actor is not None and (ref.actor.id or ref.actor.code):
        return (ref.actor.id, ref.actor.code)
    return ref.span


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return False
    if a.span.overlaps(b.span):
        return True
    return bool(a.actor and b.actor and a.actor.id and a.actor == b.actor)


def _tokens_of(view: View, span: Span) -> list[Token]:
    return [t for t in view.tokens if span.start <= t.start and t.end <= span.end]


def _coded(ref: ActorRef) -> bool:
    """Does the actor resolve to a code of the knowledge base (a country, an organisation, a
    person with a role, a sector)?"""
    return ref.actor is not None and bool(ref.actor.code)


def _unresolved(view: View, ref: ActorRef | None) -> bool:
    """An actor that names no one: no code, name or sector from the knowledge base, and no
    proper noun ("he" unresolved, "the sea", "the move")."""
    if ref is None:
        return False
    actor = ref.actor
    if actor is not None and (actor.code or actor.id or actor.sector):
        return False
    return not any(t.pos == "PROPN" for t in _tokens_of(view, ref.span))


def _unresolved_pronoun(view: View, ref: ActorRef | None) -> bool:
    """A target that is a pronoun no antecedent was found for."""
    if ref is None or not _unresolved(view, ref):
        return False
    return any(t.pos == "PRON" for t in _tokens_of(view, ref.head))


def _forecast(event: Event, article_date: dt.date | None) -> bool:
    """Is the event dated after its article, other than an announced intention (CAMEO 03)?"""
    if article_date is None or event.date is None or event.cameo[:2] == "03":
        return False
    return period_start(event.date.value) > article_date


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in events:
        key = (e.cameo, e.source.head if e.source else None, e.target.head if e.target else None)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
