"""``thucydides extract``: one JSON line per document, error lines, flags, exit status."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ingest.ingest_helpers import FIXTURES
from thucydides.cli.extract import extract_cmd
from thucydides.ingest.settings import EXTRACT_SETTINGS

KEYS = {"id", "source", "url", "title", "published", "language", "text", "skip"}


def run(args):
    result = CliRunner().invoke(extract_cmd, args, catch_exceptions=False)
    return result, [json.loads(x) for x in result.stdout.splitlines() if x.strip()]


def test_articles_and_errors_as_json_lines(tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_text("The ministers met on Tuesday in Istanbul for a third round of talks on a "
                    "ceasefire.\nRelated Articles\nBoth sides said the talks had been useful "
                    "and that they would meet again next week.", encoding="utf-8")
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\x01\x02binary")
    result, lines = run([str(FIXTURES / "pages" / "summit.html"), str(bad), str(seed)])
    summit, error, note = lines
    assert set(summit) == KEYS and summit["published"] == "2022-04-01"
    assert summit["title"] == "EU leaders agree new sanctions package against Moscow"
    assert error == {"id": "bad", "errors": [
        {"stage": "extract", "code": "E113", "message": error["errors"][0]["message"]}]}
    (skip,) = note["skip"]
    assert note["text"][skip["start"]:skip["end"]] == skip["text"] == "Related Articles"
    assert result.exit_code == 1
    assert "extracted 2 articles, 1 errors" in result.stderr


def test_output_file_and_flags(tmp_path):
    out = tmp_path / "out.jsonl"
    result, _ = run([str(FIXTURES / "records.csv"), "-o", str(out), "--max-bytes", "50",
                     "--no-fetch-links", "--html-mode", "trafilatura"])
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["c1", "c2", "c3"]
    assert result.exit_code == 1  # c3 has a bad date


def test_every_setting_is_a_flag():
    names = {p.name for p in extract_cmd.params}
    assert {name for name, _, _ in EXTRACT_SETTINGS} <= names
