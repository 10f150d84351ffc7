"""``thucydides code`` end to end: inputs, the output contract, bad input, exit status."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from click.testing import CliRunner

from thucydides.cli import main

pytestmark = pytest.mark.model

SAMPLE = resources.files("thucydides").joinpath("samples", "sample-article.txt")
GOOD = "Russia imposed sanctions on Ukraine's banks on Friday."


def run(args, stdin=None):
    result = CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    return result, lines


def test_txt_input_uses_file_stem_as_id(tmp_path):
    path = tmp_path / "lavrov-talks.txt"
    path.write_text(GOOD, encoding="utf-8")
    result, lines = run(["code", str(path), "--date", "2022-04-01"])
    assert result.exit_code == 0
    (line,) = lines
    assert line["id"] == "lavrov-talks" and line["errors"] == [] and line["quotes"] == []
    event = next(e for e in line["events"] if e["cameo"].startswith("16"))
    for key in ("source", "target", "cameo", "plover", "mode", "context", "goldstein",
                "quad_class", "negated", "modality", "trigger", "sentence", "date"):
        assert key in event
    for span in (event["source"], event["target"], event["trigger"], event["sentence"]):
        assert GOOD[span["start"]:span["end"]] == span["text"]
    assert event["date"] == {"value": "2022-04-01", "precision": "day", "basis": "expression",
                             "expression": {"text": "on Friday", "start": GOOD.index("on F"),
                                            "end": GOOD.index("on F") + 9}}


def test_bundled_sample_has_events():
    result, lines = run(["code", str(SAMPLE), "--date", "2022-03-15"])
    assert result.exit_code == 0 and len(lines) == 1 and len(lines[0]["events"]) >= 5


def rec(**fields: object) -> str:
    return json.dumps(fields)


BAD_RECORDS = [
    (rec(id="ok", text=GOOD, date="2022-04-01", dataset="x"), None),
    ('{"id": "broken", "text": ', "E103"),
    ('{"id": "notext", "title": "no text"}', "E104"),
    (rec(id="baddate", text=GOOD, date="01/04/2022"), "E107"),
    ('{"id": "empty", "text": "   "}', "E101"),
    ('{"id": "binary", "text": "\\u0000\\u0001\\u0002garbage\\u0003"}', "E102"),
    ('{"id": "german", "text": "Die Bundesregierung hat am Freitag neue Sanktionen gegen '
     'Russland beschlossen, teilte ein Sprecher in Berlin mit."}', "E106"),
    ('[1, 2, 3]', "E109"),
    (rec(id="nulldate", text=GOOD, date=None), None),
]


def test_bad_records_get_error_lines_in_order(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(r for r, _ in BAD_RECORDS) + "\n", encoding="utf-8")
    result, lines = run(["code", str(path)])
    assert len(lines) == len(BAD_RECORDS)
    for line, (_, code) in zip(lines, BAD_RECORDS, strict=True):
        codes = [e["code"] for e in line["errors"]]
        assert codes == ([code] if code else []), line
        if code:
            assert line["errors"][0]["message"]
    assert lines[1]["id"].endswith("mixed.jsonl#2")  # no id could be read: file and line
    assert result.exit_code == 1  # some records failed
    assert "Traceback" not in result.output


def test_too_long_text_is_an_error(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(GOOD + " " + "word " * 4_000_000, encoding="utf-8")  # 20 MB
    result, (line,) = run(["code", str(path)])
    # over the readers' size cap (10 MB): not read past it
    assert [e["code"] for e in line["errors"]] == ["E111"] and result.exit_code == 1
    path.write_text(GOOD * 40, encoding="utf-8")  # 2,200 characters
    result, (line,) = run(["code", str(path), "--max-chars", "1000"])
    assert [e["code"] for e in line["errors"]] == ["E105"] and result.exit_code == 1


def test_undecodable_file_is_an_error(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 10)
    _, (line,) = run(["code", str(path)])
    assert line["id"] == "blob" and line["errors"][0]["code"] == "E113"  # binary data


def test_missing_file_is_an_error(tmp_path):
    result, (line,) = run(["code", str(tmp_path / "nope.txt")])
    assert line["errors"][0]["code"] == "E110" and result.exit_code == 1


def test_stdin_text_and_jsonl():
    _, (line,) = run(["code", "-"], stdin=GOOD)
    assert line["id"] == "stdin" and line["events"]
    _, lines = run(["code", "-"], stdin=json.dumps({"id": "a", "text": GOOD}) + "\n")
    assert [x["id"] for x in lines] == ["a"]


def test_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["code", "-", "-o", str(out)], input=GOOD)
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "stdin"


def test_settings_flags_reach_the_coder():
    _, (line,) = run(["code", "-", "--no-emit-negated"],
                     stdin="Russia did not attack Odesa.")
    assert all(not e["negated"] for e in line["events"])


@pytest.mark.parametrize(("args", "status"), [
    (["code", "{good}"], 0),  # every record coded
    (["code", "{mixed}"], 1),  # some failed: each has its error line
    (["code", "{good}", "--date", "2024-02-31"], 2),  # usage: a bad flag value
    (["code", "{good}", "--batch-size", "0"], 2),  # usage: a bad setting (E108)
    (["code", "{good}", "-o", "{missing}/out.jsonl"], 3),  # fatal: the output (E131)
    (["extract", "{good}"], 0),
    (["extract", "{mixed}"], 1),
    (["extract", "{good}", "--html-mode", "nonsense"], 2),
    (["extract", "{good}", "-o", "{missing}/out.jsonl"], 3),
])
def test_exit_statuses(tmp_path, args, status):
    good, mixed = tmp_path / "good.jsonl", tmp_path / "mixed.jsonl"
    good.write_text(rec(id="a", text=GOOD) + "\n", encoding="utf-8")
    mixed.write_text(rec(id="a", text=GOOD) + "\n{broken\n", encoding="utf-8")
    names = {"good": good, "mixed": mixed, "missing": tmp_path / "no" / "such"}
    result = CliRunner().invoke(main, [a.format(**names) for a in args])
    assert result.exit_code == status, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if status == 3:
        assert "error E131: cannot write the output" in result.output


def test_the_output_file_is_replaced_whole_and_leaves_nothing_beside_it(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday\n")
    src = tmp_path / "in.jsonl"
    src.write_text(rec(id="a", text=GOOD) + "\n")
    result = CliRunner().invoke(main, ["code", str(src), "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text())["id"] == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
