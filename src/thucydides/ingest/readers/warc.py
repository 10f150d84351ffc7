"""WARC and ARC files, plain or gzipped (warcio): every HTML response becomes an article.

Payloads are de-chunked and decoded (gzip, deflate, brotli) here, within the size cap; a payload
whose declared Content-Encoding does not decode but which is plain text already is used as it is.
A revisit record is resolved to the response it repeats -- by ``WARC-Refers-To``, else by its
payload digest -- among the HTML responses of this run's earlier WARC inputs (the first crawl
before the re-crawl); when that response is not among them the revisit is skipped with a
reason. Every other record (warcinfo, request, metadata, non-HTML or non-200 responses, DNS) is
skipped with a reason: not an error.

``id`` is the WARC-Record-ID (without ``<urn:uuid:...>`` brackets), ``source`` is
``path#offset``, ``url`` is the page's canonical URL or else the WARC-Target-URI.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from thucydides.errors import Err, InputError, ThucydidesError
from thucydides.ingest.readers.base import (
    Context,
    ReadItem,
    Skipped,
    error,
    from_exception,
    make_article,
)
from thucydides.ingest.readers.decode import binary_reason, decompress, read_stream, sniff
from thucydides.ingest.readers.html import read_page
from thucydides.records import ErrorRecord

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
TAIL_BYTES = 4096


def record_id(record: Any) -> str | None:
    rid = record.rec_headers.get_header("WARC-Record-ID")
    return rid.strip("<>") if rid else None


def content_type(record: Any) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers else None
    value = value or record.rec_headers.get_header("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def charset(record: Any) -> str | None:
    value = record.http_headers.get_header("Content-Type") if record.http_headers else None
    for part in (value or "").split(";")[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset":
            return val.strip().strip("\"'") or None
    return None


def payload(record: Any, limit: int, source: str) -> bytes:
    """The HTTP body of a record, de-chunked and decoded; E111 past ``limit``."""
    from warcio.bufferedreaders import ChunkedDataReader

    headers = record.http_headers
    stream = record.raw_stream
    if headers and "chunked" in (headers.get_header("Transfer-Encoding") or "").lower():
        stream = ChunkedDataReader(stream)
    raw = read_stream(stream, limit, source)
    coding = (headers.get_header("Content-Encoding") or "") if headers else ""
    try:
        return decompress(raw, coding, limit, source)
    except InputError as exc:
        if exc.code == "E126" and binary_reason(raw) is None:
            log.info("%s: %s; the body is plain already, used as it is", source, exc.message)
            return raw
        raise


def skip_reason(record: Any) -> str | None:
    """Why a record is not a page (None: it is one)."""
    kind = record.rec_type
    if kind not in ("response", "resource", "revisit"):
        return f"{kind} record"
    ctype = content_type(record)
    if ctype in ("text/dns", "application/dns"):
        return "DNS record"
    if record.http_headers and record.http_headers.protocol.upper().startswith("HTTP"):
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2") and not (kind == "revisit" and status == "304"):
            location = record.http_headers.get_header("Location")
            return f"HTTP status {status}" + (f" (redirect to {location})" if location else "")
    if kind == "revisit" and not record.http_headers:
        return None  # judged by the record it repeats
    if ctype and ctype not in HTML_TYPES:
        return f"content type {ctype} is not HTML"
    if not ctype and kind == "resource":
        return "resource record without a content type"
    return None


def read_warc(path: Path, ctx: Context) -> Iterator[ReadItem]:
    """Articles, errors and skips from one WARC/ARC file, in file order. A record cut short
    (its Content-Length not all there) is error E130 in place of what it would have given, and
    so are bytes after the last whole record that do not make one (a file cut inside a record's
    header); a file that breaks off otherwise (garbage, a corrupt gzip member) yields what was
    read and then one error item."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = path.open("rb")
    except OSError as exc:
        yield error(str(path), Err.E110, source=path, detail=exc.strerror or str(exc))
        return
    with fh:
        records = ArchiveIterator(fh, arc2warc=True)
        last = end = 0
        try:
            for record in records:
                item = read_record(record, path, ctx, records)
                last = records.get_record_offset()
                end = last + records.get_record_length()
                yield _cut_short(record, path, last) or item
        except Exception as exc:  # ArchiveLoadFailed, EOFError, zlib.error, and on a record cut
            # in half whatever warcio trips over (AttributeError): all mean a broken file
            log.info("reading %s failed after offset %d", path, last, exc_info=True)
            yield _cut_off(path, end) if _is_cut(fh, end) else _broken(path, last, exc)
            return
        if tail := _tail(fh, end):
            where = f"{path}#{end}"
            yield error(where, Err.E130, source=where, detail=f"{tail} after the last whole "
                        "record do not make a record (the file is cut)")


def _cut_short(record: Any, path: Path, offset: int) -> ErrorRecord | None:
    """E130 for a record whose content is not all in the file (read to its end by now)."""
    missing = getattr(record.raw_stream, "limit", 0)
    if not missing:
        return None
    where = f"{path}#{offset}"
    return error(record_id(record) or where, Err.E130, source=where,
                 detail=f"{missing} of its {record.length} bytes are missing (the file is cut)")


def _cut_off(path: Path, end: int) -> ErrorRecord:
    where = f"{path}#{end}"
    return error(where, Err.E130, source=where, detail="the file ends inside the record after "
                 "this offset (the file is cut)")


def _is_cut(fh: Any, end: int) -> bool:
    """Whether what follows the last whole record is a record cut off by the file's end: a
    gzip stream that breaks off, or a plain header with no blank line ending it."""
    fh.seek(end)
    if fh.read(2) != b"\x1f\x8b":
        fh.seek(end)
        return b"\r\n\r\n" not in fh.read(TAIL_BYTES * 16)
    fh.seek(end)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while chunk := member.unconsumed_tail or fh.read(65536):
            member.decompress(chunk, 65536)
            if member.eof:  # a whole member: go on with the next
                rest = member.unused_data
                member = zlib.decompressobj(16 + zlib.MAX_WBITS)
                if rest:
                    member.decompress(rest, 65536)
    except zlib.error:  # not gzip data: corrupt, not cut
        return False
    return not member.eof


def _tail(fh: Any, end: int) -> str | None:
    """What follows the last whole record, when it is more than blank lines."""
    fh.seek(end)
    rest = fh.read(TAIL_BYTES)
    if not rest.strip():
        return None
    return f"{len(rest)}{'+' if len(rest) == TAIL_BYTES else ''} bytes"


def _broken(path: Path, last: int, exc: Exception) -> ErrorRecord:
    where = f"{path}#{last}"
    return error(where, Err.E125, source=where, detail=f"{type(exc).__name__}: {exc} "
                 "(after this record; nothing further was read)")


def read_record(record: Any, path: Path, ctx: Context, records: Any) -> ReadItem:
    reason = skip_reason(record)
    if reason is None and record.rec_type == "revisit":
        return resolve_revisit(record, path, ctx, records)
    if reason is not None:
        return Skipped(f"{path}#{records.get_record_offset()}", reason)
    source_id = record_id(record) or ""
    label = f"{path} ({record.rec_headers.get_header('WARC-Target-URI')})"
    try:
        body = payload(record, ctx.settings.max_bytes, label)
    except ThucydidesError as exc:
        return from_exception(source_id or f"{path}#{records.get_record_offset()}", exc)
    offset = records.get_record_offset()
    remember(record, path, offset, ctx)
    return page_item(record, body, f"{path}#{offset}", ctx, source_id)


def page_item(record: Any, body: bytes, source: str, ctx: Context, doc_id: str) -> ReadItem:
    if not content_type(record) and sniff(body) != "html":
        return Skipped(source, "payload is not HTML")
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        page = read_page(body, url, ctx.settings.html_mode, source, charset(record))
    except ThucydidesError as exc:
        return from_exception(doc_id or source, exc)
    except Exception as exc:  # one page must not end the archive
        log.exception("extracting %s failed", source)
        return error(doc_id or source, Err.E128, source=source,
                     detail=f"{type(exc).__name__}: {exc}")
    return make_article(ctx, id=doc_id or source, text=page.text, source=source,
                        url=page.url or url, title=page.title, date=page.date,
                        language=page.language)


def remember(record: Any, path: Path, offset: int, ctx: Context) -> None:
    """Index an HTML response so that later revisit records can find it."""
    if record.rec_type != "response":
        return
    for key in (record_id(record), record.rec_headers.get_header("WARC-Payload-Digest")):
        if key:
            ctx.revisits.setdefault(key, (str(path), offset))


def resolve_revisit(record: Any, path: Path, ctx: Context, records: Any) -> ReadItem:
    refers = record.rec_headers.get_header("WARC-Refers-To")
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    found = ctx.revisits.get((refers or "").strip("<>")) or ctx.revisits.get(digest or "")
    rid = record_id(record) or ""
    source = f"{path}#{records.get_record_offset()}"
    if found is None:
        target = record.rec_headers.get_header("WARC-Refers-To-Target-URI") or (
            record.rec_headers.get_header("WARC-Target-URI"))
        return Skipped(source, f"revisit of {target}: the record it repeats is not in the "
                               "inputs read so far")
    return original_page(found, record, source, ctx, rid)


def original_page(found: tuple[str, int], revisit: Any, source: str, ctx: Context,
                  doc_id: str) -> ReadItem:
    """Read the response a revisit repeats, from its file and offset, as the revisit's page."""
    from warcio.archiveiterator import ArchiveIterator

    orig_path, offset = found
    try:
        with open(orig_path, "rb") as fh:
            fh.seek(offset)
            original = next(iter(ArchiveIterator(fh, arc2warc=True)))
            body = payload(original, ctx.settings.max_bytes, f"{orig_path}#{offset}")
            return page_item(_with_url(original, revisit), body, source, ctx, doc_id)
    except ThucydidesError as exc:
        return from_exception(doc_id or source, exc)
    except (OSError, StopIteration) as exc:
        return error(doc_id or source, Err.E125, source=f"{orig_path}#{offset}",
                     detail=f"cannot re-read the revisited record: {exc}")


def _with_url(original: Any, revisit: Any) -> Any:
    """The original record, carrying the revisit's target URI (the page as revisited)."""
    url = revisit.rec_headers.get_header("WARC-Target-URI")
    if url:
        original.rec_headers.replace_header("WARC-Target-URI", url)
    return original
