"""``thucydides migrate``: a store written by the previous schema (v3) upgraded in place holds the
same rows as one written by this version; a backup comes first; a failure changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner
from store_fakes import FakeCoder
from store_helpers import FIXTURES, STORY, damage, dump

import thucydides.store.migrate as migration
from thucydides.cli import main
from thucydides.runner import ingest
from thucydides.store import StoreError
from thucydides.store.connection import SCHEMA_VERSION
from thucydides.store.migrate import migrate
from thucydides.store.queries import query, stats

V3_SQL = FIXTURES / "schema_v3.sql"  # schema.sql of thucydides.store.v3, its blocks expanded
V3 = "thucydides.store.v3"
MEETING = '{"id": "m1", "date": "2024-03-12", "text": "Italy, Russia and Ukraine met."}\n'


@pytest.fixture(scope="module")
def current(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store written by this version: the story, and a meeting coded as a compound group."""
    folder = tmp_path_factory.mktemp("migrate")
    (folder / "meeting.jsonl").write_text(MEETING, encoding="utf-8")
    path = folder / "current.duckdb"
    ingest([str(STORY), str(folder / "meeting.jsonl")], path, coder=FakeCoder())
    return path


def write_v3(current: Path, path: Path, version: str = V3, sql: Path = V3_SQL) -> Path:
    """A store in the v3 layout (or that of ``sql``) holding the rows of ``current`` (every
    column the layout has)."""
    con = duckdb.connect(str(path))
    try:
        con.execute(sql.read_text(encoding="utf-8"))
        con.execute("INSERT INTO meta VALUES ('schema', ?)", [version])
        con.execute(f"ATTACH '{current}' AS cur (READ_ONLY)")
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE "
                                            "database_name = ? AND table_name != 'meta'",
                                            [path.stem]).fetchall()]
        for table in tables:
            names = ", ".join(f'"{r[0]}"' for r in con.execute(f"DESCRIBE {table}").fetchall())
            con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM cur.{table}")
        con.execute("DETACH cur")
    finally:
        con.close()
    return path


def layout(db: Path) -> dict[str, Any]:
    """Every table's columns and rows, and the schema version: what a failed migration keeps."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() "
                                            "ORDER BY 1").fetchall()]
        return {t: (con.execute(f"DESCRIBE {t}").fetchall(),
                    con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()) for t in tables}
    finally:
        con.close()


V4_SQL = FIXTURES / "schema_v4.sql"  # schema.sql of thucydides.store.v4, its blocks expanded


def same_but_new_quote_columns(db: Path, new: list[Any], now: list[Any]) -> None:
    """The quotes of a migrated store ``new`` are those this version writes (``now``) but for
    ``attribution`` and ``confidence`` (v5), which are NULL: the older coder did not fill them."""
    names = list(query(db, "SELECT * FROM quotes LIMIT 0").columns)
    lacked = [names.index("attribution"), names.index("confidence")]
    assert len(new) == len(now) > 0
    assert all(b[lacked[0]] is not None for b in now)  # this version fills attribution
    for a, b in zip(new, now, strict=True):
        assert [a[i] for i in lacked] == [None, None]
        assert [v for i, v in enumerate(a) if i not in lacked] == [
            v for i, v in enumerate(b) if i not in lacked]


def test_a_v3_store_migrated_holds_the_rows_this_version_writes(current: Path,
                                                                 tmp_path: Path) -> None:
    old = write_v3(current, tmp_path / "old.duckdb")
    before = layout(old)
    done = migrate(old)
    assert (done.found, done.version) == (V3, SCHEMA_VERSION)
    assert {"events", "quotes", "mentions", "actors", "event_groups", "warnings"} <= set(
        done.tables)
    new, now = dump(old), dump(current)
    assert {t: r for t, r in new.items() if t != "quotes"} == {
        t: r for t, r in now.items() if t != "quotes"}  # every table: same columns, same rows
    same_but_new_quote_columns(old, new["quotes"], now["quotes"])  # v5 added two
    assert dump(old)["event_groups"]  # the compound meeting's group, built from its events
    assert layout(Path(done.backup)) == before  # the backup is the store as it was
    assert migrate(old).backup is None  # a current store: nothing to do
    report = ingest([str(STORY)], old, coder=FakeCoder())  # writable again, the same keys
    assert report.counts.articles_skipped == 6 and report.counts.articles_added == 0


def test_a_v2_store_migrates_with_the_columns_it_lacked_null(current: Path,
                                                             tmp_path: Path) -> None:
    """v2 had no confidence and quote (v3 added them): the older coder did not fill them."""
    old = write_v3(current, tmp_path / "old.duckdb", "thucydides.store.v2")
    con = duckdb.connect(str(old))
    for column in ("confidence", "quote"):
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    con.close()
    assert migrate(old).found == "thucydides.store.v2"
    new, now = dump(old)["events"], dump(current)["events"]
    names = list(query(old, "SELECT * FROM events LIMIT 0").columns)
    lacked = [names.index("confidence"), names.index("quote")]
    assert len(new) == len(now) > 0
    for a, b in zip(new, now, strict=True):
        assert [a[i] for i in lacked] == [None, None]
        assert [v for i, v in enumerate(a) if i not in lacked] == [
            v for i, v in enumerate(b) if i not in lacked]


def test_a_failed_migration_leaves_the_store_as_it_was(current: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    old = write_v3(current, tmp_path / "old.duckdb")
    before = layout(old)

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        raise duckdb.IOException("the disk went away")  # after the tables were rebuilt

    monkeypatch.setattr(migration, "fill_groups", broken)
    with pytest.raises(StoreError, match=r"E176.*the disk went away.*unchanged.*backup"):
        migrate(old)
    assert layout(old) == before
    assert (tmp_path / "old.duckdb.v3.bak").exists()
    monkeypatch.undo()
    assert migrate(old).backup == str(tmp_path / "old.duckdb.v3.bak.2")  # the first one kept


@pytest.mark.parametrize(("version", "code"), [
    ("thucydides.store.v1", "E175"), ("thucydides.store.v9", "E175")])
def test_a_store_it_cannot_migrate_is_refused_untouched(current: Path, tmp_path: Path,
                                                       version: str, code: str) -> None:
    old = write_v3(current, tmp_path / "old.duckdb", version)
    before = layout(old)
    with pytest.raises(StoreError, match=code):
        migrate(old)
    assert layout(old) == before and not list(tmp_path.glob("*.bak*"))


def test_a_damaged_store_is_not_migrated_nor_copied(current: Path, tmp_path: Path) -> None:
    old = write_v3(current, tmp_path / "old.duckdb")
    damage(old, "events")
    before = old.read_bytes()
    with pytest.raises(StoreError, match="E173"):
        migrate(old)
    assert old.read_bytes() == before and not list(tmp_path.glob("*.bak*"))


def test_the_commands_name_migrate_and_it_runs(current: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    old = str(write_v3(current, tmp_path / "old.duckdb"))
    runner = CliRunner()
    for args in (["ingest", str(STORY), "--db", old], ["serve", "--db", old],
                 ["stats", "--db", old]):
        result = runner.invoke(main, args)
        assert result.exit_code == 3 and "E166" in result.output, args
        assert f"thucydides migrate --db {old}" in result.output, args
    result = runner.invoke(main, ["migrate", "--db", old, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["found"] == V3
    assert runner.invoke(main, ["stats", "--db", old]).exit_code == 0
    missing = runner.invoke(main, ["migrate", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 3 and "E161" in missing.output


def test_stats_shows_the_content_versions_of_each_run(current: Path) -> None:
    versions = stats(current)["content_versions"]
    assert [v["runs"] for v in versions] == [[1]]
    assert {"coder", "model", "output", "data"} <= set(versions[0])
    out = CliRunner().invoke(main, ["stats", "--db", str(current)]).output
    line = next(li for li in out.splitlines() if li.startswith("content_versions"))
    assert f"run 1: coder {versions[0]['coder']}" in line
    assert "output thucydides.output." in line


def test_a_v4_store_migrates_with_the_quote_attribution_and_confidence_null(
        current: Path, tmp_path: Path) -> None:
    """v4 had no quote attribution nor confidence (v5 added them)."""
    old = write_v3(current, tmp_path / "old.duckdb", "thucydides.store.v4", V4_SQL)
    assert migrate(old).found == "thucydides.store.v4"
    new, now = dump(old), dump(current)
    assert {t: r for t, r in new.items() if t != "quotes"} == {
        t: r for t, r in now.items() if t != "quotes"}
    same_but_new_quote_columns(old, new["quotes"], now["quotes"])
