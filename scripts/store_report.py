"""Figures of a store's events: how many are fully coded, statements, target-less, dated after
their article, and their confidence (issue 9's "real-news store" figures).

    .venv/bin/python scripts/store_report.py --db out/demo.duckdb [--json]

Counted over the rows of ``events`` (event mentions: an event reported by two articles counts
twice), each joined with its article:

- ``coded``: source and target both resolve to an actor code;
- three kinds of unresolved actor, each counted for the source (``*_source``) and for the
  source or the target (``*_actor``):
  - ``pronoun``: an unresolved pronoun ("he", "they", "it" ...: ``PRONOUNS``);
  - ``bare``: an unresolved pronoun or common noun phrase ("he", "the sea", "officials"), i.e.
    unresolved and not name-like (``ActorCell.name_like``);
  - ``unresolved``: any phrase that resolved to no code, name or sector, the names the
    knowledge base lacks ("Harry", "NASA") included: what issue 9 would resolve or drop;
- ``statements``: CAMEO root 01 or 02 ("make public statement", "appeal");
- ``no_target``: the event has no target;
- ``after_article``: the event's date starts after its article's publication date ("2040" and
  "2022-04" are after 2022-03-15, "2022-03" and "2022" are not), over the events where both are
  known;
- ``confidence``: a 10-bin histogram over [0, 1] of ``events.confidence`` (the last bin holds
  1.0), with the NULL count apart; None when the store has no such column.

The store is opened read-only (``thucydides.store.db.connect``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

PRONOUNS = frozenset({
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves",
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "we", "us", "our", "ours", "ourselves", "they", "them", "their", "theirs", "themselves",
    "this", "that", "these", "those", "who", "whom", "which", "one", "someone", "somebody",
    "anyone", "anybody", "everyone", "everybody", "nobody",
})
STATEMENT_ROOTS = ("01", "02")
BINS = 10
TOP_WORDS = 10
ACTOR_COLUMNS = ("text", "code", "name", "sector")
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class ActorCell:
    """An event's source or target as stored: its text, what it resolved to, and whether the
    phrase begins its sentence (a capital there says nothing about a name)."""

    text: str | None
    code: str | None = None
    name: str | None = None
    sector: str | None = None
    initial: bool = False

    @property
    def present(self) -> bool:
        return self.text is not None

    @property
    def unresolved(self) -> bool:
        """A phrase that resolved to no code, name or sector."""
        return self.present and not (self.code or self.name or self.sector)

    @property
    def pronoun(self) -> bool:
        """An unresolved pronoun."""
        return self.unresolved and " ".join((self.text or "").lower().split()) in PRONOUNS

    @property
    def name_like(self) -> bool:
        """An unresolved phrase that looks like a name the knowledge base lacks ("Harry",
        "Mr. Clarke", "NASA"): a capitalised word after its first, or a capitalised first word
        inside the sentence. Approximate: a name opening its sentence is not seen."""
        if not self.unresolved or self.pronoun:
            return False
        words = [w for w in (self.text or "").split() if w[:1].isalpha()]
        first = bool(words) and words[0][0].isupper() and not self.initial
        return first or any(w[0].isupper() for w in words[1:])

    @property
    def bare(self) -> bool:
        """An unresolved pronoun or common noun phrase ("he", "the sea", "officials")."""
        return self.unresolved and not self.name_like


@dataclass(frozen=True, slots=True)
class EventRow:
    source: ActorCell
    target: ActorCell
    cameo: str | None
    date_value: str | None
    published: dt.date | None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Share:
    count: int
    total: int

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None

    def __str__(self) -> str:
        share = "-" if self.share is None else f"{100 * self.share:.1f}%"
        return f"{share:>6} ({self.count}/{self.total})"


@dataclass(frozen=True, slots=True)
class Histogram:
    bins: tuple[int, ...]  # bins[i] counts [i/10, (i+1)/10); the last bin includes 1.0
    missing: int  # NULL confidence


@dataclass(frozen=True, slots=True)
class Report:
    articles: int
    failed_articles: int  # articles the coder recorded errors for (not English, ...)
    error_rows: int
    events: int
    coded: Share
    pronoun_source: Share
    pronoun_actor: Share
    bare_source: Share
    bare_actor: Share
    unresolved_source: Share
    unresolved_actor: Share
    statements: Share
    no_target: Share
    after_article: Share
    confidence: Histogram | None
    unresolved_words: tuple[tuple[str, int], ...]  # the commonest unresolved actor texts


# --------------------------------------------------------------------------- the figures


def period_start(value: str | None) -> dt.date | None:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD date value (None: no or bad value)."""
    m = DATE_VALUE.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def after_article(e: EventRow) -> bool | None:
    """Whether the event's date starts after its article's (None: either is unknown)."""
    start = period_start(e.date_value)
    return None if start is None or e.published is None else start > e.published


def is_statement(e: EventRow) -> bool:
    return (e.cameo or "")[:2] in STATEMENT_ROOTS


def share(events: Sequence[EventRow], test: Any) -> Share:
    return Share(sum(bool(test(e)) for e in events), len(events))


def histogram(values: Iterable[float | None]) -> Histogram:
    bins, missing = [0] * BINS, 0
    for v in values:
        if v is None:
            missing += 1
        else:
            bins[min(max(int(v * BINS), 0), BINS - 1)] += 1
    return Histogram(tuple(bins), missing)


def unresolved_words(events: Sequence[EventRow]) -> tuple[tuple[str, int], ...]:
    words = Counter(" ".join((a.text or "").lower().split()) for e in events
                    for a in (e.source, e.target) if a.unresolved)
    return tuple(sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WORDS])


def figures(events: Sequence[EventRow], articles: tuple[int, int], error_rows: int,
            has_confidence: bool) -> Report:
    """The report over ``events``; ``articles`` is (stored, failed)."""
    dated = [e for e in events if after_article(e) is not None]
    return Report(
        articles=articles[0], failed_articles=articles[1], error_rows=error_rows,
        events=len(events),
        coded=share(events, lambda e: e.source.code and e.target.code),
        pronoun_source=share(events, lambda e: e.source.pronoun),
        pronoun_actor=share(events, lambda e: e.source.pronoun or e.target.pronoun),
        bare_source=share(events, lambda e: e.source.bare),
        bare_actor=share(events, lambda e: e.source.bare or e.target.bare),
        unresolved_source=share(events, lambda e: e.source.unresolved),
        unresolved_actor=share(events, lambda e: e.source.unresolved or e.target.unresolved),
        statements=share(events, is_statement),
        no_target=share(events, lambda e: not e.target.present),
        after_article=share(dated, after_article),
        confidence=histogram(e.confidence for e in events) if has_confidence else None,
        unresolved_words=unresolved_words(events))


# --------------------------------------------------------------------------- reading the store


def event_columns(con: Any) -> set[str]:
    return {r[0] for r in con.execute("DESCRIBE events").fetchall()}


def events_sql(has_confidence: bool) -> str:
    actors = ", ".join(f"e.{p}_{c}" for p in ("source", "target") for c in ACTOR_COLUMNS)
    actors += ", e.source_start = e.sentence_start, e.target_start = e.sentence_start"
    confidence = "e.confidence" if has_confidence else "NULL"
    return (f"SELECT {actors}, e.cameo, e.date_value, a.published, {confidence} "
            "FROM events e JOIN articles a ON a.key = e.article_key "
            "ORDER BY a.seq, e.idx")


def event_row(row: Sequence[Any]) -> EventRow:
    n = len(ACTOR_COLUMNS)
    source_initial, target_initial, cameo, date_value, published, confidence = row[2 * n:]
    return EventRow(ActorCell(*row[:n], initial=bool(source_initial)),
                    ActorCell(*row[n:2 * n], initial=bool(target_initial)), cameo, date_value,
                    published, None if confidence is None else float(confidence))


def count(con: Any, table: str, where: str = "true") -> int:
    return int(con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchall()[0][0])


def measure(con: Any) -> Report:
    """The report over an open store connection (read-only is enough)."""
    has_confidence = "confidence" in event_columns(con)
    rows = con.execute(events_sql(has_confidence)).fetchall()
    articles = count(con, "articles"), count(con, "articles", "failed")
    return figures([event_row(r) for r in rows], articles, count(con, "errors"), has_confidence)


def read_report(db: str | Path) -> Report:
    from thucydides.store.db import connect

    con = connect(db, read_only=True)
    try:
        return measure(con)
    finally:
        con.close()


# --------------------------------------------------------------------------- output


def shares(report: Report) -> list[tuple[str, Share]]:
    """The report's shares, by name, in report order."""
    return [(f.name, getattr(report, f.name)) for f in fields(report)
            if isinstance(getattr(report, f.name), Share)]


def as_json(report: Report) -> dict[str, Any]:
    out = asdict(report)
    for name, value in shares(report):
        out[name]["share"] = value.share
    out["unresolved_words"] = dict(report.unresolved_words)
    return out


def text_lines(report: Report) -> list[str]:
    lines = [f"{'articles':20} {report.articles} ({report.failed_articles} failed)",
             f"{'error rows':20} {report.error_rows}", f"{'events':20} {report.events}"]
    lines += [f"{name:20} {value}" for name, value in shares(report)]
    words = ", ".join(f"{w!r} {n}" for w, n in report.unresolved_words) or "-"
    lines.append(f"{'unresolved words':20} {words}")
    lines += confidence_lines(report.confidence)
    return lines


def confidence_lines(h: Histogram | None) -> list[str]:
    if h is None:
        return [f"{'confidence':20} no confidence column"]
    lines = [f"{'confidence':20} {sum(h.bins)} with a value, {h.missing} NULL"]
    for i, n in enumerate(h.bins):
        close = "]" if i == BINS - 1 else ")"
        lines.append(f"  [{i / BINS:.1f}, {(i + 1) / BINS:.1f}{close} {n:7}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the DuckDB store")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    from thucydides.errors import ThucydidesError

    try:
        report = read_report(args.db)
    except ThucydidesError as exc:
        sys.exit(f"error {exc}")
    if args.json:
        print(json.dumps(as_json(report), indent=2))
    else:
        print("\n".join(text_lines(report)))


if __name__ == "__main__":
    main()
