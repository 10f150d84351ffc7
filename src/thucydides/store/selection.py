"""Selecting events: the one filter model of the exports, the API and the dashboard's pages.

A ``Selection`` names which event mentions match (every filter left ``None`` does not filter),
which unit is listed (``event``: an event counted once, as ``aggregate`` defines it; ``mention``:
every stored event mention) and in which order. Everything that lists events reads them through
it: ``thucydides export`` (``store.export``), ``/api/events`` and its downloads, and the pages.

The filters run over **the event index** (``INDEX``): one row per event mention with what the
filters, facets and orders read, precomputed once on a connection whose aggregates are built
(``aggregate.build``): its event (``agg_id``) and counts, its day, its actors' codes, ids and
countries, whether its actors are resolved, and the lower-cased text ``q`` searches (the
sentence, the article's title and the actors' words). An event matches when one of its mentions
matches; its row is its first matching mention (in ingestion order), with the counts of the whole
event.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

import duckdb
import pyarrow as pa

from thucydides.store import aggregate
from thucydides.store.aggregate import DAY

UNITS = ("event", "mention")
# sort name -> ORDER BY over the listed units (``store``: ingestion order, the exports' default)
SORTS = {
    "date": "future, day DESC NULLS LAST, ord",
    "confidence": "confidence DESC NULLS LAST, future, day DESC NULLS LAST, ord",
    "goldstein": "goldstein ASC NULLS LAST, future, day DESC NULLS LAST, ord",
    "mentions": "num_mentions DESC, future, day DESC NULLS LAST, ord",
    "store": "ord",
}
STATEMENT_ROOT = "01"  # CAMEO 01 MAKE PUBLIC STATEMENT: what ``statements=False`` leaves out
ASSERTED = "asserted"  # ``modality=asserted``: events with no modality
PARAM = re.compile(r"\$([a-z_]+)")

INDEX = f"""
SELECT e.article_key, e.idx, ea.agg_id, g.num_mentions, g.num_articles, g.num_sources,
       g.num_clusters, a.seq * 1000000 + e.idx AS ord, a.outlet, a.published,
       {DAY} AS day,
       CASE length({DAY}) WHEN 4 THEN {DAY} || '-01-01' WHEN 7 THEN {DAY} || '-01'
            ELSE {DAY} END AS day_first,
       CASE length({DAY}) WHEN 4 THEN {DAY} || '-12-31' WHEN 7 THEN {DAY} || '-31'
            ELSE {DAY} END AS day_last,
       coalesce(e.date_value > strftime(a.published, '%Y-%m-%d')
                AND NOT starts_with(strftime(a.published, '%Y-%m-%d'), e.date_value), false)
           AS future,
       e.source_code, e.source_actor_id, e.source_country, e.source_name, e.source_text,
       e.target_code, e.target_actor_id, e.target_country, e.target_name, e.target_text,
       e.source_start IS NOT NULL AS has_source, e.target_start IS NOT NULL AS has_target,
       (e.source_start IS NULL OR e.source_code IS NOT NULL)
           AND (e.target_start IS NULL OR e.target_code IS NOT NULL) AS resolved,
       e.location_name, e.location_country, e.location_lat, e.location_lon,
       e.cameo, left(e.cameo, 2) AS cameo_root, e.plover, e.goldstein, e.quad_class,
       coalesce(e.negated, false) AS negated, e.modality, e.confidence,
       lower(concat_ws(chr(31), substr(a.text, e.sentence_start + 1,
                                        e.sentence_end - e.sentence_start),
                       a.title, e.source_text, e.target_text)) AS search
FROM events e JOIN articles a ON a.key = e.article_key
JOIN event_aggregate ea ON ea.article_key = e.article_key AND ea.idx = e.idx
JOIN aggregates g ON g.agg_id = ea.agg_id
ORDER BY ord
"""

# the filters, over the event index: the clause of each (a filter left None has none)
CLAUSES = {
    "source": "(starts_with(source_code, $source) OR source_actor_id = $source)",
    "target": "(starts_with(target_code, $target) OR target_actor_id = $target)",
    "actor": "(source_actor_id = $actor OR target_actor_id = $actor OR source_code = $actor "
             "OR target_code = $actor)",
    "country": "(source_country = $country OR target_country = $country "
               "OR location_country = $country)",
    "plover": "plover = $plover",
    "cameo_root": "cameo_root = $cameo_root",
    "quad_class": "quad_class = $quad_class",
    "date_from": "day_last >= $date_from",
    "date_to": "day_first <= $date_to",
    "negated": "negated = $negated",
    "q": "contains(search, $q)",
    "min_confidence": "confidence >= $min_confidence",
    "resolved": "(NOT $resolved OR resolved)",
    "statements": "($statements OR cameo_root IS DISTINCT FROM '01')",
    "modality": "coalesce(modality, 'asserted') = $modality",
    "outlet": "outlet = $outlet",
    "event": "agg_id = $event",
    "hypothetical": "((modality IS NOT DISTINCT FROM 'hypothetical') = $hypothetical)",
}
# every filter, a NULL parameter not filtering (the charts' statements, fixed text)
WHERE = "WHERE " + "\n  AND ".join(f"(${name} IS NULL OR {clause})"
                                    for name, clause in CLAUSES.items()) + "\n"


def where(names: frozenset[str] | None) -> str:
    """The WHERE clause of the filters ``names`` (None: of every filter, NULL-tolerant)."""
    if names is None:
        return WHERE
    return ("WHERE " + " AND ".join(CLAUSES[n] for n in CLAUSES if n in names) + "\n"
            if names else "")


def matched(names: frozenset[str] | None = None) -> str:
    return "matched AS (SELECT * FROM event_index " + where(names) + ")"
# an event: its first matching mention (every column of the index, the whole event's counts)
EVENT_UNITS = """
units AS (
    SELECT * FROM matched QUALIFY row_number() OVER (PARTITION BY agg_id ORDER BY ord) = 1
)"""
MENTION_UNITS = "units AS (SELECT * FROM matched)"
# the same events with only what the orders read (cheaper than a window, for listing keys)
EVENT_KEYS = """
units AS (
    SELECT agg_id, arg_min(article_key, ord) AS article_key, arg_min(idx, ord) AS idx,
           min(ord) AS ord, arg_min(day, ord) AS day, arg_min(future, ord) AS future,
           arg_min(confidence, ord) AS confidence, any_value(goldstein) AS goldstein,
           any_value(num_mentions) AS num_mentions
    FROM matched GROUP BY agg_id
)"""


@dataclass(frozen=True, slots=True)
class Selection:
    """Which events: the filters of ``thucydides export``, ``/api/events`` and the pages.

    ``source``/``target``: a code prefix (RUS matches RUSGOV) or an actor id; ``actor``: an
    actor id or a whole code on either side; ``country``: ISO3 of the source, the target or
    the place;
    ``date_from``/``date_to``: YYYY-MM-DD bounds on the event's day (its date, else its
    article's); ``q``: text in the sentence, title or actors' words; ``negated``: only negated
    events (True) or none (False); ``min_confidence``: the decision layer's confidence at least
    this (events without one, coded by rules, are left out); ``resolved``: both actors resolved
    to a code (no pronoun or common noun); ``statements=False``: no CAMEO 01 (public
    statements); ``modality``: ``asserted`` (none) or one modality (``future``,
    ``hypothetical``...); ``outlet``: one outlet; ``event``: the mentions of one event;
    ``hypothetical``: only hypothetical or conditional events (True: modality
    ``hypothetical``, kept in a store only when it was built with the coder setting
    ``emit_hypothetical``) or none of them (False)."""

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
    min_confidence: float | None = None
    resolved: bool | None = None
    statements: bool | None = None
    modality: str | None = None
    outlet: str | None = None
    event: int | None = None
    hypothetical: bool | None = None

    def params(self) -> dict[str, Any]:
        values = asdict(self)
        if values["q"] is not None:
            values["q"] = values["q"].lower()
        return values

    def query_string(self) -> dict[str, str]:
        """The filters that are set, for links that keep them."""
        return {k: str(v).lower() if isinstance(v, bool) else f"{v:g}" if isinstance(
            v, float) else str(v) for k, v in asdict(self).items() if v is not None}

    def replace(self, **changes: Any) -> Selection:
        return dataclasses.replace(self, **changes)

    def names(self) -> frozenset[str]:
        """The filters that are set."""
        return frozenset(k for k, v in asdict(self).items() if v is not None)


FILTERS = tuple(f.name for f in dataclasses.fields(Selection))
FLAGS = ("negated", "resolved", "statements", "hypothetical")


def first_day(value: str | None) -> str | None:
    """'2024' -> '2024-01-01', '2024-03' -> '2024-03-01' (ValueError: no such date)."""
    if not value:
        return None
    dt.date.fromisoformat((value + "-01-01")[:10])
    return value if len(value) == 10 else value + ("-01" if len(value) == 7 else "-01-01")


def last_day(value: str | None) -> str | None:
    """'2024' -> '2024-12-31', '2024-02' -> '2024-02-29' (ValueError: no such date)."""
    if not value:
        return None
    dt.date.fromisoformat((value + "-01-01")[:10])
    if len(value) in (4, 10):
        return value if len(value) == 10 else value + "-12-31"
    year, month = int(value[:4]), int(value[5:7])
    return f"{value}-{calendar.monthrange(year, month)[1]:02d}"


def parse(values: dict[str, str | None]) -> Selection:
    """A selection from text values, as a command line or a form gives them (empty ones do
    not filter); ValueError for a value that is not one."""
    kept = {k: v.strip() for k, v in values.items() if v is not None and v.strip()}
    unknown = set(kept) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filters: {', '.join(sorted(unknown))}")
    out: dict[str, Any] = dict(kept)
    for name in FLAGS:
        if name in kept:
            if kept[name] not in ("true", "false"):
                raise ValueError(f"{name} must be true or false, not {kept[name]!r}")
            out[name] = kept[name] == "true"
    for name, kind in (("quad_class", int), ("event", int), ("min_confidence", float)):
        if name in kept:
            out[name] = kind(kept[name])
    out["date_from"], out["date_to"] = first_day(kept.get("date_from")), last_day(
        kept.get("date_to"))
    return Selection(**out)


def bind(statement: str, values: dict[str, Any]) -> dict[str, Any]:
    """The named parameters ``statement`` uses, taken from ``values`` (missing ones NULL)."""
    return {name: values.get(name) for name in set(PARAM.findall(statement))}


def units_sql(unit: str, names: frozenset[str] | None = None) -> str:
    """``WITH matched, units``: the matching mentions and the listed units (``names``: the
    filters that are set; None: any, as parameters)."""
    return f"WITH {matched(names)}, {EVENT_UNITS if unit == 'event' else MENTION_UNITS}\n"


def keys_sql(unit: str, sort: str, names: frozenset[str] | None = None) -> str:
    """The listed units' (article_key, idx) in order, ``$limit`` from ``$offset``."""
    units = EVENT_KEYS if unit == "event" else MENTION_UNITS
    return (f"WITH {matched(names)}, {units}\nSELECT article_key, idx FROM units ORDER BY "
            f"{SORTS[sort]}\nLIMIT $limit OFFSET coalesce($offset, 0)")


def count_sql(unit: str, names: frozenset[str] | None = None) -> str:
    what = "count(DISTINCT agg_id)" if unit == "event" else "count(*)"
    return f"WITH {matched(names)}\nSELECT {what} AS n FROM matched"


def facet_sql(column: str, unit: str, names: frozenset[str] | None = None) -> str:
    """Counts of the listed units per value of an index column (``country``: the source's,
    target's and place's countries, an event counted once per country)."""
    what = "count(DISTINCT agg_id)" if unit == "event" else "count(DISTINCT (article_key, idx))"
    if column == "country":
        values = ("SELECT agg_id, article_key, idx, unnest(list_distinct(list_value("
                  "source_country, target_country, location_country))) AS value FROM matched")
    else:
        values = f"SELECT agg_id, article_key, idx, {column} AS value FROM matched"
    return (f"WITH {matched(names)}, v AS ({values})\nSELECT value, {what} AS n FROM v "
            "WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value")


def build_index(con: duckdb.DuckDBPyConnection, built: bool = False) -> pa.Table:
    """The event index of the store on ``con`` as an Arrow table (``built``: the connection's
    aggregates are built already; they are dropped again when this built them)."""
    if not built:
        aggregate.build(con)
    try:
        return con.sql(INDEX).to_arrow_table()
    finally:
        if not built:
            aggregate.drop(con)


def create_index(con: duckdb.DuckDBPyConnection) -> None:
    """The event index as the TEMP table ``event_index`` of ``con`` (aggregates built)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE event_index AS {INDEX}").fetchall()


def choose(con: duckdb.DuckDBPyConnection, selection: Selection, unit: str = "event",
           sort: str = "store") -> int:
    """The listed units of ``selection`` as the TEMP table ``_chosen`` (article_key, idx, pos)
    of ``con``, whose ``event_index`` exists; returns how many."""
    units = EVENT_KEYS if unit == "event" else MENTION_UNITS
    sql = (f"WITH {matched(selection.names())}, {units}\nSELECT article_key, idx, "
           f"row_number() OVER (ORDER BY {SORTS[sort]}) AS pos FROM units")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _chosen AS {sql}",
                bind(sql, selection.params())).fetchall()
    return int(con.execute("SELECT count(*) FROM _chosen").fetchall()[0][0])
