"""Reading the inputs of ``thucydides code``: .txt files, .jsonl files and stdin.

Each input record becomes an ``Article`` or, when it cannot, an ``ErrorRecord`` carrying the
record's id (or its file and line), so that the output keeps one line per input record.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from thucydides.errors import Err, InputError
from thucydides.records import Article, ErrorRecord

Item = Article | tuple[str, ErrorRecord]


def _err(record_id: str, err: Err, **detail: object) -> tuple[str, ErrorRecord]:
    e = InputError(err, **detail)
    return record_id, ErrorRecord(record_id, "input", e.code, e.message)


def parse_date(value: Any) -> dt.date | None:
    """'YYYY-MM-DD' or an ISO datetime -> date; None/'' -> None; anything else raises."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(Err.E107, value=value)
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InputError(Err.E107, value=value) from exc


def from_record(obj: Any, fallback_id: str, line: int) -> Item:
    """One JSON record -> Article; extra fields are ignored."""
    if not isinstance(obj, dict):
        return _err(fallback_id, Err.E109, line=line)
    rid = str(obj["id"]) if obj.get("id") not in (None, "") else fallback_id
    text = obj.get("text")
    if not isinstance(text, str):
        return _err(rid, Err.E104, line=line)
    try:
        date = parse_date(obj.get("date"))
    except InputError as exc:
        return rid, ErrorRecord(rid, "input", exc.code, exc.message)
    opt = {k: str(obj[k]) for k in ("url", "title") if isinstance(obj.get(k), str)}
    return Article(id=rid, text=text, date=date, source=f"{fallback_id.rsplit(':', 1)[0]}:{line}",
                   **opt)


def read_jsonl(stream: Iterable[str], name: str) -> Iterator[Item]:
    for line_no, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        fallback = f"{name}:{line_no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _err(fallback, Err.E103, line=line_no, detail=exc.msg)
            continue
        yield from_record(obj, fallback, line_no)


def read_text_file(path: Path, date: dt.date | None = None) -> Item:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _err(path.stem, Err.E108, path=path, detail=exc.strerror or str(exc))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _err(path.stem, Err.E102, detail=f"not UTF-8 text ({exc.reason} at byte "
                                                 f"{exc.start})")
    return Article(id=path.stem, text=text, date=date, source=str(path))


def read_stdin(stream: TextIO, date: dt.date | None = None) -> Iterator[Item]:
    data = stream.read()
    if data.lstrip().startswith("{"):
        yield from read_jsonl(data.splitlines(), "stdin")
    else:
        yield Article(id="stdin", text=data, date=date, source="stdin")


def read_inputs(inputs: Iterable[str], date: dt.date | None = None,
                stdin: TextIO | None = None) -> Iterator[Item]:
    """Articles (or per-record errors) from each input in order. ``date`` applies to plain-text
    inputs, which carry none of their own."""
    for name in inputs:
        if name == "-":
            yield from read_stdin(stdin or sys.stdin, date)
            continue
        path = Path(name)
        if path.suffix.lower() == ".jsonl":
            try:
                with path.open(encoding="utf-8", errors="replace") as f:
                    yield from read_jsonl(f, path.stem)
            except OSError as exc:
                yield _err(path.stem, Err.E108, path=path, detail=exc.strerror or str(exc))
        else:
            yield read_text_file(path, date)
