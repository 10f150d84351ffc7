"""Page furniture inside article bodies: lines that stay in the stored text but are never coded.

Two kinds of line are marked: lines matching a pattern of ``data/boilerplate.tsv`` ("Related
Articles", "Back to top button", share and subscribe prompts), and stray headline lines inside the
body (a short line without final punctuation between paragraphs, as left by a pasted list of
related headlines). The first line (the title) is never marked as a headline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from thucydides.datafiles import load_tables
from thucydides.records import Span

END_PUNCT = tuple(".!?:;”\"')]…")
HEADLINE_MAX_WORDS = 14
HEADLINE_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Boilerplate:
    patterns: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    @functools.cache
    def load(cls) -> Boilerplate:
        """The patterns of ``data/boilerplate.tsv``, loaded once per process (read-only)."""
        rows = load_tables("thucydides.ingest", "boilerplate")
        return cls(tuple((re.compile(r["pattern"], re.IGNORECASE), r["kind"]) for r in rows))

    def kind_of(self, line: str) -> str | None:
        for pattern, kind in self.patterns:
            if pattern.fullmatch(line):
                return kind
        return None


def _lines(text: str) -> Iterator[Span]:
    """Non-empty lines as spans with surrounding whitespace trimmed."""
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        if trail > lead:
            yield Span(m.start() + lead, m.start() + trail)


def _headline_like(line: str) -> bool:
    words = line.split()
    return HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS and not line.endswith(END_PUNCT)


def _is_body(line: str) -> bool:
    return len(line.split()) > HEADLINE_MAX_WORDS


def find_boilerplate(text: str, rules: Boilerplate) -> tuple[tuple[Span, str], ...]:
    """Spans of ``text`` to skip, each with the reason (a boilerplate kind or ``headline``)."""
    lines = list(_lines(text))
    out: list[tuple[Span, str]] = []
    for i, span in enumerate(lines):
        line = span.of(text)
        kind = rules.kind_of(line)
        if kind is None and 0 < i < len(lines) - 1 and _headline_like(line):
            before, after = lines[i - 1].of(text), lines[i + 1].of(text)
            if _is_body(before) and _is_body(after):
                kind = "headline"
        if kind is not None:
            out.append((span, kind))
    return tuple(out)
