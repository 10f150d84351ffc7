"""The output schema is the one description of the output records: a field added to it (in
memory, here) reaches the JSON output, the store, the API, the exports and the explorer with no
other edit, as far as its flags say; and what is stored reads back as written."""

from __future__ import annotations

import csv
import datetime as dt
import json
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import duckdb
import pytest

from thucydides.output import fields, schema
from thucydides.output.fields import Context, Field, Show
from thucydides.output.jsonl import record
from thucydides.records import (
    Actor,
    ActorRef,
    Analysis,
    Article,
    Event,
    EventDate,
    Location,
    Quote,
    Sentence,
    Span,
)
from thucydides.runner import ingest
from thucydides.store.export import export
from thucydides.store.queries import query
from thucydides.web import models

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # fastapi.testclient's import-time deprecation warning
    from fastapi.testclient import TestClient

TEXT = "Belgium urged Chile, Peru and Japan to talk.\n\nOfficials met in Lima on Friday."
BELGIUM, CHILE, PERU, JAPAN, LIMA = (Span(0, 7), Span(14, 19), Span(21, 25), Span(30, 35),
                                     Span(63, 67))


def ref(span: Span, code: str | None, chain: tuple[Span, ...] = ()) -> ActorRef:
    actor = Actor(code, TEXT[span.start:span.end], f"country:{code}", code) if code else None
    return ActorRef(span, span, actor, span if code else None, chain)


def events() -> tuple[Event, ...]:
    """A compound event (Belgium -> Chile, Peru, Japan), then one with a location and a date."""
    common = {"plover": "CONSULT", "mode": None, "context": None, "goldstein": 1.0,
              "quad_class": 1, "penta": 1, "trigger": Span(8, 13), "sentence": Span(0, 44)}
    group = [Event(ref(BELGIUM, "BEL"), ref(t, c), "040", group="s0.0", **common)
             for t, c in ((CHILE, "CHL"), (PERU, "PER"), (JAPAN, "JPN"))]
    where = Location(LIMA, "Lima", "PER", None, -12.04, -77.03, "city")
    when = EventDate("2024-05-03", "day", "expression", Span(71, 77))
    met = Event(ref(Span(46, 55), None, (Span(46, 55),)), None, "043",
                **{**common, "trigger": Span(56, 59), "sentence": Span(46, 78)},
                negated=True, date=when, location=where, confidence=0.75, quote=0)
    return (*group, met)


def analysis(article_id: str = "a1") -> Analysis:
    article = Article(article_id, TEXT, dt.date(2024, 5, 4), url="https://example.org/1")
    quote = Quote(ref(BELGIUM, "BEL"), Span(8, 13), (Span(14, 43),), "indirect", hedged=True,
                  events=(0, 1, 2))
    return Analysis(article, (Sentence(0, Span(0, 44)), Sentence(1, Span(46, 78))), (),
                    events(), (quote,))


class Coder:
    """Codes every article as ``analysis``: what the store and the dashboard are fed here."""

    def run(self, items: Iterable[Article]) -> Iterator[Analysis]:
        for a in items:
            yield analysis(a.id)


def salience(e: Event, ctx: Context) -> float:
    return float(len(e.trigger))  # any value computed from the record does


# the throwaway field, under each combination of flags, and where it must then appear
SINKS = ("jsonl", "duckdb", "api model", "api", "csv", "explorer", "code page", "plover")
SHOWN = {"explorer", "code page"}
VARIANTS = {
    "shown": ({"shown": Show("tag", "salience score")}, set(SINKS) - {"plover"}),
    "stored": ({}, set(SINKS) - SHOWN - {"plover"}),
    "output only": ({"stored": False}, {"jsonl"}),
    "stored, not exported": ({"exported": False}, set(SINKS) - SHOWN - {"csv", "plover"}),
    "a PLOVER key": ({"plover": "salience"}, set(SINKS) - SHOWN),
}


def found_in(sink: str, world: dict[str, Any]) -> bool:
    """Whether the field ``salience`` reaches ``sink``, with the value it has in the record."""
    expected = [salience(e, Context(TEXT)) for e in events()]
    if sink == "jsonl":
        return [e.get("salience") for e in world["line"]["events"]] == expected
    if sink == "duckdb":
        if "salience" not in query(world["db"], "SELECT * FROM events LIMIT 0").columns:
            return False
        return [r[0] for r in query(world["db"], "SELECT salience FROM events ORDER BY idx")
                .rows] == expected
    if sink == "api model":
        return "salience" in models.event_model().model_fields
    if sink == "api":
        page = world["client"].get("/api/events", params={"limit": 10}).json()["events"]
        for e in page:
            models.event_model().model_validate(e)
        return sorted(e.get("salience") or 0 for e in page) == sorted(expected)
    if sink == "csv":
        with world["csv"].open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        return "salience" in rows[0] and sorted(float(r["salience"]) for r in rows) == sorted(
            expected)
    if sink == "plover":
        rows = [json.loads(li) for li in world["plover"].read_text("utf-8").splitlines()]
        return sorted(r.get("salience") or 0 for r in rows) == sorted(expected)
    if sink == "code page":  # the table of events coded live: a column
        return '<th data-field="salience"' in world["client"].get("/code").text
    assert sink == "explorer"
    return 'title="salience score">3.0<' in world["client"].get("/").text


@pytest.fixture(scope="module", params=list(VARIANTS))
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          ) -> Iterator[dict[str, Any]]:
    """The schema with the throwaway field, and everything built from it: a JSON line, a
    store, the dashboard over it, a CSV export."""
    from thucydides.web import create_app

    flags, expected = VARIANTS[request.param]
    field = Field("salience", schema.NUMBER, "how central the event is", get=salience, **flags)
    folder = tmp_path_factory.mktemp("schema")
    (folder / "in.jsonl").write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n",
                                     encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "EVENT", schema.EVENT.adding(field))
        db = folder / "s.duckdb"
        ingest([str(folder / "in.jsonl")], db, coder=Coder())
        export(db, "csv", folder / "e.csv")
        export(db, "plover", folder / "e.plover.jsonl")
        for fmt, compound in (("gdelt", "group"), ("jsonl", "group"), ("parquet", "pair")):
            export(db, fmt, folder / f"e.{compound}.{fmt}", compound)  # whatever the flags
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            yield {"line": record(analysis()), "db": db, "csv": folder / "e.csv",
                   "plover": folder / "e.plover.jsonl",
                   "client": client, "expected": expected}


@pytest.mark.parametrize("sink", SINKS)
def test_a_field_added_to_the_schema_reaches_what_its_flags_say(world: dict[str, Any],
                                                                sink: str) -> None:
    assert found_in(sink, world) is (sink in world["expected"])


def test_the_fields_of_the_output_contract_are_the_schemas() -> None:
    line = record(analysis())
    assert list(line) == ["id", "events", "groups", "quotes", "errors"]
    assert list(line["events"][0]) == [f.name for f in schema.EVENT.fields if f.output
                                       and not f.flatten]
    assert list(line["events"][0]["source"]) == [
        "text", "start", "end", "code", "name", "actor_id", "country", "sector", "role", "head",
        "mention", "chain"]
    assert line["events"][3]["location"] == {
        "text": "Lima", "start": 63, "end": 67, "name": "Lima", "country": "PER",
        "admin1": None, "lat": -12.04, "lon": -77.03, "feature": "city"}
    assert line["events"][3]["date"]["expression"] == {"text": "Friday", "start": 71, "end": 77}
    assert line["quotes"][0]["content"] == {"text": TEXT[14:43], "start": 14, "end": 43}
    assert line["groups"] == [{
        "id": "s0.0", "kind": "compound", "events": [0, 1, 2],
        "sources": [line["events"][0]["source"]],
        "targets": [line["events"][i]["target"] for i in range(3)]}]


ROUND_TRIPS: dict[str, tuple[fields.Shape, Callable[[Analysis], Iterable[Any]]]] = {
    "events": (schema.EVENT, lambda a: a.events or ()),
    "quotes": (schema.QUOTE, lambda a: a.quotes or ()),
    "actor refs": (schema.ACTOR_REF, lambda a: [e.source for e in a.events or ()]),
}


@pytest.mark.parametrize("name", list(ROUND_TRIPS))
def test_a_stored_record_loads_back_as_written(name: str) -> None:
    """record -> row -> record, through a DuckDB table of the record's columns (the store's
    types): the same frozen record."""
    from thucydides.store.rows import sql_type

    shape, of = ROUND_TRIPS[name]
    items = list(of(analysis()))
    con = duckdb.connect()
    con.execute("CREATE TABLE t (" + ", ".join(
        f'"{n}" {sql_type(t)}' for n, t in fields.columns(shape)) + ")")
    rows = [fields.to_row(shape, r, Context(TEXT)) for r in items]
    names = fields.column_names(shape)
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(names))})",
                    [[r[n] for n in names] for r in rows])
    cur = con.execute("SELECT * FROM t")
    back = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    assert [fields.load(shape, r) for r in back] == items
