"""How coded events are written for the gold scorer: compound groups as one event, reciprocal
pairs once as written, negated events left out."""

from __future__ import annotations

from thucydides.eval.events import prediction
from thucydides.records import ActorRef, Analysis, Article, Event, Span

TEXT = "Canada and Japan sanctioned Russia. Moscow and Kiev held talks. Iran did not attack."


def ref(word: str, nth: int = 0) -> ActorRef:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    span = Span(start, start + len(word))
    return ActorRef(span, span)


def event(cameo: str, source: str, target: str | None, group: str | None,
          negated: bool = False) -> Event:
    return Event(ref(source), ref(target) if target else None, cameo, None, None, None, 0.0, 1,
                 1, Span(0, 1), Span(0, len(TEXT)), negated=negated, group=group)


EVENTS = (
    event("163", "Canada", "Russia", "s0.0"), event("163", "Japan", "Russia", "s0.0"),
    event("046", "Moscow", "Kiev", "s1.0"), event("046", "Kiev", "Moscow", "s1.0"),
    event("190", "Iran", None, None, negated=True),
)


def spans(line):
    return [((e["source"] or {}).get("text"), (e["target"] or {}).get("text"), e["cameo"])
            for e in line["events"]]


def test_grouped_for_the_scorer():
    line = prediction(Analysis(Article("x", TEXT), events=EVENTS))
    assert spans(line) == [("Canada and Japan", "Russia", "163"), ("Moscow", "Kiev", "046")]


def test_pairs_kept_when_asked():
    line = prediction(Analysis(Article("x", TEXT), events=EVENTS), compound="pair")
    assert len(line["events"]) == 4  # every pair; the negated event is still left out
