"""What the web app reads from the store, as plain JSON-ready dicts.

Each function takes the connection ``Pool`` and validated values (``EventFilter``, limits); the
SQL is in ``thucydides.web.sql``. An event or a quote is its stored fields as the output
contract of ``thucydides code`` gives them (``fields.read_fields`` of the output schema: spans
``{"text", "start", "end"}`` with offsets into the article's text), with its id and article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

import thucydides.web.sql as sql
from thucydides.output import fields, schema
from thucydides.store.queries import counts
from thucydides.web.pool import Pool

PARAM = re.compile(r"\$([a-z_]+)")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The event filters of ``/api/events`` and the pages; ``None`` does not filter."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    country: str | None = None
    plover: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    negated: bool | None = None

    def params(self) -> dict[str, Any]:
        values = asdict(self)
        if values["q"] is not None:
            values["q"] = values["q"].lower()
        return values

    def query_string(self) -> dict[str, str]:
        """The filters that are set, for links that keep them."""
        return {k: str(v).lower() if isinstance(v, bool) else str(v)
                for k, v in asdict(self).items() if v is not None}


def bind(statement: str, values: dict[str, Any]) -> dict[str, Any]:
    """The named parameters ``statement`` uses, taken from ``values`` (missing ones are NULL)."""
    return {name: values.get(name) for name in set(PARAM.findall(statement))}


def run(pool: Pool, statement: str, **values: Any) -> list[dict[str, Any]]:
    return [jsonable(r) for r in pool.rows(statement, bind(statement, values))]


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def article_ref(row: dict[str, Any]) -> dict[str, Any]:
    return {"key": row["article_key"], "id": row["article_id"], "title": row["title"],
            "url": row["url"], "published": row["published"], "outlet": row["outlet"]}


def event(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event mention, shaped like the output contract, with its article."""
    return {"id": f"{row['article_key']}:{row['idx']}", "idx": row["idx"],
            "article": article_ref(row), "day": row["day"],
            **fields.read_fields(schema.EVENT, row)}


def events(pool: Pool, f: EventFilter, limit: int, offset: int) -> dict[str, Any]:
    """A page of events, most recent first, and how many match in all."""
    page = [f"{r['article_key']}:{r['idx']}"
            for r in run(pool, sql.EVENT_PAGE, **f.params(), limit=limit, offset=offset)]
    rows = {f"{r['article_key']}:{r['idx']}": r for r in run(
        pool, sql.event_rows(), articles=sorted({k.split(":")[0] for k in page}), ids=page)
    } if page else {}
    return {"total": count_events(pool, f), "limit": limit, "offset": offset,
            "events": [event(rows[k]) for k in page]}


def count_events(pool: Pool, f: EventFilter) -> int:
    """Cached: the store cannot change while the app holds it open."""
    return pool.cached(("events", f), lambda: run(pool, sql.EVENTS_COUNT, **f.params())[0]["n"])


def dyads(pool: Pool, f: EventFilter, period: str) -> list[dict[str, Any]]:
    return run(pool, sql.DYADS, **f.params(), period=period)


def top_dyads(pool: Pool, f: EventFilter, limit: int = 20) -> list[dict[str, Any]]:
    return run(pool, sql.TOP_DYADS, **f.params(), limit=limit)


def network(pool: Pool, f: EventFilter, min_events: int, limit: int) -> dict[str, Any]:
    edges = run(pool, sql.NETWORK, **f.params(), min_events=min_events, limit=limit)
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for side in ("source", "target"):
            node = nodes.setdefault(e[side], {"id": e[side], "label": e[f"{side}_label"],
                                              "code": e[f"{side}_code"], "events": 0})
            node["events"] += e["events"]
    return {"nodes": list(nodes.values()), "edges": edges}


def locations(pool: Pool, f: EventFilter, limit: int) -> list[dict[str, Any]]:
    return run(pool, sql.LOCATIONS, **f.params(), limit=limit)


def facets(pool: Pool) -> dict[str, list[dict[str, Any]]]:
    """Values to offer in the filters, with their event counts."""
    return pool.cached("facets", lambda: {
        "plover": run(pool, sql.FACET_PLOVER), "cameo_root": run(pool, sql.FACET_CAMEO_ROOT),
        "country": run(pool, sql.FACET_COUNTRY)})


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
    f = EventFilter(actor=actor_id)
    return {**found[0], "roles_seen": run(pool, sql.ACTOR_ROLES_SEEN, id=actor_id),
            "timeline": run(pool, sql.ACTOR_TIMELINE, **f.params())}


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
