"""What ingestion reads: each input's documents, or its read errors, with a stable locator.

The readers live in ``thucydides.ingest``: ``extract.extract`` (text, HTML, feeds, WARC, JSONL,
CSV, directories, URLs) and ``inputs.read_stdin`` for ``-``. The locator says where a document
came from (``/abs/path/file.jsonl#3``, ``x.warc.gz#1234``, a URL); local paths are made absolute
so that running from another folder finds the same articles.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from thucydides.errors import Err
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


def _reader(settings: Settings) -> Callable[[str], Iterator[Article | ErrorRecord]]:
    """The readers (``extract``) with one context for the whole run; ``-`` is standard input."""
    from thucydides.ingest.extract import ExtractSettings, extract
    from thucydides.ingest.inputs import read_stdin
    from thucydides.ingest.readers.base import Context

    names = {f.name for f in fields(ExtractSettings)}
    xs = ExtractSettings(**{n: getattr(settings, n) for n in names if hasattr(settings, n)})
    ctx = Context.load(xs)
    return lambda name: read_stdin(sys.stdin, ctx) if name == "-" else extract([name], xs, ctx)


def read_sources(inputs: Iterable[str], settings: Settings) -> Iterator[Source]:
    """Every record of every input, in order, with its locator and the index of its input."""
    read = _reader(settings)
    for i, name in enumerate(inputs):
        for item in read(name):
            yield locate(item, i)


def locate(item: object, input_index: int = 0) -> Source:
    if isinstance(item, Article):
        return Source(absolute(item.source or item.id), item, input_index)
    if isinstance(item, ErrorRecord):
        return Source(absolute(item.article_id), item, input_index)
    err = ErrorRecord(repr(item)[:80], "input", Err.E170.name,
                      Err.E170.value.format(kind=type(item).__name__))
    return Source(err.article_id, err, input_index)
