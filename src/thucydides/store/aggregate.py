"""Counting an event once: which stored event mentions report the same event.

Two event mentions report **the same event** when they have the same source actor, target actor,
CAMEO code and negation, and either

* their articles are in the same duplicate cluster (copies and rewrites of one report), or
* their event dates are equal (same day, or same month/year at coarser precision; the
  publication date when the event has none).

An actor is its code, or, when it was not resolved, its lower-cased text. The relation is made
transitive (union-find): mentions in cluster A on 3 March and in cluster B on 3 March and 4 March
are one event. Per event, ``num_mentions`` counts the event mentions, ``num_articles`` the distinct
articles, ``num_sources`` the distinct outlets and ``num_clusters`` the independent reports
(clusters): GDELT's NumMentions/NumArticles/NumSources, without counting a wire copy as new
evidence twice in the same row, plus the count of independent reports that GDELT lacks.

``build(con)`` fills two TEMP tables on a connection (read-only connections allow them):
``event_aggregate`` (article_key, idx, agg_id) and ``aggregates`` (agg_id, counts, the first
mention). ``agg_id`` numbers events 1, 2, ... in the order of their first mention. ``drop(con)``
frees them on a connection that stays open.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from thucydides.store.db import run

ACTOR = "coalesce({p}_code, 'text:' || lower({p}_text), '')"
# An event's day: its own date (YYYY-MM-DD, YYYY-MM or YYYY), else its article's publication
# date; SQL over events ``e`` joined with their articles ``a``. The exports and the web app use it.
DAY = "coalesce(e.date_value, strftime(a.published, '%Y-%m-%d'))"
MENTIONS = f"""
CREATE OR REPLACE TEMP TABLE _mentions AS
SELECT e.article_key, e.idx, a.seq, a.outlet, a.cluster,
       concat_ws('|', {ACTOR.format(p='e.source')}, {ACTOR.format(p='e.target')}, e.cameo,
                 CAST(e.negated AS VARCHAR)) AS what,
       {DAY} AS day
FROM events e JOIN articles a ON a.key = e.article_key
"""
AGGREGATES = """
CREATE OR REPLACE TEMP TABLE _agg AS
SELECT m.article_key, m.idx, m.seq, m.outlet, m.cluster, c.component
FROM _mentions m JOIN _components c
  ON c.what = m.what AND c.cluster = m.cluster AND c.day IS NOT DISTINCT FROM m.day;
CREATE OR REPLACE TEMP TABLE aggregates AS
SELECT row_number() OVER (ORDER BY min(seq * 1000000 + idx)) AS agg_id, component,
       count(*) AS num_mentions, count(DISTINCT article_key) AS num_articles,
       count(DISTINCT outlet) AS num_sources, count(DISTINCT cluster) AS num_clusters,
       arg_min(article_key, seq * 1000000 + idx) AS first_article,
       arg_min(idx, seq * 1000000 + idx) AS first_idx
FROM _agg GROUP BY component;
CREATE OR REPLACE TEMP TABLE event_aggregate AS
SELECT g.article_key, g.idx, a.agg_id FROM _agg g JOIN aggregates a USING (component);
"""


TEMP_TABLES = ("_mentions", "_components", "_agg", "aggregates", "event_aggregate")


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, x: object) -> object:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=repr)] = min(ra, rb, key=repr)


def components(nodes: list[tuple[str, str, str | None]]) -> list[str]:
    """For each distinct (what, cluster, day): the event it belongs to."""
    uf = UnionFind()
    for what, cluster, day in nodes:
        uf.union(("c", what, cluster), ("c", what, cluster))
        if day is not None:
            uf.union(("c", what, cluster), ("d", what, day))
    return [repr(uf.find(("c", what, cluster))) for what, cluster, _ in nodes]


def build(con: duckdb.DuckDBPyConnection) -> int:
    """Fill the TEMP tables ``event_aggregate`` and ``aggregates``; returns the event count."""
    run(con, MENTIONS)
    nodes = run(con, "SELECT DISTINCT what, cluster, day FROM _mentions")
    table = pa.table({
        "what": [n[0] for n in nodes], "cluster": [n[1] for n in nodes],
        "day": pa.array([n[2] for n in nodes], pa.string()),
        "component": pa.array(components(nodes), pa.string())})
    con.register("_components_arrow", table)
    try:
        run(con, "CREATE OR REPLACE TEMP TABLE _components AS SELECT * FROM _components_arrow")
    finally:
        con.unregister("_components_arrow")
    for statement in AGGREGATES.split(";"):
        if statement.strip():
            run(con, statement)
    return int(run(con, "SELECT count(*) FROM aggregates")[0][0])


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the TEMP tables ``build`` made."""
    for table in TEMP_TABLES:
        run(con, f"DROP TABLE IF EXISTS temp.{table}")
