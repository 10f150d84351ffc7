"""Pronouns as data (``data/pronouns.tsv``, schema ``pronouns.v1``): the person, number, gender
and cases of each English personal pronoun, the one list every reader selects from. The parse
views ask which pronouns may stand for an actor; the mention chains (``thucydides.actors.chains``
and ``thucydides.actors.speakers``) ask what a pronoun may refer to.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from thucydides.datafiles import Row, load_tables


@dataclass(frozen=True, slots=True)
class Pronoun:
    form: str
    person: int
    number: str  # singular, plural, any
    gender: str | None  # masculine, feminine, neuter (third person singular only)
    cases: frozenset[str]

    @property
    def personal(self) -> bool:
        """Does the form stand for a participant by itself (a subject or an object form)?"""
        return bool(self.cases & {"subject", "object"})

    @property
    def reflexive(self) -> bool:
        return "reflexive" in self.cases

    @property
    def standalone(self) -> bool:
        """A form that names a participant by itself, reflexives included ("he", "itself"; not
        "his", "hers")."""
        return self.personal or self.reflexive

    @property
    def person_like(self) -> bool:
        """"he", "her": a person."""
        return self.person == 3 and self.gender in ("masculine", "feminine")

    @property
    def neuter(self) -> bool:
        """"it", "its": a state, an organisation, a group."""
        return self.person == 3 and self.gender == "neuter"

    @property
    def plural(self) -> bool:
        return self.number == "plural"

    @classmethod
    def of(cls, row: Row) -> Pronoun:
        return cls(row["form"], int(row["person"]), row["number"], row["gender"],
                   frozenset(row["case"]))


@dataclass(frozen=True)
class Pronouns:
    """The pronoun table, by form."""

    forms: Mapping[str, Pronoun]

    @classmethod
    def of(cls, rows: Iterable[Pronoun]) -> Pronouns:
        return cls({p.form: p for p in rows})

    @classmethod
    def load(cls) -> Pronouns:
        return cls.of(Pronoun.of(r) for r in load_tables("thucydides.nlp", "pronouns"))

    def get(self, word: str) -> Pronoun | None:
        return self.forms.get(word.lower())

    @cached_property
    def actor_like(self) -> frozenset[str]:
        """The forms that may be a participant of an event ("he", "them", "we")."""
        return frozenset(f for f, p in self.forms.items() if p.personal)

    @cached_property
    def clause_linked(self) -> frozenset[str]:
        """The forms an antecedent in their own sentence may resolve: the participant forms and
        the third person possessives ("Peru says *it* ...", "Chile recalled *its* envoy")."""
        return self.actor_like | frozenset(
            f for f, p in self.forms.items() if p.person == 3 and "possessive" in p.cases)


@functools.cache
def pronouns() -> Pronouns:
    """The built-in table, read once (it is immutable; tests may build their own with
    ``Pronouns.of``)."""
    return Pronouns.load()
