"""The web app's SQL. Every statement is a constant of this module; every value a request brings
is a named parameter (``$source``), never part of the SQL text.

``FILTERED`` is the one event filter every event view shares (the explorer, counts, dyads, the
network, the map): a parameter left NULL does not filter. An event's day is the store's
(``thucydides.store.aggregate.DAY``: its own date, else its article's publication date); a coarse
date (``2022-03``, ``2022``) covers its whole month or year, so it matches a date range it
overlaps.

The statements that read whole events, quotes and mentions (``event_rows``, ``quotes`` ...) are
built from the output schema (``fields.selects``: every stored field, span texts cut from the
article's), so a field added to the schema reaches the API with no edit here.
"""

from __future__ import annotations

import functools

from thucydides.output import fields, schema
from thucydides.output.fields import Shape
from thucydides.store.aggregate import DAY


@functools.cache
def columns(shape: Shape, alias: str) -> str:
    """The select list that reads the records of ``shape`` from table ``alias``."""
    return ",\n       ".join(fields.selects(shape, alias, "a.text"))


# Only the columns the filters and the aggregates read: a query pays for every column it carries,
# and an event's sentence is cut from its article's text (by code points) only where needed.
FILTERED = f"""
WITH ev AS (
    SELECT e.article_key, e.idx, a.seq, a.title, a.text AS article_text, e.sentence_start,
           e.sentence_end, e.source_text, e.source_start, e.source_code, e.source_name,
           e.source_actor_id, e.source_country, e.target_text, e.target_start, e.target_code,
           e.target_name, e.target_actor_id, e.target_country, e.cameo, e.plover,
           e.goldstein, e.quad_class, e.negated, e.location_name, e.location_country,
           e.location_lat, e.location_lon, {DAY} AS day
    FROM events e JOIN articles a ON a.key = e.article_key
), dated AS (
    SELECT *,
           CASE length(day) WHEN 4 THEN day || '-01-01' WHEN 7 THEN day || '-01' ELSE day END
               AS day_first,
           CASE length(day) WHEN 4 THEN day || '-12-31' WHEN 7 THEN day || '-31' ELSE day END
               AS day_last
    FROM ev
), filtered AS (
    SELECT * FROM dated
    WHERE ($source IS NULL OR starts_with(source_code, $source) OR source_actor_id = $source)
      AND ($target IS NULL OR starts_with(target_code, $target) OR target_actor_id = $target)
      AND ($actor IS NULL OR source_actor_id = $actor OR target_actor_id = $actor)
      AND ($country IS NULL OR source_country = $country OR target_country = $country
           OR location_country = $country)
      AND ($plover IS NULL OR plover = $plover)
      AND ($cameo_root IS NULL OR left(cameo, 2) = $cameo_root)
      AND ($quad_class IS NULL OR quad_class = $quad_class)
      AND ($date_from IS NULL OR day_last >= $date_from)
      AND ($date_to IS NULL OR day_first <= $date_to)
      AND ($negated IS NULL OR negated = $negated)
      AND ($q IS NULL
           OR contains(lower(substr(article_text, sentence_start + 1,
                                    sentence_end - sentence_start)), $q)
           OR contains(lower(title), $q) OR contains(lower(source_text), $q)
           OR contains(lower(target_text), $q))
)
"""

# A page of events: their keys first (cheap), then their rows.
EVENT_PAGE = FILTERED + """
SELECT article_key, idx FROM filtered
ORDER BY day DESC NULLS LAST, seq, idx
LIMIT $limit OFFSET $offset
"""

_EVENT_ROW = """
SELECT e.article_key, e.idx, a.id AS article_id, a.title, a.url, a.published, a.outlet,
       {columns},
       {day} AS day
FROM events e JOIN articles a ON a.key = e.article_key
"""
_EVENT_ROWS = """
WHERE list_contains($articles, e.article_key)
  AND list_contains($ids, e.article_key || ':' || e.idx)
"""


def event_rows() -> str:
    """The rows of the events named by ``$ids`` (``KEY:IDX``) in the articles ``$articles``."""
    return _EVENT_ROW.format(columns=columns(schema.EVENT, "e"), day=DAY) + _EVENT_ROWS


def article_events() -> str:
    return (_EVENT_ROW.format(columns=columns(schema.EVENT, "e"), day=DAY)
            + "WHERE e.article_key = $key ORDER BY e.idx")

EVENTS_COUNT = FILTERED + "SELECT count(*) AS n FROM filtered"

DYADS = FILTERED + """
SELECT CASE $period WHEN 'year' THEN left(day_first, 4) WHEN 'month' THEN left(day_first, 7)
                    ELSE left(day_first, 10) END AS period,
       count(*) AS events,
       avg(goldstein) AS mean_goldstein,
       count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
       count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
       count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
       count(*) FILTER (WHERE quad_class = 4) AS material_conflict
FROM filtered WHERE day_first IS NOT NULL
GROUP BY ALL ORDER BY period
"""

# the pairs with most dated events (an undated event has no place on a timeline)
TOP_DYADS = FILTERED + """
SELECT source_code AS source, target_code AS target, count(*) AS events
FROM filtered
WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND day_first IS NOT NULL
GROUP BY ALL ORDER BY events DESC, source, target LIMIT $limit
"""

_NODE = "coalesce({p}_actor_id, {p}_code, 'text:' || lower({p}_text))"
NETWORK = FILTERED + f"""
SELECT {_NODE.format(p="source")} AS source, {_NODE.format(p="target")} AS target,
       any_value(coalesce(source_name, source_code, source_text)) AS source_label,
       any_value(coalesce(target_name, target_code, target_text)) AS target_label,
       any_value(source_code) AS source_code, any_value(target_code) AS target_code,
       count(*) AS events, avg(goldstein) AS mean_goldstein
FROM filtered WHERE source_start IS NOT NULL AND target_start IS NOT NULL
GROUP BY ALL HAVING count(*) >= $min_events
ORDER BY events DESC, source, target LIMIT $limit
"""

LOCATIONS = FILTERED + """
SELECT location_name AS name, location_country AS country, location_lat AS lat,
       location_lon AS lon, count(*) AS events, avg(goldstein) AS mean_goldstein
FROM filtered WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL
GROUP BY ALL ORDER BY events DESC, name LIMIT $limit
"""

FACET_PLOVER = """
SELECT plover AS value, count(*) AS n FROM events WHERE plover IS NOT NULL
GROUP BY ALL ORDER BY value
"""
FACET_CAMEO_ROOT = """
SELECT left(cameo, 2) AS value, count(*) AS n FROM events WHERE cameo IS NOT NULL
GROUP BY ALL ORDER BY value
"""
FACET_COUNTRY = """
SELECT value, count(*) AS n FROM (
    SELECT source_country AS value FROM events UNION ALL SELECT target_country FROM events
) WHERE value IS NOT NULL GROUP BY ALL ORDER BY value
"""

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

ACTOR_TIMELINE = FILTERED + """
SELECT left(day_first, 7) AS period,
       CASE WHEN source_actor_id = $actor THEN 'source' ELSE 'target' END AS side,
       count(*) AS events, avg(goldstein) AS mean_goldstein
FROM filtered WHERE day_first IS NOT NULL
GROUP BY ALL ORDER BY period, side
"""

ARTICLE = """
SELECT key, id, source, outlet, url, title, published, language, text, cluster, dup_of,
       dup_kind, similarity, n_sentences, failed, skip
FROM articles WHERE key = $key
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
