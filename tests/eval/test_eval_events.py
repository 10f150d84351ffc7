"""How coded events are written for the gold scorer: exactly as ``thucydides code`` writes them,
one per source-target pair with their group and negation; the scorer applies the gold files'
conventions (``--compound``, ``--negated``) itself."""

from __future__ import annotations

import pytest

from thucydides.eval.events import convention_of, prediction
from thucydides.output.jsonl import event as event_record
from thucydides.records import ActorRef, Analysis, Article, Event, Span

TEXT = "Canada and Japan sanctioned Russia. Moscow and Kiev held talks. Iran did not attack."


def ref(word: str) -> ActorRef:
    start = TEXT.index(word)
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


def test_prediction_is_the_coded_events():
    line = prediction(Analysis(Article("x", TEXT), events=EVENTS))
    assert line["id"] == "x"
    assert line["events"] == [event_record(e, TEXT) for e in EVENTS]
    assert [e["group"] for e in line["events"]] == ["s0.0", "s0.0", "s1.0", "s1.0", None]
    assert line["events"][-1]["negated"] is True


@pytest.mark.parametrize(("name", "convention"), [
    ("events_plv_train.jsonl", ("plover", "group", "main")),
    ("events_conflibert_train.jsonl", ("penta", "pair", "main")),
    ("events_cameo_multirater.jsonl", ("cameo_root", "pair", "all")),
    ("my_events.jsonl", ("plover", "group", "all")),
])
def test_each_gold_file_has_its_convention(name, convention):
    assert convention_of(name) == convention
