"""Finding actor names and agent terms in text: one Aho-Corasick automaton over all aliases and
agent terms (not a regex per actor), whole words only, leftmost-longest."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from thucydides.actors.folding import APOSTROPHES, normalise
from thucydides.actors.kb import Alias, KnowledgeBase
from thucydides.actors.sectors import Sectors
from thucydides.datafiles import load_tables
from thucydides.records import Span


@dataclass(frozen=True, slots=True)
class Agent:
    """A row of agents.tsv: a common noun naming a kind of actor."""

    term: str
    sector: str
    office: str | None
    person: bool = False  # names one person: "the interior minister" may refer back to one


@dataclass(frozen=True, slots=True)
class Stop:
    """A row of stop_phrases.tsv: words that contain an alias but name no actor."""

    phrase: str
    exact: bool


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in the text: an alias of a KB actor, an agent term, or a stop phrase."""

    span: Span
    alias: Alias | None = None
    agent: Agent | None = None
    stop: bool = False


def load_stops() -> tuple[Stop, ...]:
    return tuple(Stop(r["phrase"], r["case"] == "exact")
                 for r in load_tables("thucydides.actors", "stop_phrases"))


def load_agents(sectors: Sectors | None = None) -> tuple[Agent, ...]:
    """The agent terms, their sectors checked against the sector table (E201)."""
    sectors = sectors if sectors is not None else Sectors.load()
    rows = load_tables("thucydides.actors", "agents")
    for r in rows:
        sectors.check(r)
    return tuple(Agent(r["term"], r["sector"], r["office"], bool(r["person"])) for r in rows)


def _is_word_char(c: str) -> bool:
    return c.isalnum()


class Matcher:
    """Multi-pattern matcher over the knowledge base's aliases and the agent terms."""

    def __init__(self, aliases: Iterable[Alias], agents: Iterable[Agent],
                 stops: Iterable[Stop] = ()) -> None:
        table: dict[str, list[Alias | Agent | Stop]] = defaultdict(list)
        for alias in aliases:
            table[normalise(alias.alias)].append(alias)
        for agent in agents:
            table[normalise(agent.term)].append(agent)
        for stop in stops:
            table[normalise(stop.phrase)].append(stop)
        self._automaton = ahocorasick.Automaton()
        for key, values in table.items():
            self._automaton.add_word(key, (key, tuple(values)))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    @classmethod
    def load(cls, kb: KnowledgeBase, agents: Iterable[Agent] | None = None) -> Matcher:
        """The matcher of ``kb``'s aliases and the agent terms (loaded unless given)."""
        return cls(kb.aliases, load_agents(kb.sectors) if agents is None else agents,
                   load_stops())

    def _raw(self, text: str, low: str) -> Iterator[Hit]:
        if self._empty:
            return
        for end_idx, (key, values) in self._automaton.iter(low):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
                continue
            surface = text[start:end].translate(APOSTROPHES)
            for v in values:
                if isinstance(v, Alias):
                    if v.exact and surface != v.alias.translate(APOSTROPHES):
                        continue
                    yield Hit(Span(start, end), alias=v)
                elif isinstance(v, Stop):
                    if v.exact and surface != v.phrase.translate(APOSTROPHES):
                        continue
                    yield Hit(Span(start, end), stop=True)
                else:
                    yield Hit(Span(start, end), agent=v)

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping hits, leftmost-longest; several readings of one span are all kept; a
        stop phrase hides what it covers and yields nothing (an alias of the very same words wins
        over it)."""
        return [h for h in self._select(text) if not h.stop]

    def _select(self, text: str) -> list[Hit]:
        hits = sorted(self._raw(text, normalise(text)),
                      key=lambda h: (h.span.start, -len(h.span)))
        out: list[Hit] = []
        last_end = -1
        kept: Span | None = None
        for hit in hits:
            if kept is not None and hit.span == kept:
                out.append(hit)  # another reading of the same words
                continue
            if hit.span.start < last_end:
                continue
            out.append(hit)
            kept, last_end = hit.span, hit.span.end
        return out
