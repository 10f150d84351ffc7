"""Read-only connections to the store for the web app's worker threads.

One read-only DuckDB connection is opened with ``thucydides.store.db.connect`` (external access
disabled: no file can be read or written through it); each request borrows one of a few cursors of
it (DuckDB cursors are independent connections to the same database, so they query in parallel).
A read-only process also keeps writers out of the file, so the store cannot change while the app
serves it: ``Pool.cached`` keeps answers (counts of filtered events, facets) for the app's life,
and the event index (``thucydides.store.selection``: one row per event mention with its event,
counts and what the filters read) is built once when the pool opens and registered on every
cursor as ``event_index``.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from thucydides.store.db import connect, store_error
from thucydides.store.selection import build_index

CACHE_SIZE = 4096


class Pool:
    """``size`` cursors of one read-only connection, lent one per request."""

    def __init__(self, db: str | Path, size: int = 4,
                 tables: dict[str, str] | None = None) -> None:
        """``tables``: more tables to precompute once (name -> SQL, in order; each may read
        ``event_index`` and the ones before it), registered on every cursor too."""
        self.db = Path(db)
        self._con = connect(self.db, read_only=True)
        self.tables: dict[str, pa.Table] = {}
        self.failure: Exception | None = None  # the tables could not be built: every use fails
        try:
            self.tables["event_index"] = build_index(self._con)
            for name, sql in (tables or {}).items():
                self._con.register("event_index", self.tables["event_index"])
                self.tables[name] = self._con.sql(sql).to_arrow_table()
                self._con.register(name, self.tables[name])
        except duckdb.Error as exc:  # a damaged store: its requests answer E173
            self.failure = store_error(exc, self.db)
        self._free: queue.Queue[duckdb.DuckDBPyConnection] = queue.Queue()
        for _ in range(size):
            cur = self._con.cursor()
            for name, table in self.tables.items():
                cur.register(name, table)
            self._free.put(cur)
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; a DuckDB failure on it becomes a coded error (E173 for a
        damaged store, which the app answers with its error page)."""
        if self.failure is not None:
            raise self.failure
        cur = self._free.get()
        try:
            yield cur
        except duckdb.Error as exc:
            raise store_error(exc, self.db) from exc
        finally:
            self._free.put(cur)

    def rows(self, sql: str, params: dict[str, Any] | None = None,
             tables: dict[str, pa.Table] | None = None) -> list[dict[str, Any]]:
        """The rows of one parameterised query, as dicts keyed by column name; ``tables``
        are registered (by name) for this query only."""
        with self.cursor() as cur:
            for name, table in (tables or {}).items():
                cur.register(name, table)
            try:
                result = cur.execute(sql, params or {})
                names = [d[0] for d in result.description or ()]
                return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
            finally:
                for name in tables or {}:
                    cur.unregister(name)

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key (least recently used keys are dropped past CACHE_SIZE)."""
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._lock:
            self._cache[key] = value
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def close(self) -> None:
        while not self._free.empty():
            self._free.get_nowait().close()
        self._con.close()


class ResponseCache:
    """Response bodies by request, least recently used dropped past ``max_bytes`` (0: off).
    Safe because the store cannot change while the app holds it open."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        body = compute()
        if len(body) <= self.max_bytes // 8:
            with self._lock:
                self._put(key, body)
        return body

    def _put(self, key: Hashable, body: bytes) -> None:
        if key in self._bodies:
            return
        self._bodies[key] = body
        self._size += len(body)
        while self._size > self.max_bytes:
            _, dropped = self._bodies.popitem(last=False)
            self._size -= len(dropped)
