"""Reading the inputs of ``thucydides code``: files and folders through the readers
(``thucydides.ingest.extract``: text, JSONL, CSV, HTML, feeds, WARC, URLs) and ``-`` for stdin
(plain text, or JSONL when it starts with ``{``).

Each input record becomes an ``Article`` or, when it cannot, an ``ErrorRecord`` carrying the
record's id (or its source and line), so that the output keeps one line per input record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from thucydides.errors import Err, InputError
from thucydides.records import Article, ErrorRecord

Item = Article | ErrorRecord


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


def read_stdin(stream: TextIO, ctx: Any, date: dt.date | None = None) -> Iterator[Item]:
    """Standard input: JSONL records when it starts with '{', else one article 'stdin'."""
    from thucydides.ingest.readers.base import error, make_article
    from thucydides.ingest.readers.text import from_record

    data = stream.read()
    if not data.lstrip().startswith("{"):
        yield make_article(ctx, id="stdin", text=data, source="stdin", date=date)
        return
    for line_no, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield error(f"stdin#{line_no}", Err.E103, line=line_no, detail=exc.msg)
            continue
        yield from_record(obj, "stdin", line_no, ctx)


def read_inputs(inputs: Iterable[str], date: dt.date | None = None,
                stdin: TextIO | None = None) -> Iterator[Item]:
    """Articles (or per-record errors) from each input in order. ``date`` is the publication
    date of documents that carry none of their own (plain text, stdin)."""
    from thucydides.ingest.extract import ExtractSettings, extract
    from thucydides.ingest.readers.base import Context

    ctx = Context.load(ExtractSettings())
    for name in inputs:
        items = (read_stdin(stdin or sys.stdin, ctx, date) if name == "-"
                 else extract([name], ctx=ctx))
        for item in items:
            if isinstance(item, Article) and item.date is None and date is not None:
                item = dataclasses.replace(item, date=date)
            yield item
