"""Event groups: the events the coder expands from one clause, as first-class records.

The coder gives every event of a clause with several actors the same ``group`` id (one event per
source-target pair). ``event_groups`` is the one place that turns those ids into ``EventGroup``
records: the JSON output, the store and the exports' ``--compound group`` all take them from
here. A group is ``reciprocal`` when its members act on each other (every member has a target,
and the targets are the sources: "Moscow and Kiev held talks"), else ``compound``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from thucydides.records import ActorRef, Event, EventGroup

COMPOUND, RECIPROCAL = "compound", "reciprocal"


def event_groups(events: Sequence[Event]) -> tuple[EventGroup, ...]:
    """The groups of an article's events, in the order of their first member."""
    return groups_of(enumerate(events))


def groups_of(indexed: Iterable[tuple[int, Event]]) -> tuple[EventGroup, ...]:
    """The groups of events given with their index in the article (the store reads back only
    the events of groups)."""
    members: dict[str, list[tuple[int, Event]]] = {}
    for i, e in indexed:
        if e.group is not None:
            members.setdefault(e.group, []).append((i, e))
    return tuple(group(gid, [i for i, _ in found], [e for _, e in found])
                 for gid, found in members.items())


def group(gid: str, idx: Sequence[int], members: Sequence[Event]) -> EventGroup:
    sources = distinct(e.source for e in members)
    targets = distinct(e.target for e in members)
    return EventGroup(gid, kind(members, sources, targets), tuple(idx), sources, targets)


def distinct(refs: Iterable[ActorRef | None]) -> tuple[ActorRef, ...]:
    """The participants, each once (the same phrase resolved to the same actor), in order."""
    seen: dict[tuple[object, ...], ActorRef] = {}
    for r in refs:
        if r is not None:
            seen.setdefault((r.span, r.actor.code if r.actor else None), r)
    return tuple(seen.values())


def kind(members: Sequence[Event], sources: Sequence[ActorRef],
         targets: Sequence[ActorRef]) -> str:
    mutual = len(members) > 1 and all(e.target is not None for e in members) and (
        {r.span for r in sources} == {r.span for r in targets})
    return RECIPROCAL if mutual else COMPOUND
