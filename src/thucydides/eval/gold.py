"""What event and quote scoring share: reading gold files, their articles, the prediction file
and running the gold folder's scorer (a separate process that prints its result as JSON)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from thucydides.errors import Err, ThucydidesError
from thucydides.records import Article


def _record(path: str | Path, n: int, line: str, err: Err) -> dict[str, Any]:
    """Line ``n`` of a gold file as a record with an ``id`` and a ``text``; ``err`` names it."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ThucydidesError(err, path=path, line=n, detail=str(exc)) from exc
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
        raise ThucydidesError(err, path=path, line=n,
                              detail="expected an object with 'id' and 'text'")
    return row


def read_gold(path: str | Path, err: Err = Err.E405) -> list[dict[str, Any]]:
    """The gold file's records (each with an ``id`` and a ``text``; blank lines skipped). A bad
    line raises ``err`` (E405; E140 for quote files) naming the file and the line."""
    with Path(path).open(encoding="utf-8") as f:
        return [_record(path, n, line, err) for n, line in enumerate(f, start=1) if line.strip()]


def is_quote_gold(path: str | Path) -> bool:
    """Is ``path`` a quote gold file (its first record has "quotes")? A bad first record
    raises E405."""
    with Path(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                return "quotes" in _record(path, n, line, Err.E405)
    return False


def gold_articles(rows: Iterable[dict[str, Any]]) -> Iterator[Article]:
    """The gold records as articles to code (their annotations left out)."""
    for r in rows:
        yield Article(id=r["id"], text=r["text"], date=None)


def default_scorer(gold: str | Path, name: str) -> Path:
    """The scorer ``name`` in the ``tools`` folder beside the gold file's folder."""
    return Path(gold).resolve().parent.parent / "tools" / name


@contextlib.contextmanager
def prediction_file(lines: Iterable[dict[str, Any]], keep: str | Path | None = None,
                    ) -> Iterator[Path]:
    """The prediction ``lines`` written as JSONL to ``keep``, or to a temporary file removed
    on exit."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(keep or Path(tmp) / "pred.jsonl")
        with path.open("w", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        yield path


def run_scorer(scorer: str | Path, *args: str | Path) -> dict[str, Any]:
    """The JSON result (the first line of output) of ``scorer ARGS... --json``. E403: no such
    scorer; E404: it failed, printed nothing or printed something other than a JSON object."""
    if not Path(scorer).is_file():
        raise ThucydidesError(Err.E403, path=scorer)
    cmd = [sys.executable, str(scorer), *map(str, args), "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        said = proc.stderr.strip().splitlines()
        detail = f"exit status {proc.returncode}" + (f": {said[-1]}" if said else "")
        raise ThucydidesError(Err.E404, path=scorer, detail=detail)
    first = next((line for line in proc.stdout.splitlines() if line.strip()), None)
    if first is None:
        raise ThucydidesError(Err.E404, path=scorer, detail="it printed nothing")
    try:
        result = json.loads(first)
    except json.JSONDecodeError as exc:
        raise ThucydidesError(Err.E404, path=scorer,
                              detail=f"its output is not JSON ({exc})") from exc
    if not isinstance(result, dict):
        raise ThucydidesError(Err.E404, path=scorer, detail="its output is not a JSON object")
    return result
