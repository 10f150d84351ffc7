"""The event coder's logic on hand-built parses (no model): voice, compounds, reciprocity,
negation, modality, complements, reported speech, nominal events, pronouns.

Each case: a parse (``word|lemma|POS|dep|head``), then the expected events as
``(cameo, source text, target text, negated, modality)``. The lexicon is built in memory, so
these tests pin the mechanics, not the data.
"""

from __future__ import annotations

import dataclasses

import pytest

from parsing import parse
from thucydides.actors.chains import Chains, Discourse
from thucydides.actors.kb import KnowledgeBase
from thucydides.datafiles import load_tables
from thucydides.events.coder import EventCoder, Policy
from thucydides.events.lexicon import Complement, Lexicon, Pattern, Support
from thucydides.events.ontology import Ontology
from thucydides.records import Actor, Analysis, Article, Mention, Span


def pat(code, lemma, pos="VERB", obj=(), prep=(), target=(), particle=None):
    return Pattern(code, lemma, pos, particle, tuple(obj), tuple(prep), tuple(target), None,
                   None)


PATTERNS = [
    pat("190", "attack"), pat("190", "attack", "NOUN", target=("prep:on",)),
    pat("163", "impose", obj=("sanction",), target=("prep:on", "prep:against")),
    pat("163", "sanction", "NOUN", target=("prep:on", "prep:against")),
    pat("040", "talk", "NOUN", target=("prep:with",)),
    pat("085", "lift", obj=("ban", "sanction")),
    pat("0874", "withdraw", target=("prep:from",)),
    pat("010", "say", target=("none",)),
    pat("192", "invasion", "NOUN", target=("prep:of",)),
    pat("0842", "accept", target=("obj",)),
    pat("036", "meet", target=("prep:with", "obj")),
    pat("070", "provide", obj=("aid",), target=("prep:to",)),
]
SUPPORTS = [Support("hold", None, None, "source"), Support("come", None, "under", "target"),
            Support("launch", None, None, "source")]
COMPLEMENTS = [
    Complement("agree", "VERB", "intent", "subj", "intention", False),
    Complement("urge", "VERB", "appeal", "obj", "demand", False),
    Complement("demand", "VERB", "request", "clause", "demand", False),
    Complement("refuse", "VERB", "reject", "subj", None, False),
    Complement("fail", "VERB", "attempt", "subj", "attempt", True),
]


def lexicon() -> Lexicon:
    code_map = {(r["family"], r["inner"]): r["code"]
                for r in load_tables("thucydides.events", "complement_map")}
    patterns: dict = {}
    for p in PATTERNS:
        patterns.setdefault((p.lemma, p.pos), []).append(p)
    return Lexicon({k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in
                    patterns.items()},
                   {s.lemma: (s,) for s in SUPPORTS},
                   {(c.lemma, c.pos): c for c in COMPLEMENTS}, code_map)


# The rules alone, keeping what the default policy leaves out (hypotheticals, unresolved
# actors): these tests are about what the rules propose.
RULES = Policy(emit_unresolved=True, emit_hypothetical=True, emit_forecasts=True)


@pytest.fixture(scope="module")
def coder():
    return EventCoder.load(lexicon(), Ontology.load(), policy=RULES)


# The mention-chain stage over an empty knowledge base: pronouns are linked before coding.
CHAINS = Chains.load(KnowledgeBase.build({}, [], []))


def linked(text, sentence, mentions=()):
    """The sentence's mentions and its discourse, as the chain stage leaves them."""
    item = CHAINS.link(Analysis(Article("t", text), (sentence,), tuple(mentions)))
    return list(item.mentions or ()), Discourse.of(item)


CASES = {
    "active": (
        "Russia|russia|PROPN|nsubj|1 attacked|attack|VERB|ROOT|1 Ukraine|ukraine|PROPN|dobj|1 "
        ".|.|PUNCT|punct|1",
        [("190", "Russia", "Ukraine", False, None)],
    ),
    "passive with agent": (
        "Ukraine|ukraine|PROPN|nsubjpass|2 was|be|AUX|auxpass|2 attacked|attack|VERB|ROOT|2 "
        "by|by|ADP|agent|2 Russia|russia|PROPN|pobj|3 .|.|PUNCT|punct|2",
        [("190", "Russia", "Ukraine", False, None)],
    ),
    "passive without agent": (
        "Ukraine|ukraine|PROPN|nsubjpass|2 was|be|AUX|auxpass|2 attacked|attack|VERB|ROOT|2 "
        ".|.|PUNCT|punct|2",
        [("190", None, "Ukraine", False, None)],
    ),
    "compound source expands": (
        "Canada|canada|PROPN|nsubj|4 and|and|CCONJ|cc|0 Japan|japan|PROPN|conj|0 "
        "have|have|AUX|aux|4 imposed|impose|VERB|ROOT|4 sanctions|sanction|NOUN|dobj|4 "
        "on|on|ADP|prep|5 Russia|russia|PROPN|pobj|6 .|.|PUNCT|punct|4",
        [("163", "Canada", "Russia", False, None), ("163", "Japan", "Russia", False, None)],
    ),
    "compound target expands": (
        "Canada|canada|PROPN|nsubj|1 imposed|impose|VERB|ROOT|1 sanctions|sanction|NOUN|dobj|1 "
        "on|on|ADP|prep|2 Russia|russia|PROPN|pobj|3 and|and|CCONJ|cc|4 "
        "Belarus|belarus|PROPN|conj|4",
        [("163", "Canada", "Russia", False, None), ("163", "Canada", "Belarus", False, None)],
    ),
    "reciprocal support verb": (
        "Moscow|moscow|PROPN|nsubj|3 and|and|CCONJ|cc|0 Kiev|kiev|PROPN|conj|0 "
        "held|hold|VERB|ROOT|3 talks|talk|NOUN|dobj|3 .|.|PUNCT|punct|3",
        [("040", "Moscow", "Kiev", False, None), ("040", "Kiev", "Moscow", False, None)],
    ),
    "support verb with target": (
        "Iran|iran|PROPN|nsubj|1 held|hold|VERB|ROOT|1 talks|talk|NOUN|dobj|1 "
        "with|with|ADP|prep|2 Oman|oman|PROPN|pobj|3",
        [("040", "Iran", "Oman", False, None)],
    ),
    "undergoer support verb": (
        "Kiev|kiev|PROPN|nsubj|1 came|come|VERB|ROOT|1 under|under|ADP|prep|1 "
        "attack|attack|NOUN|pobj|2 .|.|PUNCT|punct|1",
        [("190", None, "Kiev", False, None)],
    ),
    "past negation is marked": (
        "Russia|russia|PROPN|nsubj|3 did|do|AUX|aux|3 not|not|PART|neg|3 "
        "attack|attack|VERB|ROOT|3 Odesa|odesa|PROPN|dobj|3",
        [("190", "Russia", "Odesa", True, None)],
    ),
    "future negated cooperation is a refusal": (
        "Chile|chile|PROPN|nsubj|3 will|will|AUX|aux|3 not|not|PART|neg|3 "
        "lift|lift|VERB|ROOT|3 the|the|DET|det|5 sanctions|sanction|NOUN|dobj|3",
        [("1244", "Chile", None, False, "future")],
    ),
    "future": (
        "Russia|russia|PROPN|nsubj|2 will|will|AUX|aux|2 attack|attack|VERB|ROOT|2 "
        "Ukraine|ukraine|PROPN|dobj|2",
        [("190", "Russia", "Ukraine", False, "future")],
    ),
    "future cooperation is an intention": (
        "Japan|japan|PROPN|nsubj|2 will|will|AUX|aux|2 provide|provide|VERB|ROOT|2 "
        "aid|aid|NOUN|dobj|2 to|to|ADP|prep|2 Ukraine|ukraine|PROPN|pobj|4",
        [("033", "Japan", "Ukraine", False, "future")],
    ),
    "past cooperation stays as it is": (
        "Japan|japan|PROPN|nsubj|1 provided|provide|VERB|ROOT|1 "
        "aid|aid|NOUN|dobj|1 to|to|ADP|prep|1 Ukraine|ukraine|PROPN|pobj|3",
        [("070", "Japan", "Ukraine", False, None)],
    ),
    "conditional": (
        "If|if|SCONJ|mark|2 Russia|russia|PROPN|nsubj|2 attacks|attack|VERB|advcl|5 "
        "Ukraine|ukraine|PROPN|dobj|2 ,|,|PUNCT|punct|5 NATO|nato|PROPN|nsubj|5 "
        "responds|respond|VERB|ROOT|5",
        [("190", "Russia", "Ukraine", False, "hypothetical")],
    ),
    "intent complement": (
        "Iran|iran|PROPN|nsubj|1 agreed|agree|VERB|ROOT|1 to|to|PART|aux|3 "
        "meet|meet|VERB|xcomp|1 with|with|ADP|prep|3 Oman|oman|PROPN|pobj|4",
        [("036", "Iran", "Oman", False, "intention")],
    ),
    "refusal complement": (
        "Japan|japan|PROPN|nsubj|1 refused|refuse|VERB|ROOT|1 to|to|PART|aux|3 "
        "lift|lift|VERB|xcomp|1 sanctions|sanction|NOUN|dobj|3",
        [("1244", "Japan", None, False, None)],
    ),
    "appeal to the object": (
        "NATO|nato|PROPN|nsubj|1 urged|urge|VERB|ROOT|1 Russia|russia|PROPN|dobj|1 "
        "to|to|PART|aux|4 withdraw|withdraw|VERB|xcomp|1 from|from|ADP|prep|4 "
        "Ukraine|ukraine|PROPN|pobj|5",
        [("0256", "NATO", "Russia", False, "demand")],
    ),
    "demand of a clause": (
        "Russia|russia|PROPN|nsubj|1 demanded|demand|VERB|ROOT|1 that|that|SCONJ|mark|4 "
        "Ukraine|ukraine|PROPN|nsubj|4 withdraw|withdraw|VERB|ccomp|1",
        [("106", "Russia", "Ukraine", False, "demand")],
    ),
    "failed attempt is negated": (
        "Rebels|rebel|NOUN|nsubj|1 failed|fail|VERB|ROOT|1 to|to|PART|aux|3 "
        "attack|attack|VERB|xcomp|1 Goma|goma|PROPN|dobj|3",
        [("190", "Rebels", "Goma", True, "attempt")],
    ),
    "reported event, no statement": (
        "Lavrov|lavrov|PROPN|nsubj|1 said|say|VERB|ROOT|1 Ukraine|ukraine|PROPN|nsubj|3 "
        "attacked|attack|VERB|ccomp|1 Russia|russia|PROPN|dobj|3",
        [("190", "Ukraine", "Russia", False, None)],
    ),
    "plain statement": (
        "Lavrov|lavrov|PROPN|nsubj|1 said|say|VERB|ROOT|1 the|the|DET|det|3 "
        "plan|plan|NOUN|nsubj|4 failed|fail|VERB|ccomp|1",
        [("010", "Lavrov", None, False, None)],
    ),
    "nominal event": (
        "Russia|russia|PROPN|poss|2 's|'s|PART|case|0 invasion|invasion|NOUN|nsubj|5 "
        "of|of|ADP|prep|2 Ukraine|ukraine|PROPN|pobj|3 continued|continue|VERB|ROOT|5",
        [("192", "Russia", "Ukraine", False, None)],
    ),
    "pronoun takes its antecedent": (
        "Peru|peru|PROPN|nsubj|1 says|say|VERB|ROOT|1 it|it|PRON|nsubj|5 "
        "will|will|AUX|aux|5 not|not|PART|neg|5 accept|accept|VERB|ccomp|1 "
        "migrants|migrant|NOUN|dobj|5",
        [("1243", "Peru", "migrants", False, "future")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_case(coder, name):
    spec, expected = CASES[name]
    text, sentence = parse(spec)
    events = coder.code_sentence(text, sentence, [], None, "s0", linked(text, sentence)[1])
    got = [(e.cameo, e.source.span.of(text) if e.source else None,
            e.target.span.of(text) if e.target else None, e.negated, e.modality)
           for e in events]
    assert sorted(got, key=str) == sorted(expected, key=str)


def test_compound_events_share_a_group(coder):
    text, sentence = parse(CASES["compound source expands"][0])
    events = coder.code_sentence(text, sentence, [], None, "s0")
    assert len({e.group for e in events}) == 1 and events[0].group is not None


def test_reported_event_records_its_reporter_for_the_quotes_stage(coder):
    text, sentence = parse(CASES["reported event, no statement"][0])
    (event,) = coder.code_sentence(text, sentence, [], None, "s0")
    assert event.reporter is not None and event.reporter.of(text) == "Lavrov"
    assert event.reported_by is None  # written by the quotes stage only (quotes.extract.link)


def test_pronoun_resolves_to_antecedent_actor(coder):
    text, sentence = parse(CASES["pronoun takes its antecedent"][0])
    peru = Mention(Span(0, 4), 0, Actor("PER", "Peru"), "state")
    mentions, discourse = linked(text, sentence, [peru])
    (event,) = coder.code_sentence(text, sentence, mentions, None, "s0", discourse)
    assert event.source.actor.code == "PER" and event.source.span.of(text) == "Peru"
    assert [c.of(text) for c in event.source.chain] == ["it"]
    (alone,) = coder.code_sentence(text, sentence, [peru], None, "s0")
    assert alone.source.span.of(text) == "it"  # without the chain stage: no link


def coded(coder, name, mentions=()):
    text, sentence = parse(CASES[name][0])
    return [(e.cameo, e.source.span.of(text) if e.source else None,
             e.target.span.of(text) if e.target else None, e.negated, e.modality)
            for e in coder.code_sentence(text, sentence, list(mentions), None, "s0")]


def test_emit_negated_off_drops_negated_events():
    quiet = EventCoder.load(lexicon(), Ontology.load(),
                            policy=dataclasses.replace(RULES, emit_negated=False))
    assert coded(quiet, "past negation is marked") == []
    assert coded(quiet, "failed attempt is negated") == []
    # a negated cooperation in the future is a refusal, not a negated event: kept
    assert coded(quiet, "future negated cooperation is a refusal") == [
        ("1244", "Chile", None, False, "future")]


def test_emit_statements_off_drops_statements():
    quiet = EventCoder.load(lexicon(), Ontology.load(),
                            policy=dataclasses.replace(RULES, emit_statements=False))
    assert coded(quiet, "plain statement") == []
    assert coded(quiet, "reported event, no statement") == [
        ("190", "Ukraine", "Russia", False, None)]


def test_dedupe_keeps_one_event_per_code_source_and_target(coder):
    from thucydides.events.coder import _dedupe

    text, sentence = parse(CASES["compound target expands"][0])
    events = coder.code_sentence(text, sentence, [], None, "s0")
    assert len(events) == 2
    assert _dedupe([*events, *events, events[0]]) == events


def test_plural_agent_over_coordinated_countries_is_one_actor_each(coder):
    """"the foreign ministers of Russia and Ukraine met": RUSGOV and UKRGOV, each named by its
    country and the sector's label."""
    import dataclasses

    from thucydides.records import Actor, Mention, Span

    text, sentence = parse(
        "The|the|DET|det|2 foreign|foreign|ADJ|amod|2 ministers|minister|NOUN|nsubj|7 "
        "of|of|ADP|prep|2 Russia|russia|PROPN|pobj|3 and|and|CCONJ|cc|4 "
        "Ukraine|ukraine|PROPN|conj|4 met|meet|VERB|ROOT|7")
    tokens = list(sentence.tokens)
    tokens[2] = dataclasses.replace(tokens[2], tag="NNS")
    sentence = dataclasses.replace(sentence, tokens=tuple(tokens))

    def mention(words, actor, kind):
        start = text.index(words)
        span = Span(start, start + len(words))
        return Mention(span, 0, actor, kind, (span,))

    mentions = [
        mention("foreign ministers", Actor("GOV", "government", sector="GOV", kind="agent",
                                           role="foreign ministers"), "agent"),
        mention("Russia", Actor("RUS", "Russia", "country:RUS", "RUS", kind="state"), "state"),
        mention("Ukraine", Actor("UKR", "Ukraine", "country:UKR", "UKR", kind="state"),
                "state"),
    ]
    events = coder.code_sentence(text, sentence, mentions, None, "s0")
    pairs = {(e.source.actor.code, e.source.actor.name, e.target.actor.code) for e in events}
    assert pairs == {("RUSGOV", "Russia government", "UKRGOV"),
                     ("UKRGOV", "Ukraine government", "RUSGOV")}
    assert {e.cameo for e in events} == {"036"}


def test_frame_claims_its_predicate_trigger_and_support():
    from thucydides.events.frames import Frame

    frame = Frame("040", PATTERNS[4], (3, 5), 5, support=1)
    assert frame.claimed == {1, 3, 4, 5}
    assert Frame("190", PATTERNS[0], (2, 2), 2).claimed == {2}


# What the default policy leaves out (settings emit_unresolved, emit_hypothetical,
# emit_forecasts): sentence, article date, events by default, events with the setting on.
POLICY_CASES = {
    "unresolved pronoun source": (
        "He|he|PRON|nsubj|1 attacked|attack|VERB|ROOT|1 Ukraine|ukraine|PROPN|dobj|1",
        None, "emit_unresolved", 0, 1),
    "unresolved common-noun source": (
        "The|the|DET|det|1 storm|storm|NOUN|nsubj|2 attacked|attack|VERB|ROOT|2 "
        "Ukraine|ukraine|PROPN|dobj|2", None, "emit_unresolved", 0, 1),
    "named source, thing target": (
        "Russia|russia|PROPN|nsubj|1 attacked|attack|VERB|ROOT|1 the|the|DET|det|3 "
        "depot|depot|NOUN|dobj|1", None, "emit_unresolved", 1, 1),
    "unresolved pronoun target": (
        "Russia|russia|PROPN|nsubj|1 attacked|attack|VERB|ROOT|1 them|they|PRON|dobj|1",
        None, "emit_unresolved", 0, 1),
    "conditional": (CASES["conditional"][0], None, "emit_hypothetical", 0, 1),
    "forecast dated after the article": (
        "Russia|russia|PROPN|nsubj|2 will|will|AUX|aux|2 attack|attack|VERB|ROOT|2 "
        "Ukraine|ukraine|PROPN|dobj|2 in|in|ADP|prep|2 2040|2040|NUM|pobj|4|DATE",
        "2022-03-01", "emit_forecasts", 0, 1),
    "announced intention dated after the article": (
        "Iran|iran|PROPN|nsubj|2 will|will|AUX|aux|2 meet|meet|VERB|ROOT|2 "
        "Oman|oman|PROPN|dobj|2 in|in|ADP|prep|2 2040|2040|NUM|pobj|4|DATE",
        "2022-03-01", "emit_forecasts", 1, 1),
    "past event dated before the article": (
        "Russia|russia|PROPN|nsubj|1 attacked|attack|VERB|ROOT|1 Ukraine|ukraine|PROPN|dobj|1 "
        "in|in|ADP|prep|1 2014|2014|NUM|pobj|3|DATE", "2022-03-01", "emit_forecasts", 1, 1),
}


@pytest.mark.parametrize("name", list(POLICY_CASES))
def test_policy(name):
    import datetime as dt

    spec, day, setting, by_default, with_setting = POLICY_CASES[name]
    text, sentence = parse(spec)
    date = dt.date.fromisoformat(day) if day else None
    strict = EventCoder.load(lexicon(), Ontology.load(), policy=Policy())
    loose = EventCoder.load(lexicon(), Ontology.load(),
                            policy=dataclasses.replace(Policy(), **{setting: True}))
    assert len(strict.code_sentence(text, sentence, [], date, "s0")) == by_default
    assert len(loose.code_sentence(text, sentence, [], date, "s0")) == with_setting
