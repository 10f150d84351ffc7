"""From matches to mentions: a country or organisation composes with an agent term next to it
("Russian troops" -> RUSMIL, "Ukraine's foreign minister" -> UKRGOV, "the government of Iraq" ->
IRQGOV), a title absorbs the name that follows it ("Foreign Minister Sergei Lavrov"), and an office
with a known country resolves to its holder on the article's date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from thucydides.actors.kb import Alias, KnowledgeBase
from thucydides.actors.matcher import Agent, Hit
from thucydides.actors.sectors import Sectors
from thucydides.records import Actor, Mention, Span

# Between a country and its agent: nothing, or a closed set of modifiers ("Russian top diplomat"),
# or a possessive and up to two modifier words ("Iran's two biggest private banks"); between an
# agent and its country: of / for / from (+ the).
_COUNTRY_AGENT_GAP = re.compile(r"(?P<poss>['’]s?)?(?P<words>(?:\s+[A-Za-z][\w-]*){0,2})\s+")
MODIFIERS = frozenset({
    "top", "senior", "chief", "deputy", "former", "acting", "interim", "new", "state", "state-run",
    "state-owned", "main", "largest", "biggest", "leading", "elite", "special", "local", "national",
    "federal", "central", "pro-government", "government-backed", "highest", "ex", "outgoing",
    "incoming", "caretaker", "embattled", "veteran", "powerful", "influential",
})
GAP_STOPWORDS = frozenset({
    "and", "or", "but", "nor", "the", "a", "an", "with", "against", "to", "of", "by", "for", "in",
    "on", "at", "from", "as", "that", "which", "who", "whom", "this", "these", "those", "its",
    "their", "his", "her", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
    "would", "said", "says", "not", "no",
})
_AGENT_COUNTRY_GAP = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?")
_TITLE_NAME_GAP = re.compile(r",?\s+")
PLACE_KINDS = frozenset({"state", "territory", "igo", "bloc", "region"})
# Which reading of an ambiguous span to prefer.
KIND_RANK = {"person": 0, "state": 1, "territory": 2, "igo": 3, "bloc": 4, "party": 5,
             "armed_group": 5, "organization": 6, "ngo": 6, "media": 7, "company": 8,
             "region": 9}


@dataclass(frozen=True, slots=True)
class Unit:
    """One span of text with its best reading."""

    span: Span
    alias: Alias | None
    agent: Agent | None


def _units(hits: Sequence[Hit], kb: KnowledgeBase) -> list[Unit]:
    by_span: dict[Span, list[Hit]] = {}
    for h in hits:
        by_span.setdefault(h.span, []).append(h)
    units = []
    for span, group in sorted(by_span.items()):
        aliases = [h.alias for h in group if h.alias is not None]
        agents = [h.agent for h in group if h.agent is not None]
        alias = min(aliases, key=lambda a: (not a.user, KIND_RANK.get(kb.entries[a.actor].kind,
                                                                          10)), default=None)
        units.append(Unit(span, alias, agents[0] if agents else None))
    return units


def _is_place(u: Unit, kb: KnowledgeBase) -> bool:
    return u.alias is not None and kb.entries[u.alias.actor].kind in PLACE_KINDS


def _is_person(u: Unit, kb: KnowledgeBase) -> bool:
    return u.alias is not None and kb.entries[u.alias.actor].kind == "person"


def _is_agent(u: Unit) -> bool:
    return u.alias is None and u.agent is not None


def _gap(text: str, a: Span, b: Span, pattern: re.Pattern[str]) -> bool:
    return a.end <= b.start and pattern.fullmatch(text[a.end : b.start]) is not None


def _country_agent_gap(text: str, a: Span, b: Span) -> bool:
    """May the country at ``a`` modify the agent at ``b``?"""
    if a.end > b.start:
        return False
    m = _COUNTRY_AGENT_GAP.fullmatch(text[a.end : b.start])
    if m is None:
        return False
    words = [w.lower() for w in m.group("words").split()]
    if any(w in GAP_STOPWORDS for w in words):
        return False
    return bool(m.group("poss")) or all(w in MODIFIERS for w in words)


def agent_actor(sector: str, sectors: Sectors, *, base: str = "", of: str | None = None,
                actor_id: str | None = None, country: str | None = None,
                role: str | None = None, title: str | None = None) -> Actor:
    """An agent actor: a sector (``sector``), of a country or organisation when ``of`` names
    it. The code is ``base`` (the country's or organisation's code) + the sector; the name is
    ``of`` + the sector's label, or + ``title`` when given ("Ukraine separatists" UKRSEP,
    "India Minister of Foreign Affairs" INDGOV); ``actor_id`` is the country's or
    organisation's id."""
    label = title or sectors.label(sector)
    return Actor(code=f"{base}{sector}", name=f"{of} {label}" if of else label, id=actor_id,
                 country=country, sector=sector, kind="agent", role=role)


def compose_actor(place: Alias, agent: Agent, kb: KnowledgeBase, date: dt.date | None) -> Actor:
    """The actor of a country (or organisation) plus an agent term, as of ``date``."""
    entry = kb.entries[place.actor]
    key = entry.country or entry.id
    if agent.office:
        role = kb.holder(key, agent.office, date)
        if role is not None:
            return kb.resolve(role.actor, date)
    return agent_actor(agent.sector, kb.sectors, base=entry.code or entry.country or "",
                       of=entry.name, actor_id=entry.id, country=entry.country,
                       role=agent.term if agent.office else None)


def _single(u: Unit, kb: KnowledgeBase, date: dt.date | None) -> Mention:
    if u.alias is not None:
        actor = kb.resolve(u.alias.actor, date, u.alias.sector)
        return Mention(u.span, -1, actor, kb.entries[u.alias.actor].kind, (u.span,))
    assert u.agent is not None
    actor = agent_actor(u.agent.sector, kb.sectors, role=u.agent.term if u.agent.office else None)
    return Mention(u.span, -1, actor, "agent", (u.span,))


def mentions_from_hits(text: str, hits: Sequence[Hit], kb: KnowledgeBase,
                       date: dt.date | None) -> list[Mention]:
    """Compose hits into mentions (sentence index left at -1 for the caller to fill)."""
    units = _units(hits, kb)
    out: list[Mention] = []
    i = 0
    while i < len(units):
        u = units[i]
        nxt = units[i + 1] if i + 1 < len(units) else None
        after = units[i + 2] if i + 2 < len(units) else None
        if nxt and _is_place(u, kb) and _is_agent(nxt) and _country_agent_gap(text, u.span,
                                                                              nxt.span):
            assert u.alias is not None and nxt.agent is not None
            actor = compose_actor(u.alias, nxt.agent, kb, date)
            span, parts, used = Span(u.span.start, nxt.span.end), (u.span, nxt.span), 2
            if after and _is_person(after, kb) and _gap(text, nxt.span, after.span,
                                                        _TITLE_NAME_GAP):
                assert after.alias is not None
                actor = kb.resolve(after.alias.actor, date)
                span, parts, used = Span(u.span.start, after.span.end), (*parts, after.span), 3
            out.append(Mention(span, -1, actor, "composed", parts))
            i += used
            continue
        if nxt and _is_agent(u) and _is_place(nxt, kb) and _gap(text, u.span, nxt.span,
                                                                 _AGENT_COUNTRY_GAP):
            assert nxt.alias is not None and u.agent is not None
            actor = compose_actor(nxt.alias, u.agent, kb, date)
            out.append(Mention(Span(u.span.start, nxt.span.end), -1, actor, "composed",
                               (u.span, nxt.span)))
            i += 2
            continue
        if nxt and _is_agent(u) and _is_person(nxt, kb) and _gap(text, u.span, nxt.span,
                                                                  _TITLE_NAME_GAP):
            assert nxt.alias is not None
            out.append(Mention(Span(u.span.start, nxt.span.end), -1,
                               kb.resolve(nxt.alias.actor, date), "person", (u.span, nxt.span)))
            i += 2
            continue
        out.append(_single(u, kb, date))
        i += 1
    return out
