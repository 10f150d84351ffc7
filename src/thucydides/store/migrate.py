"""Upgrading a store of an older schema version in place: ``thucydides migrate --db PATH``.

``migrate`` first checks that the store reads whole (E173 otherwise: a damaged store is not
touched) and writes a backup copy beside it (``PATH.v3.bak``; ``.bak.2``, ... when that name is
taken). Then, in one transaction, it

* rebuilds each table whose columns differ from this version's (``rows.columns``): a new table
  in the current layout, the stored rows copied column by column by name (a column new in this
  version is NULL: an older coder did not fill it);
* creates the tables new in this version and fills those that derive from stored rows (v4:
  ``event_groups``, built from the events that share ``event_group`` by the same function the
  coder's output uses, ``events.groups.groups_of``);
* records the new version in ``meta``.

Any failure rolls the transaction back (E176): the store is as it was, never half-written, and
the backup stays. A store of a version this one cannot read or migrate (a newer one) is refused
(E175); a store of the current version is left alone.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from thucydides.errors import Err
from thucydides.events.groups import groups_of
from thucydides.output import fields, schema
from thucydides.output.fields import Context
from thucydides.store.check import verify
from thucydides.store.connection import (
    MIGRATES_FROM,
    SCHEMA_VERSION,
    StoreError,
    quoted,
    run,
    scalar,
    schema_sql,
    store_error,
    version_error,
)
from thucydides.store.rows import TABLES, arrow_schema, columns, row, sql_type

CHUNK = 10_000


@dataclass(frozen=True)
class Migration:
    """What ``migrate`` did: the versions before and after, the backup it wrote (None: the
    store was current, nothing was done) and the tables it rebuilt or created."""

    db: str
    found: str
    version: str
    backup: str | None
    tables: tuple[str, ...] = ()


def migrate(db: str | Path) -> Migration:
    """Upgrade the store ``db`` to this version's schema, in place, after a backup copy."""
    path = Path(db)
    if not path.exists():
        raise StoreError(Err.E161, path=path)
    found = inspect(path)
    if found == SCHEMA_VERSION:
        return Migration(str(path), found, found, None)
    backup = write_backup(path, found)
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        raise store_error(exc, path, Err.E160) from exc
    try:
        tables = upgrade(con)
    except (duckdb.Error, OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(Err.E176, path=path, detail=str(exc).splitlines()[0],
                         backup=f" (backup: {backup})") from exc
    finally:
        con.close()
    return Migration(str(path), found, SCHEMA_VERSION, str(backup), tables)


def inspect(path: Path) -> str:
    """The store's version; a store to migrate must be one this version migrates (E175) and
    read whole (E173), and its write-ahead log is merged (so that a copy of the file is the
    whole store)."""
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        raise store_error(exc, path, Err.E160) from exc
    try:
        try:
            found = scalar(con, "SELECT value FROM meta WHERE name = 'schema'")
        except duckdb.Error as exc:
            raise StoreError(Err.E160, path=path, detail="not a thucydides store") from exc
        if found == SCHEMA_VERSION:
            return found
        if found not in MIGRATES_FROM:
            raise version_error(path, found)
        verify(con, path, [t for t in TABLES if t in existing_tables(con)])
        run(con, "CHECKPOINT")
        return found
    finally:
        con.close()


def write_backup(path: Path, found: str) -> Path:
    """A copy of the store beside it, under a name no file has (E176 when it cannot be made)."""
    base = path.with_name(f"{path.name}.{found.rsplit('.', 1)[-1]}.bak")
    backup, n = base, 1
    while backup.exists():
        n += 1
        backup = base.with_name(f"{base.name}.{n}")
    try:
        shutil.copy2(path, backup)
    except OSError as exc:
        with contextlib.suppress(OSError):
            backup.unlink()
        raise StoreError(Err.E176, path=path, detail=f"cannot write the backup {backup}: "
                         f"{exc.strerror or exc}", backup="") from exc
    return backup


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in run(con, "SELECT table_name FROM duckdb_tables() "
                                   "WHERE schema_name = 'main'")}


def layout(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in run(con, f"DESCRIBE {table}")]


def upgrade(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The migration's one transaction (see the module's docstring); the tables it changed."""
    run(con, "BEGIN TRANSACTION")
    try:
        before = existing_tables(con)
        changed = [t for t in TABLES if t in before and layout(con, t) != [
            (name, sql_type(t_)) for name, t_ in columns(t)]]
        for table in changed:
            rebuild(con, table)
        con.execute(schema_sql())  # the new tables, and the views
        if "event_groups" not in before:
            fill_groups(con)
        run(con, "UPDATE meta SET value = ? WHERE name = 'schema'", [SCHEMA_VERSION])
        run(con, "COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            run(con, "ROLLBACK")
        raise
    return (*changed, *(t for t in TABLES if t not in before))


def create_statement(table: str, name: str) -> str:
    """This version's ``CREATE TABLE`` of ``table``, for a table called ``name``."""
    found = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \(.*?\n\);", schema_sql(), re.S)
    if found is None:
        raise KeyError(f"no table {table} in schema.sql")
    return found.group().replace(f"EXISTS {table} (", f"EXISTS {name} (", 1)


def rebuild(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """``table`` in this version's layout, its rows copied by column name."""
    old = {name for name, _ in layout(con, table)}
    shared = quoted(name for name, _ in columns(table) if name in old)
    run(con, create_statement(table, f"_new_{table}"))
    run(con, f"INSERT INTO _new_{table} ({shared}) SELECT {shared} FROM {table}")
    run(con, f"DROP TABLE {table}")
    run(con, f"ALTER TABLE _new_{table} RENAME TO {table}")


def grouped_events(con: duckdb.DuckDBPyConnection) -> Iterator[tuple[str, str, list[Any]]]:
    """(article key, article text, [(idx, event), ...]) of every article with grouped events."""
    cur = con.execute("SELECT a.text AS _text, e.* FROM events e JOIN articles a "
                      "ON a.key = e.article_key WHERE e.event_group IS NOT NULL "
                      "ORDER BY e.article_key, e.idx")
    names = [d[0] for d in cur.description]
    key, text, found = None, "", []
    while rows := cur.fetchmany(CHUNK):
        for values in rows:
            r = dict(zip(names, values, strict=True))
            if r["article_key"] != key and found:
                yield key, text, found
                found = []
            key, text = r["article_key"], r["_text"]
            found.append((r["idx"], fields.load(schema.EVENT, r)))
    if found:
        yield key, text, found


def fill_groups(con: duckdb.DuckDBPyConnection) -> None:
    """The ``event_groups`` rows of the stored events (v4), as ingesting them now would."""
    rows = [row("event_groups", g, Context(text), article_key=key)
            for key, text, found in grouped_events(con) for g in groups_of(found)]
    for start in range(0, len(rows), CHUNK):
        con.register("_groups", pa.Table.from_pylist(rows[start:start + CHUNK],
                                                     schema=arrow_schema("event_groups")))
        try:
            names = quoted(n for n, _ in columns("event_groups"))
            run(con, f"INSERT INTO event_groups ({names}) SELECT {names} FROM _groups")
        finally:
            con.unregister("_groups")
