"""Reading the store: ``stats`` (what it holds) and ``query`` (read-only SQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from thucydides.errors import Err
from thucydides.store import aggregate
from thucydides.store.db import StoreError, connect, is_corrupt, store_error

COUNTS = {
    "articles": "SELECT count(*) FROM articles",
    "articles_failed": "SELECT count(*) FROM articles WHERE failed",
    "exact_duplicates": "SELECT count(*) FROM articles WHERE dup_kind = 'exact'",
    "near_duplicates": "SELECT count(*) FROM articles WHERE dup_kind = 'near'",
    "clusters": "SELECT count(DISTINCT cluster) FROM articles",
    "clusters_with_copies": "SELECT count(*) FROM cluster_sizes WHERE articles > 1",
    "sentences": "SELECT count(*) FROM sentences",
    "mentions": "SELECT count(*) FROM mentions",
    "actors": "SELECT count(*) FROM actors",
    "event_mentions": "SELECT count(*) FROM events",
    "quotes": "SELECT count(*) FROM quotes",
    "errors": "SELECT count(*) FROM errors",
    "runs": "SELECT count(*) FROM runs",
}


def stats(db: str | Path) -> dict[str, Any]:
    """Counts of what the store holds: articles, events (counted once, and mentions), quotes,
    clusters, errors (also by code) and runs (also by status)."""
    con = connect(db, read_only=True)
    try:
        return counts(con)
    except duckdb.Error as exc:  # a damaged store: E173
        raise store_error(exc, db) from exc
    finally:
        con.close()


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """``stats`` on an open connection (the web app's): ``events`` counts events once
    (``aggregate``), ``event_mentions`` the rows of ``events``."""
    out: dict[str, Any] = {k: int(con.execute(sql).fetchall()[0][0])
                           for k, sql in COUNTS.items()}
    try:
        out["events"] = aggregate.build(con)
    finally:
        aggregate.drop(con)
    out["errors_by_code"] = dict(con.execute(
        "SELECT code, count(*) FROM errors GROUP BY code ORDER BY code").fetchall())
    out["runs_by_status"] = dict(con.execute(
        "SELECT status, count(*) FROM runs GROUP BY status ORDER BY status").fetchall())
    out["content_versions"] = content_versions(con)
    return out


def content_versions(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The content versions the runs coded with (``runs.coder``: the JSON of
    ``thucydides.api.content_versions``; a bare version name for runs of older versions), one
    entry per distinct set with its ``runs``, in the order of their first run."""
    found: dict[str, dict[str, Any]] = {}
    for run_id, coder in con.execute("SELECT run_id, coder FROM runs ORDER BY run_id").fetchall():
        try:
            versions = json.loads(coder)
        except (TypeError, ValueError):
            versions = None
        if not isinstance(versions, dict):
            versions = {"coder": coder}
        key = json.dumps(versions, sort_keys=True)
        found.setdefault(key, {"runs": [], **versions})["runs"].append(run_id)
    return list(found.values())


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def query(db: str | Path, sql: str) -> QueryResult:
    """Run ``sql`` on a read-only connection: writes to the store or to files are refused."""
    con = connect(db, read_only=True)
    try:
        cur = con.execute(sql)
        columns = tuple(d[0] for d in cur.description or ())
        return QueryResult(columns, cur.fetchall() if columns else [])
    except (duckdb.InvalidInputException, duckdb.PermissionException) as exc:
        if "read-only" in str(exc) or "read only" in str(exc) or "disabled" in str(exc):
            raise StoreError(Err.E162, detail=str(exc).splitlines()[0]) from exc
        raise StoreError(Err.E163, detail=str(exc).splitlines()[0]) from exc
    except duckdb.Error as exc:
        if is_corrupt(exc):
            raise store_error(exc, db) from exc
        raise StoreError(Err.E163, detail=str(exc).splitlines()[0]) from exc
    finally:
        con.close()
