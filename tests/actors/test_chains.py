"""The mention-chain stage on hand-built parses (one table row per kind of link: pronouns in their
sentence, surnames, descriptions, counterparts), the discourse across sentences, and the pronoun
and title tables every resolver reads."""

from __future__ import annotations

import datetime as dt

import pytest

from parsing import article
from thucydides.actors.chains import Chains, Discourse, pronoun_chains
from thucydides.actors.kb import Entry, KnowledgeBase, Role
from thucydides.actors.speakers import refers, titles
from thucydides.datafiles import load_schema, parse_tsv
from thucydides.errors import DataFileError
from thucydides.nlp.pronouns import Pronoun, Pronouns, pronouns
from thucydides.records import Actor, ActorRef, Analysis, Mention, Span, Token

D = dt.date(2022, 4, 1)
LAVROV = Actor("RUSGOV", "Sergey Lavrov", "person:lavrov", "RUS", "GOV", "person",
               "Foreign Minister")
PERU = Actor("PER", "Peru", "country:PER", "PER", None, "state")
CHILE = Actor("CHL", "Chile", "country:CHL", "CHL", None, "state")
MINISTER = Actor("GOV", "government", None, None, "GOV", "agent", "minister")
INDIAN_COUNTERPART = Actor("INDGOV", "India government", "country:IND", "IND", "GOV", "agent",
                           "counterpart")
ENTRIES = {
    "country:RUS": Entry("country:RUS", "state", "Russia", "RUS", "RUS"),
    "country:IND": Entry("country:IND", "state", "India", "IND", "IND"),
    "person:lavrov": Entry("person:lavrov", "person", "Sergey Lavrov", None, "RUS"),
    "person:jaishankar": Entry("person:jaishankar", "person", "S. Jaishankar", None, "IND"),
}
ROLES = [
    Role("person:lavrov", "RUS", None, "GOV", "foreign_minister", "Foreign Minister",
         dt.date(2004, 3, 9), None),
    Role("person:jaishankar", "IND", None, "GOV", "foreign_minister", "External Affairs Minister",
         dt.date(2019, 5, 30), None),
]

# Sentences (tests/parsing.py: word|lemma|POS|dep|head; ~ glues a token to the one before).
PERU_SAYS_IT = ("Peru|peru|PROPN|nsubj|1 says|say|VERB|ROOT|1 it|it|PRON|nsubj|5 "
                "will|will|AUX|aux|5 not|not|PART|neg|5 sign|sign|VERB|ccomp|1 ~.|.|PUNCT|punct|1")
CHILE_ITS = ("Chile|chile|PROPN|nsubj|1 recalled|recall|VERB|ROOT|1 its|its|PRON|poss|3 "
             "envoy|envoy|NOUN|dobj|1 ~.|.|PUNCT|punct|1")
CHILE_THEM = ("Chile|chile|PROPN|nsubj|1 criticised|criticise|VERB|ROOT|1 "
              "them|they|PRON|dobj|1 ~.|.|PUNCT|punct|1")
SERGEY_SPOKE = ("Sergey|sergey|PROPN|compound|1 Lavrov|lavrov|PROPN|nsubj|2 "
                "spoke|speak|VERB|ROOT|2 ~.|.|PUNCT|punct|2")
LAVROV_LEFT = "Lavrov|lavrov|PROPN|nsubj|1 left|leave|VERB|ROOT|1 ~.|.|PUNCT|punct|1"
MINISTER_SPOKE = ("The|the|DET|det|1 minister|minister|NOUN|nsubj|2 spoke|speak|VERB|ROOT|2 "
                  "~.|.|PUNCT|punct|2")
A_MINISTER_SPOKE = ("A|a|DET|det|1 minister|minister|NOUN|nsubj|2 spoke|speak|VERB|ROOT|2 "
                    "~.|.|PUNCT|punct|2")
COUNTERPART = ("Sergey|sergey|PROPN|compound|1 Lavrov|lavrov|PROPN|nsubj|2 met|meet|VERB|ROOT|2 "
               "his|his|PRON|poss|5 Indian|indian|ADJ|amod|5 counterpart|counterpart|NOUN|dobj|2 "
               "~.|.|PUNCT|punct|2")
HE_LEFT = "He|he|PRON|nsubj|1 left|leave|VERB|ROOT|1 ~.|.|PUNCT|punct|1"

# name: (sentences, actors, [(words, kind, antecedent words, actor name), ...])
CASES = {
    "pronoun: the subject of the clause above": (
        [PERU_SAYS_IT], {"Peru": PERU}, [("it", "pronoun", ["Peru"], ["Peru"])]),
    "a possessive may take its own clause's subject": (
        [CHILE_ITS], {"Chile": CHILE}, [("its", "pronoun", ["Chile"], ["Chile"])]),
    "an object pronoun does not": ([CHILE_THEM], {"Chile": CHILE}, []),
    "no antecedent in the sentence: no link (the discourse's job)": (
        [SERGEY_SPOKE, HE_LEFT], {"Sergey Lavrov": LAVROV}, []),
    "surname": (
        [SERGEY_SPOKE, LAVROV_LEFT], {"Sergey Lavrov": LAVROV},
        [("Lavrov", "surname", ["Sergey Lavrov"], ["Sergey Lavrov"])]),
    "definite description": (
        [SERGEY_SPOKE, MINISTER_SPOKE], {"Sergey Lavrov": LAVROV, "minister": MINISTER},
        [("minister", "description", ["Sergey Lavrov"], ["Sergey Lavrov"])]),
    "an indefinite one is someone new": (
        [SERGEY_SPOKE, A_MINISTER_SPOKE], {"Sergey Lavrov": LAVROV, "minister": MINISTER}, []),
    "counterpart": (
        [COUNTERPART], {"Sergey Lavrov": LAVROV, "Indian counterpart": INDIAN_COUNTERPART},
        [("his", "pronoun", ["Sergey Lavrov"], ["Sergey Lavrov"]),
         ("Indian counterpart", "counterpart", ["Sergey Lavrov"], ["Sergey Lavrov"])]),
}


@pytest.fixture(scope="module")
def stage() -> Chains:
    return Chains.load(KnowledgeBase.build(ENTRIES, [], ROLES))


def rows(item: Analysis) -> list[tuple[str, str, list[str], list[str | None]]]:
    text = item.article.text
    return [(c.span.of(text), c.kind, [r.span.of(text) for r in c.refs],
             [r.actor.name if r.actor else None for r in c.refs]) for c in item.chains or ()]


@pytest.mark.parametrize("name", CASES)
def test_chains(stage: Chains, name: str) -> None:
    specs, actors, expected = CASES[name]
    assert rows(stage.link(article(*specs, actors=actors, date=D))) == expected


def test_mentions_take_their_antecedents_actor(stage: Chains) -> None:
    item = stage.link(article(SERGEY_SPOKE, MINISTER_SPOKE, LAVROV_LEFT, date=D,
                              actors={"Sergey Lavrov": LAVROV, "minister": MINISTER}))
    text = item.article.text
    got = [(m.span.of(text), m.sentence, m.actor.name if m.actor else None,
            [c.of(text) for c in m.chain]) for m in item.mentions or ()]
    assert got == [("Sergey Lavrov", 0, "Sergey Lavrov", []),
                   ("minister", 1, "Sergey Lavrov", ["Sergey Lavrov"]),
                   ("Lavrov", 2, "Sergey Lavrov", ["Sergey Lavrov"])]


def test_a_pronoun_link_ends_with_the_pronoun(stage: Chains) -> None:
    item = stage.link(article(PERU_SAYS_IT, actors={"Peru": PERU}, date=D))
    (link,) = pronoun_chains(item.chains).values()
    assert [s.of(item.article.text) for s in link.refs[0].chain] == ["it"]


def ref(name: str, start: int, kind: str = "state") -> ActorRef:
    span = Span(start, start + len(name))
    return ActorRef(span, span, Actor(code=name[:3].upper(), name=name, kind=kind))


def pron(word: str, start: int) -> Token:
    return Token(0, word, word.lower(), "PRON", "PRP", "nsubj", 0, start, start + len(word))


def test_pronouns_across_sentences() -> None:
    d = Discourse()
    lavrov = Mention(Span(0, 6), 0, Actor("RUSGOV", "Lavrov", kind="person"), "person",
                     (Span(0, 6),))
    russia = Mention(Span(20, 26), 0, Actor("RUS", "Russia", kind="state"), "state",
                     (Span(20, 26),))
    d.add_sentence([lavrov, russia], [ref("Canada", 30), ref("Japan", 40)])
    he = d.resolve("he", Span(60, 62))
    assert [r.actor.name for r in he] == ["Lavrov"] and he[0].chain == (Span(60, 62),)
    assert [r.actor.name for r in d.resolve("it", Span(60, 62))] == ["Russia"]
    assert [r.actor.name for r in d.resolve("They", Span(60, 64))] == ["Canada", "Japan"]
    assert d.resolve("he", Span(5000, 5002)) == []  # too far back
    assert d.across(pron("himself", 60)) == [] and d.across(pron("we", 60)) == []
    assert [r.actor.name for r in d.across(pron("his", 60))] == ["Lavrov"]


def test_a_link_in_the_sentence_comes_before_the_discourse(stage: Chains) -> None:
    item = stage.link(article(PERU_SAYS_IT, actors={"Peru": PERU}, date=D))
    d = Discourse.of(item)
    d.add_sentence([], [ref("Canada", 0), ref("Japan", 10)])
    it = next(t for t in (item.sentences or ())[0].tokens if t.lower == "it")
    assert d.linked(it) is not None and d.linked(it).actor == PERU
    assert d.across(it) == []


# The lists each resolver used to hard-code, as selections of the one pronoun table.
TABLE = pronouns()
SELECTIONS = {
    "actor-like (the parse view)": (TABLE.actor_like,
                                    {"he", "she", "it", "they", "him", "her", "them", "we", "us",
                                     "i", "you", "me"}),
    "linked in their sentence (the coder)": (
        TABLE.clause_linked, TABLE.actor_like | {"its", "their", "his", "her"}),
    "speaker: the quote's speaker": ({f for f in TABLE.forms if refers(TABLE.get(f)) == "first"},
                                     {"i", "me", "we", "us", "myself", "ourselves"}),
    "speaker: a person": ({f for f in TABLE.forms if refers(TABLE.get(f)) == "person"},
                          {"he", "she", "him", "her", "himself", "herself"}),
    "speaker: a group": ({f for f in TABLE.forms if refers(TABLE.get(f)) == "group"},
                         {"they", "them", "it", "themselves", "itself"}),
    "across sentences (the discourse)": (
        {f for f, p in TABLE.forms.items() if p.person == 3 and not p.reflexive},
        {"he", "she", "him", "his", "her", "hers", "it", "its", "they", "them", "their",
         "theirs"}),
}


@pytest.mark.parametrize("name", SELECTIONS)
def test_pronoun_lists_are_selections_of_one_table(name: str) -> None:
    got, expected = SELECTIONS[name]
    assert got == expected


def test_a_table_built_in_memory_is_what_the_stage_reads() -> None:
    only_he = Pronouns.of([Pronoun("he", 3, "singular", "masculine", frozenset({"subject"}))])
    stage = Chains.load(KnowledgeBase.build(ENTRIES, [], ROLES), table=only_he)
    item = stage.link(article(PERU_SAYS_IT, actors={"Peru": PERU}, date=D))
    assert item.chains == ()


def test_titles_are_data() -> None:
    assert {"minister", "spokesman", "lawyer", "woman"} <= titles()
    assert not {"ministers", "troops", "government"} & titles()


@pytest.mark.parametrize(("table", "row", "message"), [
    ("titles", "top diplomat\t", "does not match"),
    ("titles", "Minister\t", "does not match"),
    ("pronouns", "he\t4\tsingular\tmasculine\tsubject\t", "is not one of"),
    ("pronouns", "he\t3\tsingular\tmasculine\tgenitive\t", "is not one of"),
    ("pronouns", "he\t3\tdual\tmasculine\tsubject\t", "is not one of"),
])
def test_bad_word_rows_are_rejected(table: str, row: str, message: str) -> None:
    package = "thucydides.actors" if table == "titles" else "thucydides.nlp"
    schema = load_schema(package, table)
    header = "\t".join(c.name for c in schema.columns)
    with pytest.raises(DataFileError, match=message):
        parse_tsv(f"{header}\n{row}\n", schema, f"{table}.tsv")
