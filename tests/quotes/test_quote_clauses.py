"""Attributions of one parsed sentence, per pattern family, on hand-built parses.

Each case: a parse, then the expected attributions as (cue, speaker head, content parts,
addressee head); None where the sentence names none.
"""

from __future__ import annotations

import pytest
from quotekit import LEXICON, parse

from thucydides.nlp.syntax import View
from thucydides.quotes.clauses import attributions, runs

CASES = {
    "X said that Y": (
        "Lavrov|lavrov|PROPN|nsubj|1|ORG said|say|VERB|ROOT|1 that|that|SCONJ|mark|5 "
        "the|the|DET|det|4 West|west|PROPN|nsubj|5|LOC wants|want|VERB|ccomp|1 a|a|DET|det|8 "
        "bipolar|bipolar|ADJ|amod|8 world|world|NOUN|dobj|5 ~.|.|PUNCT|punct|1",
        [("said", "Lavrov", ("that the West wants a bipolar world",), None)],
    ),
    "Y, X said": (
        "The|the|DET|det|1 talks|talk|NOUN|nsubj|3 will|will|AUX|aux|3 "
        "resume|resume|VERB|ccomp|6 ~,|,|PUNCT|punct|6 Lavrov|lavrov|PROPN|nsubj|6|ORG "
        "said|say|VERB|ROOT|6 ~.|.|PUNCT|punct|6",
        [("said", "Lavrov", ("The talks will resume",), None)],
    ),
    "parenthetical cue splits the content": (
        "The|the|DET|det|1 economy|economy|NOUN|nsubj|8 ~,|,|PUNCT|punct|5 the|the|DET|det|4 "
        "minister|minister|NOUN|nsubj|5 said|say|VERB|parataxis|8 ~,|,|PUNCT|punct|5 "
        "is|be|AUX|aux|8 growing|grow|VERB|ROOT|8 ~.|.|PUNCT|punct|8",
        [("said", "minister", ("The economy", "is growing"), None)],
    ),
    "according to X, Y": (
        "According|accord|VERB|prep|8 to|to|ADP|prep|0 the|the|DET|det|3 "
        "ministry|ministry|NOUN|pobj|1 ~,|,|PUNCT|punct|8 the|the|DET|det|6 "
        "talks|talk|NOUN|nsubj|8 will|will|AUX|aux|8 resume|resume|VERB|ROOT|8 "
        "next|next|ADJ|amod|10|DATE week|week|NOUN|npadvmod|8|DATE ~.|.|PUNCT|punct|8",
        [("According to", "ministry", ("the talks will resume next week",), None)],
    ),
    "X urged Z to Y: addressee and infinitive": (
        "He|he|PRON|nsubj|1 urged|urge|VERB|ROOT|1 Kyiv|kyiv|PROPN|dobj|1 to|to|PART|aux|4 "
        "accept|accept|VERB|xcomp|1 the|the|DET|det|6 deal|deal|NOUN|dobj|4 ~.|.|PUNCT|punct|1",
        [("urged", "He", ("to accept the deal",), "Kyiv")],
    ),
    "X told reporters that Y": (
        "Lavrov|lavrov|PROPN|nsubj|1|ORG told|tell|VERB|ROOT|1 reporters|reporter|NOUN|dobj|1 "
        "that|that|SCONJ|mark|7 Russia|russia|PROPN|nsubj|7|GPE would|would|AUX|aux|7 "
        "not|not|PART|neg|7 attack|attack|VERB|ccomp|1 ~.|.|PUNCT|punct|1",
        [("told", "Lavrov", ("that Russia would not attack",), "reporters")],
    ),
    "X stressed the need for Y: a noun-phrase content": (
        "Lavrov|lavrov|PROPN|nsubj|1|ORG stressed|stress|VERB|ROOT|1 the|the|DET|det|3 "
        "need|need|NOUN|dobj|1 for|for|ADP|prep|3 new|new|ADJ|amod|6 "
        "guarantees|guarantee|NOUN|pobj|4 ~.|.|PUNCT|punct|1",
        [("stressed", "Lavrov", ("the need for new guarantees",), None)],
    ),
    "X claims that Y": (
        "Lavrov|lavrov|PROPN|nsubj|1 claims|claim|VERB|ROOT|1 that|that|SCONJ|mark|5 "
        "the|the|DET|det|4 West|west|PROPN|nsubj|5|LOC is|be|AUX|ccomp|1 an|an|DET|det|7 "
        "autocracy|autocracy|NOUN|attr|5 ~.|.|PUNCT|punct|1",
        [("claims", "Lavrov", ("that the West is an autocracy",), None)],
    ),
    "a cue noun with its owner": (
        "Russia|russia|PROPN|poss|2|GPE ~'s|'s|PART|case|0 claim|claim|NOUN|nsubjpass|7 "
        "that|that|SCONJ|mark|5 Ukraine|ukraine|PROPN|nsubj|5|GPE "
        "attacked|attack|VERB|acl|2 was|be|AUX|auxpass|7 rejected|reject|VERB|ROOT|7 "
        "~.|.|PUNCT|punct|7",
        [("claim", "Russia", ("that Ukraine attacked",), None)],
    ),
    "no source: it was reported that": (
        "It|it|PRON|nsubjpass|2 was|be|AUX|auxpass|2 reported|report|VERB|ROOT|2 "
        "that|that|SCONJ|mark|7 the|the|DET|det|5 embassy|embassy|NOUN|nsubj|7 "
        "had|have|AUX|aux|7 closed|close|VERB|ccomp|2 ~.|.|PUNCT|punct|2",
        [("reported", None, ("that the embassy had closed",), None)],
    ),
    "a cognition verb": (
        "Officials|official|NOUN|nsubj|1 believe|believe|VERB|ROOT|1 that|that|SCONJ|mark|6 "
        "the|the|DET|det|4 attack|attack|NOUN|nsubjpass|6 was|be|AUX|auxpass|6 "
        "planned|plan|VERB|ccomp|1 ~.|.|PUNCT|punct|1",
        [("believe", "Officials", ("that the attack was planned",), None)],
    ),
    "quoted as saying: the speaker is the passive subject": (
        "He|he|PRON|nsubjpass|2 was|be|AUX|auxpass|2 quoted|quote|VERB|ROOT|2 "
        "as|as|ADP|prep|2 saying|say|VERB|pcomp|3 that|that|SCONJ|mark|9 "
        "the|the|DET|det|7 talks|talk|NOUN|nsubj|9 had|have|AUX|aux|9 "
        "failed|fail|VERB|ccomp|4 ~.|.|PUNCT|punct|2",
        [("saying", "He", ("that the talks had failed",), None)],
    ),
    "X accused Z of Y": (
        "Ukraine|ukraine|PROPN|nsubj|1|GPE accused|accuse|VERB|ROOT|1 "
        "Russia|russia|PROPN|dobj|1|GPE of|of|ADP|prep|1 war|war|NOUN|compound|5 "
        "crimes|crime|NOUN|pobj|3 ~.|.|PUNCT|punct|1",
        [("accused", "Ukraine", ("war crimes",), "Russia")],
    ),
    "a participle inherits the speaker, and is no content of the cue it hangs from": (
        "Noting|note|VERB|advcl|7 that|that|SCONJ|mark|4 the|the|DET|det|3 "
        "talks|talk|NOUN|nsubj|4 failed|fail|VERB|ccomp|0 ~,|,|PUNCT|punct|7 "
        "Lavrov|lavrov|PROPN|nsubj|7|ORG said|say|VERB|ROOT|7 this|this|PRON|dobj|7 "
        "~.|.|PUNCT|punct|7",
        [("Noting", "Lavrov", ("that the talks failed",), None)],
    ),
    "a clause misparsed as adverbial before the cue": (
        "The|the|DET|det|1 plan|plan|NOUN|nsubj|3 will|will|AUX|aux|3 fail|fail|VERB|advcl|6 "
        "~,|,|PUNCT|punct|6 he|he|PRON|nsubj|6 said|say|VERB|ROOT|6 ~.|.|PUNCT|punct|6",
        [("said", "he", ("The plan will fail",), None)],
    ),
    "a small clause is no content": (
        "Russia|russia|PROPN|nsubj|1|GPE said|say|VERB|ROOT|1 itself|itself|PRON|nsubj|3 "
        "neutral|neutral|ADJ|ccomp|1 ~.|.|PUNCT|punct|1",
        [],
    ),
    "a cue without content is no quote": (
        "Lavrov|lavrov|PROPN|nsubj|1|ORG said|say|VERB|ROOT|1 this|this|PRON|dobj|1 "
        "~.|.|PUNCT|punct|1",
        [],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_attributions(name: str) -> None:
    spec, expected = CASES[name]
    text, sentence = parse(spec)
    view = View(sentence)
    got = []
    for f in attributions(view, LEXICON):
        speaker = None if f.speaker is None else view.tokens[f.speaker].text
        addressee = None if f.addressee is None else view.tokens[f.addressee].text
        got.append((f.cue_span.of(text), speaker, tuple(c.of(text) for c in f.content),
                    addressee))
    assert got == expected


def test_runs_bridge_punctuation_but_do_not_end_on_it() -> None:
    text, sentence = parse("a|a|DET|det|1 b|b|NOUN|ROOT|1 ~,|,|PUNCT|punct|1 c|c|NOUN|conj|1 "
                           "~.|.|PUNCT|punct|1")
    view = View(sentence)
    assert [s.of(text) for s in runs(view, {0, 1, 2, 3, 4})] == ["a b, c"]
    assert [s.of(text) for s in runs(view, {0, 1, 3})] == ["a b, c"]
    assert [s.of(text) for s in runs(view, {0, 3})] == ["a", "c"]
