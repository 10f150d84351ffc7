"""Plain text (.txt: one article), JSON lines (.jsonl: one record a line, streamed), JSON
(.json: a record or an array of records) and CSV/TSV files (streamed).

JSON and CSV records use the fields ``id``, ``text``, ``date``, ``url``, ``title`` (and
``language`` when given); other fields are ignored. A record without an id gets its source,
``path#line``. Each record is read on its own: a bad line is one error item.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from thucydides.errors import Err, InputError
from thucydides.ingest.readers.base import (
    Context,
    Item,
    error,
    from_exception,
    make_article,
    parse_date,
)
from thucydides.ingest.readers.decode import (
    binary_reason,
    decode_text,
    iter_lines,
    open_binary,
    read_head,
    stream_encoding,
)


def read_text(data: bytes, source: str, ctx: Context, doc_id: str) -> Iterator[Item]:
    """One plain-text article; the id is the file stem (as ``thucydides code`` does)."""
    reason = binary_reason(data)
    if reason:
        yield error(doc_id, Err.E113, source=source, detail=reason)
        return
    text = decode_text(data, (), source)
    yield make_article(ctx, id=doc_id, text=text, source=source)


def from_record(obj: Any, source: str, line: int, ctx: Context) -> Item:
    """One JSON object or CSV row -> an article, or an error item."""
    fallback = f"{source}#{line}"
    if not isinstance(obj, Mapping):
        return error(fallback, Err.E109, line=line)
    rid = str(obj["id"]) if obj.get("id") not in (None, "") else fallback
    text = obj.get("text")
    if not isinstance(text, str):
        return error(rid, Err.E104, line=line)
    try:
        date = parse_date(obj.get("date") or None)
    except InputError as exc:
        return from_exception(rid, exc)
    opt = {k: obj[k] for k in ("url", "title", "language") if isinstance(obj.get(k), str)}
    return make_article(ctx, id=rid, text=text, source=fallback, date=date,
                        url=opt.get("url") or None, title=opt.get("title"),
                        language=opt.get("language"))


def read_jsonl(path: Path, ctx: Context) -> Iterator[Item]:
    """A JSON-lines file, streamed: one record per line, each line within the size cap."""
    source = str(path)
    encoding = stream_encoding(read_head(path))
    with open_binary(path) as stream:
        lines = iter_lines(stream, ctx.settings.max_bytes, source)
        for line_no, raw in enumerate(lines, start=1):
            where = f"{source}#{line_no}"
            if raw is None:
                yield error(where, Err.E111, source=where, limit=ctx.settings.max_bytes)
                continue
            line = raw.decode(encoding, errors="replace")
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield error(where, Err.E103, line=line_no, detail=exc.msg)
                continue
            yield from_record(obj, source, line_no, ctx)


def read_json(data: bytes, source: str, ctx: Context) -> Iterator[Item]:
    """A .json file: one record, or an array of records (read whole, within the size cap)."""
    try:
        obj = json.loads(decode_text(data, ("utf-8",), source))
    except json.JSONDecodeError as exc:
        yield error(source, Err.E103, line=exc.lineno, detail=exc.msg)
        return
    for n, record in enumerate(obj if isinstance(obj, list) else [obj], start=1):
        yield from_record(record, source, n, ctx)


def read_csv(path: Path, ctx: Context) -> Iterator[Item]:
    """A CSV (for ``.tsv``: tab-separated) file, streamed, with a header row naming the fields.
    A row that cannot be parsed (e.g. a field over the csv module's 128 KiB limit) is one error
    item; ``#N`` in sources is the row's first line."""
    source = str(path)
    delimiter = "\t" if source.lower().removesuffix(".gz").endswith(".tsv") else ","
    encoding = stream_encoding(read_head(path))
    with open_binary(path) as raw, io.TextIOWrapper(raw, encoding=encoding, errors="replace",
                                                      newline="") as text:
        reader = csv.DictReader(text, delimiter=delimiter)
        columns = [(c or "").strip().lower() for c in reader.fieldnames or ()]
        if "text" not in columns:
            yield error(source, Err.E127, source=source, columns=", ".join(columns) or "none")
            return
        reader.fieldnames = columns
        yield from _rows(reader, source, ctx)


def _rows(reader: csv.DictReader, source: str, ctx: Context) -> Iterator[Item]:
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
        yield from_record(row, source, start, ctx)


def doc_stem(path: Path) -> str:
    """'dir/lavrov-talks.txt' -> 'lavrov-talks'; 'page.html.gz' -> 'page'."""
    name = path.name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name else name
