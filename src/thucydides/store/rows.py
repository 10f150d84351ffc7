"""Coded articles as table rows: the one shape both the store and the Dask workers' Parquet use.

The tables that hold output records (events, event groups, quotes, mentions, actors, errors,
warnings) take their columns from the output schema (``thucydides.output.schema``, through
``thucydides.output.fields``): ``columns(table)`` gives a table's columns with their logical
types, ``arrow_schema`` and ``table_ddl`` their Arrow and DuckDB types (``schema.sql`` writes
``@COLUMNS(table)``; ``tests/store`` checks that the created tables have the names and types of
``columns``). ``articles`` and ``sentences`` are the store's own, listed here.

``Batch.add`` turns one ``Analysis`` into rows for each table (the article row still without its
``seq`` and ``cluster``, which only the store can assign); ``Batch.arrow`` gives them as Arrow
tables.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from thucydides.events.groups import event_groups
from thucydides.output import fields, schema
from thucydides.output.fields import (
    BOOL,
    FLOAT,
    INT,
    STR,
    ColType,
    Column,
    Context,
    Nested,
    Shape,
)
from thucydides.records import Actor, Analysis, ErrorRecord, Span
from thucydides.store.dedup import Hasher, content_hash, text_hash

BIGINT, DATE, UINT = "bigint", "date", "uint"  # column types only the store's own tables use
ARROW = {STR: pa.string(), INT: pa.int32(), FLOAT: pa.float64(), BOOL: pa.bool_(),
         BIGINT: pa.int64(), DATE: pa.date32(), UINT: pa.uint32()}
SQL = {STR: "VARCHAR", INT: "INTEGER", FLOAT: "DOUBLE", BOOL: "BOOLEAN", BIGINT: "BIGINT",
       DATE: "DATE", UINT: "UINTEGER"}
SPANS_T = fields.list_of(fields.OFFSETS)

KEYS: tuple[Column, ...] = (("article_key", STR), ("idx", INT))
OWN: dict[str, tuple[Column, ...]] = {
    "articles": (("key", STR), ("seq", BIGINT), ("id", STR), ("source", STR), ("outlet", STR),
                 ("url", STR), ("title", STR), ("published", DATE), ("language", STR),
                 ("text", STR), ("text_hash", STR), ("content_hash", STR),
                 ("signature", fields.list_of(UINT)), ("cluster", STR), ("dup_of", STR),
                 ("dup_kind", STR), ("similarity", FLOAT), ("skip", SPANS_T),
                 ("n_sentences", INT), ("failed", BOOL), ("run_id", INT)),
    "sentences": (*KEYS, ("start", INT), ("end", INT), ("parsed", BOOL)),
}
# table -> (the shape of thucydides.output.schema it stores, the columns before and after it)
SHAPED: dict[str, tuple[str, tuple[Column, ...], tuple[Column, ...]]] = {
    "actors": ("ACTOR_ROW", (("actor_key", STR),), ()),
    "mentions": ("MENTION", KEYS, (("actor_key", STR),)),
    "events": ("EVENT", KEYS, ()),
    "event_groups": ("EVENT_GROUP", (("article_key", STR),), ()),
    "quotes": ("QUOTE", KEYS, ()),
    "errors": ("ISSUE", (("error_key", STR), ("article_key", STR), ("record", STR)),
               (("run_id", INT),)),
    "warnings": ("ISSUE", KEYS, ()),
}
TABLES = ("articles", "sentences", "actors", "mentions", "events", "event_groups", "quotes",
          "errors", "warnings")
TEXT_NOT_KEPT = frozenset({"E105"})  # errors whose article text is not stored
LEAD_MIN_WORDS = 15


def shape_of(table: str) -> Shape:
    """The output record a table stores (looked up at call time: see ``output.schema``)."""
    return getattr(schema, SHAPED[table][0])


def columns(table: str) -> tuple[Column, ...]:
    """A table's columns (name, logical type), in order."""
    if table in OWN:
        return OWN[table]
    _, before, after = SHAPED[table]
    return (*before, *fields.columns(shape_of(table)), *after)


def column_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in columns(table))


def arrow_type(t: ColType) -> pa.DataType:
    if isinstance(t, str):
        return ARROW[t]
    if t[0] == "list":
        return pa.list_(arrow_type(t[1]))
    return pa.struct([(name, arrow_type(c)) for name, c in t[1]])


def sql_type(t: ColType) -> str:
    if isinstance(t, str):
        return SQL[t]
    if t[0] == "list":
        return sql_type(t[1]) + "[]"
    return "STRUCT(" + ", ".join(f'"{name}" {sql_type(c)}' for name, c in t[1]) + ")"


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, arrow_type(t)) for name, t in columns(table)])


def table_ddl(table: str) -> str:
    """The column definitions of ``table`` for ``CREATE TABLE`` (``@COLUMNS(table)``)."""
    return ",\n    ".join(f'"{name}" {sql_type(t)}' for name, t in columns(table))


def digest(*parts: str, size: int = 32) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:size]


def article_key(locator: str, text: str) -> str:
    """An article's identity: where it was read (its locator) and exactly what it says."""
    return digest(locator, text_hash(text))


def error_key(record: str, err: ErrorRecord, article: str | None = None) -> str:
    """An error's identity: its record, what it says and, for a coder error, its article (a
    record read again with a new text is a new article, whose errors are its own)."""
    parts = (record, err.stage, err.code, err.message)
    return digest(*parts) if article is None else digest(*parts, article)


def outlet(url: str | None) -> str | None:
    """The publishing site of a URL, without ``www.``: what counts as a source."""
    m = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:@]+)", url or "", re.IGNORECASE)
    return m.group(1).lower().removeprefix("www.") if m else None


def spans(items: Iterable[Span]) -> list[dict[str, int]]:
    return [{"start": s.start, "end": s.end} for s in items]


def actor_key(a: Actor) -> str:
    return digest(*(str(v) for v in (a.id, a.code, a.name, a.country, a.sector, a.kind, a.role)),
                  size=20)


def lead_end(text: str, skip: tuple[Span, ...]) -> int:
    """End of the lead: the first paragraph of running text (the title above it included)."""
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        inside = any(s.start <= m.start() < s.end for s in skip)
        if not inside and len(m.group().split()) >= LEAD_MIN_WORDS:
            return m.end()
    return len(text)


def row(table: str, value: Any, ctx: Context, **keys: Any) -> dict[str, Any]:
    """The row of ``table`` for an output record ``value``: its keys, then its columns."""
    return {**keys, **fields.to_row(shape_of(table), value, ctx)}


def actor_row(a: Actor) -> dict[str, Any]:
    return row("actors", a, Context(""), actor_key=actor_key(a))


def error_row(record: str, err: ErrorRecord, article: str | None) -> dict[str, Any]:
    return row("errors", err, Context(""), error_key=error_key(record, err, article),
               article_key=article, record=record, run_id=None)


def read_actors(prefix: str, row: Mapping[str, Any]) -> Any:
    """The actor reference of a row, or the list of them of a merged event group (an export
    row whose ``{prefix}_*`` columns hold lists)."""
    names = fields.column_names(schema.ACTOR_REF, prefix)
    if isinstance(row[names[0]], list):
        members = zip(*(row[c] for c in names), strict=True)
        return [fields.read(schema.ACTOR_REF, dict(zip(names, m, strict=True)), prefix)
                for m in members]
    return fields.read(schema.ACTOR_REF, row, prefix)


def read_event(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored (or exported) event row as the output contract gives it: its stored fields,
    spans with their text where the row has it; in a merged event group, lists of actors."""
    out = {}
    for f in schema.EVENT.stored:
        refs = isinstance(f.kind, Nested) and f.kind.shape is schema.ACTOR_REF
        out[f.name] = read_actors(f.col(""), row) if refs else f.kind.read(row, f.col(""))
    return out


@dataclass
class Batch:
    """Rows of many articles, table by table, in the order they were added."""

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {t: [] for t in TABLES})
    skipped: int = 0  # input articles found already stored, before coding
    last_input: int | None = None  # index of the input its last record came from

    def __len__(self) -> int:
        return len(self.rows["articles"]) + len(self.rows["errors"])

    def add_error(self, record: str, err: ErrorRecord) -> None:
        self.rows["errors"].append(error_row(record, err, None))

    def add(self, key: str, locator: str, item: Analysis, hasher: Hasher) -> None:
        """The rows of a coded article; one refused for its length (E105) keeps only its error
        rows: its text is not stored."""
        if any(e.code in TEXT_NOT_KEPT for e in item.errors):
            for err in item.errors:
                self.add_error(locator, err)
            return
        a, text = item.article, item.article.text
        self.rows["articles"].append({
            "key": key, "seq": None, "id": a.id, "source": locator,
            "outlet": outlet(a.url) or locator.split("#")[0],
            "url": a.url, "title": a.title, "published": a.date, "language": a.language,
            "text": text, "text_hash": text_hash(text),
            "content_hash": content_hash(text, a.skip),
            "signature": hasher.signature(text, a.skip), "cluster": None, "dup_of": None,
            "dup_kind": None, "similarity": None, "skip": spans(a.skip),
            "n_sentences": len(item.sentences or ()), "failed": item.failed, "run_id": None})
        self._add_parts(key, item)
        self.rows["errors"] += [error_row(locator, e, key) for e in item.errors]

    def _add_parts(self, key: str, item: Analysis) -> None:
        a = item.article
        ctx, rows = Context(a.text, lead_end(a.text, a.skip)), self.rows
        rows["sentences"] += [
            {"article_key": key, "idx": s.index, "start": s.span.start, "end": s.span.end,
             "parsed": s.parsed} for s in item.sentences or ()]
        for i, m in enumerate(item.mentions or ()):
            if m.actor is not None:
                rows["actors"].append(actor_row(m.actor))
            rows["mentions"].append(row("mentions", m, ctx, article_key=key, idx=i,
                                        actor_key=actor_key(m.actor) if m.actor else None))
        events = item.events or ()
        for table, records in (("events", events), ("quotes", item.quotes or ()),
                               ("warnings", a.warnings)):
            rows[table] += [row(table, r, ctx, article_key=key, idx=i)
                            for i, r in enumerate(records)]
        rows["event_groups"] += [row("event_groups", g, ctx, article_key=key)
                                 for g in event_groups(events)]

    def arrow(self, table: str) -> pa.Table:
        return pa.Table.from_pylist(self.rows[table], schema=arrow_schema(table))
