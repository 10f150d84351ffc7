"""PLOVER/POLECAT-style JSON lines: one object per event counted once.

    {"event_id", "event_type", "mode", "context", "cameo", "date", "date_precision",
     "negated", "modality", "goldstein", "quad_class", "penta",
     "actor": {...}, "recipient": {...},             # lists of them with compound="group"
     "num_mentions", "num_articles", "num_sources", "num_clusters",
     "provenance": {"article_id", "source", "url", "title", "published", "outlet", "cluster",
                    "sentence": span, "trigger": span, "date": span, "reported_by": span}}

An actor is as in the output contract of ``thucydides code`` (``rows.read_actor``): ``{"text",
"start", "end", "code", "name", "actor_id", "country", "sector", "role", "head", "mention",
"chain"}``; a span is ``{"start", "end"}`` (plus ``text`` for sentence and trigger), offsets into
the first article that reports the event.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from thucydides.errors import Err
from thucydides.output.atomic import atomic_text
from thucydides.store.db import StoreError
from thucydides.store.rows import ACTOR_FIELDS, read_actor, read_offsets, read_span


def actor(prefix: str, row: Mapping[str, Any]) -> Any:
    """The actor of a row, or the list of them of a merged compound group."""
    columns = [f"{prefix}_{n}" for n in ACTOR_FIELDS]
    if isinstance(row[columns[0]], list):
        members = zip(*(row[c] for c in columns), strict=True)
        return [read_actor(dict(zip(columns, m, strict=True)), prefix) for m in members]
    return read_actor(row, prefix)


def plover_record(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "event_id": row["agg_id"], "event_type": row["plover"], "mode": row["mode"],
        "context": row["context"], "cameo": row["cameo"], "date": row["date_value"],
        "date_precision": row["date_precision"], "negated": row["negated"],
        "modality": row["modality"], "goldstein": row["goldstein"],
        "quad_class": row["quad_class"], "penta": row["penta"],
        "actor": actor("source", row), "recipient": actor("target", row),
        "num_mentions": row["num_mentions"], "num_articles": row["num_articles"],
        "num_sources": row["num_sources"], "num_clusters": row["num_clusters"],
        "provenance": {
            "article_id": row["article_id"], "source": row["article_source"],
            "url": row["url"], "title": row["title"],
            "published": row["published"].isoformat() if row["published"] else None,
            "outlet": row["outlet"], "cluster": row["cluster"],
            "sentence": read_span(row, "sentence", row["sentence_text"]),
            "trigger": read_span(row, "trigger"),
            "date": read_offsets(row, "date"), "reported_by": read_offsets(row, "reported_by")},
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
