"""The web app's SQL. Every statement is a constant of this module; every value a request brings
is a named parameter (``$source``), never part of the SQL text.

Every event view (the explorer, counts, facets, timelines, dyads, the network, the map) reads
the selection's units (``units``: ``thucydides.store.selection``, over the event index the pool
registers): one filter model, a parameter left NULL does not filter, an event counted once. An
event's day is the store's (``thucydides.store.aggregate.DAY``: its own date, else its article's
publication date); a coarse date (``2022-03``, ``2022``) covers its whole month or year, so it
matches a date range it overlaps.

The statements that read whole events, quotes and mentions (``event_rows``, ``quotes`` ...) are
built from the output schema (``fields.selects``: every stored field, span texts cut from the
article's), so a field added to the schema reaches the API with no edit here.
"""

from __future__ import annotations

import functools

from thucydides.output import fields, schema
from thucydides.output.fields import Shape
from thucydides.store import selection
from thucydides.store.aggregate import DAY


@functools.cache
def columns(shape: Shape, alias: str) -> str:
    """The select list that reads the records of ``shape`` from table ``alias``."""
    return ",\n       ".join(fields.selects(shape, alias, "a.text"))


# The listed units of a selection (``store.selection``): the event index filtered, an event
# counted once (its first matching mention) or every mention. Charts count the same units.
def units(unit: str = "event") -> str:
    return selection.units_sql(unit)


@functools.cache
def event_page(unit: str, sort: str, names: frozenset[str]) -> str:
    """A page of the units' keys (article_key, idx, pos), in ``sort`` order (``names``: the
    filters that are set, each a fixed clause)."""
    return selection.keys_sql(unit, sort, names)


_EVENT_ROW = """
SELECT e.article_key, e.idx, a.id AS article_id, a.title, a.url, a.published, a.outlet,
       a.source AS article_source, ix.agg_id, ix.num_mentions, ix.num_articles, ix.num_sources,
       ix.num_clusters, ix.future,
       {columns},
       {day} AS day
FROM events e JOIN articles a ON a.key = e.article_key
JOIN event_index ix ON ix.article_key = e.article_key AND ix.idx = e.idx
"""


def all_event_rows() -> str:
    """Every event mention as the API gives it (precomputed once: ``api_events``)."""
    return _EVENT_ROW.format(columns=columns(schema.EVENT, "e"), day=DAY)


def article_events() -> str:
    return (_EVENT_ROW.format(columns=columns(schema.EVENT, "e"), day=DAY)
            + "WHERE e.article_key = $key ORDER BY e.idx")


@functools.cache
def events_count(unit: str, names: frozenset[str]) -> str:
    return selection.count_sql(unit, names)

_PERIOD = """CASE $period WHEN 'year' THEN left(day_first, 4)
    WHEN 'month' THEN left(day_first, 7)
    WHEN 'week' THEN strftime(date_trunc('week', TRY_CAST(day_first AS DATE)), '%Y-%m-%d')
    ELSE left(day_first, 10) END"""
# cooperation and conflict per period (day, week, month, year) of any selection's events
TIMELINE = units() + f"""
SELECT period, count(*) AS events, avg(goldstein) AS mean_goldstein,
       count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
       count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
       count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
       count(*) FILTER (WHERE quad_class = 4) AS material_conflict
FROM (SELECT *, {_PERIOD} AS period FROM units WHERE day_first IS NOT NULL)
WHERE period IS NOT NULL GROUP BY period ORDER BY period
"""

# the pairs with most dated events (an undated event has no place on a timeline)
TOP_DYADS = units() + """
SELECT source_code AS source, target_code AS target, any_value(source_name) AS source_name,
       any_value(target_name) AS target_name, count(*) AS events
FROM units
WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND day_first IS NOT NULL
GROUP BY source_code, target_code ORDER BY events DESC, source, target LIMIT $limit
"""

# resolved actors only: a node is an actor id, else a code (never a pronoun or a common noun)
NETWORK = units() + """
SELECT coalesce(source_actor_id, source_code) AS source,
       coalesce(target_actor_id, target_code) AS target,
       any_value(coalesce(source_name, source_code)) AS source_label,
       any_value(coalesce(target_name, target_code)) AS target_label,
       any_value(source_code) AS source_code, any_value(target_code) AS target_code,
       count(*) AS events, avg(goldstein) AS mean_goldstein
FROM units WHERE source_code IS NOT NULL AND target_code IS NOT NULL
GROUP BY ALL HAVING count(*) >= $min_events
ORDER BY events DESC, source, target LIMIT $limit
"""

LOCATIONS = units() + """
SELECT location_name AS name, location_country AS country, location_lat AS lat,
       location_lon AS lon, count(*) AS events, avg(goldstein) AS mean_goldstein
FROM units WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL
GROUP BY ALL ORDER BY events DESC, name LIMIT $limit
"""

# events per country: of their source, target or place (an event counted once per country)
COUNTRIES = units() + """
SELECT value AS country, count(*) AS events, avg(goldstein) AS mean_goldstein,
       count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
       count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
FROM (SELECT goldstein, quad_class, unnest(list_distinct(list_value(
          source_country, target_country, location_country))) AS value FROM units)
WHERE value IS NOT NULL GROUP BY value ORDER BY events DESC, value
"""

FACETS = ("plover", "quad_class", "country", "outlet", "cameo_root")


@functools.cache
def facet(column: str, unit: str, names: frozenset[str]) -> str:
    return selection.facet_sql(column, unit, names)


QUOTES_WHERE = """
FROM quotes q JOIN articles a ON a.key = q.article_key
WHERE ($speaker IS NULL OR starts_with(q.speaker_code, $speaker)
       OR q.speaker_actor_id = $speaker)
  AND ($article IS NULL OR q.article_key = $article)
  AND ($q IS NULL OR contains(lower(q.content_text), $q) OR contains(lower(q.speaker_text), $q))
"""
_QUOTES = """
SELECT q.article_key, q.idx, a.id AS article_id, a.title, a.url, a.published, a.outlet,
       {columns}
{where}
ORDER BY a.published DESC NULLS LAST, a.seq, q.idx
"""


def quotes() -> str:
    """A page of quotes, most recent first."""
    return (_QUOTES.format(columns=columns(schema.QUOTE, "q"), where=QUOTES_WHERE)
            + "LIMIT $limit OFFSET $offset")


def article_quotes() -> str:
    return _QUOTES.format(columns=columns(schema.QUOTE, "q"), where=QUOTES_WHERE)


QUOTES_COUNT = "SELECT count(*) AS n " + QUOTES_WHERE

ACTORS_BASE = """
WITH known AS (
    SELECT actor_id AS id, any_value(name ORDER BY name) AS name,
           any_value(kind ORDER BY kind) AS kind, any_value(country ORDER BY country) AS country,
           list(DISTINCT code ORDER BY code) FILTER (WHERE code IS NOT NULL) AS codes
    FROM actors WHERE actor_id IS NOT NULL GROUP BY actor_id
), as_source AS (
    SELECT source_actor_id AS id, count(*) AS n FROM events GROUP BY ALL
), as_target AS (
    SELECT target_actor_id AS id, count(*) AS n FROM events GROUP BY ALL
), listed AS (
    SELECT k.*, coalesce(s.n, 0) AS as_source, coalesce(t.n, 0) AS as_target,
           coalesce(s.n, 0) + coalesce(t.n, 0) AS events
    FROM known k LEFT JOIN as_source s USING (id) LEFT JOIN as_target t USING (id)
    WHERE ($q IS NULL OR contains(lower(k.name), $q) OR contains(lower(k.id), $q)
           OR list_contains(k.codes, upper($q)))
      AND ($id IS NULL OR k.id = $id)
)
"""
ACTORS = ACTORS_BASE + """
SELECT * FROM listed ORDER BY events DESC, name, id LIMIT $limit OFFSET $offset
"""
ACTORS_COUNT = ACTORS_BASE + "SELECT count(*) AS n FROM listed"

ACTOR_ROLES_SEEN = """
SELECT c.code, c.role, count(*) AS mentions, min(a.published) AS first_seen,
       max(a.published) AS last_seen
FROM mentions m JOIN actors c ON c.actor_key = m.actor_key JOIN articles a ON a.key = m.article_key
WHERE c.actor_id = $id
GROUP BY ALL ORDER BY first_seen NULLS LAST, c.code
"""

ACTOR_TIMELINE = units() + """
SELECT left(day_first, 7) AS period,
       CASE WHEN source_actor_id = $actor THEN 'source' ELSE 'target' END AS side,
       count(*) AS events, avg(goldstein) AS mean_goldstein
FROM units WHERE day_first IS NOT NULL
GROUP BY ALL ORDER BY period, side
"""

ARTICLE = """
SELECT key, id, source, outlet, url, title, published, language, text, cluster, dup_of,
       dup_kind, similarity, n_sentences, failed, skip
FROM articles WHERE key = $key
"""
# the articles a user's own id names (``/articles/{id}`` when it is not a key)
ARTICLES_BY_ID = """
SELECT key, id, title, outlet, source, published FROM articles WHERE id = $id ORDER BY seq
LIMIT 50
"""
ARTICLE_SENTENCES = """
SELECT idx, start, "end", parsed FROM sentences WHERE article_key = $key ORDER BY idx
"""
_ARTICLE_MENTIONS = """
SELECT m.idx, {mention},
       {actor}
FROM mentions m JOIN articles a ON a.key = m.article_key
LEFT JOIN actors c ON c.actor_key = m.actor_key
WHERE m.article_key = $key ORDER BY m.idx
"""


def article_mentions() -> str:
    """An article's mentions, each with the fields of its actor (code, name, actor_id, ...)."""
    return _ARTICLE_MENTIONS.format(mention=columns(schema.MENTION, "m"),
                                    actor=columns(schema.ACTOR, "c"))


ARTICLE_ERRORS = """
SELECT stage, code, message FROM errors WHERE article_key = $key ORDER BY stage, code
"""

# what ``/api/stats`` adds to the store's counts (``thucydides.store.queries.counts``)
PUBLISHED = """
SELECT min(published) AS first_published, max(published) AS last_published FROM articles
"""
