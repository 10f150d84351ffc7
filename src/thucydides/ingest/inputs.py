"""Reading the inputs of ``thucydides code`` and ``thucydides ingest``: files and folders through
the readers (``thucydides.ingest.extract``: text, JSONL, CSV, HTML, feeds, WARC, URLs) and ``-``
for stdin (plain text, or JSONL when it starts with ``{``).

Each input record becomes an ``Article`` or, when it cannot, an ``ErrorRecord`` carrying the
record's id (or its source and line), so that the output keeps one line per input record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import IO, Any

from thucydides.ingest.extract import extract
from thucydides.ingest.readers.base import Context, parse_date
from thucydides.ingest.readers.text import read_stdin
from thucydides.ingest.settings import ExtractSettings
from thucydides.records import Article, ErrorRecord

__all__ = ["Item", "parse_date", "read_indexed", "read_inputs", "read_stdin"]

Item = Article | ErrorRecord


def read_indexed(inputs: Iterable[str], date: dt.date | None = None,
                 stdin: IO[Any] | None = None, settings: ExtractSettings | None = None,
                 ) -> Iterator[tuple[int, Item]]:
    """Like ``read_inputs``, each item with the index of the input it came from."""
    ctx = Context.load(settings or ExtractSettings(), stdin=stdin)
    for index, name in enumerate(inputs):
        for item in extract([name], ctx=ctx):
            if isinstance(item, Article) and item.date is None and date is not None:
                item = dataclasses.replace(item, date=date)
            yield index, item


def read_inputs(inputs: Iterable[str], date: dt.date | None = None,
                stdin: IO[Any] | None = None, settings: ExtractSettings | None = None,
                ) -> Iterator[Item]:
    """Articles (or per-record errors) from each input in order, read with one context (one
    fetcher, so request delays hold across inputs). ``date`` is the publication date of
    documents that carry none of their own (plain text, stdin); ``settings`` are the readers'
    (default ``ExtractSettings()``)."""
    for _, item in read_indexed(inputs, date, stdin, settings):
        yield item
