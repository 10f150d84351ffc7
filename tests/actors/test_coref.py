"""Coreference inside an article (surnames, descriptions, counterparts, pronouns) on a small
knowledge base built in memory, and date-aware roles on the real one."""

from __future__ import annotations

import datetime as dt

import pytest

from thucydides.actors.compose import mentions_from_hits
from thucydides.actors.coref import Terms, resolve_mentions
from thucydides.actors.kb import Alias, Entry, KnowledgeBase, Role
from thucydides.actors.lookup import lookup
from thucydides.actors.matcher import Agent, Matcher, load_agents

D = dt.date(2022, 4, 1)
ENTRIES = {
    "country:RUS": Entry("country:RUS", "state", "Russia", "RUS", "RUS"),
    "country:IND": Entry("country:IND", "state", "India", "IND", "IND"),
    "person:lavrov": Entry("person:lavrov", "person", "Sergey Lavrov", None, "RUS"),
    "person:jaishankar": Entry("person:jaishankar", "person", "S. Jaishankar", None, "IND"),
    "person:sharma": Entry("person:sharma", "person", "Anil Sharma", None, "IND"),
}
ALIASES = [
    Alias("country:RUS", "Russia", "short", None, False),
    Alias("country:RUS", "Russian", "adjective", None, False),
    Alias("country:IND", "Indian", "adjective", None, False),
    Alias("person:lavrov", "Sergey Lavrov", "name", None, False),
    Alias("person:sharma", "Anil Sharma", "name", None, False),
]
ROLES = [
    Role("person:lavrov", "RUS", None, "GOV", "foreign_minister", "Foreign Minister",
         dt.date(2004, 3, 9), None),
    Role("person:jaishankar", "IND", None, "GOV", "foreign_minister", "External Affairs Minister",
         dt.date(2019, 5, 30), None),
]
AGENTS = [Agent("counterpart", "GOV", "counterpart", person=True),
          Agent("diplomat", "GOV", None, person=True), Agent("minister", "GOV", None, person=True),
          Agent("interior minister", "GOV", "interior_minister", person=True),
          Agent("troops", "MIL", None)]


@pytest.fixture(scope="module")
def small():
    kb = KnowledgeBase.build(ENTRIES, ALIASES, ROLES)
    return kb, Matcher(kb.aliases, AGENTS)


def resolved(text, kb, matcher):
    found = mentions_from_hits(text, matcher.find(text), kb, D)
    return [(m.span.of(text), m.actor.name if m.actor else None, [c.of(text) for c in m.chain])
            for m in resolve_mentions(text, found, kb, D, Terms.of(AGENTS))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sergey Lavrov met his Indian counterpart.",
         [("Sergey Lavrov", "Sergey Lavrov", []),
          ("Indian counterpart", "S. Jaishankar", ["Sergey Lavrov"])]),
        ("Sergey Lavrov spoke. Later Lavrov left.",
         [("Sergey Lavrov", "Sergey Lavrov", []), ("Lavrov", "Sergey Lavrov", ["Sergey Lavrov"])]),
        ("Sergey Lavrov arrived. The Russian diplomat said little.",
         [("Sergey Lavrov", "Sergey Lavrov", []),
          ("Russian diplomat", "Sergey Lavrov", ["Sergey Lavrov"])]),
        # a description of another country does not take the last person
        ("Sergey Lavrov arrived. The Indian diplomat said little.",
         [("Sergey Lavrov", "Sergey Lavrov", []),
          ("Indian diplomat", "India government", [])]),
        # a bare surname after the full name
        ("Anil Sharma spoke; then Sharma left.",
         [("Anil Sharma", "Anil Sharma", []), ("Sharma", "Anil Sharma", ["Anil Sharma"])]),
    ],
)
def test_mention_coreference(small, text, expected):
    assert resolved(text, *small) == expected


INTERIOR = Role("person:sharma", "IND", None, "GOV", "interior_minister", "Home Minister",
                dt.date(2019, 5, 30), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an office description takes the person holding that office
        ("Anil Sharma arrived. The interior minister said little.",
         [("Anil Sharma", "Anil Sharma", []),
          ("interior minister", "Anil Sharma", ["Anil Sharma"])]),
        # ... and not a person holding another one
        ("Sergey Lavrov arrived. The interior minister said little.",
         [("Sergey Lavrov", "Sergey Lavrov", []), ("interior minister", "government", [])]),
        # a term that names no person is no description
        ("Anil Sharma arrived. The troops left.",
         [("Anil Sharma", "Anil Sharma", []), ("troops", "military", [])]),
    ],
)
def test_office_descriptions(text, expected):
    kb = KnowledgeBase.build(ENTRIES, ALIASES, [*ROLES, INTERIOR])
    assert resolved(text, kb, Matcher(kb.aliases, AGENTS)) == expected


def test_counterpart_without_holder_is_named_by_country_name():
    kb = KnowledgeBase.build(ENTRIES, ALIASES, ROLES[:1])  # no Indian foreign minister known
    text = "Sergey Lavrov met his Indian counterpart."
    found = mentions_from_hits(text, Matcher(kb.aliases, AGENTS).find(text), kb, D)
    counterpart = resolve_mentions(text, found, kb, D, Terms.of(AGENTS))[-1]
    assert (counterpart.actor.code, counterpart.actor.name, counterpart.actor.role) == (
        "INDGOV", "India Foreign Minister", "Foreign Minister")


def test_person_terms_are_data():
    terms = Terms.of(load_agents())
    # every office term names one person; the old hard-coded list missed these
    assert {"interior minister", "home secretary", "foreign minister", "president"} <= terms.person
    assert terms.office["home secretary"] == "interior_minister"
    assert terms.counterpart == {"counterpart", "opposite number"}
    assert all(a.person for a in load_agents() if a.office)
    assert not {"troops", "government", "officials"} & terms.person


@pytest.mark.parametrize(
    ("name", "date", "code", "role"),
    [
        ("Biden", "2015-06-01", "USAGOV", "Vice President"),
        ("Biden", "2022-06-01", "USAGOV", "President"),
        ("Biden", "2026-06-01", "USAELI", None),  # a former official
        ("Blinken", "2020-06-01", "USA", None),  # before his office: a national
        ("Blinken", "2022-06-01", "USAGOV", "Secretary of State"),
        ("Lavrov", "2022-03-30", "RUSGOV", "Minister of Foreign Affairs"),
        ("Zelensky", "2018-06-01", "UKR", None),
        ("Zelensky", "2022-06-01", "UKRGOV", "President"),
    ],
)
def test_roles_on_dates(kb, name, date, code, role):
    (found,) = lookup(kb, name, dt.date.fromisoformat(date))
    assert (found["code"], found["role"]) == (code, role)
