"""``thucydides eval``: a quote gold file is scored by score_quotes.py, an event gold file by
score_events.py at each level (stand-in scorers in tools/ beside the gold folder, as in
../shared/gold); bad gold lines and failing scorers are coded errors, not tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from thucydides.cli import main

pytestmark = pytest.mark.model

TEXT = "Russia imposed sanctions on Ukraine's banks. Lavrov said the talks had failed."
PRF = {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1, "sentences": 1}
# A stand-in scorer: which tool ran, its arguments, the predictions it got, and enough of a real
# scorer's result for the readable report.
SCORER = """import json, sys
prf = {prf!r}
pred = [json.loads(x) for x in open(sys.argv[2], encoding="utf-8") if x.strip()]
print(json.dumps({{"tool": {tool!r}, "args": sys.argv[3:], "pred": pred,
                  "full": prf, "category_only": prf, "actors_only": prf,
                  "articles": len(pred), "content": prf, "matched_exact_content": 1,
                  "speaker_accuracy": 1.0, "speaker_correct": 1, "speaker_evaluated": 1,
                  "cue_accuracy": 1.0, "cue_correct": 1, "cue_evaluated": 1}}))
"""


@pytest.fixture()
def gold_folder(tmp_path: Path) -> Path:
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("score_events.py", "score_quotes.py"):
        (tools / tool).write_text(SCORER.format(prf=PRF, tool=tool), encoding="utf-8")
    (tmp_path / "dev").mkdir()
    return tmp_path


def gold(folder: Path, name: str, record: dict) -> str:
    path = folder / "dev" / name
    path.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, ["eval", *args], catch_exceptions=False)


def test_quote_file_is_scored_as_quotes(gold_folder):
    path = gold(gold_folder, "quotes.jsonl", {"id": "q", "text": TEXT, "quotes": []})
    result = run(path, "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["tool"] == "score_quotes.py" and scores["args"] == ["--json"]
    (line,) = scores["pred"]
    assert line["id"] == "q" and set(line) == {"id", "quotes"}
    report = run(path).stdout
    assert "(1 articles)" in report and "content   P 0.500" in report and "speaker" in report


def test_event_file_is_scored_per_level(gold_folder):
    path = gold(gold_folder, "events.jsonl", {"id": "e", "text": TEXT, "events": []})
    result = run(path, "--json", "--level", "plover", "--level", "penta")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores) == {"plover", "penta"}
    assert scores["penta"]["tool"] == "score_events.py"
    # the scorer applies the gold conventions itself (another file: compound groups)
    assert scores["penta"]["args"] == ["--level", "penta", "--compound", "group",
                                       "--negated", "drop", "--json"]
    (line,) = scores["plover"]["pred"]
    assert line["id"] == "e" and set(line) == {"id", "events"}
    report = run(path).stdout  # the default levels
    assert [x for x in report.splitlines() if x.startswith("level")] == [
        "level plover:", "level cameo_root:", "level penta:"]


@pytest.mark.parametrize("name, record, code", [
    ("events.jsonl", '{"id": "e", "text": "x", "events": []}\n{"id": ', "E405"),
    ("events.jsonl", '{"text": "no id", "events": []}', "E405"),
    ("quotes.jsonl", '{"id": "q", "text": "x", "quotes": []}\n{"quotes": []}', "E140"),
])
def test_bad_gold_line_is_a_coded_error(gold_folder, name, record, code):
    path = gold_folder / "dev" / name
    path.write_text(record + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2 and f"error {code}: " in result.output
    assert "line" in result.output and "Traceback" not in result.output


def test_failing_scorer_is_a_coded_error(gold_folder):
    path = gold(gold_folder, "events.jsonl", {"id": "e", "text": TEXT, "events": []})
    broken = gold_folder / "broken.py"
    broken.write_text("import sys\nsys.exit('cannot read the gold file')\n", encoding="utf-8")
    result = run(path, "--scorer", str(broken))
    assert result.exit_code == 2 and "error E404: " in result.output
    assert "cannot read the gold file" in result.output and "Traceback" not in result.output
    silent = gold_folder / "silent.py"
    silent.write_text("", encoding="utf-8")
    result = run(path, "--scorer", str(silent))
    assert result.exit_code == 2 and "E404" in result.output and "printed nothing" in result.output
