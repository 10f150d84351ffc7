"""Candidates and features of the decision layer, on hand-built parses (the parser is not under
test): what the rules propose, which phrases may be arguments, dependency paths, features."""

from __future__ import annotations

import pytest

from parsing import parse
from thucydides.events.candidates import arguments, clause_candidates, dateline_end, path
from thucydides.events.decide import _pick
from thucydides.events.features import (
    SentenceFacts,
    argument_features,
    candidate_features,
    salience_features,
    sentence_terms,
)
from thucydides.events.frames import Frame
from thucydides.events.lexicon import Pattern
from thucydides.nlp.syntax import View
from thucydides.records import Span

SENTENCE = ("Russian|russian|ADJ|amod|1 troops|troop|NOUN|nsubj|2 shelled|shell|VERB|ROOT|2 "
            "villages|village|NOUN|dobj|2 near|near|ADP|prep|3 Kharkiv|kharkiv|PROPN|pobj|4 "
            "on|on|ADP|prep|2 Monday|monday|PROPN|pobj|6|DATE")


def view(spec: str = SENTENCE, mentions: tuple[Span, ...] = ()) -> View:
    return View(parse(spec)[1], mentions)


@pytest.mark.parametrize(("anchor", "head", "expected"), [
    (2, 1, "nsubj"), (2, 3, "dobj"), (2, 5, "dobj>prep:near>pobj"),
    (2, 6, "prep:on"), (2, 7, "prep:on>pobj"), (3, 1, "^dobj>nsubj"), (2, 2, "self"),
    (5, 0, "far"),
])
def test_dependency_paths(anchor, head, expected):
    assert path(view(), anchor, head) == expected


def test_arguments_are_noun_phrases_and_actor_modifiers():
    russian = Span(0, 7)
    heads = [a.head for a in arguments(view(mentions=(russian,)))]
    assert heads == [0, 1, 3, 5, 7]  # "Russian" names an actor; no verb, no preposition
    assert [a.head for a in arguments(view())] == [1, 3, 5, 7]  # a plain adjective is not one


def test_a_possessive_marker_is_no_argument():
    v = view("Russia|russia|PROPN|poss|2 's|'s|PART|case|0 army|army|NOUN|nsubj|3 "
             "left|leave|VERB|ROOT|3")
    assert [a.head for a in arguments(v)] == [0, 2]


def test_unclaimed_main_verbs_are_clause_candidates():
    v = view("The|the|DET|det|1 armies|army|NOUN|nsubj|2 staged|stage|VERB|ROOT|2 "
             "drills|drill|NOUN|dobj|2 and|and|CCONJ|cc|2 were|be|AUX|conj|2")
    cands = clause_candidates(v, frozenset())
    assert [c.key for c in cands] == ["clause:stage"]  # "be" carries no event
    assert cands[0].frame.sources == (1,) and not cands[0].rule
    assert clause_candidates(v, frozenset({2})) == []  # claimed by a rule frame


def facts_of(v: View, frame: Frame) -> SentenceFacts:
    from thucydides.events.candidates import Candidate

    return SentenceFacts(v, (), [Candidate(frame)], arguments(v), {"194": "19-ASSAULT"},
                         lambda name: name == "Kharkiv")


SHELL = Frame("194", Pattern("194", "shell", "VERB", None, (), (), (), None, None), (2, 2), 2,
              sources=(1,), targets=(3,))


def test_candidate_features_name_the_rule_and_the_trigger():
    feats = candidate_features(facts_of(view(), SHELL), 0)
    for f in ("rule=194", "rroot=19", "rcls=19-ASSAULT", "trig=shell", "neg=False",
              "passive=False", "obj=village", "prep=on", "src=noun", "tgt=noun"):
        assert f in feats, f
    assert not any(f.startswith(("first=", "ncand=", "depth=")) for f in feats)
    assert "depth=0" in salience_features(facts_of(view(), SHELL), 0)


def test_argument_features():
    facts = facts_of(view(), SHELL)
    troops, villages, kharkiv, monday = facts.args
    src = argument_features(facts, 0, troops, "source")
    assert {"path=nsubj", "rule", "rule|root=19", "side=L"} <= set(src)
    assert "rule_other" in argument_features(facts, 0, villages, "source")
    assert {"city", "under=near"} <= set(argument_features(facts, 0, kharkiv, "target"))
    assert "ent=DATE" in argument_features(facts, 0, monday, "target")
    none = argument_features(facts, 0, None, "target")
    assert none[0] == "NONE" and "NONE|rulearg=True" in none


def test_sentence_terms_are_lemma_uni_and_bigrams():
    terms = sentence_terms(view())
    assert "shell" in terms and "troop shell" in terms and "monday" in terms


@pytest.mark.parametrize(("spec", "end"), [
    ("MOSCOW|moscow|PROPN|ROOT|0 -|-|PUNCT|punct|0 Russia|russia|PROPN|appos|0", 1),
    ("Russia|russia|PROPN|nsubj|1 left|leave|VERB|ROOT|1", -1),
])
def test_datelines(spec, end):
    assert dateline_end(view(spec)) == end


def test_a_compound_actor_counts_as_one_choice():
    """"the US, Canada and the EU": any member is the right one, so the chosen member's
    probability is the mass of the whole coordination."""
    v = view("US|us|PROPN|nsubj|4 ,|,|PUNCT|punct|0 Canada|canada|PROPN|conj|0 "
             "and|and|CCONJ|cc|2 imposed|impose|VERB|ROOT|4 sanctions|sanction|NOUN|dobj|4")
    facts = facts_of(v, SHELL)
    options = [None, *facts.args]  # none, US, Canada, sanctions
    chosen, mass = _pick(facts, [0.0, 1.0, 1.0, 0.0], options, frozenset())
    assert chosen is not None and chosen.head == 0
    assert mass == pytest.approx(2 * 2.718281828 / (2 + 2 * 2.718281828), rel=1e-6)
    chosen, _ = _pick(facts, [0.0, 1.0, 1.0, 0.0], options, frozenset({0}))
    assert chosen is not None and chosen.head == 2  # the predicate itself is never an argument
