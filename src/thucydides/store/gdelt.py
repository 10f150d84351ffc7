"""The GDELT 2.0 event table layout: 61 tab-separated columns, no header, in GDELT's order.

One row per event counted once (``thucydides.store.aggregate``), described by its first
mention. Mapping (GDELT 2.0 Event Codebook):

* ``GLOBALEVENTID`` our ``agg_id``; ``SQLDATE``/``MonthYear``/``Year``/``FractionDate`` the
  event date (missing month or day: the 1st; no date at all: the publication date).
* ``Actor1*`` from the source, ``Actor2*`` from the target: the full CAMEO code, the actor's
  name, ``CountryCode`` (the actor's country, else a leading country or region code),
  ``KnownGroupCode`` (the organisation of an IGO/NGO code), ``Religion1/2Code`` and up to
  three ``Type`` codes, split by ``data/actor_segments.tsv``; no ethnic codes.
* ``IsRootEvent`` 1 when the sentence is in the lead; ``EventCode`` our CAMEO code,
  ``EventBaseCode`` its first three digits, ``EventRootCode`` its first two; ``QuadClass`` and
  ``GoldsteinScale`` as coded (our quad classes already follow GDELT).
* ``NumMentions``/``NumSources``/``NumArticles`` from the aggregation; ``AvgTone`` 0 (not
  computed). Geography from the event's location columns when present (``ActionGeo``, its
  ``ADM2Code`` empty; the actor geographies are left empty). ``DATEADDED`` is when the run that
  stored the first mention started (YYYYMMDDHHMMSS, UTC); ``SOURCEURL`` its URL, else its
  locator.

Negated events are not exported (GDELT has no way to say an event did not happen). With
compound groups (``compound="group"``) actor fields hold ``;``-separated lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from thucydides.datafiles import load_tables
from thucydides.store.rows import read_event

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
              "FeatureID")
COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "INTEGER"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"), ("FractionDate", "DOUBLE"),
    *((f"Actor1{f}", "VARCHAR") for f in ACTOR_FIELDS),
    *((f"Actor2{f}", "VARCHAR") for f in ACTOR_FIELDS),
    ("IsRootEvent", "INTEGER"), ("EventCode", "VARCHAR"), ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"), ("QuadClass", "INTEGER"), ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
    *((f"{who}Geo_{f}", "INTEGER" if f == "Type" else "DOUBLE" if f in ("Lat", "Long")
       else "VARCHAR") for who in ("Actor1", "Actor2", "Action") for f in GEO_FIELDS),
    ("DATEADDED", "BIGINT"), ("SOURCEURL", "VARCHAR"),
)
ORG_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "INT", "NGM"})


@dataclass(frozen=True)
class Segments:
    """The segment table: type, region and religion codes."""

    kinds: Mapping[str, str]

    @classmethod
    def load(cls) -> Segments:
        rows = load_tables("thucydides.store", "actor_segments").rows
        return cls({r["segment"]: r["kind"] for r in rows})

    def split(self, code: str | None, country: str | None) -> dict[str, str | None]:
        """A CAMEO code as GDELT's CountryCode, KnownGroupCode, Religion and Type codes."""
        segs = [code[i : i + 3] for i in range(0, len(code or ""), 3)] if code else []
        kind = self.kinds.get
        lead = segs[0] if segs and kind(segs[0]) in (None, "region") else None
        group = None
        if segs and segs[0] in ORG_PREFIXES:
            group = next((s for s in segs[1:] if kind(s) is None), None)
        religions = [s for s in segs if kind(s) == "religion"]
        types = [s for s in segs if kind(s) == "type"]
        return {"CountryCode": country or lead, "KnownGroupCode": group, "EthnicCode": None,
                "Religion1Code": _at(religions, 0), "Religion2Code": _at(religions, 1),
                "Type1Code": _at(types, 0), "Type2Code": _at(types, 1),
                "Type3Code": _at(types, 2)}


def _at(items: list[str], i: int) -> str | None:
    return items[i] if i < len(items) else None


def _join(value: Any) -> Any:
    if isinstance(value, list):
        kept = [str(v) for v in dict.fromkeys(value) if v is not None]
        return ";".join(kept) or None
    return value


def event_day(row: Mapping[str, Any]) -> dt.date | None:
    """The export row's ``day`` (``aggregate.DAY``) as a date, a missing month or day the 1st
    (a malformed event date: the publication date)."""
    value = row.get("day")
    if value:
        try:
            parts = [int(p) for p in str(value).split("-")[:3]]
            return dt.date(*(parts + [1, 1][: 3 - len(parts)]))
        except ValueError:
            pass
    return row.get("published")


def actor(ref: Any, segments: Segments) -> dict[str, Any]:
    """An actor reference (or the list of them of an event group) as GDELT's actor fields."""
    if isinstance(ref, list):
        parts = [actor(r, segments) for r in ref]
        return {f: _join([p[f] for p in parts]) for f in ACTOR_FIELDS}
    code, country, name = (ref["code"], ref["country"], ref["name"]) if ref else (None,) * 3
    out = {"Code": code, "Name": name, **segments.split(code, country)}
    return {f: out.get(f) for f in ACTOR_FIELDS}


def gdelt_row(row: Mapping[str, Any], segments: Segments) -> list[Any]:
    """One export record (see ``export.event_records``) as the 61 GDELT values; the event's
    fields read as the output contract names them (``rows.read_event``)."""
    ev, day = read_event(row), event_day(row)
    cameo = str(ev["cameo"] or "")
    a1, a2 = actor(ev["source"], segments), actor(ev["target"], segments)
    added, loc = row.get("date_added"), ev["location"]
    geo = [None] * len(GEO_FIELDS)
    if loc is not None:
        geo = [4, loc["name"], loc["country"], loc["admin1"], None, loc["lat"], loc["lon"],
               loc["feature"]]
    return [
        row["agg_id"], _ymd(day), day and day.year * 100 + day.month, day and day.year,
        day and round(day.year + (day.timetuple().tm_yday / 365.0), 4),
        *(a1[f] for f in ACTOR_FIELDS), *(a2[f] for f in ACTOR_FIELDS),
        int(bool(ev["is_root"])), cameo, cameo[:3], cameo[:2], ev["quad_class"],
        ev["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"], 0.0,
        *([None] * len(GEO_FIELDS) * 2), *geo,
        int(added.strftime("%Y%m%d%H%M%S")) if added else None,
        row["url"] or row["article_source"],
    ]


def _ymd(day: dt.date | None) -> int | None:
    return day and int(day.strftime("%Y%m%d"))


def gdelt_rows(records: Iterator[Mapping[str, Any]]) -> Iterator[list[Any]]:
    segments = Segments.load()
    for row in records:
        negated = row["negated"]
        if not (any(negated) if isinstance(negated, list) else negated):
            yield gdelt_row(row, segments)
