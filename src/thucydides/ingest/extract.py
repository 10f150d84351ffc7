"""``extract``: articles out of what users hold -- files, folders, feeds, web archives and URLs.

    from thucydides.ingest.extract import extract
    from thucydides.ingest.settings import ExtractSettings
    for item in extract(["crawl.warc.gz", "pages/", "https://example.org/feed.xml"],
                        ExtractSettings()):
        ...   # an Article, or an ErrorRecord for a document that could not be read

Inputs are read in order, and the documents of each in file order. What an input is comes from
its name, then from its first bytes:

- ``-``: standard input, JSON lines when it starts with ``{``, else one plain text;
- ``http://``, ``https://``: fetched politely, then read as a feed or an HTML page;
- a directory: every file below it, recursively, sorted by path;
- ``.warc``, ``.arc`` (also gzipped): one article per HTML response;
- ``.rss``, ``.atom``, ``.rdf``, ``.xml``: a feed, one article per item;
- ``.html``, ``.htm``, ``.xhtml``, ``.shtml`` (also ``.gz``): one page;
- ``.jsonl``, ``.ndjson``: one record per line, streamed; ``.json``: a record or an array;
- ``.csv``, ``.tsv``: one record per row, streamed;
- ``.txt`` and any other text: one article, its id the file stem.

Every document becomes an ``Article`` (with the language it declares, if any, and boilerplate
lines marked in ``skip``) or an ``ErrorRecord`` (stage ``extract``; codes E110-E128, and the record
codes E101, E103, E104, E107, E109 of ``thucydides code``); ``scan`` also yields the ``Skipped``
records (a WARC request record, an image in a folder), which ``extract`` only logs.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from thucydides.errors import Err, ThucydidesError
from thucydides.ingest.readers.base import (
    Context,
    ReadItem,
    Skipped,
    error,
    from_exception,
    guard,
    make_article,
)
from thucydides.ingest.readers.decode import (
    binary_reason,
    magic_reason,
    read_file,
    read_head,
    sniff,
)
from thucydides.ingest.readers.feed import is_feed_type, read_feed
from thucydides.ingest.readers.html import MODES, read_page
from thucydides.ingest.readers.text import (
    doc_stem,
    read_csv,
    read_json,
    read_jsonl,
    read_stdin,
    read_text,
)
from thucydides.ingest.readers.warc import read_warc
from thucydides.ingest.settings import ExtractSettings
from thucydides.records import Article, ErrorRecord

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- public


def extract(inputs: Iterable[str], settings: ExtractSettings | None = None,
            ctx: Context | None = None) -> Iterator[Article | ErrorRecord]:
    """Articles (or per-document errors) from ``inputs``, in input order then file order.
    Skipped records are logged at INFO level (see ``scan`` to receive them)."""
    for item in scan(inputs, settings, ctx):
        if isinstance(item, Skipped):
            log.info("skipped %s: %s", item.source, item.reason)
        else:
            yield item


def scan(inputs: Iterable[str], settings: ExtractSettings | None = None,
         ctx: Context | None = None) -> Iterator[ReadItem]:
    """Like ``extract``, and also the ``Skipped`` records, each with its reason."""
    ctx = ctx or Context.load(settings or ExtractSettings())
    if ctx.settings.html_mode not in MODES:
        raise ThucydidesError(Err.E108, name="html_mode", value=ctx.settings.html_mode,
                              detail=f"expected one of {', '.join(MODES)}")
    for name in inputs:
        yield from guard(name, read_input(name, ctx))


# --------------------------------------------------------------------------- dispatch

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".xml")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
CSV_SUFFIXES = (".csv", ".tsv")
KIND_BY_SUFFIX = {**dict.fromkeys(HTML_SUFFIXES, "html"), **dict.fromkeys(CSV_SUFFIXES, "csv"),
                  ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text",
                  ".text": "text", ".md": "text"}
NOT_DOCUMENTS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif",
                 ".tiff", ".mp3", ".mp4", ".wav", ".ogg", ".webm", ".mov", ".avi", ".zip",
                 ".tar", ".7z", ".rar", ".bz2", ".xz", ".pdf", ".css", ".js", ".woff", ".woff2",
                 ".ttf", ".otf", ".eot", ".exe", ".so", ".dll", ".pyc", ".db", ".sqlite",
                 ".parquet", ".cdx", ".cdxj", ".idx")


def read_input(name: str, ctx: Context) -> Iterator[ReadItem]:
    if name == "-":
        yield from read_stdin(ctx.stdin or sys.stdin, ctx)
        return
    if name.startswith(("http://", "https://")):
        yield from read_url(name, ctx)
        return
    path = Path(name)
    if path.is_dir():
        yield from read_directory(path, ctx)
    elif not path.exists():
        yield error(name, Err.E110, source=name, detail="no such file or directory")
    else:
        yield from read_path(path, ctx)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    plain = name.removesuffix(".gz")
    dot = plain.rfind(".")
    return (plain[dot:] if dot > 0 else "") + (".gz" if name.endswith(".gz") else "")


def read_directory(root: Path, ctx: Context) -> Iterator[ReadItem]:
    """Every file below ``root``, sorted by path; hidden files and folders are left out, files
    that are plainly not documents (images, scripts, archives) are skipped with a reason."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).parts
        if any(part.startswith(".") for part in rel):
            continue
        if _suffix(path).removesuffix(".gz") in NOT_DOCUMENTS:
            yield Skipped(str(path), f"a {path.suffix} file is not a document")
            continue
        yield from guard(str(path), read_path(path, ctx))


def read_path(path: Path, ctx: Context) -> Iterator[ReadItem]:
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, ctx)
        return
    head = read_head(path)
    kind = _kind(suffix.removesuffix(".gz"), head)
    source = str(path)
    if kind == "warc":
        yield from read_warc(path, ctx)
    elif kind == "binary":  # one document that is not text: its id, like a text's, the stem
        yield error(doc_stem(path), Err.E113, source=source, detail=binary_reason(head) or "")
    elif kind == "jsonl":
        yield from read_jsonl(path, ctx)
    elif kind == "csv":
        yield from read_csv(path, ctx)
    else:
        yield from read_document(path, kind, ctx)


def read_document(path: Path, kind: str, ctx: Context) -> Iterator[ReadItem]:
    """A file that is one document (a page, a text) or a small collection (a feed, a .json)."""
    source = str(path)
    data = read_file(path, ctx.settings.max_bytes)
    if kind == "feed":
        yield from read_feed(data, source, ctx)
    elif kind == "html":
        yield html_item(data, source, source, None, None, ctx)
    elif kind == "json":
        yield from read_json(data, source, ctx)
    else:
        yield from read_text(data, source, ctx, doc_stem(path))


LINE_KINDS = ("jsonl", "csv", "json")


def _kind(suffix: str, head: bytes) -> str:
    """What a file holds, from its suffix and first bytes. A file of records (JSONL, CSV, JSON)
    is binary only when it starts like a binary format: a NUL or a control character is a fault
    of one record, which its reader reports on that record alone."""
    sniffed, named = sniff(head), KIND_BY_SUFFIX.get(suffix)
    if named in LINE_KINDS or (named is None and suffix not in FEED_SUFFIXES
                               and sniffed == "json"):
        return "binary" if magic_reason(head) else named or "jsonl"
    if binary_reason(head):
        return "binary"
    if sniffed == "warc":
        return "warc"
    if suffix in FEED_SUFFIXES:
        return "html" if sniffed == "html" else "feed"
    if suffix in KIND_BY_SUFFIX:
        return KIND_BY_SUFFIX[suffix]
    return "jsonl" if sniffed == "json" else sniffed


def html_item(data: bytes, doc_id: str, source: str, url: str | None, charset: str | None,
              ctx: Context) -> ReadItem:
    try:
        page = read_page(data, url, ctx.settings.html_mode, source, charset)
    except ThucydidesError as exc:
        return from_exception(doc_id, exc)
    return make_article(ctx, id=doc_id, text=page.text, source=source, url=page.url or url,
                        title=page.title, date=page.date, language=page.language)


def read_url(url: str, ctx: Context) -> Iterator[ReadItem]:
    """A URL: fetched politely, then read as a feed or a page by its content type (or bytes)."""
    try:
        resp = ctx.fetcher.get(url)
    except ThucydidesError as exc:
        yield from_exception(url, exc)
        return
    kind = sniff(resp.body)
    if (is_feed_type(resp.content_type) and kind != "html") or kind == "feed":
        yield from read_feed(resp.body, url, ctx, resp.charset)
    elif resp.content_type in ("text/html", "application/xhtml+xml") or kind == "html":
        yield html_item(resp.body, url, url, resp.url, resp.charset, ctx)
    else:
        yield error(url, Err.E124, url=resp.url, ctype=resp.content_type)
