"""Gold files and the scorer process (no model): a bad gold line is a coded error naming the line,
and a scorer that fails, prints nothing or prints no JSON is E404, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.errors import ThucydidesError
from thucydides.eval.events import evaluate
from thucydides.eval.gold import gold_articles, is_quote_gold, read_gold, run_scorer
from thucydides.eval.quotes import read_gold as read_quote_gold

GOOD = '{"id": "a", "text": "Russia imposed sanctions.", "events": []}'


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scorer(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "score.py"
    path.write_text("import json, sys\n" + body + "\n", encoding="utf-8")
    return path


def test_gold_records_skip_blank_lines(tmp_path):
    path = write(tmp_path / "gold.jsonl", "", GOOD, "   ", GOOD.replace('"a"', '"b"'), "")
    rows = read_gold(path)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert [a.text for a in gold_articles(rows)] == ["Russia imposed sanctions."] * 2


@pytest.mark.parametrize("line, detail", [
    ('{"id": "x", "text": ', "Expecting"),
    ('{"text": "no id"}', "expected an object with 'id' and 'text'"),
    ('{"id": "x"}', "expected an object with 'id' and 'text'"),
    ('["a list"]', "expected an object"),
])
def test_bad_gold_line_is_named(tmp_path, line, detail):
    path = write(tmp_path / "gold.jsonl", GOOD, "", line)
    with pytest.raises(ThucydidesError) as err:
        read_gold(path)
    assert err.value.code == "E405"
    assert f"{path}, line 3" in str(err.value) and detail in str(err.value)
    with pytest.raises(ThucydidesError, match=r"E140: .*line 3"):
        read_quote_gold(path)  # quote gold files keep their own code


def test_gold_kind_from_the_first_record(tmp_path):
    quotes = write(tmp_path / "q.jsonl", "", '{"id": "a", "text": "t", "quotes": []}')
    assert is_quote_gold(quotes) and not is_quote_gold(write(tmp_path / "e.jsonl", GOOD))
    assert not is_quote_gold(write(tmp_path / "empty.jsonl", ""))
    with pytest.raises(ThucydidesError, match=r"E405: .*line 1"):
        is_quote_gold(write(tmp_path / "bad.jsonl", "{not json"))


def test_scorer_result_is_its_first_json_line(tmp_path):
    path = scorer(tmp_path, 'print(json.dumps({"args": sys.argv[1:]})); print("more")')
    assert run_scorer(path, "g.jsonl", Path("p.jsonl"), "--level", "penta") == {
        "args": ["g.jsonl", "p.jsonl", "--level", "penta", "--json"]}


@pytest.mark.parametrize("body, detail", [
    ('sys.exit("gold file unreadable")', "exit status 1: gold file unreadable"),
    ("sys.exit(3)", "exit status 3"),
    ("pass", "it printed nothing"),
    ('print("F1 0.5")', "not JSON"),
    ('print("[1, 2]")', "not a JSON object"),
])
def test_failing_scorer_is_e404(tmp_path, body, detail):
    path = scorer(tmp_path, body)
    with pytest.raises(ThucydidesError) as err:
        run_scorer(path, "g.jsonl", "p.jsonl")
    assert str(err.value).startswith(f"E404: the scorer {path} failed: ")
    assert detail in str(err.value)


def test_missing_scorer_is_e403(tmp_path):
    with pytest.raises(ThucydidesError, match="E403"):
        run_scorer(tmp_path / "none.py", "g.jsonl", "p.jsonl")


def test_event_evaluate_runs_the_scorer_per_level(tmp_path):
    gold = write(tmp_path / "gold.jsonl", GOOD)
    path = scorer(tmp_path, 'print(json.dumps({"level": sys.argv[sys.argv.index("--level") + 1],'
                            ' "pred": open(sys.argv[2]).read()}))')
    kept = tmp_path / "pred.jsonl"
    scores = evaluate([], gold, path, ("plover", "penta"), predictions_out=kept)
    assert {k: v["level"] for k, v in scores.items()} == {"plover": "plover", "penta": "penta"}
    assert kept.read_text(encoding="utf-8") == "" and scores["penta"]["pred"] == ""
