"""Faults of the store and its files: a store whose checksums fail is a coded error (E173) in
every command, is never written by ingest and is answered by serve with its error page; an
export that fails or is killed leaves the old file; a full disk is named as such (E174)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from store_fakes import FakeCoder
from store_helpers import STORY, damage

from thucydides.cli import main
from thucydides.errors import ThucydidesError
from thucydides.runner import ingest
from thucydides.store.check import check
from thucydides.store.db import StoreError, Writer
from thucydides.store.export import export
from thucydides.store.queries import query, stats


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    db = tmp_path / "d.duckdb"
    ingest([str(STORY)], db, coder=FakeCoder())
    damage(db, "articles")
    return db


def test_a_damaged_store_is_e173_for_every_reader(damaged: Path, tmp_path: Path) -> None:
    for read in (lambda: stats(damaged), lambda: query(damaged, "SELECT * FROM articles"),
                 lambda: export(damaged, "jsonl", tmp_path / "out.jsonl")):
        with pytest.raises(StoreError) as exc:
            read()
        assert exc.value.code == "E173"
    for args in (["stats"], ["query", "SELECT text FROM articles"],
                 ["export", "--format", "csv", "-o", str(tmp_path / "x.csv")]):
        result = CliRunner().invoke(main, [*args, "--db", str(damaged)])
        assert result.exit_code == 3 and "error E173" in result.output, args
        assert "Traceback" not in result.output


def test_ingest_never_writes_into_a_damaged_store(damaged: Path, tmp_path: Path) -> None:
    before = damaged.read_bytes()
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "m", "text": "Serbia met Kosovo."}\n')
    with pytest.raises(StoreError) as exc:
        ingest([str(more)], damaged, coder=FakeCoder())
    assert exc.value.code == "E173" and "articles" in exc.value.message
    result = CliRunner().invoke(main, ["ingest", str(more), "--db", str(damaged)])
    assert result.exit_code == 3 and "E173" in result.output
    assert damaged.read_bytes() == before and not Path(f"{damaged}.wal").exists()


def test_stats_check_reports_the_damaged_table(damaged: Path, tmp_path: Path) -> None:
    found = check(damaged)
    assert not found.ok and any(p.startswith("articles: ") for p in found.problems)
    result = CliRunner().invoke(main, ["stats", "--check", "--db", str(damaged), "--json"])
    assert result.exit_code == 3
    tables = {t["table"]: t for t in json.loads(result.output)["tables"]}
    assert "Corrupt" in tables["articles"]["problem"]
    healthy = tmp_path / "h.duckdb"
    ingest([str(STORY)], healthy, coder=FakeCoder())
    result = CliRunner().invoke(main, ["stats", "--check", "--db", str(healthy)])
    assert result.exit_code == 0 and result.output.strip().endswith(": ok")


def test_serve_answers_a_damaged_store_with_its_error_page(damaged: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from thucydides.web import create_app

    with TestClient(create_app(damaged), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as client:
        page = client.get("/")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "E173" in page.text and "Something went wrong" in page.text
        api = client.get("/api/events")
        assert api.status_code == 500 and api.json()["error"]["code"] == "E173"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    ingest([str(STORY)], db, coder=FakeCoder())
    return db


KILL_ON_FIRST_ROW = """
import os, signal, sys
from thucydides.store.export import export
export(sys.argv[1], sys.argv[2], sys.argv[3], on_row=lambda: os.kill(os.getpid(), signal.SIGKILL))
"""


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "gdelt"])
def test_a_killed_export_leaves_the_old_file(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "events.out"
    out.write_text("the export of yesterday\n")
    proc = subprocess.run([sys.executable, "-c", KILL_ON_FIRST_ROW, str(store), fmt, str(out)],
                          capture_output=True)
    assert proc.returncode == -9  # killed mid-way
    assert out.read_text() == "the export of yesterday\n"
    export(store, fmt, out)  # the next export replaces it whole
    assert out.read_bytes() != b"the export of yesterday\n"


def test_a_full_disk_keeps_the_old_file_and_says_so(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("old\n")

    def full() -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(ThucydidesError) as exc:
        export(store, "csv", out, on_row=full)
    assert exc.value.code == "E174" and "No space left" in exc.value.message
    assert out.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()
                                           if p.name.endswith(".part")] == []


def test_a_full_disk_during_ingest_is_named_as_such(store: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Writer, batch: object) -> None:
        raise duckdb.TransactionException('Failed to commit: Could not write file "s.wal": '
                                          "No space left on device")

    monkeypatch.setattr(Writer, "_write", full)
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "m", "text": "Serbia met Kosovo."}\n')
    with pytest.raises(StoreError) as exc:
        ingest([str(more)], store, coder=FakeCoder())
    assert exc.value.code == "E174" and "cannot rollback" not in exc.value.message
