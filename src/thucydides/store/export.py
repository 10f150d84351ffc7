"""``export``: the stored events as files other tools load unchanged.

Formats:

* ``gdelt``: the GDELT 2.0 event table (``thucydides.store.gdelt``), one row per event counted
  once across its duplicates.
* ``plover``: PLOVER/POLECAT-style JSON lines, one object per event counted once: the event
  fields the output schema marks for PLOVER (event type, mode, context, actor and recipient,
  date, ...), counts, provenance spans into the first article that reports it.
* ``csv``, ``jsonl``, ``parquet``: every stored event mention with every stored field the output
  schema marks ``exported`` (its store columns), its article (id, locator, url, title,
  published, outlet, cluster), its ``day`` (``aggregate.DAY``) and its event's ``agg_id`` and
  counts.

Compound actors (``compound``): ``pair`` gives one row per source-target pair (as stored);
``group`` one row per event group (``event_groups``: compound and reciprocal events), its
``source_*``/``target_*`` fields holding lists of the group's distinct sources and targets (in
CSV: JSON lists; in GDELT: ``;``-separated), its counts the largest of its members'.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
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
COUNTS = "g.agg_id, g.num_mentions, g.num_articles, g.num_sources, g.num_clusters"
GROUP_ORDER = "a.seq, coalesce(e.event_group, 'idx:' || e.idx), e.idx"
GROUP_COLUMNS = ", eg.sources AS group_sources, eg.targets AS group_targets"
GROUP_JOIN = """
LEFT JOIN event_groups eg ON eg.article_key = e.article_key AND eg.group_id = e.event_group"""
MENTIONS_SQL = """
SELECT {counts}, {article}, {event}{group_columns} FROM events e
JOIN event_aggregate ea ON ea.article_key = e.article_key AND ea.idx = e.idx
JOIN aggregates g ON g.agg_id = ea.agg_id
JOIN articles a ON a.key = e.article_key LEFT JOIN runs r ON r.run_id = a.run_id{group_join}
ORDER BY {order}"""
EVENTS_SQL = """
SELECT {counts}, {article}, {event}{group_columns} FROM aggregates g
JOIN events e ON e.article_key = g.first_article AND e.idx = g.first_idx
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


def export_sql(counted_once: bool, compound: str, order: str) -> str:
    """The export's query: events counted once or every mention, with their group's sources
    and targets (``compound="group"``)."""
    group = compound == "group"
    return (EVENTS_SQL if counted_once else MENTIONS_SQL).format(
        counts=COUNTS, article=ARTICLE, order=order,
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


def event_records(con: duckdb.DuckDBPyConnection, compound: str, counted_once: bool,
                  built: bool = False) -> Iterator[dict[str, Any]]:
    """Export rows: events counted once (``counted_once``) or every mention; pairs or groups.
    ``built``: ``aggregate.build(con)`` has filled the connection's aggregates already."""
    if not built:
        aggregate.build(con)
    order = GROUP_ORDER if compound == "group" else ("g.agg_id" if counted_once
                                                      else "a.seq, e.idx")
    rows = records(con, export_sql(counted_once, compound, order))
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


def write_csv(rows: Iterator[dict[str, Any]], out: Path, tick: Callable[[], None]) -> int:
    names = [n for n, _ in export_fields()]
    n = 0
    with atomic_text(out, Err.E165, "", StoreError) as f:
        writer = csv.writer(f)
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(k)) for k in names])
            n += 1
            tick()
    return n


def write_jsonl(rows: Iterator[dict[str, Any]], out: Path, tick: Callable[[], None]) -> int:
    names, n = [n for n, _ in export_fields()], 0
    with atomic_text(out, Err.E165, None, StoreError) as f:
        for row in rows:
            f.write(json.dumps({k: row[k] for k in names}, ensure_ascii=False, default=str)
                    + "\n")
            n += 1
            tick()
    return n


def write_parquet(rows: Iterator[dict[str, Any]], out: Path, compound: str,
                  tick: Callable[[], None]) -> int:
    schema = arrow_schema(compound)
    n, chunk = 0, []
    with atomic_path(out, Err.E165, StoreError) as tmp, pq.ParquetWriter(str(tmp),
                                                                       schema) as writer:
        for row in rows:
            chunk.append(row)
            n += 1
            tick()
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return n


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
           on_total: Callable[[int], None] | None = None) -> int:
    """Write the store's events to ``out`` in ``format``; returns the number of rows.
    ``on_row`` is called after each row; ``on_total``, if given, first with how many rows
    there will be (counted on the same aggregation, a progress bar's total)."""
    if format not in FORMATS:
        raise StoreError(Err.E164, format=format, expected=", ".join(FORMATS))
    if compound not in COMPOUND:
        raise StoreError(Err.E164, format=f"compound={compound}", expected=", ".join(COMPOUND))
    from thucydides.store.plover import write_plover

    con, out, tick = connect(db, read_only=True), Path(out), on_row or (lambda: None)
    try:
        aggregate.build(con)
        if on_total is not None:
            on_total(_count(con, format, compound))
        rows = event_records(con, compound, counted_once=format in ("gdelt", "plover"),
                             built=True)
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


def count_rows(db: str | Path, format: str, compound: str = "pair") -> int:
    """How many rows ``export`` writes (``export(on_total=...)`` tells it without a second
    aggregation)."""
    con = connect(db, read_only=True)
    try:
        aggregate.build(con)
        return _count(con, format, compound)
    finally:
        con.close()


def _count(con: duckdb.DuckDBPyConnection, format: str, compound: str) -> int:
    """The rows of ``format``, on a connection whose aggregates are built."""
    sql = export_sql(format in ("gdelt", "plover"), "pair", "1")
    # GDELT leaves out negated events, and a group when any of its members is negated
    kept = "NOT bool_or(coalesce(negated, false))" if format == "gdelt" else "true"
    group = ("article_key, coalesce(event_group, 'idx:' || idx)" if compound == "group"
             else "article_key, idx")
    return int(con.execute(f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) GROUP BY {group} "
                           f"HAVING {kept})").fetchall()[0][0])
