"""The store: ingestion, idempotency, errors that touch nothing stored, schema, stats, query."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from store_fakes import FakeCoder
from store_helpers import STORY, count, dump

from thucydides.output import fields, schema
from thucydides.output.jsonl import event as contract_event
from thucydides.records import Analysis, Article, Location, WarningRecord
from thucydides.runner import ingest
from thucydides.store import StoreError
from thucydides.store.db import connect, schema_sql
from thucydides.store.queries import query, stats
from thucydides.store.rows import TABLES, arrow_schema, column_names, outlet


def test_schema_sql_declares_the_columns_rows_writes() -> None:
    sql = schema_sql()
    for table in TABLES:
        body = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\n\);", sql, re.S)
        assert body, table
        text = re.sub(r"STRUCT\([^)]*\)", "STRUCT", re.sub(r"--[^\n]*", "", body.group(1)))
        declared = re.findall(r'(?:^|,)\s*"?(\w+)"? (?:VARCHAR|INTEGER|BIGINT|DOUBLE|BOOLEAN|'
                              r'DATE|STRUCT|UINTEGER|TIMESTAMP)', text)
        assert declared == list(column_names(table)), table


def test_the_tables_have_the_types_rows_writes() -> None:
    """Names and types: the tables schema.sql creates hold exactly what the Arrow batches carry."""
    con = duckdb.connect()
    con.execute(schema_sql())
    for table in TABLES:
        con.register("_empty", pa.Table.from_pylist([], schema=arrow_schema(table)))
        expected = [r[:2] for r in con.execute("DESCRIBE _empty").fetchall()]
        assert [r[:2] for r in con.execute(f"DESCRIBE {table}").fetchall()] == expected, table
        con.unregister("_empty")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    ingest([str(STORY)], path, coder=FakeCoder())
    return path


def test_ingest_stores_articles_events_quotes_and_clusters(db: Path) -> None:
    s = stats(db)
    assert (s["articles"], s["clusters"], s["near_duplicates"]) == (6, 5, 1)
    assert s["event_mentions"] > s["events"] > 0
    assert s["quotes"] > 0 and s["errors"] == 0
    rows = query(db, "SELECT id, source, outlet, dup_kind FROM articles ORDER BY seq").rows
    assert rows[1] == ("wire-copy", f"{STORY.resolve()}#2", "news.example-daily.com", "near")


def test_event_offsets_point_into_the_stored_text(db: Path) -> None:
    rows = query(db, "SELECT a.text, e.source_start, e.source_end, e.source_text, "
                     "e.sentence_start, e.sentence_end FROM events e "
                     "JOIN articles a ON a.key = e.article_key").rows
    assert rows
    for text, start, end, source, s_start, s_end in rows:
        assert text[start:end] == source
        assert s_start <= start < end <= s_end


def test_ingesting_the_same_input_again_adds_nothing(db: Path, tmp_path: Path) -> None:
    before = dump(db)
    report = ingest([str(STORY)], db, coder=FakeCoder(fail_after=0))
    assert (report.counts.articles_added, report.counts.articles_skipped) == (0, 6)
    assert dump(db) == before
    # the same file under another relative path is the same input
    rel = Path(str(STORY)).relative_to(Path.cwd()) if STORY.is_relative_to(Path.cwd()) else STORY
    ingest([str(rel)], db, coder=FakeCoder(fail_after=0))
    assert dump(db) == before


def test_bad_inputs_become_error_rows_and_touch_nothing_stored(db: Path,
                                                              tmp_path: Path) -> None:
    before = dump(db)
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Serbia met Kosovo."}\n'
                                        "{not json\n" '{"id": "fail", "text": "FAIL-ME"}\n')
    inputs = [str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt"),
              str(tmp_path / "bad.jsonl")]
    report = ingest(inputs, db, coder=FakeCoder())
    assert report.counts.articles_added == 2  # "ok" and the article the coder failed on
    after = dump(db)
    for table, rows in before.items():
        assert all(r in after[table] for r in rows), table
    codes = dict(query(db, "SELECT record, code FROM errors").rows)
    # the readers' codes: binary data (the record is the file stem), no such file
    assert codes["binary"] == "E113"
    assert codes[str(tmp_path / "missing.txt")] == "E110"
    assert codes[f"{tmp_path / 'bad.jsonl'}#2"] == "E103"
    assert codes[f"{tmp_path / 'bad.jsonl'}#3"] == "E401"
    ingest(inputs, db, coder=FakeCoder())
    assert dump(db) == after


def test_a_run_that_fails_leaves_earlier_rows_and_its_own_batches(db: Path,
                                                                 tmp_path: Path) -> None:
    before = dump(db)
    other = tmp_path / "more.jsonl"
    other.write_text("".join(f'{{"id": "m{i}", "text": "Russia and Ukraine met again, '
                             f'round {i}."}}\n' for i in range(10)))
    with pytest.raises(StoreError, match="E167"):
        ingest([str(other)], db, coder=FakeCoder(fail_after=5), batch_size=2)
    after = dump(db)
    for table, rows in before.items():
        assert all(r in after[table] for r in rows), table
    assert count(db, "articles") == 6 + 4  # two whole batches of two, nothing of the third
    runs = query(db, "SELECT status, message FROM runs ORDER BY run_id").rows
    assert runs[-1][0] == "failed" and "broke down" in runs[-1][1]
    ingest([str(other)], db, coder=FakeCoder())
    assert count(db, "articles") == 16


@pytest.mark.parametrize("sql", [
    "DELETE FROM articles", "DROP TABLE events", "CREATE TABLE x (a INTEGER)",
    "INSERT INTO errors (error_key) VALUES ('x')", "COPY articles TO '/tmp/stolen.csv'",
    "ATTACH '/tmp/other.duckdb' AS other", "UPDATE runs SET status = 'done'",
])
def test_query_refuses_writes(db: Path, sql: str) -> None:
    before = dump(db)
    with pytest.raises(StoreError, match="E162"):
        query(db, sql)
    assert dump(db) == before


def test_query_reads_and_reports_bad_sql(db: Path) -> None:
    assert query(db, "SELECT count(*) AS n FROM articles").rows == [(6,)]
    with pytest.raises(StoreError, match="E163"):
        query(db, "SELECT * FROM no_such_table")
    with pytest.raises(StoreError, match="E161"):
        query(db.parent / "absent.duckdb", "SELECT 1")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.example.com/a/b", "example.com"),
    ("http://News.Example.co.uk:8080/x", "news.example.co.uk"),
    ("not a url", None), (None, None),
])
def test_outlet_is_the_host(url: str | None, expected: str | None) -> None:
    assert outlet(url) == expected


def test_a_new_text_under_the_same_locator_keeps_its_own_errors(tmp_path: Path) -> None:
    """Read again with a new text, a record is a new article; failing the same way, its error
    row is its own (not taken for the first version's)."""
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "a", "text": "FAIL-ME once."}\n')
    db = tmp_path / "v.duckdb"
    assert ingest([str(source)], db, coder=FakeCoder()).counts.errors_added == 1
    source.write_text('{"id": "a", "text": "FAIL-ME, edited."}\n')
    assert ingest([str(source)], db, coder=FakeCoder()).counts.errors_added == 1
    rows = query(db, "SELECT a.seq, a.failed, count(e.error_key) FROM articles a LEFT JOIN "
                     "errors e ON e.article_key = a.key GROUP BY ALL ORDER BY a.seq").rows
    assert rows == [(1, True, 1), (2, True, 1)]


def test_every_failed_article_has_error_rows(tmp_path: Path) -> None:
    source = tmp_path / "f.jsonl"
    source.write_text('{"id": "a", "text": "FAIL-ME."}\n{"id": "b", "text": "Serbia met '
                      'Kosovo."}\n{"id": "c", "text": "FAIL-ME too."}\n')
    db = tmp_path / "f.duckdb"
    ingest([str(source), str(STORY)], db, coder=FakeCoder())
    assert stats(db)["articles_failed"] == 2
    orphans = query(db, "SELECT count(*) FROM articles a WHERE failed AND NOT EXISTS "
                        "(SELECT 1 FROM errors e WHERE e.article_key = a.key)").rows
    assert orphans == [(0,)]


class LocatingCoder(FakeCoder):
    """Locates each event at its target's words."""

    def run(self, items: Iterable[Article]) -> Iterator[Analysis]:
        for item in super().run(items):
            events = tuple(dataclasses.replace(e, location=Location(
                e.target.span, "Somewhere", "SRB", "00", 44.8, 20.5, "PPLC"))
                for e in item.events or ())
            yield dataclasses.replace(item, events=events)


def test_a_located_event_round_trips_with_its_span(tmp_path: Path) -> None:
    db = tmp_path / "l.duckdb"
    coder = LocatingCoder()
    ingest([str(STORY)], db, coder=coder)
    first = next(coder.run([Article(id="x", text="Serbia accused Kosovo.")]))
    expected = contract_event(first.events[0], first.article.text)["location"]
    con = connect(db, read_only=True)
    try:
        cur = con.execute("SELECT a.text, e.* FROM events e JOIN articles a "
                          "ON a.key = e.article_key ORDER BY a.seq, e.idx")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()
    assert rows and "location_adm2" not in names
    for row in rows:
        text = row["text"]
        row["location_text"] = text[row["location_start"]:row["location_end"]]
        loc = fields.read(schema.LOCATION, row, "location")
        assert (loc["start"], loc["end"]) == (row["target_start"], row["target_end"])
        assert loc["text"] == row["target_text"]
        assert set(loc) == set(expected)
        assert {k: v for k, v in loc.items() if k not in ("text", "start", "end")} == {
            k: v for k, v in expected.items() if k not in ("text", "start", "end")}


@pytest.mark.parametrize(("version", "refusal"), [
    # an older version: E166 names the command that upgrades it
    ("thucydides.store.v3", r"E166.*store\.v3.*thucydides migrate --db"),
    ("thucydides.store.v2", r"E166.*store\.v2.*thucydides migrate --db"),
    # one it cannot migrate (too old, or newer than this version): E175
    ("thucydides.store.v1", r"E175.*store\.v1.*migrates thucydides\.store\.v2"),
    ("thucydides.store.v9", r"E175.*store\.v9"),
])
def test_a_store_of_another_schema_version_is_refused_untouched(
        db: Path, version: str, refusal: str) -> None:
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE name = 'schema'", [version])
    con.close()
    before = dump(db)
    for read_only in (True, False):
        with pytest.raises(StoreError, match=refusal):
            connect(db, read_only=read_only)
    with pytest.raises(StoreError, match=refusal):
        ingest([str(STORY)], db, coder=FakeCoder())
    assert dump(db) == before


def test_an_articles_warnings_are_stored(tmp_path: Path) -> None:
    """What was repaired or guessed in an article that was still coded: one row per warning."""

    class Warned(FakeCoder):
        def analyse(self, a: Article) -> Analysis:
            warning = WarningRecord(a.id, "ingest", "W102", "language uncertain")
            return super().analyse(dataclasses.replace(a, warnings=(warning,)))

    db = tmp_path / "w.duckdb"
    ingest([str(STORY)], db, coder=Warned())
    rows = query(db, "SELECT idx, stage, code, message FROM warnings").rows
    assert rows == [(0, "ingest", "W102", "language uncertain")] * 6
