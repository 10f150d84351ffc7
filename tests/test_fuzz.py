"""The acceptance fuzz: 2,000 seeded records of 28 kinds (``fuzz_records``), good and bad mixed,
through ``code``, ``extract`` and ``ingest``. Lines in = lines out (or articles + error rows),
every error is coded and expected, nothing crashes; coded records come out byte-identical to the
same records coded alone, and store the same events and quotes as a clean ingest of them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner, Result

from fuzz_records import KINDS, MAX_CHARS, Case, generate
from thucydides.cli import main

pytestmark = pytest.mark.model

SEED, N = 12, 2000
SETTINGS = ["--max-chars", str(MAX_CHARS)]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Case], Path, Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    cases = generate(SEED, N)
    fuzz, clean = folder / "fuzz.jsonl", folder / "clean.jsonl"
    fuzz.write_bytes(b"".join(c.line for c in cases))
    clean.write_bytes(b"".join(c.line for c in cases if c.error is None))
    return cases, fuzz, clean


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_the_generator_covers_every_kind(files):
    cases, _, _ = files
    assert len(cases) >= 2000 and {c.kind for c in cases} == set(KINDS)
    assert len(KINDS) >= 20
    assert generate(SEED, N) == cases  # seeded: the same records every time


@pytest.fixture(scope="module")
def coded(files) -> tuple[list[str], list[str]]:
    _, fuzz, clean = files
    mixed = invoke("code", str(fuzz), *SETTINGS)
    alone = invoke("code", str(clean), *SETTINGS)
    assert mixed.exit_code == 1 and alone.exit_code == 0  # some failed; none failed
    return mixed.stdout.splitlines(), alone.stdout.splitlines()


def test_code_gives_one_line_per_record_with_the_expected_outcome(files, coded):
    cases, _, _ = files
    lines, _ = coded
    assert len(lines) == len(cases)
    for case, line in zip(cases, lines, strict=True):
        out = json.loads(line)
        codes = [e["code"] for e in out["errors"]]
        assert all(re.fullmatch(r"E\d{3}", c) for c in codes), out
        assert codes == ([case.error] if case.error else []), (case.kind, out)
        warnings = [w["code"] for w in out.get("warnings", ())]
        assert case.warning is None or case.warning in warnings, (case.kind, out)
        if not case.read_error:
            assert out["id"] == case.id.replace("\ud800", "\ufffd")


def test_coded_records_are_byte_identical_to_the_same_records_coded_alone(files, coded):
    cases, _, _ = files
    mixed, alone = coded
    kept = [line for case, line in zip(cases, mixed, strict=True) if case.error is None]
    assert kept == alone
    assert sum(1 for line in alone if json.loads(line)["events"]) > len(alone) // 2


def test_extract_gives_one_line_per_record(files):
    cases, fuzz, _ = files
    result = invoke("extract", str(fuzz))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1 and len(lines) == len(cases)
    for case, out in zip(cases, lines, strict=True):
        if case.read_error:
            assert [e["code"] for e in out["errors"]] == [case.error], (case.kind, out)
        else:
            assert "errors" not in out and isinstance(out["text"], str), (case.kind, out)


def rows(db: Path, table: str) -> list[dict[str, Any]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(f"SELECT a.id AS article_id, t.* FROM {table} t "
                          "JOIN articles a ON a.key = t.article_key")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def comparable(found: list[dict[str, Any]], ids: set[str]) -> list[str]:
    """Rows of the given articles, without the key that names where they were read."""
    return sorted(json.dumps({k: v for k, v in r.items() if k != "article_key"}, default=str,
                             sort_keys=True) for r in found if r["article_id"] in ids)


def test_ingest_stores_what_a_clean_ingest_of_the_good_records_stores(files, tmp_path):
    cases, fuzz, clean = files
    mixed_db, clean_db = tmp_path / "mixed.duckdb", tmp_path / "clean.duckdb"
    mixed = invoke("ingest", str(fuzz), "--db", str(mixed_db), "--json", *SETTINGS)
    alone = invoke("ingest", str(clean), "--db", str(clean_db), "--json", *SETTINGS)
    assert (mixed.exit_code, alone.exit_code) == (1, 0)
    report = json.loads(mixed.stdout)
    assert report["records_failed"] == sum(1 for c in cases if c.error)
    con = duckdb.connect(str(mixed_db), read_only=True)
    articles, read_errors, codes = (con.execute(sql).fetchall()[0][0] for sql in (
        "SELECT count(*) FROM articles",
        "SELECT count(*) FROM errors WHERE article_key IS NULL",
        "SELECT count(*) FROM errors WHERE NOT regexp_full_match(code, 'E[0-9]{3}')"))
    con.close()
    assert articles + read_errors == len(cases) and codes == 0
    good = {c.id.replace("\ud800", "\ufffd") for c in cases if c.error is None}
    for table in ("events", "quotes"):
        assert comparable(rows(mixed_db, table), good) == comparable(rows(clean_db, table), good)
    assert len(rows(clean_db, "events")) > len(good) // 2
