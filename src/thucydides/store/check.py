"""Is the store whole? ``check`` reads every stored row and probes every key index, so that a
block whose checksum fails (a disk fault, a copy cut short) is found: ``thucydides stats
--check`` reports it table by table, and ``ingest`` refuses to write into such a store (E173).

Probing an index means trying to insert a row that is there already, inside a transaction that
is rolled back: the insert fails on the key, after reading the index blocks on its path. Nothing
is ever written. What no probe reaches (other paths of a large index) is found by the first
write that needs it, and that batch is not written (DuckDB checks every block it reads).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from thucydides.errors import Err
from thucydides.store.connection import StoreError, connect, is_corrupt

# the unique keys of schema.sql, each probed on its own
KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "meta": (("name",),), "runs": (("run_id",),), "articles": (("key",), ("seq",)),
    "sentences": (("article_key", "idx"),), "actors": (("actor_key",),),
    "mentions": (("article_key", "idx"),), "events": (("article_key", "idx"),),
    "quotes": (("article_key", "idx"),), "errors": (("error_key",),),
    "event_groups": (("article_key", "group_id"),), "warnings": (("article_key", "idx"),),
}


@dataclass(frozen=True, slots=True)
class TableCheck:
    """One table: its row count (None when it cannot be read) and what is wrong (None: ok)."""

    table: str
    rows: int | None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Integrity:
    db: str
    tables: tuple[TableCheck, ...]

    @property
    def ok(self) -> bool:
        return all(t.problem is None for t in self.tables)

    @property
    def problems(self) -> list[str]:
        return [f"{t.table}: {t.problem}" for t in self.tables if t.problem]


def check(db: str | Path) -> Integrity:
    """Read every row and probe every key index of the store ``db`` (opened for writing, so
    that it needs the store to itself; nothing is written). E161 when there is no store, E173
    when it cannot even be opened."""
    path = Path(db)
    if not path.exists():
        raise StoreError(Err.E161, path=path)
    con = connect(path)
    try:
        return Integrity(str(path), tuple(check_table(con, t) for t in KEYS))
    finally:
        con.close()


def verify(con: duckdb.DuckDBPyConnection, path: str | Path,
           tables: Iterable[str] = tuple(KEYS)) -> None:
    """Raise E173 unless every table of the open store (or those of ``tables``) reads whole."""
    for table in tables:
        found = check_table(con, table)
        if found.problem is not None:
            raise StoreError(Err.E173, path=path, detail=f"{table}: {found.problem}")


def check_table(con: duckdb.DuckDBPyConnection, table: str) -> TableCheck:
    try:
        rows, _ = con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {table} t").fetchall()[0]
        if rows:
            for key in KEYS[table]:
                _probe(con, table, key)
    except duckdb.Error as exc:
        detail = str(exc).splitlines()[0]
        return TableCheck(table, None, detail if is_corrupt(exc) else f"cannot read: {detail}")
    return TableCheck(table, int(rows))


def _probe(con: duckdb.DuckDBPyConnection, table: str, key: tuple[str, ...]) -> None:
    """Insert a stored row again, changed outside ``key``: the key index refuses it."""
    other = [c for c in KEYS[table][0] if c not in key]
    change = f" REPLACE ({other[0]} || '#probe' AS {other[0]})" if other else ""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"INSERT INTO {table} SELECT *{change} FROM {table} LIMIT 1")
    except duckdb.ConstraintException:
        pass
    finally:
        with contextlib.suppress(duckdb.Error):  # a failed statement may have ended it
            con.execute("ROLLBACK")
