"""scripts/store_report.py: its figures on a tiny store whose events we know one by one.

The store is built by ``thucydides.store.ingest`` from ``fixtures/report-articles.jsonl`` with a
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

from thucydides.records import Actor, ActorRef, Analysis, Article, Event, EventDate, Span
from thucydides.store import ingest

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
           ("Italy", "ITA", "Serbia", "SRB", "051", "2023")],   # coded; its article has no date
}


def actor_ref(text: str, phrase: str | None, code: str | None) -> ActorRef | None:
    if phrase is None:
        return None
    start = text.index(phrase)
    span = Span(start, start + len(phrase))
    return ActorRef(span, span, Actor(code, phrase) if code else None)


class TableCoder:
    """Codes each article with its events from ``EVENTS``."""

    def run(self, items: Iterable[Article]) -> Iterator[Analysis]:
        for a in items:
            yield Analysis(a, (), (), tuple(self.event(a.text, *spec) for spec in EVENTS[a.id]),
                           ())

    @staticmethod
    def event(text: str, source: str, source_code: str | None, target: str | None,
              target_code: str | None, cameo: str, date: str | None) -> Event:
        trigger = Span(0, 1)
        return Event(actor_ref(text, source, source_code), actor_ref(text, target, target_code),
                     cameo, None, None, None, 0.0, 1, 1, trigger, Span(0, len(text)),
                     date=EventDate(date, "day", "expression") if date else None)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "report.duckdb"
    ingest([str(FIXTURE)], db, coder=TableCoder())
    return db


def test_shares_on_a_store_of_known_events(store: Path) -> None:
    r = report.read_report(store)
    assert (r.articles, r.error_rows, r.events) == (2, 0, 5)
    got = {name: (s.count, s.total) for name, s in (
        ("coded", r.coded), ("pronoun_source", r.pronoun_source),
        ("pronoun_actor", r.pronoun_actor), ("unresolved_source", r.unresolved_source),
        ("unresolved_actor", r.unresolved_actor), ("statements", r.statements),
        ("no_target", r.no_target), ("after_article", r.after_article))}
    assert got == {"coded": (2, 5), "pronoun_source": (1, 5), "pronoun_actor": (1, 5),
                   "unresolved_source": (3, 5), "unresolved_actor": (3, 5),
                   "statements": (2, 5), "no_target": (2, 5), "after_article": (1, 3)}
    assert r.confidence is None
    assert "no confidence column" in "\n".join(report.text_lines(r))
    assert dict(r.unresolved_words) == {"he": 1, "planners": 1, "the sea": 1, "the town": 1}


def test_confidence_histogram_when_the_column_exists(store: Path) -> None:
    con = duckdb.connect(str(store))
    con.execute("ALTER TABLE events ADD COLUMN confidence DOUBLE")
    con.execute("UPDATE events SET confidence = [0.05, 0.95, 1.0][idx + 1] "
                "WHERE article_key = (SELECT key FROM articles WHERE id = 'r1')")
    con.execute("UPDATE events SET confidence = 0.5 WHERE idx = 0 AND article_key = "
                "(SELECT key FROM articles WHERE id = 'r2')")
    con.close()
    h = report.read_report(store).confidence
    assert h == report.Histogram((1, 0, 0, 0, 0, 1, 0, 0, 0, 2), 1)


@pytest.mark.parametrize(("cell", "unresolved", "pronoun"), [
    (report.ActorCell("He"), True, True),
    (report.ActorCell(" they "), True, True),
    (report.ActorCell("They", code="RUS", name="Russia"), False, False),  # resolved by coref
    (report.ActorCell("the sea"), True, False),
    (report.ActorCell("officials", sector="GOV"), False, False),
    (report.ActorCell("Mr Kovacs", name="Kovacs"), False, False),
    (report.ActorCell(None), False, False),  # no actor at all
])
def test_unresolved_and_pronoun(cell: Any, unresolved: bool, pronoun: bool) -> None:
    assert (cell.unresolved, cell.pronoun) == (unresolved, pronoun)


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
