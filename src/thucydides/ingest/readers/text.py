"""Plain text (.txt: one article), JSON lines (.jsonl: one record a line, streamed), JSON
(.json: a record or an array of records), CSV/TSV files (streamed) and standard input (``-``:
JSON lines when it starts with ``{``, else one plain text).

JSON and CSV records use the fields ``id``, ``text``, ``date``, ``url``, ``title`` (and
``language`` when given); other fields are ignored. A record without an id gets its source,
``path#line``. Each record is decoded, parsed, checked and repaired on its own: a bad line is one
error item (with its line number), and never ends the file nor changes how the others are read.
JSON, JSONL and CSV are read as UTF-8 (or UTF-16/32 with a byte-order mark), never with a guessed
charset: a line's stray bytes are replaced in that record alone (warning W101). Two reported
exceptions (warning W103): a plain text's charset may be guessed, and a CSV row whose non-ASCII
bytes are none of them UTF-8 is read as windows-1252 (a spreadsheet's export).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from thucydides.errors import Err, InputError, Warn
from thucydides.ingest.readers.base import (
    STAGE,
    Context,
    ReadItem,
    error,
    from_exception,
    make_article,
    parse_date,
)
from thucydides.ingest.readers.decode import (
    SNIFF_BYTES,
    binary_reason,
    decode_document,
    iter_text_lines,
    line_encoding,
    open_binary,
    read_head,
    read_stream,
)
from thucydides.records import WarningRecord

MAX_DEPTH = 100  # JSON nested deeper than this is refused (E103), whatever the stack allows
JSON_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]', re.S)


def read_text(data: bytes, source: str, ctx: Context, doc_id: str) -> Iterator[ReadItem]:
    """One plain-text article; the id is the file stem (as ``thucydides code`` does)."""
    reason = binary_reason(data)
    if reason:
        yield error(doc_id, Err.E113, source=source, detail=reason)
        return
    decoded = decode_document(data, (), source)
    warnings = (guessed(doc_id, source, decoded.encoding),) if decoded.guessed else ()
    yield make_article(ctx, id=doc_id, text=decoded.text, source=source, warnings=warnings)


def guessed(doc_id: str, source: str, encoding: str) -> WarningRecord:
    """The warning that a document's charset was guessed (W103)."""
    message = Warn.W103.value.format(source=source, encoding=encoding)
    return WarningRecord(doc_id, STAGE, Warn.W103.name, message)


def nesting(line: str) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets in strings not counted)."""
    depth = deepest = 0
    for token in JSON_TOKENS.finditer(line):
        mark = token.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def parse_json(text: str, line: int) -> Any:
    """One JSON value; E103 (naming ``line``) when it is malformed, nested deeper than
    MAX_DEPTH, or holds a number too long to read. Control characters are allowed in strings."""
    if text.count("[") + text.count("{") > MAX_DEPTH and nesting(text) > MAX_DEPTH:
        raise InputError(Err.E103, line=line, detail=f"nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise InputError(Err.E103, line=line, detail=exc.msg) from exc
    except (ValueError, RecursionError) as exc:  # an integer of over 4,300 digits
        detail = str(exc).split(";")[0]
        raise InputError(Err.E103, line=line, detail=detail) from exc


def record_id(obj: Mapping[str, Any], fallback: str) -> str:
    value = obj.get("id")
    return fallback if value is None or value == "" else str(value)


def from_record(obj: Any, source: str, line: int, ctx: Context,
                warnings: tuple[WarningRecord, ...] = ()) -> ReadItem:
    """One JSON object or CSV row -> an article (with ``warnings``), or an error item."""
    fallback = f"{source}#{line}"
    if not isinstance(obj, Mapping):
        return error(fallback, Err.E109, line=line)
    rid = record_id(obj, fallback)
    text = obj.get("text")
    if not isinstance(text, str):
        return error(rid, Err.E104, line=line)
    try:
        date = parse_date(obj.get("date"), f" on line {line}")
    except InputError as exc:
        return from_exception(rid, exc)
    opt = {k: obj[k] for k in ("url", "title", "language") if isinstance(obj.get(k), str)}
    return make_article(ctx, id=rid, text=text, source=fallback, date=date,
                        url=opt.get("url") or None, title=opt.get("title"),
                        language=opt.get("language"), warnings=warnings)


def read_lines(lines: Iterable[str | None], source: str, ctx: Context) -> Iterator[ReadItem]:
    """Records from decoded JSON lines (``None``: a line over the size cap), one item a line."""
    for line_no, line in enumerate(lines, start=1):
        where = f"{source}#{line_no}"
        if line is None:
            yield error(where, Err.E111, source=where, limit=ctx.settings.max_bytes)
            continue
        if not line.strip():
            continue
        try:
            obj = parse_json(line, line_no)
        except InputError as exc:
            yield from_exception(where, exc)
            continue
        yield from_record(obj, source, line_no, ctx)


def read_jsonl(path: Path, ctx: Context) -> Iterator[ReadItem]:
    """A JSON-lines file, streamed: one record per line, each line within the size cap."""
    source = str(path)
    encoding = line_encoding(read_head(path))
    with open_binary(path) as stream:
        yield from read_lines(iter_text_lines(stream, encoding, ctx.settings.max_bytes, source),
                              source, ctx)


def read_json(data: bytes, source: str, ctx: Context) -> Iterator[ReadItem]:
    """A .json file: one record, or an array of records (read whole, within the size cap)."""
    encoding = line_encoding(data[:SNIFF_BYTES])
    errors = "surrogateescape" if encoding.startswith("utf-8") else "replace"
    try:
        obj = parse_json(data.decode(encoding, errors), 1)
    except InputError as exc:
        yield from_exception(source, exc)
        return
    for n, record in enumerate(obj if isinstance(obj, list) else [obj], start=1):
        yield from_record(record, source, n, ctx)


def read_csv(path: Path, ctx: Context) -> Iterator[ReadItem]:
    """A CSV (for ``.tsv``: tab-separated) file, streamed, with a header row naming the fields.
    A row that cannot be parsed (e.g. a field over the csv module's 128 KiB limit) is one error
    item; ``#N`` in sources is the row's first line."""
    source = str(path)
    delimiter = "\t" if source.lower().removesuffix(".gz").endswith(".tsv") else ","
    encoding = line_encoding(read_head(path))
    errors = "surrogateescape" if encoding.startswith("utf-8") else "replace"
    with open_binary(path) as raw, io.TextIOWrapper(raw, encoding=encoding, errors=errors,
                                                      newline="") as text:
        reader = csv.DictReader(text, delimiter=delimiter)
        columns = [(c or "").strip().lower() for c in reader.fieldnames or ()]
        if "text" not in columns:
            yield error(source, Err.E127, source=source, columns=", ".join(columns) or "none")
            return
        reader.fieldnames = columns
        yield from _rows(reader, source, ctx)


def _rows(reader: csv.DictReader, source: str, ctx: Context) -> Iterator[ReadItem]:
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield error(f"{source}#{start}", Err.E119, source=f"{source}#{start}",
                        detail=f"malformed CSV row: {exc}")
            continue
        row, legacy = legacy_fields(row)
        note = (guessed(str(row.get("id") or f"{source}#{start}"), f"{source}#{start}",
                        LEGACY),) if legacy else ()
        yield from_record(row, source, start, ctx, note)


LEGACY = "windows-1252"
ESCAPED = re.compile(r"[\udc80-\udcff]")
ESCAPED_ONLY = re.compile(r"[\x00-\x7f\udc80-\udcff]*")


def legacy_fields(row: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A CSV row whose non-ASCII bytes are none of them UTF-8 (a spreadsheet's windows-1252
    export) read as windows-1252, field by field; other rows as they are (their stray bytes are
    replaced later, W101). The row alone is read so: never the rows around it."""
    fixed, legacy = dict(row), False
    for key, value in row.items():
        if isinstance(value, str) and ESCAPED.search(value) and ESCAPED_ONLY.fullmatch(value):
            fixed[key] = value.encode("utf-8", "surrogateescape").decode(LEGACY, "replace")
            legacy = True
    return fixed, legacy


def doc_stem(path: Path) -> str:
    """'dir/lavrov-talks.txt' -> 'lavrov-talks'; 'page.html.gz' -> 'page'."""
    name = path.name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name else name


# --------------------------------------------------------------------------- standard input


def read_stdin(stream: IO[Any], ctx: Context) -> Iterator[ReadItem]:
    """Standard input: JSON lines when it starts with '{' (streamed, each line within the size
    cap), else one plain text 'stdin' (not read past the size cap: E111). Memory stays within
    the cap either way."""
    binary = stream if isinstance(stream, io.BufferedIOBase | io.RawIOBase) else getattr(
        stream, "buffer", None)
    if binary is None:  # a text stream of the caller's (io.StringIO): read as it is
        yield from _read_text_stream(stream, ctx)
        return
    head = binary.read(SNIFF_BYTES)
    whole = io.BufferedReader(_Rejoined(head, binary))
    encoding = line_encoding(head)
    if head.decode(encoding, "ignore").lstrip().startswith("{"):
        lines = iter_text_lines(whole, encoding, ctx.settings.max_bytes, "stdin")
        yield from read_lines(lines, "stdin", ctx)
        return
    try:
        data = read_stream(whole, ctx.settings.max_bytes, "stdin")
    except InputError as exc:
        yield from_exception("stdin", exc)
        return
    yield from read_text(data, "stdin", ctx, "stdin")


def _read_text_stream(stream: IO[str], ctx: Context) -> Iterator[ReadItem]:
    limit = ctx.settings.max_bytes
    first = stream.readline(limit + 1)
    if first.lstrip().startswith("{"):
        yield from read_lines(_text_lines(first, stream, limit), "stdin", ctx)
        return
    text = first + stream.read(limit + 1 - len(first))
    if len(text) > limit:
        yield error("stdin", Err.E111, source="stdin", limit=limit)
        return
    yield make_article(ctx, id="stdin", text=text, source="stdin")


def _text_lines(first: str, stream: IO[str], limit: int) -> Iterator[str | None]:
    line = first
    while line:
        if len(line) > limit and not line.endswith("\n"):
            while (rest := stream.readline(limit)) and not rest.endswith("\n"):
                pass
            yield None
        else:
            yield line
        line = stream.readline(limit + 1)


class _Rejoined(io.RawIOBase):
    """The bytes already read from a stream (``head``), then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)
