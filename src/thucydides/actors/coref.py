"""Coreference inside an article, on mentions: later surname mentions of a person named in full
("Sergey Lavrov ... Lavrov"), definite descriptions ("the minister", "the Russian diplomat") and
counterparts ("his Indian counterpart") resolved against the people mentioned before them.

The first step of the mention-chain stage (``thucydides.actors.chains``), which also links
pronouns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from thucydides.actors.compose import agent_actor
from thucydides.actors.folding import normalise
from thucydides.actors.kb import KnowledgeBase
from thucydides.actors.matcher import Agent
from thucydides.records import Mention, Span

COUNTERPART = "counterpart"  # the office of "counterpart", "opposite number" in agents.tsv
LOOKBACK = 800  # characters: how far back a description looks for its person


@dataclass(frozen=True)
class Terms:
    """What coreference knows of the agent terms (agents.tsv): the terms naming one person
    (column ``person``), the counterpart terms, and the office a term names."""

    person: frozenset[str]
    counterpart: frozenset[str]
    office: Mapping[str, str]

    @classmethod
    def of(cls, agents: Iterable[Agent]) -> Terms:
        rows = tuple(agents)
        return cls(frozenset(normalise(a.term) for a in rows if a.person),
                   frozenset(normalise(a.term) for a in rows if a.office == COUNTERPART),
                   {normalise(a.term): a.office for a in rows
                    if a.office and a.office != COUNTERPART})


def term_of(text: str, m: Mention) -> str:
    """The agent words of a mention (its last part), folded as agent terms are."""
    return normalise(m.parts[-1].of(text) if m.parts else m.span.of(text))


def _is_person(m: Mention) -> bool:
    return m.actor is not None and m.actor.kind == "person"


def _definite(text: str, m: Mention) -> bool:
    return bool(re.search(r"\bthe\s+$", text[max(0, m.span.start - 5) : m.span.start], re.I))


def _compatible(person: Mention, description: Mention) -> bool:
    d, p = description.actor, person.actor
    if d is None or p is None:
        return False
    if d.country and p.country != d.country:
        return False
    return not (d.sector and p.sector and d.sector != p.sector)


def _holds(p: Mention, office: str | None, kb: KnowledgeBase, date: dt.date | None) -> bool:
    """May the person ``p`` be described by a term naming ``office``? Not when the office
    they hold on the date is another one ("the interior minister" is not the foreign
    minister named before)."""
    if office is None or p.actor is None or p.actor.id is None:
        return True
    role = kb.role_on(p.actor.id, date)
    return role is None or role.office == office


def _counterpart(m: Mention, people: Sequence[Mention], kb: KnowledgeBase,
                 date: dt.date | None) -> Mention:
    """"his Indian counterpart": India's holder of the office of the person before it."""
    country = m.actor.country if m.actor else None
    if m.actor is None or country is None:
        return m
    for p in reversed(people):
        if p.span.start >= m.span.start or m.span.start - p.span.end > LOOKBACK:
            continue
        if p.actor is None or p.actor.country == country or p.actor.id is None:
            continue
        role = kb.role_on(p.actor.id, date)
        if role is None:
            continue
        holder = kb.holder(country, role.office, date)
        if holder is not None:
            actor = kb.resolve(holder.actor, date)
        else:
            place = kb.entries.get(m.actor.id or "")
            actor = agent_actor(role.sector, kb.sectors, base=country,
                                of=place.name if place is not None else country,
                                actor_id=m.actor.id, country=country, role=role.title,
                                title=role.title)
        return dataclasses.replace(m, actor=actor, chain=(*m.chain, p.span))
    return m


def _description(m: Mention, people: Sequence[Mention], kb: KnowledgeBase,
                 date: dt.date | None, office: str | None) -> Mention:
    """"the minister", "the Russian diplomat": the last compatible person before it (holding
    the office the description names, if it names one)."""
    for p in reversed(people):
        if m.span.start - p.span.end > LOOKBACK:
            break
        if p.span.start < m.span.start and _compatible(p, m) and _holds(p, office, kb, date):
            return dataclasses.replace(m, actor=p.actor, kind="person", chain=(*m.chain, p.span))
    return m


def _surnames(text: str, people: Sequence[Mention], taken: Sequence[Span]) -> list[Mention]:
    """Later bare surnames of people named before ("Lavrov" after "Sergey Lavrov")."""
    out: list[Mention] = []
    seen: set[str] = set()
    for p in people:
        name = p.actor.name if p.actor else ""
        parts = name.split()
        if len(parts) < 2 or parts[-1] in seen:
            continue
        seen.add(parts[-1])
        for hit in re.finditer(rf"\b{re.escape(parts[-1])}\b", text[p.span.end :]):
            span = Span(p.span.end + hit.start(), p.span.end + hit.end())
            if not any(span.overlaps(t) for t in taken):
                out.append(Mention(span, -1, p.actor, "person", (span,), (p.span,)))
    return out


def resolve_mentions(text: str, mentions: Sequence[Mention], kb: KnowledgeBase,
                     date: dt.date | None, terms: Terms) -> list[Mention]:
    """The mentions with descriptions and counterparts resolved, and surname mentions added
    (sentence indices of added mentions are left at -1 for the caller)."""
    out: list[Mention] = []
    people: list[Mention] = []
    for m in mentions:
        term = term_of(text, m)
        if m.kind in ("agent", "composed") and term in terms.counterpart:
            m = _counterpart(m, people, kb, date)
        elif m.kind in ("agent", "composed") and term in terms.person and _definite(text, m):
            m = _description(m, people, kb, date, terms.office.get(term))
        if _is_person(m) and m.actor is not None and m.actor.id:
            people.append(m)
        out.append(m)
    out += _surnames(text, [p for p in people if not p.chain], [m.span for m in out])
    return sorted(out, key=lambda m: m.span.start)
