"""Event groups: the one place that turns the coder's shared ``group`` ids into records."""

from __future__ import annotations

import pytest

from thucydides.events.groups import event_groups, groups_of
from thucydides.records import Actor, ActorRef, Event, Span

TEXT = "Chile, Peru and Japan met Kenya and Iran."
WORDS = {w.strip(",."): Span(TEXT.index(w.strip(",.")), TEXT.index(w.strip(",.")) +
                             len(w.strip(",."))) for w in TEXT.split() if w[0].isupper()}


def ref(name: str | None) -> ActorRef | None:
    if name is None:
        return None
    span = WORDS[name]
    return ActorRef(span, span, Actor(name[:3].upper(), name))


def event(source: str | None, target: str | None, group: str | None) -> Event:
    return Event(ref(source), ref(target), "040", "CONSULT", None, None, 1.0, 1, 1,
                 Span(22, 25), Span(0, len(TEXT)), group=group)


# events as (source, target, group) -> the groups: (id, kind, members, sources, targets)
CASES = {
    "no group": ([("Chile", "Peru", None)], []),
    "compound targets": (
        [("Chile", "Kenya", "g"), ("Chile", "Iran", "g")],
        [("g", "compound", (0, 1), ["Chile"], ["Kenya", "Iran"])]),
    "compound sources, no target": (
        [("Chile", None, "g"), ("Peru", None, "g")],
        [("g", "compound", (0, 1), ["Chile", "Peru"], [])]),
    "reciprocal pair": (
        [("Chile", "Peru", "g"), ("Peru", "Chile", "g")],
        [("g", "reciprocal", (0, 1), ["Chile", "Peru"], ["Peru", "Chile"])]),
    "reciprocal three": (
        [(a, b, "g") for a in ("Chile", "Peru", "Japan")
         for b in ("Chile", "Peru", "Japan") if a != b],
        [("g", "reciprocal", tuple(range(6)), ["Chile", "Peru", "Japan"],
          ["Peru", "Japan", "Chile"])]),
    "one member left": (
        [("Chile", "Peru", "g")], [("g", "compound", (0,), ["Chile"], ["Peru"])]),
    "two groups, interleaved, with an event of none": (
        [("Chile", "Kenya", "a"), ("Peru", "Iran", None), ("Japan", "Kenya", "b"),
         ("Chile", "Iran", "a"), ("Japan", "Iran", "b")],
        [("a", "compound", (0, 3), ["Chile"], ["Kenya", "Iran"]),
         ("b", "compound", (2, 4), ["Japan"], ["Kenya", "Iran"])]),
    "a participant twice is listed once": (
        [("Chile", "Kenya", "g"), ("Chile", "Iran", "g"), ("Chile", "Kenya", "g")],
        [("g", "compound", (0, 1, 2), ["Chile"], ["Kenya", "Iran"])]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_event_groups(name: str) -> None:
    given, expected = CASES[name]
    groups = event_groups([event(*e) for e in given])
    got = [(g.id, g.kind, g.events, [TEXT[r.span.start:r.span.end] for r in g.sources],
            [TEXT[r.span.start:r.span.end] for r in g.targets]) for g in groups]
    assert got == expected


def test_groups_of_events_given_with_their_index() -> None:
    """The store reads back only the grouped events: their article indexes are kept."""
    pairs = [(4, event("Chile", "Kenya", "g")), (7, event("Chile", "Iran", "g"))]
    assert [g.events for g in groups_of(pairs)] == [(4, 7)]
