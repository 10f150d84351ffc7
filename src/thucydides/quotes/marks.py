"""Quotation marks in plain text: which stretches of an article are quoted.

Pure text, no parse: it runs on every article, parsed or not. Double marks (straight ``"``,
typographic ``“ ” « »``, and two apostrophes ``''`` as some newspapers print them) delimit
quotes; typographic single marks (``‘ ’``) delimit quotes nested in them (a ``’`` between
letters is an apostrophe). A mark is read as opening or closing from the
characters around it, so one wrong or missing mark does not flip every later quote:

- an opening mark follows a space, a line start or a bracket and precedes a word; a closing mark
  follows a word or punctuation and precedes a space, punctuation or the end;
- a second opening mark while a quote is open is ignored (a mis-typed mark), a closing mark with
  no open quote is ignored (a stray mark);
- a quote left open ends with its sentence, or, when it opens its paragraph, at the end of the
  paragraph (news quotes running over several paragraphs reopen each one without closing the
  previous), but never runs past ``MAX_OPEN`` characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thucydides.records import Span

DOUBLE_OPEN = frozenset("“«„‟")
DOUBLE_CLOSE = frozenset("”»")
STRAIGHT = '"'
DOUBLE = frozenset({*DOUBLE_OPEN, *DOUBLE_CLOSE, STRAIGHT})
TWO_APOSTROPHES = "''"  # one straight double mark, two characters wide (``''We will,'' he said``)
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
BEFORE_OPEN = frozenset(" \t\n\r([{—–-/:;,")
AFTER_CLOSE = frozenset(" \t\n\r)]}.,;:!?—–-/…'’")
MAX_OPEN = 1200
PARAGRAPH = re.compile(r"\n")
SENTENCE_END = re.compile(r"[.!?…](?=\s)")
SENTENCE_LIKE = re.compile(r"[.!?,;:…]\W*$")  # a quote that ends as a sentence or clause does


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted stretch: ``span`` includes its marks; ``closed`` is false for a quote that ran
    to its paragraph's end without a closing mark; ``level`` is 1 for double marks, 2 for single
    marks nested in a double-marked quote; ``lead`` and ``trail`` are the widths of its opening
    and closing marks (2 for ``''``)."""

    span: Span
    closed: bool = True
    level: int = 1
    lead: int = 1
    trail: int = 1

    @property
    def inner(self) -> Span:
        """The span without its marks."""
        end = self.span.end - self.trail if self.closed else self.span.end
        return Span(min(self.span.start + self.lead, end), end)


def _side(text: str, i: int, width: int = 1) -> str:
    """'open', 'close' or 'either' for the mark at ``i`` (``width`` characters), from its
    neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = before in BEFORE_OPEN and not after.isspace()
    closes = not before.isspace() and (after in AFTER_CLOSE or after.isspace())
    ch = text[i]
    if ch in DOUBLE_OPEN or ch == SINGLE_OPEN:
        return "close" if closes and not opens else "open"
    if ch in DOUBLE_CLOSE or ch == SINGLE_CLOSE:
        return "open" if opens and not closes else "close"
    if opens != closes:
        return "open" if opens else "close"
    return "either"


def _end_open(text: str, lo: int, start: int, hi: int) -> int:
    """Where a quote left open at ``start`` ends. One that opens its paragraph ``[lo, hi)`` runs
    to the paragraph's end (the convention of quotes over several paragraphs), unless that is too
    long to be one quote; any other ends with its sentence."""
    if not text[lo:start].strip() and hi - start <= MAX_OPEN:
        return hi
    m = SENTENCE_END.search(text, start, min(hi, start + MAX_OPEN))
    return m.end() if m else min(hi, start + MAX_OPEN)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in PARAGRAPH.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _width(text: str, i: int, hi: int, marks: frozenset[str], level: int) -> int:
    """The width of the mark of ``marks`` at ``i``: 1, 2 for a double mark of two apostrophes,
    0 for none."""
    if text[i] in marks:
        return 1
    return 2 if level == 1 and text.startswith(TWO_APOSTROPHES, i) and i + 2 <= hi else 0


def _scan(text: str, lo: int, hi: int, marks: frozenset[str], level: int) -> Iterator[Marked]:
    open_at: int | None = None
    lead = 1
    i = lo
    while i < hi:
        ch = text[i]
        width = _width(text, i, hi, marks, level)
        if not width:
            i += 1
            continue
        side = _side(text, i, width)
        if level == 2 and ch == SINGLE_CLOSE and i + 1 < hi and text[i + 1].isalpha():
            i += 1
            continue  # an apostrophe: Russia’s, don’t
        if open_at is None:
            if side != "close":
                open_at, lead = i, width
        elif side != "open":
            yield Marked(Span(open_at, i + width), True, level, lead, width)
            open_at = None
        i += width
    if open_at is not None:
        end = _end_open(text, lo, open_at, hi)
        if end - open_at > lead:
            yield Marked(Span(open_at, end), False, level, lead)


def _trim(text: str, m: Marked) -> Marked:
    """An unclosed quote without trailing spaces."""
    end = m.span.end
    while end > m.span.start + 1 and text[end - 1].isspace():
        end -= 1
    return Marked(Span(m.span.start, end), m.closed, m.level, m.lead, m.trail)


def quoted(text: str) -> list[Marked]:
    """Every quoted stretch of ``text``, in order: double-marked quotes, and single-marked
    quotes nested inside them."""
    singles = frozenset({SINGLE_OPEN, SINGLE_CLOSE})
    out: list[Marked] = []
    for lo, hi in _paragraphs(text):
        for found in _scan(text, lo, hi, DOUBLE, 1):
            m = _trim(text, found)
            out.append(m)
            out.extend(_scan(text, m.inner.start, m.inner.end, singles, 2))
    return sorted(out, key=lambda m: (m.span.start, m.level))


def words(text: str, span: Span) -> int:
    """The number of words in ``span`` of ``text``."""
    return len(re.findall(r"\w+", span.of(text)))
