"""Opening the store: the connection, the schema's version, and the coded errors of DuckDB
failures (a damaged file, a full disk)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from thucydides.errors import Err, ThucydidesError
from thucydides.store.rows import table_ddl

DEFAULT_DB = "thucydides.duckdb"
# Bumped whenever a table gains, loses or changes a column; ``thucydides migrate`` upgrades a
# store of an older version (``store.migrate``; the versions it reads are listed there).
SCHEMA_VERSION = "thucydides.store.v5"
MIGRATES_FROM = ("thucydides.store.v2", "thucydides.store.v3", "thucydides.store.v4")
CHILD_TABLES = ("sentences", "mentions", "events", "event_groups", "quotes", "warnings")


class StoreError(ThucydidesError):
    """The store cannot be opened, read or written."""


def schema_sql() -> str:
    """``schema.sql`` with its ``@COLUMNS(table)`` blocks expanded from ``rows.columns``."""
    sql = resources.files("thucydides.store").joinpath("schema.sql").read_text("utf-8")
    return re.sub(r"@COLUMNS\((\w+)\)", lambda m: table_ddl(m.group(1)), sql)


def is_corrupt(exc: BaseException) -> bool:
    """Whether a DuckDB error says the file is damaged (a block's checksum fails)."""
    text = str(exc)
    return "Corrupt database file" in text or "checksum" in text.lower()


def is_disk_full(exc: BaseException) -> bool:
    return "No space left on device" in str(exc) or "Disk quota exceeded" in str(exc)


def store_error(exc: duckdb.Error, path: str | Path, err: Err = Err.E163) -> StoreError:
    """The coded error for a DuckDB failure on the store ``path``: E173 when the file is
    damaged, E174 when the disk is full, else ``err`` (with ``path`` and ``detail``)."""
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if is_corrupt(exc):
        return StoreError(Err.E173, path=path, detail=detail)
    if is_disk_full(exc):
        return StoreError(Err.E174, path=path, detail=detail)
    return StoreError(err, path=path, detail=detail)


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store. Read-only connections cannot write the store nor any file. E173 when
    the file is damaged where opening reads it."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(Err.E161, path=path)
    try:
        if read_only:
            con = duckdb.connect(str(path), read_only=True,
                                 config={"enable_external_access": False})
        else:
            con = duckdb.connect(str(path))
            if not scalar(con, "SELECT count(*) FROM duckdb_tables() "
                               "WHERE schema_name = 'main' AND table_name = 'meta'"):
                con.execute(schema_sql())  # a new store (a store of another version: E166)
                run(con, "INSERT INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])
    except duckdb.Error as exc:
        raise store_error(exc, path, Err.E160) from exc
    _check_version(con, path)
    return con


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        found = scalar(con, "SELECT value FROM meta WHERE name = 'schema'")
    except duckdb.Error as exc:
        con.close()
        if is_corrupt(exc):
            raise store_error(exc, path) from exc
        raise StoreError(Err.E160, path=path, detail="not a thucydides store") from exc
    if found != SCHEMA_VERSION:
        con.close()
        raise version_error(path, found)


def version_error(path: str | Path, found: str | None) -> StoreError:
    """E166 for a store of an older version (``thucydides migrate`` upgrades it), E175 for one
    this version can neither read nor migrate (a newer one)."""
    if found in MIGRATES_FROM:
        return StoreError(Err.E166, path=path, found=found, expected=SCHEMA_VERSION)
    return StoreError(Err.E175, path=path, found=found, expected=SCHEMA_VERSION,
                      migrates=", ".join(MIGRATES_FROM))


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Any]:
    """Execute one statement to completion (DuckDB wants each result consumed)."""
    return con.execute(sql, params or []).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    rows = run(con, sql, params)
    return rows[0][0] if rows else None


def quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)
