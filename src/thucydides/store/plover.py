"""PLOVER/POLECAT-style JSON lines: one object per event counted once.

    {"event_id", "event_type", "mode", "context", "cameo", "date", "date_precision",
     "negated", "modality", "goldstein", "quad_class", "penta",
     "actor": {...}, "recipient": {...},             # lists of them with compound="group"
     "num_mentions", "num_articles", "num_sources", "num_clusters",
     "provenance": {"article_id", "source", "url", "title", "published", "outlet", "cluster",
                    "sentence": span, "trigger": span, "date": span, "reported_by": span}}

An actor is ``{"name", "country", "sector", "code", "actor_id", "role", "text", "start",
"end"}``; a span is ``{"start", "end"}`` (plus ``text`` for sentence and trigger), offsets into
the first article that reports the event.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

ACTOR = ("name", "country", "sector", "code", "actor_id", "role", "text", "start", "end")


def actor(prefix: str, row: Mapping[str, Any]) -> Any:
    values = {k: row[f"{prefix}_{k}"] for k in ACTOR}
    if isinstance(values["code"], list):
        return [dict(zip(ACTOR, v, strict=True)) for v in zip(*values.values(), strict=True)]
    return None if values["start"] is None else values


def span(row: Mapping[str, Any], name: str, text: str | None = None) -> dict[str, Any] | None:
    start, end = row[f"{name}_start"], row[f"{name}_end"]
    if start is None:
        return None
    out: dict[str, Any] = {"start": start, "end": end}
    if text is not None:
        out["text"] = text
    return out


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
            "sentence": span(row, "sentence", row["sentence_text"]),
            "trigger": span(row, "trigger", row["trigger_text"]),
            "date": span(row, "date"), "reported_by": span(row, "reported_by")},
    }


def write_plover(rows: Iterator[Mapping[str, Any]], out: Path,
                 tick: Callable[[], None]) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
            n += 1
            tick()
    return n
