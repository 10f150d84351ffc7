"""What ingestion reads: each input's documents, or its read errors, with a stable locator.

The inputs are read as ``thucydides code`` reads them (``thucydides.ingest.inputs``: text, HTML,
feeds, WARC, JSONL, CSV, directories, URLs, and ``-`` for stdin). The locator says where a document
came from (``/abs/path/file.jsonl#3``, ``x.warc.gz#1234``, a URL); local paths are made absolute
so that running from another folder finds the same articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from thucydides.errors import Err
from thucydides.ingest.inputs import read_indexed
from thucydides.ingest.settings import ExtractSettings
from thucydides.records import Article, ErrorRecord
from thucydides.settings import Settings

URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Source:
    """One input record: an article, or the error that kept it from being one."""

    locator: str
    item: Article | ErrorRecord
    input_index: int = 0


def absolute(locator: str) -> str:
    """``locator`` with a relative local path made absolute (URLs and ``stdin`` unchanged)."""
    path, sep, record = locator.partition("#")
    if not path or path == "stdin" or URL.match(path):
        return locator
    p = Path(path)
    return f"{p.resolve()}{sep}{record}" if p.exists() else locator


def read_sources(inputs: Iterable[str], settings: Settings,
                 extract: ExtractSettings | None = None) -> Iterator[Source]:
    """Every record of every input, in order, with its locator and the index of its input.
    ``settings`` are the coder's (reading needs none of them); ``extract`` are the readers'
    (default ``ExtractSettings()``)."""
    for i, item in read_indexed(inputs, settings=extract):
        yield locate(item, i)


def locate(item: object, input_index: int = 0) -> Source:
    if isinstance(item, Article):
        return Source(absolute(item.source or item.id), item, input_index)
    if isinstance(item, ErrorRecord):
        return Source(absolute(item.article_id), item, input_index)
    err = ErrorRecord(repr(item)[:80], "input", Err.E170.name,
                      Err.E170.value.format(kind=type(item).__name__))
    return Source(err.article_id, err, input_index)
