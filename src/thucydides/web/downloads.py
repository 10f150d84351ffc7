"""The downloads of a selection (``/api/events.csv``, ``.jsonl``, ``.parquet``): the rows of
``thucydides export`` (``store.export``) for the units ``/api/events`` lists, streamed chunk by
chunk, each chunk read on a cursor borrowed for that chunk only (a slow client never holds one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import thucydides.web.queries as queries
from thucydides.store import export as exports
from thucydides.store.selection import Selection
from thucydides.web.pool import Pool

CHUNK = 2000


def rows(pool: Pool, keys: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    sql = exports.export_sql("pair")
    for start in range(0, len(keys), CHUNK):
        yield from pool.rows(sql, {}, {"_chosen": queries.page_table(keys[start:start + CHUNK])})


def stream(pool: Pool, f: Selection, unit: str, sort: str, fmt: str) -> Iterator[bytes]:
    """The file's bytes, in chunks; the selection is read before the first chunk (an error
    answers before the download starts)."""
    keys = queries.keys(pool, f, unit, sort, None)
    writer = {"csv": exports.csv_chunks, "jsonl": exports.jsonl_chunks,
              "parquet": exports.parquet_chunks}[fmt]
    return (c.encode() if isinstance(c, str) else c for c in writer(rows(pool, keys)) if c)
