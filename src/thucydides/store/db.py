"""The DuckDB store: opening it, the run table, and writing one batch of articles atomically.

Every batch is one transaction: its articles (with their clusters) and all their sentences,
mentions, events, quotes and errors, and the run's counters. A process killed at any moment
leaves either the whole batch or none of it; the next run skips what is stored (same locator and
text) and codes the rest in the same order, so its result equals one clean run. Nothing stored
is changed or deleted by a later run, except the bookkeeping columns of ``runs``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from thucydides.store.check import verify
from thucydides.store.connection import (  # noqa: F401 - the store's face re-exports them
    CHILD_TABLES,
    DEFAULT_DB,
    SCHEMA_VERSION,
    StoreError,
    connect,
    is_corrupt,
    is_disk_full,
    quoted,
    run,
    scalar,
    schema_sql,
    store_error,
)
from thucydides.store.dedup import DEDUP_VERSION, ClusterIndex
from thucydides.store.rows import Batch, column_names

log = logging.getLogger(__name__)


@dataclass
class RunCounts:
    """What a run (or one batch) did. ``records_failed`` counts the records read in it that
    failed (a read error, or an article with an error), stored before or not; ``errors_added``
    the error rows new to the store."""

    articles_added: int = 0
    articles_skipped: int = 0
    errors_added: int = 0
    events_added: int = 0
    quotes_added: int = 0
    records_failed: int = 0


@dataclass
class Writer:
    """A write connection with one open run and the cluster index of the stored articles."""

    con: duckdb.DuckDBPyConnection
    run_id: int
    next_seq: int
    index: ClusterIndex
    counts: RunCounts = field(default_factory=RunCounts)

    @classmethod
    def open(cls, path: str | Path, inputs: Sequence[str], settings: Any, coder: str,
             workers: int = 0) -> Writer:
        """Open the store for a new run, after checking that every table reads whole (a
        damaged store is E173 and is not written to)."""
        con = connect(path)
        try:
            verify(con, path)
        except StoreError:
            con.close()
            raise
        run(con, "UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = scalar(con, "SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        run(con,
            "INSERT INTO runs VALUES (?, ?, NULL, 'running', ?, ?, ?, ?, ?, 0, 0, 0, NULL)",
            [run_id, now(), list(inputs), coder, DEDUP_VERSION,
             json.dumps(_jsonable(settings), sort_keys=True), workers])
        seq = scalar(con, "SELECT coalesce(max(seq), 0) + 1 FROM articles")
        return cls(con, run_id, seq, load_index(con))

    def existing(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` already stored as articles."""
        keys = list(set(keys))
        if not keys:
            return set()
        rows = run(self.con, "SELECT key FROM articles WHERE list_contains(?, key)", [keys])
        return {r[0] for r in rows}

    def write(self, batch: Batch) -> RunCounts:
        """Store one batch in one transaction; returns what it added."""
        run(self.con, "BEGIN TRANSACTION")
        try:
            added = self._write(batch)
            run(self.con,
                "UPDATE runs SET articles_added = articles_added + ?, errors_added = "
                "errors_added + ?, articles_skipped = articles_skipped + ? WHERE run_id = ?",
                [added.articles_added, added.errors_added, added.articles_skipped, self.run_id])
            run(self.con, "COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # a failed COMMIT has ended it already
                run(self.con, "ROLLBACK")
            raise
        for name, value in asdict(added).items():
            setattr(self.counts, name, getattr(self.counts, name) + value)
        return added

    def _write(self, batch: Batch) -> RunCounts:
        rows, n_in = batch.rows, len(batch.rows["articles"])
        failed = sum(1 for r in rows["articles"] if r["failed"]) + sum(
            1 for r in rows["errors"] if r["article_key"] is None)
        stored = self.existing(r["key"] for r in rows["articles"])
        keep, seen = [], set(stored)
        for r in rows["articles"]:
            if r["key"] not in seen:
                seen.add(r["key"])
                keep.append(r)
        keys = {r["key"] for r in keep}
        for r in keep:
            self._place(r)
        for table in CHILD_TABLES:
            rows[table] = [r for r in rows[table] if r["article_key"] in keys]
        rows["articles"] = keep
        rows["errors"] = [dict(r, run_id=self.run_id) for r in rows["errors"]
                          if r["article_key"] is None or r["article_key"] in keys]
        before = self._count("errors")
        for table in ("articles", *CHILD_TABLES):
            self._insert(table, batch, ignore=False)
        self._insert("actors", batch, ignore=True)
        self._insert("errors", batch, ignore=True)
        skipped = batch.skipped + n_in - len(keep)
        return RunCounts(len(keep), skipped, self._count("errors") - before, len(rows["events"]),
                         len(rows["quotes"]), failed)

    def _place(self, row: dict[str, Any]) -> None:
        """Give an article row its seq and cluster (its own key when it founds one)."""
        match = self.index.match(row["key"], row["content_hash"], row["signature"])
        row.update(seq=self.next_seq, cluster=match.cluster, dup_of=match.dup_of,
                   dup_kind=match.kind, similarity=match.similarity, run_id=self.run_id)
        self.index.add(row["key"], self.next_seq, row["content_hash"], match.cluster,
                       row["signature"])
        self.next_seq += 1

    def _insert(self, table: str, batch: Batch, ignore: bool) -> None:
        if not batch.rows[table]:
            return
        names = quoted(column_names(table))
        self.con.register("_batch", batch.arrow(table))
        try:
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            run(self.con, f"{verb} INTO {table} ({names}) SELECT {names} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def _count(self, table: str) -> int:
        return int(scalar(self.con, f"SELECT count(*) FROM {table}"))

    def finish(self, status: str, message: str | None = None) -> None:
        run(self.con,
            "UPDATE runs SET status = ?, finished = ?, message = ? WHERE run_id = ?",
            [status, now(), message, self.run_id])

    def close(self) -> None:
        self.con.close()


def load_index(con: duckdb.DuckDBPyConnection) -> ClusterIndex:
    """The cluster index of every stored article, in ingestion order."""
    index = ClusterIndex()
    cur = con.execute("SELECT key, seq, content_hash, cluster, signature FROM articles "
                      "ORDER BY seq")
    while rows := cur.fetchmany(10_000):
        for key, seq, chash, cluster, signature in rows:
            index.add(key, seq, chash, cluster, signature)
    return index


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _jsonable(settings: Any) -> Any:
    try:
        return asdict(settings)
    except TypeError:
        return str(settings)
