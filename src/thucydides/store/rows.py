"""Coded articles as table rows: the one shape both the store and the Dask workers' Parquet use.

``article_rows`` turns one ``Analysis`` into rows for each table of ``schema.sql`` (the article
row still without its ``seq`` and ``cluster``, which only the store can assign); ``Batch``
collects rows for many articles and gives them as Arrow tables with the column types of
``COLUMNS``. ``schema.sql`` writes the actor column blocks as ``@ACTOR(prefix)``, expanded from
``ACTOR_REF`` (``actor_ddl``); ``tests/store`` checks that ``COLUMNS`` and the created tables
agree, names and types. ``read_span``, ``read_actor`` and ``read_location`` turn stored rows back
into the spans, actors and locations of the output contract.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from thucydides.records import (
    Actor,
    ActorRef,
    Analysis,
    ErrorRecord,
    Event,
    Location,
    Quote,
    Span,
)
from thucydides.store.dedup import Hasher, content_hash, text_hash

SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32())])
SPANS = pa.list_(SPAN)
S, N, F, B = pa.string(), pa.int32(), pa.float64(), pa.bool_()

ACTOR_REF = ("text", S), ("start", N), ("end", N), ("head_start", N), ("head_end", N), \
    ("code", S), ("name", S), ("actor_id", S), ("country", S), ("sector", S), ("role", S), \
    ("mention_start", N), ("mention_end", N), ("chain", SPANS)
ACTOR_FIELDS = tuple(n for n, _ in ACTOR_REF)
# the actor's own fields (the rest are spans into the text)
ACTOR_VALUES = tuple(n for n in ACTOR_FIELDS if n not in ("text", "chain")
                     and not n.endswith(("start", "end")))
LOCATION = ("location_start", N), ("location_end", N), ("location_name", S), \
    ("location_country", S), ("location_adm1", S), ("location_lat", F), ("location_lon", F), \
    ("location_feature", S)
DDL_TYPES = {S: "VARCHAR", N: "INTEGER", SPANS: 'STRUCT("start" INTEGER, "end" INTEGER)[]'}

COLUMNS: dict[str, tuple[tuple[str, pa.DataType], ...]] = {
    "articles": (("key", S), ("seq", pa.int64()), ("id", S), ("source", S), ("outlet", S),
                 ("url", S), ("title", S), ("published", pa.date32()), ("language", S),
                 ("text", S), ("text_hash", S), ("content_hash", S), ("signature",
                 pa.list_(pa.uint32())), ("cluster", S), ("dup_of", S), ("dup_kind", S),
                 ("similarity", F), ("skip", SPANS), ("n_sentences", N), ("failed", B),
                 ("run_id", N)),
    "sentences": (("article_key", S), ("idx", N), ("start", N), ("end", N), ("parsed", B)),
    "actors": (("actor_key", S), ("actor_id", S), ("code", S), ("name", S), ("country", S),
               ("sector", S), ("kind", S), ("role", S)),
    "mentions": (("article_key", S), ("idx", N), ("sentence", N), ("start", N), ("end", N),
                 ("text", S), ("kind", S), ("actor_key", S), ("parts", SPANS),
                 ("chain", SPANS)),
    "events": (("article_key", S), ("idx", N),
               *((f"source_{n}", t) for n, t in ACTOR_REF),
               *((f"target_{n}", t) for n, t in ACTOR_REF),
               ("cameo", S), ("plover", S), ("mode", S), ("context", S), ("goldstein", F),
               ("quad_class", N), ("penta", N), ("negated", B), ("modality", S),
               ("trigger_text", S), ("trigger_start", N), ("trigger_end", N),
               ("sentence_start", N), ("sentence_end", N), ("date_value", S),
               ("date_precision", S), ("date_basis", S), ("date_start", N), ("date_end", N),
               ("event_group", S), ("reported_by_start", N), ("reported_by_end", N),
               ("pattern", S), ("is_root", B), *LOCATION, ("confidence", F), ("quote", N)),
    "quotes": (("article_key", S), ("idx", N),
               *((f"speaker_{n}", t) for n, t in ACTOR_REF),
               ("cue_text", S), ("cue_start", N), ("cue_end", N), ("content", SPANS),
               ("content_text", S), ("kind", S), ("speech_act", S), ("hedged", B),
               *((f"addressee_{n}", t) for n, t in ACTOR_REF),
               ("events", pa.list_(N))),
    "errors": (("error_key", S), ("article_key", S), ("record", S), ("stage", S), ("code", S),
               ("message", S), ("run_id", N)),
}
TABLES = tuple(COLUMNS)
TEXT_NOT_KEPT = frozenset({"E105"})  # errors whose article text is not stored
LEAD_MIN_WORDS = 15


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema(list(COLUMNS[table]))


def digest(*parts: str, size: int = 32) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:size]


def article_key(locator: str, text: str) -> str:
    """An article's identity: where it was read (its locator) and exactly what it says."""
    return digest(locator, text_hash(text))


def error_key(record: str, err: ErrorRecord, article: str | None = None) -> str:
    """An error's identity: its record, what it says and, for a coder error, its article (a
    record read again with a new text is a new article, whose errors are its own)."""
    parts = (record, err.stage, err.code, err.message)
    return digest(*parts) if article is None else digest(*parts, article)


def outlet(url: str | None) -> str | None:
    """The publishing site of a URL, without ``www.``: what counts as a source."""
    m = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:@]+)", url or "", re.IGNORECASE)
    return m.group(1).lower().removeprefix("www.") if m else None


def spans(items: Iterable[Span]) -> list[dict[str, int]]:
    return [{"start": s.start, "end": s.end} for s in items]


def actor_key(a: Actor) -> str:
    return digest(*(str(v) for v in (a.id, a.code, a.name, a.country, a.sector, a.kind, a.role)),
                  size=20)


def actor_ref(prefix: str, r: ActorRef | None, text: str) -> dict[str, Any]:
    a = r.actor if r else None
    values: dict[str, Any] = {
        "text": r.span.of(text) if r else None, "start": r.span.start if r else None,
        "end": r.span.end if r else None, "head_start": r.head.start if r else None,
        "head_end": r.head.end if r else None, "code": a.code if a else None,
        "name": a.name if a else None, "actor_id": a.id if a else None,
        "country": a.country if a else None, "sector": a.sector if a else None,
        "role": a.role if a else None,
        "mention_start": r.mention.start if r and r.mention else None,
        "mention_end": r.mention.end if r and r.mention else None,
        "chain": spans(r.chain) if r else [],
    }
    return {f"{prefix}_{k}": v for k, v in values.items()}


def actor_ddl(prefix: str) -> str:
    """The columns of one actor reference in ``schema.sql`` (``@ACTOR(prefix)``)."""
    return ", ".join(f"{prefix}_{n} {DDL_TYPES[t]}" for n, t in ACTOR_REF)


def read_offsets(row: Mapping[str, Any], prefix: str) -> dict[str, Any] | None:
    """``{"start", "end"}`` from a row's ``{prefix}_start`` and ``{prefix}_end`` (None: no span)."""
    start = row.get(f"{prefix}_start")
    return None if start is None else {"start": start, "end": row[f"{prefix}_end"]}


def read_span(row: Mapping[str, Any], prefix: str,
              text: str | None = None) -> dict[str, Any] | None:
    """``{"text", "start", "end"}``: the text given, else the row's ``{prefix}_text``."""
    out = read_offsets(row, prefix)
    if out is not None:
        out["text"] = text if text is not None else row.get(f"{prefix}_text")
    return out


def read_actor(row: Mapping[str, Any], prefix: str) -> dict[str, Any] | None:
    """The inverse of ``actor_ref``: an actor reference as the output contract gives it (its
    ``head``, ``mention`` and ``chain`` as offsets), None when the row has none."""
    out = read_span(row, prefix)
    if out is None:
        return None
    out.update({k: row[f"{prefix}_{k}"] for k in ACTOR_VALUES})
    out["head"] = read_offsets(row, f"{prefix}_head")
    out["mention"] = read_offsets(row, f"{prefix}_mention")
    out["chain"] = [{"start": c["start"], "end": c["end"]} for c in row[f"{prefix}_chain"] or ()]
    return out


def read_location(row: Mapping[str, Any], text: str | None = None) -> dict[str, Any] | None:
    """The inverse of ``location_row``: the span of the place's name and where it is."""
    if row["location_name"] is None and row["location_lat"] is None:
        return None
    return {**(read_span(row, "location", text) or {}), "name": row["location_name"],
            "country": row["location_country"], "admin1": row["location_adm1"],
            "lat": row["location_lat"], "lon": row["location_lon"],
            "feature": row["location_feature"]}


def lead_end(text: str, skip: tuple[Span, ...]) -> int:
    """End of the lead: the first paragraph of running text (the title above it included)."""
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        inside = any(s.start <= m.start() < s.end for s in skip)
        if not inside and len(m.group().split()) >= LEAD_MIN_WORDS:
            return m.end()
    return len(text)


def event_row(key: str, i: int, e: Event, text: str, lead: int) -> dict[str, Any]:
    d = e.date
    return {
        "article_key": key, "idx": i, **actor_ref("source", e.source, text),
        **actor_ref("target", e.target, text), "cameo": e.cameo, "plover": e.plover,
        "mode": e.mode, "context": e.context, "goldstein": e.goldstein,
        "quad_class": e.quad_class, "penta": e.penta, "negated": e.negated,
        "modality": e.modality, "trigger_text": e.trigger.of(text),
        "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
        "sentence_start": e.sentence.start, "sentence_end": e.sentence.end,
        "date_value": d.value if d else None, "date_precision": d.precision if d else None,
        "date_basis": d.basis if d else None,
        "date_start": d.span.start if d and d.span else None,
        "date_end": d.span.end if d and d.span else None, "event_group": e.group,
        "reported_by_start": e.reported_by.start if e.reported_by else None,
        "reported_by_end": e.reported_by.end if e.reported_by else None,
        "pattern": e.pattern, "is_root": e.sentence.start < lead, **location_row(e.location),
        "confidence": e.confidence, "quote": e.quote,
    }


def location_row(loc: Location | None) -> dict[str, Any]:
    """The location columns of an event (the place its sentence attaches it to)."""
    if loc is None:
        return {name: None for name, _ in LOCATION}
    return {"location_start": loc.span.start, "location_end": loc.span.end,
            "location_name": loc.name, "location_country": loc.country,
            "location_adm1": loc.admin1, "location_lat": loc.lat, "location_lon": loc.lon,
            "location_feature": loc.feature}


def quote_row(key: str, i: int, q: Quote, text: str) -> dict[str, Any]:
    return {
        "article_key": key, "idx": i, **actor_ref("speaker", q.speaker, text),
        "cue_text": q.cue.of(text) if q.cue else None,
        "cue_start": q.cue.start if q.cue else None, "cue_end": q.cue.end if q.cue else None,
        "content": spans(q.content), "content_text": " … ".join(c.of(text) for c in q.content),
        "kind": q.kind, "speech_act": q.speech_act, "hedged": q.hedged,
        **actor_ref("addressee", q.addressee, text), "events": list(q.events),
    }


def actor_row(a: Actor) -> dict[str, Any]:
    return {"actor_key": actor_key(a), "actor_id": a.id, "code": a.code, "name": a.name,
            "country": a.country, "sector": a.sector, "kind": a.kind, "role": a.role}


def error_row(record: str, err: ErrorRecord, article: str | None) -> dict[str, Any]:
    return {"error_key": error_key(record, err, article), "article_key": article, "record": record,
            "stage": err.stage, "code": err.code, "message": err.message, "run_id": None}


@dataclass
class Batch:
    """Rows of many articles, table by table, in the order they were added."""

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {t: [] for t in TABLES})
    skipped: int = 0  # input articles found already stored, before coding
    last_input: int | None = None  # index of the input its last record came from

    def __len__(self) -> int:
        return len(self.rows["articles"]) + len(self.rows["errors"])

    def add_error(self, record: str, err: ErrorRecord) -> None:
        self.rows["errors"].append(error_row(record, err, None))

    def add(self, key: str, locator: str, item: Analysis, hasher: Hasher) -> None:
        """The rows of a coded article; one refused for its length (E105) keeps only its error
        rows: its text is not stored."""
        if any(e.code in TEXT_NOT_KEPT for e in item.errors):
            for err in item.errors:
                self.add_error(locator, err)
            return
        a, text = item.article, item.article.text
        self.rows["articles"].append({
            "key": key, "seq": None, "id": a.id, "source": locator,
            "outlet": outlet(a.url) or locator.split("#")[0],
            "url": a.url, "title": a.title, "published": a.date, "language": a.language,
            "text": text, "text_hash": text_hash(text),
            "content_hash": content_hash(text, a.skip),
            "signature": hasher.signature(text, a.skip), "cluster": None, "dup_of": None,
            "dup_kind": None, "similarity": None, "skip": spans(a.skip),
            "n_sentences": len(item.sentences or ()), "failed": item.failed, "run_id": None})
        self._add_parts(key, item)
        self.rows["errors"] += [error_row(locator, e, key) for e in item.errors]

    def _add_parts(self, key: str, item: Analysis) -> None:
        text, lead = item.article.text, lead_end(item.article.text, item.article.skip)
        self.rows["sentences"] += [
            {"article_key": key, "idx": s.index, "start": s.span.start, "end": s.span.end,
             "parsed": s.parsed} for s in item.sentences or ()]
        for i, m in enumerate(item.mentions or ()):
            if m.actor is not None:
                self.rows["actors"].append(actor_row(m.actor))
            self.rows["mentions"].append({
                "article_key": key, "idx": i, "sentence": m.sentence, "start": m.span.start,
                "end": m.span.end, "text": m.span.of(text), "kind": m.kind,
                "actor_key": actor_key(m.actor) if m.actor else None, "parts": spans(m.parts),
                "chain": spans(m.chain)})
        self.rows["events"] += [event_row(key, i, e, text, lead)
                                for i, e in enumerate(item.events or ())]
        self.rows["quotes"] += [quote_row(key, i, q, text)
                                for i, q in enumerate(item.quotes or ())]

    def arrow(self, table: str) -> pa.Table:
        return pa.Table.from_pylist(self.rows[table], schema=arrow_schema(table))
