"""The event coder: frames of a parsed sentence -> coded events with resolved actors.

Conventions (see docs/events.md):
- One event per source-target pair. Coordinated sources or targets ("the US, Canada and the EU")
  expand into several events sharing a ``group`` id; reciprocal events without a target ("Moscow
  and Kiev held talks") expand into both directions.
- CAMEO 01 statements are emitted only when the statement reports no other event; events inside
  reported speech carry ``reported_by`` (the speaker's span).
- A negated cooperative event in the future or conditional ("will not lift the embargo") is a
  refusal (CAMEO 12); other negated events keep their code with ``negated`` true.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from thucydides.actors.compose import agent_actor
from thucydides.actors.places import Gazetteer
from thucydides.actors.sectors import Sectors
from thucydides.events.dates import DateFinder
from thucydides.events.discourse import PRONOUNS as DISCOURSE_PRONOUNS
from thucydides.events.discourse import Discourse
from thucydides.events.frames import ADJUNCT_PREPS, Frame, FrameFinder
from thucydides.events.lexicon import Lexicon
from thucydides.events.location import LocationFinder
from thucydides.events.modality import mood
from thucydides.events.ontology import Ontology
from thucydides.events.syntax import PRONOUNS, SUBJ, View
from thucydides.records import ActorRef, Event, Location, Mention, Sentence, Span

SPEECH_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
FUTURE_INTENT_ROOTS = frozenset({"04", "05", "06", "07", "08"})
PLACE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
REPORT_LINKS = frozenset({"ccomp", "parataxis", "xcomp"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
CLAUSAL = frozenset({"VERB", "AUX", "SCONJ", "PUNCT", "SPACE", "CCONJ"})


def _depth(view: View, i: int) -> int:
    d, k = 0, i
    while view.tokens[k].head != k and d < 50:
        k = view.tokens[k].head
        d += 1
    return d


def find_frames(view: View, finder: FrameFinder) -> list[Frame]:
    """All frames of the sentence, outer clauses first; words a frame uses yield no other."""
    claimed: set[int] = set()
    frames: list[Frame] = []
    for i in sorted(range(len(view.tokens)), key=lambda k: (_depth(view, k), k)):
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


@dataclass(frozen=True)
class EventCoder:
    finder: FrameFinder
    ontology: Ontology
    dates: DateFinder
    agent_words: frozenset[str] = frozenset()
    emit_negated: bool = True
    emit_statements: bool = True
    places: LocationFinder | None = None
    sectors: Sectors = field(default_factory=Sectors.load)

    @classmethod
    def load(cls, lexicon: Lexicon, ontology: Ontology, agent_words: frozenset[str] = frozenset(),
             emit_negated: bool = True, emit_statements: bool = True,
             gazetteer: Gazetteer | None = None, sectors: Sectors | None = None) -> EventCoder:
        """A coder over ``lexicon``; ``sectors`` (e.g. the knowledge base's) names agent actors
        and is loaded unless given."""
        places = LocationFinder(gazetteer) if gazetteer is not None else None
        return cls(FrameFinder(lexicon), ontology, DateFinder(), agent_words, emit_negated,
                   emit_statements, places, sectors if sectors is not None else Sectors.load())

    # ----------------------------------------------------------------- actors

    def _antecedent(self, view: View, i: int) -> int | None:
        """A pronoun's antecedent in the sentence: the subject of a clause above it
        ("Peru says it will not sign ...")."""
        k = i
        for _ in range(12):
            tok = view.tokens[k]
            if tok.head == k:
                return None
            k = tok.head
            subj = view.child(k, SUBJ)
            if (subj is not None and subj.lower not in PRONOUNS | {"who"}
                    and i not in view.subtree(subj.i)):  # not the phrase the pronoun is in
                return subj.i
        return None

    def _ref(self, view: View, i: int, mentions: Sequence[Mention]) -> ActorRef:
        tok = view.tokens[i]
        if tok.pos == "PRON" and tok.lower in PRONOUNS | POSSESSIVE_PRONOUNS:
            ante = self._antecedent(view, i)
            if ante is not None:
                ref = self._ref(view, ante, mentions)
                return replace(ref, chain=(*ref.chain, tok.span))
        span = view.np_span(i)
        inside = [m for m in mentions if span.contains(m.span) or m.span.contains(tok.span)]
        best = self._best_mention(inside, tok.span)
        if best is None:
            return ActorRef(span, tok.span)
        return ActorRef(span, tok.span, best.actor, best.span, best.chain)

    def _best_mention(self, inside: Sequence[Mention], head: Span) -> Mention | None:
        if not inside:
            return None
        at_head = [m for m in inside if m.span.overlaps(head)]
        if at_head:
            m = at_head[0]
            actor = m.actor
            if actor is not None and not actor.country and not actor.id:
                # an agent without a country ("a spokesman for President Ruto"): borrow one
                other = next((o for o in inside if o is not m and o.actor and o.actor.country),
                             None)
                if other is not None and other.actor is not None and actor.sector:
                    actor = agent_actor(actor.sector, self.sectors,
                                        base=other.actor.country or "", of=other.actor.name,
                                        country=other.actor.country, role=actor.role)
                    return replace(m, actor=actor)
            return m
        # the head is not a known actor: the first specific mention in the phrase
        return min(inside, key=lambda m: (m.kind == "agent", m.span.start))

    def _refs(self, view: View, heads: Sequence[int], mentions: Sequence[Mention],
              discourse: Discourse | None = None) -> list[ActorRef]:
        out: list[ActorRef] = []
        for h in heads:
            for k in view.conjuncts(h):
                tok = view.tokens[k]
                if tok.pos in CLAUSAL:
                    continue
                if (discourse is not None and tok.pos == "PRON" and tok.lower in DISCOURSE_PRONOUNS
                        and self._antecedent(view, k) is None):
                    earlier = discourse.resolve(tok.lower, tok.span)
                    if earlier:
                        out += earlier
                        continue
                out += self._distributed(view, k, mentions) or [self._ref(view, k, mentions)]
        return out

    def _distributed(self, view: View, k: int, mentions: Sequence[Mention]) -> list[ActorRef]:
        """A plural agent over coordinated countries is one actor per country: "the foreign
        ministers *of Russia and Ukraine*" -> RUSGOV, UKRGOV."""
        tok = view.tokens[k]
        if tok.tag not in ("NNS", "NNPS"):
            return []
        owners = list(view.prep_objects(k, {"of"}))
        if not owners or len(members := view.conjuncts(owners[0].i)) < 2:
            return []
        head = self._ref(view, k, mentions)
        sector = head.actor.sector if head.actor else None
        refs = []
        for m in members:
            ref = self._ref(view, m, mentions)
            country = ref.actor.country if ref.actor else None
            if ref.actor is None or not (country and sector):
                return []
            actor = agent_actor(sector, self.sectors, base=country, of=ref.actor.name,
                                actor_id=ref.actor.id, country=country,
                                role=head.actor.role if head.actor else None)
            refs.append(replace(ref, actor=actor))
        return refs

    # ----------------------------------------------------------------- events

    def _finalise(self, view: View, frame: Frame) -> tuple[Frame, bool] | None:
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
        if negated and not self.emit_negated:
            return None
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

    def code_sentence(self, text: str, sentence: Sentence, mentions: Sequence[Mention],
                      article_date: dt.date | None, group_prefix: str,
                      discourse: Discourse | None = None) -> list[Event]:
        """Events of one parsed sentence."""
        view = View(sentence, tuple(m.span for m in mentions), self.agent_words,
                    self.finder.lexicon.event_nouns)
        found = find_frames(view, self.finder)
        frames = [f for f in found if not _descriptive(view, f, found)]
        events: list[Event] = []
        for n, frame in enumerate(frames):
            reporter = _main_clause_reporter(view, frame, frames)
            if frame.code[:2] == "01" and (not self.emit_statements or any(
                _reported(view, frame, f) for f in frames if f is not frame
            )):
                continue
            done = self._finalise(view, frame)
            if done is None:
                continue
            f, negated = done
            sources = self._refs(view, f.sources, mentions, discourse)
            targets = self._refs(view, f.targets, mentions, discourse)
            if not sources and not targets:
                continue  # who did what to whom: with neither, there is no event to record
            pairs = self._pairs(f, sources, targets)
            group = f"{group_prefix}.{n}" if len(pairs) > 1 else None
            reported_by = None
            if reporter is not None and reporter.sources:
                reported_by = view.np_span(reporter.sources[0])
            location = self._locate(view, f, text, mentions)
            for source, target in pairs:
                event = self._event(view, text, f, negated, source, target, group, reported_by,
                                    article_date)
                events.append(replace(event, location=location))
        return _dedupe(events)

    def _locate(self, view: View, f: Frame, text: str, mentions: Sequence[Mention],
                ) -> Location | None:
        if self.places is None:
            return None
        anchors = [a for a in (f.support, f.pred, f.trigger[1]) if a is not None]
        countries = [m.actor.country for m in mentions if m.actor and m.actor.country]
        on_place = f.code[:2] in PLACE_ROOTS  # "attacked the city of Odesa": there
        return self.places.locate(view, anchors, text, countries, on_place)

    def _event(self, view: View, text: str, f: Frame, negated: bool, source: ActorRef | None,
               target: ActorRef | None, group: str | None, reported_by: Span | None,
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
            reported_by=reported_by,
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


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in events:
        key = (e.cameo, e.source.head if e.source else None, e.target.head if e.target else None)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
