"""Reading the inputs of ``thucydides code`` and ``thucydides ingest``: files and folders through
the readers (``thucydides.ingest.extract``: text, JSONL, CSV, HTML, feeds, WARC, URLs) and ``-``
for stdin (plain text, or JSONL when it starts with ``{``).

Each input record becomes an ``Article`` or, when it cannot, an ``ErrorRecord`` carrying the
record's id (or its source and line), so that the output keeps one line per input record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from thucydides.errors import Err
from thucydides.ingest.extract import ExtractSettings, extract
from thucydides.ingest.readers.base import Context, error, make_article, parse_date
from thucydides.ingest.readers.text import from_record
from thucydides.records import Article, ErrorRecord

__all__ = ["Item", "parse_date", "read_indexed", "read_inputs", "read_stdin"]

Item = Article | ErrorRecord


def read_stdin(stream: TextIO, ctx: Context, date: dt.date | None = None) -> Iterator[Item]:
    """Standard input: JSONL records when it starts with '{', else one article 'stdin'."""
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


def read_indexed(inputs: Iterable[str], date: dt.date | None = None,
                 stdin: TextIO | None = None, settings: ExtractSettings | None = None,
                 ) -> Iterator[tuple[int, Item]]:
    """Like ``read_inputs``, each item with the index of the input it came from."""
    ctx = Context.load(settings or ExtractSettings())
    for index, name in enumerate(inputs):
        items = (read_stdin(stdin or sys.stdin, ctx, date) if name == "-"
                 else extract([name], ctx=ctx))
        for item in items:
            if isinstance(item, Article) and item.date is None and date is not None:
                item = dataclasses.replace(item, date=date)
            yield index, item


def read_inputs(inputs: Iterable[str], date: dt.date | None = None,
                stdin: TextIO | None = None, settings: ExtractSettings | None = None,
                ) -> Iterator[Item]:
    """Articles (or per-record errors) from each input in order, read with one context (one
    fetcher, so request delays hold across inputs). ``date`` is the publication date of
    documents that carry none of their own (plain text, stdin); ``settings`` are the readers'
    (default ``ExtractSettings()``)."""
    for _, item in read_indexed(inputs, date, stdin, settings):
        yield item
