"""scripts/store_report.py: its figures on a tiny store whose events we know one by one.

The store is built by ``thucydides.runner`` from ``fixtures/report-articles.jsonl`` with a
coder that codes the events of ``EVENTS`` (no model), so each share has a known answer."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pytest

from thucydides.records import (
    Actor,
    ActorRef,
    Analysis,
    Article,
    ErrorRecord,
    Event,
    EventDate,
    Span,
)
from thucydides.runner import ingest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "report-articles.jsonl"


def load_script() -> ModuleType:
    path = ROOT / "scripts" / "store_report.py"
    spec = importlib.util.spec_from_file_location("store_report", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["store_report"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


report = load_script()

# article id -> events: (source phrase, its code, target phrase, its code, CAMEO, date value)
EVENTS: dict[str, list[tuple[str, str | None, str | None, str | None, str, str | None]]] = {
    "r1": [("He", None, None, None, "010", "2022-03-15"),       # pronoun, statement, no target
           ("Russia", "RUS", "Ukraine", "UKR", "190", "2022-03-14"),  # coded
           ("Planners", None, None, None, "023", "2040")],       # unresolved, statement, after
    "r2": [("The sea", None, "the town", None, "130", None),     # both unresolved, no date
           ("Italy", "ITA", "Serbia", "SRB", "051", "2023"),    # coded; its article has no date
           ("Serbia", "SRB", "Mr Kovacs", None, "042", None)],  # a name the KB lacks
}


def find(text: str, phrase: str, sentence: Span | None = None) -> int:
    return text.index(phrase, sentence.start if sentence else 0)


def sentence_of(text: str, start: int) -> Span:
    begin = text.rfind(". ", 0, start)
    return Span(0 if begin < 0 else begin + 2, text.index(".", start) + 1)


def actor_ref(text: str, phrase: str | None, code: str | None,
              sentence: Span | None = None) -> ActorRef | None:
    if phrase is None:
        return None
    start = find(text, phrase, sentence)
    span = Span(start, start + len(phrase))
    return ActorRef(span, span, Actor(code, phrase) if code else None)


class TableCoder:
    """Codes each article with its events from ``EVENTS``; fails the others."""

    def run(self, items: Iterable[Article]) -> Iterator[Analysis]:
        for a in items:
            if a.id not in EVENTS:
                yield Analysis(a, errors=(ErrorRecord(a.id, "ingest", "E106", "not English"),))
                continue
            yield Analysis(a, (), (), tuple(self.event(a.text, *spec) for spec in EVENTS[a.id]),
                           ())

    @staticmethod
    def event(text: str, source: str, source_code: str | None, target: str | None,
              target_code: str | None, cameo: str, date: str | None) -> Event:
        sentence = sentence_of(text, find(text, source))
        return Event(actor_ref(text, source, source_code, sentence),
                     actor_ref(text, target, target_code, sentence), cameo, None, None, None,
                     0.0, 1, 1, Span(sentence.start, sentence.start + 1), sentence,
                     date=EventDate(date, "day", "expression") if date else None)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "report.duckdb"
    ingest([str(FIXTURE)], db, coder=TableCoder())
    return db


def test_shares_on_a_store_of_known_events(store: Path) -> None:
    r = report.read_report(store)
    assert (r.articles, r.failed_articles, r.error_rows, r.events) == (3, 1, 1, 6)
    got = {name: (s.count, s.total) for name, s in report.shares(r)}
    assert got == {"coded": (2, 6), "pronoun_source": (1, 6), "pronoun_actor": (1, 6),
                   "bare_source": (3, 6), "bare_actor": (3, 6), "unresolved_source": (3, 6),
                   "unresolved_actor": (4, 6), "statements": (2, 6), "no_target": (2, 6),
                   "after_article": (1, 3)}
    assert r.confidence == report.Histogram((0,) * 10, 6)  # the rules coded these: no confidence
    assert dict(r.unresolved_words) == {"he": 1, "planners": 1, "the sea": 1, "the town": 1,
                                        "mr kovacs": 1}


def test_confidence_histogram_when_the_column_exists(store: Path) -> None:
    con = duckdb.connect(str(store))
    con.execute("UPDATE events SET confidence = [0.08, 0.95, 1.0][idx + 1] "
                "WHERE article_key = (SELECT key FROM articles WHERE id = 'r1')")
    con.execute("UPDATE events SET confidence = 0.59 WHERE idx < 2 AND article_key = "
                "(SELECT key FROM articles WHERE id = 'r2')")
    con.close()
    h = report.read_report(store).confidence
    assert h == report.Histogram((1, 0, 0, 0, 0, 2, 0, 0, 0, 2), 1)


Cell = report.ActorCell


@pytest.mark.parametrize(("cell", "kind"), [
    (Cell("He", initial=True), "pronoun"),
    (Cell(" they "), "pronoun"),
    (Cell("They", code="RUS", name="Russia", initial=True), None),  # resolved by coref
    (Cell("the sea"), "common"),
    (Cell("Experts", initial=True), "common"),
    (Cell("officials", sector="GOV"), None),
    (Cell("Harry"), "name"),
    (Cell("Harry", initial=True), "common"),  # a capital opening the sentence says nothing
    (Cell("Mr. Clarke", initial=True), "name"),
    (Cell("the NASA team"), "name"),
    (Cell("Mr Kovacs", name="Kovacs"), None),
    (Cell(None), None),  # no actor at all
])
def test_unresolved_actor_kinds(cell: Any, kind: str | None) -> None:
    found = ("pronoun" if cell.pronoun else "name" if cell.name_like else
             "common" if cell.unresolved else None)
    assert found == kind
    assert cell.bare == (kind in ("pronoun", "common"))
    assert cell.unresolved == (kind is not None)


@pytest.mark.parametrize(("value", "published", "after"), [
    ("2040", "2022-03-15", True),
    ("2022", "2022-03-15", False),  # the year has begun: not after
    ("2022-03", "2022-03-15", False),
    ("2022-04", "2022-03-15", True),
    ("2022-03-16", "2022-03-15", True),
    ("2022-03-15", "2022-03-15", False),
    ("2022-03-14", "2022-03-15", False),
    (None, "2022-03-15", None),
    ("2022-03-16", None, None),
    ("sometime", "2022-03-15", None),
])
def test_after_article(value: str | None, published: str | None, after: bool | None) -> None:
    e = report.EventRow(report.ActorCell("x"), report.ActorCell(None), "010", value,
                        dt.date.fromisoformat(published) if published else None)
    assert report.after_article(e) is after
