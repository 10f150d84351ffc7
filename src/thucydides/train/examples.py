"""Training examples for the decision layer, from gold records parsed by the coder's own stages.

Each gold event is aligned with the candidate that proposes it: the candidate whose rule class the
label admits and whose rule arguments overlap the gold source and target, else the outermost
candidate whose clause covers the gold actors. An aligned candidate is a positive example of the
label's classes; every other candidate is an example of ``none``. For an aligned candidate, each
role gives a ranking example: the sentence's noun phrases (and "none"), those overlapping the gold
span marked right - the scorers' rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from thucydides.events.candidates import Argument, arguments
from thucydides.events.coder import EventCoder
from thucydides.events.decide import NONE
from thucydides.events.features import (
    SentenceFacts,
    argument_features,
    candidate_features,
    salience_features,
)
from thucydides.pipeline import Pipeline
from thucydides.records import Analysis, Article, Mention, Span
from thucydides.train.gold import GoldActor, GoldEvent, GoldRecord

if TYPE_CHECKING:
    from thucydides.api import Coder

ROLES = ("source", "target")  # the argument rankers; "main" ranks a sentence's candidates
STATEMENTS = frozenset({"01", "02"})  # the classes of CAMEO 01 and 02


@dataclass(frozen=True)
class Parsed:
    """A gold record with its analysis up to the events stage."""

    record: GoldRecord
    analysis: Analysis
    weight: float = 1.0


@dataclass
class ClassExample:
    features: list[str]
    terms: list[str]
    allowed: frozenset[str]  # {"none"} for a candidate no gold event aligns with
    rule_class: str | None
    weight: float
    group: str


@dataclass
class RankExample:
    role: str
    options: list[list[str]]  # option 0 is "none"
    right: list[bool]
    weight: float
    group: str


@dataclass
class Examples:
    classes: list[ClassExample] = field(default_factory=list)
    ranks: list[RankExample] = field(default_factory=list)
    unaligned: int = 0  # gold events with no candidate

    def extend(self, other: Examples) -> None:
        self.classes += other.classes
        self.ranks += other.ranks
        self.unaligned += other.unaligned


def parse(coder: Coder, records: Sequence[GoldRecord], weights: Sequence[float] | None = None,
          ) -> list[Parsed]:
    """The records through the coder's stages before ``events`` (the mention chains included;
    failed records are kept, with their errors and no sentences)."""
    stages = []
    for stage in coder.pipeline.stages:
        if stage.name == "events":
            break
        stages.append(stage)
    pipeline = Pipeline(stages)
    articles = (Analysis(Article(r.id, r.text)) for r in records)
    weights = weights or [1.0] * len(records)
    return [Parsed(r, a, w) for r, a, w in zip(records, pipeline(articles), weights, strict=True)]


def sentence_facts(coder: EventCoder, analysis: Analysis) -> Iterator[SentenceFacts]:
    """The facts of every parsed sentence of an analysis, as the events stage builds them."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in analysis.mentions or ():
        by_sentence.setdefault(m.sentence, []).append(m)
    for s in analysis.sentences or ():
        if not s.parsed:
            continue
        mentions = by_sentence.get(s.index, [])
        view = coder.view(s, mentions)
        yield SentenceFacts(view, mentions, coder.candidates(view), arguments(view),
                            coder.class_names, coder.is_city)


def _overlaps(span: Span, actor: GoldActor | None) -> bool:
    return actor is not None and actor.span is not None and span.overlaps(actor.span)


def _args_match(facts: SentenceFacts, heads: Sequence[int], actor: GoldActor | None) -> bool:
    view = facts.view
    if actor is None:
        return not heads
    return any(_overlaps(view.np_span(k), actor) for h in heads for k in view.conjuncts(h))


def _score(facts: SentenceFacts, n: int, event: GoldEvent) -> float:
    cand = facts.candidates[n]
    rule_class = facts.classes.get(cand.frame.code)
    score = 2.0 * (rule_class in event.allowed)
    score += _args_match(facts, cand.frame.sources, event.source)
    score += _args_match(facts, cand.frame.targets, event.target)
    clause = facts.view.span_of(facts.view.subtree(cand.anchor))
    gold_spans = [a.span for a in (event.source, event.target) if a is not None and a.span]
    if gold_spans and all(clause.overlaps(s) for s in gold_spans):
        score += 0.5
    return score


def align(facts: Sequence[SentenceFacts], events: Sequence[GoldEvent],
          ) -> dict[tuple[int, int], list[GoldEvent]]:
    """(sentence, candidate) -> the gold events it proposes."""
    out: dict[tuple[int, int], list[GoldEvent]] = {}
    slots = [(s, n) for s, f in enumerate(facts) for n in range(len(f.candidates))]
    for event in events:
        if not event.allowed or not slots:
            continue
        best = max(slots, key=lambda sn: (_score(facts[sn[0]], sn[1], event), -slots.index(sn)))
        out.setdefault(best, []).append(event)
    return out


def _role_example(facts: SentenceFacts, n: int, role: str, events: Sequence[GoldEvent],
                  weight: float, group: str) -> RankExample | None:
    """The ranking of ``role`` for candidate ``n``, over the options the coder ranks: not the
    predicate itself, and for a target not the source (taken from the gold, as the coder takes
    the one it chose)."""
    actors = [getattr(e, role) for e in events]
    if any(a is not None and a.span is None for a in actors):
        return None  # the file marks no actors for this event
    cand = facts.candidates[n]
    source = None
    if role == "target":
        source = next((o for o in facts.args if any(
            _overlaps(o.span, e.source) for e in events)), None)
    options: list[Argument | None] = [None, *(
        o for o in facts.args if o.head not in (cand.frame.pred, cand.anchor)
        and (source is None or not o.span.overlaps(source.span)))]
    right = [(o is None and None in actors) or (o is not None and any(
        _overlaps(o.span, a) for a in actors)) for o in options]
    if not any(right):
        return None
    feats = [argument_features(facts, n, o, role, source) for o in options]
    return RankExample(role, feats, right, weight, group)


def unknown(record: GoldRecord, rule: bool, rule_class: str | None) -> bool:
    """Does the record say nothing of a candidate no gold event aligns with? So with a weak
    label (one category for the sentence), with a rule candidate where only the main event is
    labelled, and with a statement where statements are not labelled (PLOVER)."""
    if record.labelled == "weak" or (record.labelled == "main" and rule):
        return True
    return not record.statements and rule_class in STATEMENTS


def examples(coder: EventCoder, parsed: Parsed) -> Examples:
    """The classification and ranking examples of one parsed gold record."""
    out = Examples()
    facts = list(sentence_facts(coder, parsed.analysis))
    aligned = align(facts, parsed.record.events)
    out.unaligned = sum(1 for e in parsed.record.events if e.allowed) - sum(
        len(v) for v in aligned.values())
    group = parsed.record.group
    for s, f in enumerate(facts):
        main = _main_example(f, s, aligned, parsed.weight, group) if (
            parsed.record.labelled == "main") else None
        if main is not None:
            out.ranks.append(main)
        for n, cand in enumerate(f.candidates):
            events = aligned.get((s, n), [])
            rule_class = f.classes.get(cand.frame.code)
            if not events and unknown(parsed.record, cand.rule, rule_class):
                continue
            allowed = events[0].allowed if events else frozenset({NONE})
            out.classes.append(ClassExample(
                candidate_features(f, n), f.terms, allowed, rule_class,
                parsed.weight, group))
            same = [e for e in events if e.allowed == allowed]
            for role in ROLES if events else ():
                ex = _role_example(f, n, role, same, parsed.weight, group)
                if ex is not None:
                    out.ranks.append(ex)
    return out


def _main_example(facts: SentenceFacts, s: int, aligned: dict[tuple[int, int], list[GoldEvent]],
                  weight: float, group: str) -> RankExample | None:
    """Which candidate of the sentence the gold calls its event (files labelling one)."""
    right = [(s, n) in aligned for n in range(len(facts.candidates))]
    if len(right) < 2 or sum(right) != 1:
        return None
    options = [salience_features(facts, n) for n in range(len(facts.candidates))]
    return RankExample("main", options, right, weight, group)


def all_examples(coder: EventCoder, parsed: Iterable[Parsed]) -> Examples:
    out = Examples()
    for p in parsed:
        out.extend(examples(coder, p))
    return out
