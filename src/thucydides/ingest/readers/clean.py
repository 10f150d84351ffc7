"""Characters no output can carry, replaced one for one so that offsets hold.

A lone surrogate (a JSON escape such as ``"\\ud800"``, or a byte that is not UTF-8, which the
line readers decode to U+DC80-U+DCFF with ``surrogateescape``) cannot be encoded as UTF-8, so it
would fail the run the moment the record is written; a NUL breaks C libraries and terminals. Each
is replaced by one U+FFFD (the replacement character), so every offset into the text stays what
it was, and the record carries a warning (W101) saying what was replaced and where.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from thucydides.errors import Warn
from thucydides.records import Article, WarningRecord

BAD = re.compile(r"[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"
FIELDS = ("id", "text", "title", "url", "source", "language")


@dataclass(frozen=True, slots=True)
class Repair:
    """What ``repair`` replaced in one string."""

    count: int
    nul: int
    first: int


def repair(value: str) -> tuple[str, Repair | None]:
    """``value`` with each lone surrogate and NUL replaced by U+FFFD (same length)."""
    found = BAD.search(value)
    if found is None:
        return value, None
    bad = BAD.findall(value, found.start())
    nul = bad.count("\x00")
    return BAD.sub(REPLACEMENT, value), Repair(len(bad), nul, found.start())


def clean(value: str) -> str:
    """``repair`` without the report (ids and messages of error records)."""
    return repair(value)[0]


def warning(doc_id: str, stage: str, field: str, done: Repair) -> WarningRecord:
    message = Warn.W101.value.format(field=field, count=done.count, nul=done.nul,
                                     surrogates=done.count - done.nul, first=done.first)
    return WarningRecord(doc_id, stage, Warn.W101.name, message)


def repair_article(article: Article, stage: str) -> Article:
    """``article`` with its string fields repaired, a W101 warning per field that needed it (an
    article repaired already is returned as it is)."""
    changes: dict[str, str] = {}
    repairs: list[tuple[str, Repair]] = []
    for name in FIELDS:
        value = getattr(article, name)
        if isinstance(value, str):
            fixed, done = repair(value)
            if done is not None:
                changes[name] = fixed
                repairs.append((name, done))
    if not repairs:
        return article
    doc_id = changes.get("id", article.id)
    added = tuple(warning(doc_id, stage, name, done) for name, done in repairs)
    return dataclasses.replace(article, **changes, warnings=(*article.warnings, *added))
