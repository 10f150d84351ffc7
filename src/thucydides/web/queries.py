"""What the web app reads from the store, as plain JSON-ready dicts.

Each function takes the connection ``Pool`` and validated values (``EventFilter``, limits); the
SQL is in ``thucydides.web.sql``. An event or a quote is its stored fields as the output
contract of ``thucydides code`` gives them (``fields.read_fields`` of the output schema: spans
``{"text", "start", "end"}`` with offsets into the article's text), with its id and article.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pyarrow as pa

import thucydides.web.sql as sql
from thucydides.output import fields, schema
from thucydides.store.queries import counts
from thucydides.store.selection import Selection, bind
from thucydides.web.pool import Pool

EventFilter = Selection  # the one filter model (``thucydides.store.selection``)
TIMELINE_MAX = 5000  # periods filled with zeros at most (a longer span is given as found)


def run(pool: Pool, statement: str, **values: Any) -> list[dict[str, Any]]:
    return [jsonable(r) for r in pool.rows(statement, bind(statement, values))]


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def article_ref(row: dict[str, Any]) -> dict[str, Any]:
    return {"key": row["article_key"], "id": row["article_id"], "title": row["title"],
            "url": row["url"], "published": row["published"], "outlet": row["outlet"]}


COUNT_KEYS = ("agg_id", "num_mentions", "num_articles", "num_sources", "num_clusters",
              "future")


def event(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event mention, shaped like the output contract, with its article and its
    event's id and counts (``agg_id``, ``num_mentions`` ...; ``future``: dated after its
    article)."""
    return {"id": f"{row['article_key']}:{row['idx']}", "idx": row["idx"],
            "article": article_ref(row), "day": row["day"],
            **{k: row[k] for k in COUNT_KEYS}, **fields.read_fields(schema.EVENT, row)}


def page_table(keys: list[dict[str, Any]]) -> pa.Table:
    return pa.table({"article_key": pa.array([k["article_key"] for k in keys], pa.string()),
                     "idx": pa.array([k["idx"] for k in keys], pa.int32()),
                     "pos": pa.array([k["pos"] for k in keys], pa.int64())})


def keys(pool: Pool, f: Selection, unit: str, sort: str, limit: int | None,
         offset: int = 0) -> list[dict[str, Any]]:
    """The listed units' keys (article_key, idx, pos: their place in the whole list) in
    order, ``limit`` (None: all) from ``offset``."""
    found = run(pool, sql.event_page(unit, sort, f.names()), **f.params(), limit=limit,
                offset=offset)
    return [{**k, "pos": offset + n} for n, k in enumerate(found)]


def event_records(pool: Pool, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The API's events of ``page`` (keys), in its order: taken from the precomputed rows
    (``api_events``) by position, no query."""
    if not page:
        return []
    rows = pool.tables["api_events"]
    where = pool.cached("api_events:positions", lambda: {
        (k, i): n for n, (k, i) in enumerate(zip(rows.column("article_key").to_pylist(),
                                                 rows.column("idx").to_pylist(), strict=True))})
    taken = rows.take([where[(k["article_key"], k["idx"])] for k in page])
    return [event(jsonable(r)) for r in taken.to_pylist()]


def event_json(pool: Pool) -> dict[tuple[str, int], bytes]:
    """Every event mention as the JSON the API sends (built once: the store cannot change)."""

    def compute() -> dict[tuple[str, int], bytes]:
        rows = pool.tables["api_events"].to_pylist()
        return {(r["article_key"], r["idx"]): dumps(event(jsonable(r))) for r in rows}

    return pool.cached("api_events:json", compute)


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode()


def events_json(pool: Pool, f: Selection, limit: int, offset: int, unit: str = "event",
                sort: str = "date") -> bytes:
    """``events`` as the API's JSON, the events' JSON taken as built (``event_json``)."""
    page = keys(pool, f, unit, sort, limit, offset)
    found = event_json(pool)
    head = dumps({"total": count_events(pool, f, unit), "unit": unit, "sort": sort,
                  "limit": limit, "offset": offset})
    return head[:-1] + b',"events":[' + b",".join(
        found[(k["article_key"], k["idx"])] for k in page) + b"]}"


def events(pool: Pool, f: Selection, limit: int, offset: int, unit: str = "event",
           sort: str = "date") -> dict[str, Any]:
    """A page of events (or event mentions), in ``sort`` order, and how many match in all."""
    page = keys(pool, f, unit, sort, limit, offset)
    return {"total": count_events(pool, f, unit), "unit": unit, "sort": sort, "limit": limit,
            "offset": offset, "events": event_records(pool, page)}


def count_events(pool: Pool, f: Selection, unit: str = "event") -> int:
    """Cached: the store cannot change while the app holds it open."""
    return pool.cached(("count", f, unit), lambda: run(
        pool, sql.events_count(unit, f.names()), **f.params())[0]["n"])


def timeline(pool: Pool, f: Selection, period: str) -> list[dict[str, Any]]:
    """Cooperation and conflict per period, every period from the first to the last (empty
    ones as zeros)."""
    return filled(run(pool, sql.TIMELINE, **f.params(), period=period), period)


def filled(rows: list[dict[str, Any]], period: str) -> list[dict[str, Any]]:
    """``rows`` with a zero row for each missing period between the first and the last."""
    if len(rows) < 2:
        return rows
    found = {r["period"]: r for r in rows}
    names = periods(rows[0]["period"], rows[-1]["period"], period)
    if names is None:
        return rows
    zero = {k: 0 for k in rows[0] if k not in ("period", "mean_goldstein")}
    return [found.get(p) or {"period": p, **zero, "mean_goldstein": None} for p in names]


def periods(first: str, last: str, period: str) -> list[str] | None:
    """Every period name from ``first`` to ``last`` (None: more than TIMELINE_MAX)."""
    if period == "year":
        out = [str(y) for y in range(int(first), int(last) + 1)]
    elif period == "month":
        y0, m0, y1, m1 = int(first[:4]), int(first[5:7]), int(last[:4]), int(last[5:7])
        out = [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(y0 * 12 + m0 - 1,
                                                               y1 * 12 + m1)]
    else:
        step = 7 if period == "week" else 1
        a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        count = (b - a).days // step + 1
        if count > TIMELINE_MAX:
            return None
        out = [(a + dt.timedelta(days=i * step)).isoformat() for i in range(count)]
    return out if len(out) <= TIMELINE_MAX else None


def dyads(pool: Pool, f: Selection, period: str) -> list[dict[str, Any]]:
    return timeline(pool, f, period)


def top_dyads(pool: Pool, f: Selection, limit: int = 20) -> list[dict[str, Any]]:
    return run(pool, sql.TOP_DYADS, **f.params(), limit=limit)


def network(pool: Pool, f: Selection, min_events: int, limit: int) -> dict[str, Any]:
    edges = run(pool, sql.NETWORK, **f.params(), min_events=min_events, limit=limit)
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for side in ("source", "target"):
            node = nodes.setdefault(e[side], {"id": e[side], "label": e[f"{side}_label"],
                                              "code": e[f"{side}_code"], "events": 0})
            node["events"] += e["events"]
    return {"nodes": list(nodes.values()), "edges": edges}


def locations(pool: Pool, f: Selection, limit: int) -> list[dict[str, Any]]:
    return run(pool, sql.LOCATIONS, **f.params(), limit=limit)


def countries(pool: Pool, f: Selection) -> list[dict[str, Any]]:
    """Events per country (of their source, target or place), with the country's name and
    its ISO numeric code (the map's outlines are keyed by it)."""
    from thucydides.web.names import names

    n = names()
    return [{**r, "name": n.country(r["country"]), "numeric": n.numeric.get(r["country"])}
            for r in run(pool, sql.COUNTRIES, **f.params())]


def facets(pool: Pool, f: Selection | None = None,
           unit: str = "event") -> dict[str, list[dict[str, Any]]]:
    """Per facet (PLOVER, quad class, country, outlet, CAMEO root): the values the listed
    units of ``f`` (all: None) take, with how many have each."""
    f = f or Selection()
    return pool.cached(("facets", f, unit), lambda: {
        name: run(pool, sql.facet(name, unit, f.names()), **f.params())
        for name in sql.FACETS})


def modalities(pool: Pool) -> dict[str, int]:
    """The modalities the store's events carry, with how many events (counted once) have
    each (``hypothetical`` only in a store built with the coder's ``emit_hypothetical``)."""
    return pool.cached("modalities", lambda: {r["value"]: r["n"] for r in run(
        pool, sql.facet("modality", "event", frozenset()))})


def quote(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"{row['article_key']}:{row['idx']}", "idx": row["idx"],
            "article": article_ref(row), **fields.read_fields(schema.QUOTE, row)}


def quotes(pool: Pool, speaker: str | None, q: str | None, limit: int,
           offset: int) -> dict[str, Any]:
    values = {"speaker": speaker, "q": q.lower() if q else None, "article": None}
    rows = run(pool, sql.quotes(), **values, limit=limit, offset=offset)
    total = pool.cached(("quotes", speaker, values["q"]),
                        lambda: run(pool, sql.QUOTES_COUNT, **values)[0]["n"])
    return {"total": total, "limit": limit, "offset": offset, "quotes": [quote(r) for r in rows]}


def actors(pool: Pool, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    values = {"q": q.lower() if q else None, "id": None}
    rows = run(pool, sql.ACTORS, **values, limit=limit, offset=offset)
    total = pool.cached(("actors", values["q"]),
                        lambda: run(pool, sql.ACTORS_COUNT, **values)[0]["n"])
    return {"total": total, "limit": limit, "offset": offset, "actors": rows}


def actor(pool: Pool, actor_id: str) -> dict[str, Any] | None:
    """What the store holds about one actor: codes and roles it was coded with, events by month."""
    found = run(pool, sql.ACTORS, q=None, id=actor_id, limit=1, offset=0)
    if not found:
        return None
    f = Selection(actor=actor_id)
    return {**found[0], "roles_seen": run(pool, sql.ACTOR_ROLES_SEEN, id=actor_id),
            "timeline": run(pool, sql.ACTOR_TIMELINE, **f.params())}


def articles_by_id(pool: Pool, article_id: str) -> list[dict[str, Any]]:
    """The articles whose own id (the reader's, the user's) is ``article_id``."""
    return run(pool, sql.ARTICLES_BY_ID, id=article_id)


def article(pool: Pool, key: str) -> dict[str, Any] | None:
    """An article's text with every span the store holds for it."""
    found = run(pool, sql.ARTICLE, key=key)
    if not found:
        return None
    out = found[0]
    out["skip"] = list(out["skip"] or ())
    out["sentences"] = run(pool, sql.ARTICLE_SENTENCES, key=key)
    out["mentions"] = run(pool, sql.article_mentions(), key=key)
    out["events"] = [event(r) for r in run(pool, sql.article_events(), key=key)]
    out["quotes"] = [quote(r) for r in run(pool, sql.article_quotes(), article=key)]
    out["errors"] = run(pool, sql.ARTICLE_ERRORS, key=key)
    return out


def stats(pool: Pool) -> dict[str, Any]:
    """The store's counts, named as ``thucydides stats`` names them (``events`` counted once,
    ``event_mentions``), and the first and last publication dates."""

    def compute() -> dict[str, Any]:
        with pool.cursor() as cur:
            found = counts(cur)
        return {**found, **run(pool, sql.PUBLISHED)[0]}

    return pool.cached("stats", compute)
