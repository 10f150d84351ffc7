"""PLOVER/POLECAT-style JSON lines: one object per event counted once.

    {"event_id", "actor", "recipient", "cameo", "event_type", "mode", "context", "goldstein",
     "quad_class", "penta", "negated", "modality", "date", "date_precision",
     "num_mentions", "num_articles", "num_sources", "num_clusters",
     "provenance": {"article_id", "source", "url", "title", "published", "outlet", "cluster",
                    "sentence": span, "trigger": span, "date": span, "reported_by": span}}

The event's keys are the fields the output schema marks ``plover`` (``fields.plover_values``),
under their PLOVER names, read from the row by ``rows.read_event``: ``actor`` and ``recipient``
are the source and target (lists of them with ``compound="group"``) as in the output contract
of ``thucydides code``: ``{"text", "start", "end", "code", "name", "actor_id", "country",
"sector", "role", "head", "mention", "chain"}``; a span is ``{"start", "end"}`` (plus ``text``
for sentence and trigger), offsets into the first article that reports the event.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from thucydides.errors import Err
from thucydides.output import fields, schema
from thucydides.output.atomic import atomic_text
from thucydides.output.fields import SPAN
from thucydides.store.db import StoreError
from thucydides.store.rows import read_event


def plover_record(row: Mapping[str, Any]) -> dict[str, Any]:
    published = row["published"]
    return {
        "event_id": row["agg_id"], **fields.plover_values(schema.EVENT, read_event(row)),
        "num_mentions": row["num_mentions"], "num_articles": row["num_articles"],
        "num_sources": row["num_sources"], "num_clusters": row["num_clusters"],
        "provenance": {
            "article_id": row["article_id"], "source": row["article_source"],
            "url": row["url"], "title": row["title"],
            "published": published.isoformat() if published else None,
            "outlet": row["outlet"], "cluster": row["cluster"],
            "sentence": SPAN.read(row, "sentence"),
            "trigger": SPAN.read(row, "trigger"), "date": SPAN.read(row, "date"),
            "reported_by": SPAN.read(row, "reported_by")},
    }


def write_plover(rows: Iterator[Mapping[str, Any]], out: Path,
                 tick: Callable[[], None]) -> int:
    n = 0
    with atomic_text(out, Err.E165, None, StoreError) as f:
        for row in rows:
            f.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
            n += 1
            tick()
    return n
