"""``export``: the stored events as files other tools load unchanged.

Formats:

* ``gdelt``: the GDELT 2.0 event table (``thucydides.store.gdelt``), one row per event counted
  once across its duplicates.
* ``plover``: PLOVER/POLECAT-style JSON lines, one object per event counted once: the event
  fields the output schema marks for PLOVER (event type, mode, context, actor and recipient,
  date, ...), counts, provenance spans into the first article that reports it.
* ``csv``, ``jsonl``, ``parquet``: one row per event (``unit="event"``: counted once, its first
  reporting mention) or per event mention (``unit="mention"``), each with every stored field the
  output schema marks ``exported`` (its store columns), its article (id, locator, url, title,
  published, outlet, cluster), its ``day`` (``aggregate.DAY``) and its event's ``agg_id`` and
  counts.

Any format takes a ``Selection`` (``store.selection``: the filters of ``/api/events``); the
rows are those the API lists for it, as many as its ``total``. The CSV, JSONL and Parquet rows
are also given as byte chunks (``csv_chunks`` ...), which the dashboard streams as downloads.

Compound actors (``compound``): ``pair`` gives one row per source-target pair (as stored);
``group`` one row per event group (``event_groups``: compound and reciprocal events), its
``source_*``/``target_*`` fields holding lists of the group's distinct sources and targets (in
CSV: JSON lists; in GDELT: ``;``-separated), its counts the largest of its members'.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from thucydides.errors import Err
from thucydides.output import fields, schema
from thucydides.output.atomic import atomic_path, atomic_text
from thucydides.output.fields import Column
from thucydides.store import aggregate
from thucydides.store.db import StoreError, connect, store_error
from thucydides.store.gdelt import gdelt_rows
from thucydides.store.rows import KEYS, arrow_type
from thucydides.store.selection import SORTS, UNITS, Selection, choose, create_index

FORMATS = ("gdelt", "plover", "parquet", "csv", "jsonl")
COMPOUND = ("pair", "group")
EXTRA: tuple[tuple[str, pa.DataType], ...] = (
    ("agg_id", pa.int64()), ("num_mentions", pa.int64()), ("num_articles", pa.int64()),
    ("num_sources", pa.int64()), ("num_clusters", pa.int64()), ("article_id", pa.string()),
    ("article_source", pa.string()), ("url", pa.string()), ("title", pa.string()),
    ("published", pa.date32()), ("outlet", pa.string()), ("cluster", pa.string()),
    ("date_added", pa.timestamp("s")), ("sentence_text", pa.string()), ("day", pa.string()))
ARTICLE = f"""a.id AS article_id, a.source AS article_source, a.url, a.title, a.published,
    a.outlet, a.cluster, r.started AS date_added,
    substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text,
    {aggregate.DAY} AS day"""
COUNTS = "ix.agg_id, ix.num_mentions, ix.num_articles, ix.num_sources, ix.num_clusters"
GROUP_ORDER = "a.seq, coalesce(e.event_group, 'idx:' || e.idx), e.idx"
GROUP_COLUMNS = ", eg.sources AS group_sources, eg.targets AS group_targets"
GROUP_JOIN = """
LEFT JOIN event_groups eg ON eg.article_key = e.article_key AND eg.group_id = e.event_group"""
# the rows of the chosen units (``selection.choose``: TEMP table or Arrow table ``_chosen``)
ROWS_SQL = """
SELECT {counts}, {article}, {event}{group_columns} FROM _chosen c
JOIN events e ON e.article_key = c.article_key AND e.idx = c.idx
JOIN event_index ix ON ix.article_key = e.article_key AND ix.idx = e.idx
JOIN articles a ON a.key = e.article_key LEFT JOIN runs r ON r.run_id = a.run_id{group_join}
ORDER BY {order}"""
CHUNK = 5000
ACTOR_SIDES = ("source", "target")
COUNT_FIELDS = ("num_mentions", "num_articles", "num_sources", "num_clusters")


def event_columns(exported: bool = True) -> tuple[Column, ...]:
    """The event columns an export file carries: the keys and every field marked ``exported``
    (``exported=False``: every stored field, which the GDELT and PLOVER rows are read from)."""
    return (*KEYS, *(c for f in schema.EVENT.stored if f.exported or not exported
                     for c in f.kind.columns(f.col(""))))


def export_sql(compound: str) -> str:
    """The export's query over the chosen units, with their group's sources and targets
    (``compound="group"``, rows in group order; else in the chosen order)."""
    group = compound == "group"
    return ROWS_SQL.format(
        counts=COUNTS, article=ARTICLE, order=GROUP_ORDER if group else "c.pos",
        event=", ".join(fields.quoted("e", n) for n, _ in event_columns(exported=False)),
        group_columns=GROUP_COLUMNS if group else "", group_join=GROUP_JOIN if group else "")


def records(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(CHUNK):
        for row in rows:
            yield dict(zip(names, row, strict=True))


def group_key(row: Mapping[str, Any]) -> tuple[str, str]:
    return row["article_key"], row["event_group"] or f"idx:{row['idx']}"


def merge(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The members of one event group as one row: its actor fields hold the lists of the
    group's sources and targets (``event_groups``; an event of no group: its own actors)."""
    out = dict(rows[0])
    names = fields.column_names(schema.ACTOR_REF)
    for side in ACTOR_SIDES:
        group = out.pop(f"group_{side}s")
        if group is None:
            own = {n: out[f"{side}_{n}"] for n in names}
            group = [own] if own["start"] is not None else []
        for n in names:
            out[f"{side}_{n}"] = [member[n] for member in group]
    for key in COUNT_FIELDS:
        out[key] = max(r[key] for r in rows)
    out["agg_id"] = min(r["agg_id"] for r in rows)
    return out


def grouped(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Adjacent rows of one event group merged (rows come ordered by group)."""
    pending: list[dict[str, Any]] = []
    for row in rows:
        if pending and group_key(row) != group_key(pending[0]):
            yield merge(pending)
            pending = []
        pending.append(row)
    if pending:
        yield merge(pending)


def event_records(con: duckdb.DuckDBPyConnection, compound: str) -> Iterator[dict[str, Any]]:
    """Export rows of the units chosen on ``con`` (``selection.choose``): pairs or groups."""
    rows = records(con, export_sql(compound))
    return grouped(rows) if compound == "group" else rows


def export_fields() -> list[tuple[str, pa.DataType]]:
    return [*EXTRA, *((n, arrow_type(t)) for n, t in event_columns())]


def arrow_schema(compound: str) -> pa.Schema:
    out = []
    for name, kind in export_fields():
        group_list = compound == "group" and name.startswith(tuple(f"{s}_" for s in ACTOR_SIDES))
        out.append((name, pa.list_(kind) if group_list else kind))
    return pa.schema(out)


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


class _Sink(io.StringIO):
    """A text buffer a writer fills and ``take`` empties (for chunked output)."""

    def take(self) -> str:
        out = self.getvalue()
        self.seek(0)
        self.truncate()
        return out


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV file of ``rows``: a header, then a row per record, in chunks of text."""
    names = [n for n, _ in export_fields()]
    sink = _Sink()
    writer = csv.writer(sink)
    writer.writerow(names)
    for i, row in enumerate(rows, 1):
        writer.writerow([_cell(row.get(k)) for k in names])
        if i % 500 == 0:
            yield sink.take()
    yield sink.take()


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    names, lines = [n for n, _ in export_fields()], []
    for row in rows:
        lines.append(json.dumps({k: row.get(k) for k in names}, ensure_ascii=False,
                                default=str) + "\n")
        if len(lines) >= 500:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


class _ByteSink(io.RawIOBase):
    """A binary sink the Parquet writer fills and ``take`` empties."""

    def __init__(self) -> None:
        self.buffer, self.pos = bytearray(), 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.buffer += bytes(data)
        self.pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self.pos

    def take(self) -> bytes:
        out = bytes(self.buffer)
        self.buffer.clear()
        return out


def parquet_chunks(rows: Iterable[dict[str, Any]], compound: str = "pair") -> Iterator[bytes]:
    """The Parquet file of ``rows`` in chunks of bytes (a row group per ``CHUNK`` rows)."""
    schema, sink, chunk = arrow_schema(compound), _ByteSink(), []
    with pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema) as writer:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
                yield sink.take()
        writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    yield sink.take()


def counted(rows: Iterable[dict[str, Any]], tick: Callable[[], None],
            n: list[int]) -> Iterator[dict[str, Any]]:
    for row in rows:
        n[0] += 1
        tick()
        yield row


def write_csv(rows: Iterator[dict[str, Any]], out: Path, tick: Callable[[], None]) -> int:
    n = [0]
    with atomic_text(out, Err.E165, "", StoreError) as f:
        for chunk in csv_chunks(counted(rows, tick, n)):
            f.write(chunk)
    return n[0]


def write_jsonl(rows: Iterator[dict[str, Any]], out: Path, tick: Callable[[], None]) -> int:
    n = [0]
    with atomic_text(out, Err.E165, None, StoreError) as f:
        for chunk in jsonl_chunks(counted(rows, tick, n)):
            f.write(chunk)
    return n[0]


def write_parquet(rows: Iterator[dict[str, Any]], out: Path, compound: str,
                  tick: Callable[[], None]) -> int:
    n = [0]
    with atomic_path(out, Err.E165, StoreError) as tmp, open(tmp, "wb") as f:
        for chunk in parquet_chunks(counted(rows, tick, n), compound):
            f.write(chunk)
    return n[0]


def write_gdelt(rows: Iterator[dict[str, Any]], out: Path, tick: Callable[[], None]) -> int:
    n = 0
    with atomic_text(out, Err.E165, "", StoreError) as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")
        for values in gdelt_rows(rows):
            writer.writerow(["" if v is None else _tsv(v) for v in values])
            n += 1
            tick()
    return n


def _tsv(value: Any) -> Any:
    return value.replace("\t", " ").replace("\n", " ") if isinstance(value, str) else value


def export(db: str | Path, format: str, out: str | Path, compound: str = "pair",
           on_row: Callable[[], None] | None = None,
           on_total: Callable[[int], None] | None = None, selection: Selection | None = None,
           unit: str = "event", sort: str = "store") -> int:
    """Write the events of ``selection`` (all: None) to ``out`` in ``format``, one row per
    ``unit`` (``event`` or ``mention``; GDELT and PLOVER rows are events) in ``sort`` order
    (``selection.SORTS``; ``store``: ingestion order); returns the number of rows.
    ``on_row`` is called after each row; ``on_total``, if given, first with how many rows
    there will be (a progress bar's total)."""
    check_options(format, compound, unit, sort)
    from thucydides.store.plover import write_plover

    con, out, tick = connect(db, read_only=True), Path(out), on_row or (lambda: None)
    try:
        prepare(con, selection or Selection(), unit, sort)
        if on_total is not None:
            on_total(_count(con, format, compound))
        rows = event_records(con, compound)
        if format == "gdelt":
            return write_gdelt(rows, out, tick)
        if format == "plover":
            return write_plover(rows, out, tick)
        if format == "parquet":
            return write_parquet(rows, out, compound, tick)
        return (write_csv if format == "csv" else write_jsonl)(rows, out, tick)
    except OSError as exc:
        raise StoreError(Err.E165, path=out, detail=exc.strerror or str(exc)) from exc
    except duckdb.Error as exc:  # a damaged store: E173
        raise store_error(exc, db) from exc
    finally:
        con.close()


def check_options(format: str, compound: str, unit: str = "event", sort: str = "store") -> None:
    """E164 for a format, compound mode, unit or order this module does not know (GDELT and
    PLOVER rows are events)."""
    if format not in FORMATS:
        raise StoreError(Err.E164, format=format, expected=", ".join(FORMATS))
    for name, value, known in (("compound", compound, COMPOUND), ("unit", unit, UNITS),
                               ("sort", sort, tuple(SORTS))):
        if value not in known:
            raise StoreError(Err.E164, format=f"{name}={value}", expected=", ".join(known))
    if unit == "mention" and format in ("gdelt", "plover"):
        raise StoreError(Err.E164, format=f"{format} with unit=mention",
                         expected="unit=event for gdelt and plover")


def prepare(con: duckdb.DuckDBPyConnection, selection: Selection, unit: str, sort: str) -> int:
    """Aggregates, the event index and the chosen units on ``con``; returns how many."""
    aggregate.build(con)
    create_index(con)
    return choose(con, selection, unit, sort)


def count_rows(db: str | Path, format: str, compound: str = "pair",
               selection: Selection | None = None, unit: str = "event") -> int:
    """How many rows ``export`` writes (``export(on_total=...)`` tells it without a second
    aggregation)."""
    check_options(format, compound, unit)
    con = connect(db, read_only=True)
    try:
        prepare(con, selection or Selection(), unit, "store")
        return _count(con, format, compound)
    finally:
        con.close()


def _count(con: duckdb.DuckDBPyConnection, format: str, compound: str) -> int:
    """The rows of ``format``, on a connection whose units are chosen."""
    # GDELT leaves out negated events, and a group when any of its members is negated
    kept = "NOT bool_or(coalesce(e.negated, false))" if format == "gdelt" else "true"
    group = ("e.article_key, coalesce(e.event_group, 'idx:' || e.idx)" if compound == "group"
             else "e.article_key, e.idx")
    return int(con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM _chosen c JOIN events e ON e.article_key = "
        f"c.article_key AND e.idx = c.idx GROUP BY {group} HAVING {kept})").fetchall()[0][0])
