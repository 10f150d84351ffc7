"""Sentence segmentation on the tokenizer's output: cheap, so that triage can run before parsing.

Boundaries: after sentence-final punctuation (with any closing quotes or brackets that follow), at
line breaks, and inside runs longer than ``max_tokens`` (at the next comma or semicolon, or hard).

A long text (over ``WINDOW_CHARS``, far below spaCy's ``max_length`` of 1,000,000 characters) is
tokenized window by window (``segment_text``): each window ends at a line break or a space, its
last sentence -- perhaps cut -- is dropped and starts the next window, so that every sentence is
segmented as in one pass over the whole text, and offsets point into the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from thucydides.records import Span

# A dateline opening a sentence: "KABUL (Pajhwok): ...", "GENEVA, March 14 — ...",
# "SAN FRANCISCO - ...", "Washington - ...". It names where the story was filed, not an actor.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?= ?[-—–]))"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: ?\([^()\n]{1,40}\))?"
    r"(?: ?(?:--|[-—–:]) )"
)

FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSERS = frozenset({"”", '"', "’", "'", ")", "]", "»"})
SOFT = frozenset({";", ","})


class Tok(Protocol):
    """What the segmenter needs of a token (a spaCy Token satisfies it)."""

    @property
    def text(self) -> str: ...
    @property
    def idx(self) -> int: ...
    @property
    def is_space(self) -> bool: ...


def _flush(toks: list[Tok]) -> Span | None:
    words = [t for t in toks if not t.is_space]
    if not words:
        return None
    return Span(words[0].idx, words[-1].idx + len(words[-1].text))


def _split_long(toks: list[Tok], max_tokens: int) -> Iterable[list[Tok]]:
    while len(toks) > max_tokens:
        cut = max_tokens
        for j in range(max_tokens - 1, max_tokens // 2, -1):
            if toks[j].text in SOFT:
                cut = j + 1
                break
        yield toks[:cut]
        toks = toks[cut:]
    yield toks


def sentence_spans(tokens: Sequence[Tok], max_tokens: int = 120) -> list[Span]:
    """Split a tokenized text into sentence spans (offsets into the tokenized text)."""
    spans: list[Span] = []
    current: list[Tok] = []

    def close() -> None:
        for piece in _split_long(current, max_tokens):
            span = _flush(piece)
            if span is not None:
                spans.append(span)
        current.clear()

    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if tok.is_space and "\n" in tok.text:
            close()
            i += 1
            continue
        current.append(tok)
        if tok.text in FINAL:
            while i + 1 < n and tokens[i + 1].text in CLOSERS:
                i += 1
                current.append(tokens[i])
            close()
        i += 1
    close()
    return spans


def strip_dateline(text: str, span: Span) -> Span:
    """``span`` without a leading dateline."""
    m = DATELINE.match(text, span.start, span.end)
    if m is None or m.end() >= span.end:
        return span
    return Span(m.end(), span.end)


WINDOW_CHARS = 100_000


def window_end(text: str, start: int, window: int) -> int:
    """Where a window of ``text`` from ``start`` ends: the text's end when it is near, else
    after the last line break, else the last space, of the window's second half (a hard cut when
    it has neither)."""
    end = start + window
    if end >= len(text):
        return len(text)
    for mark in ("\n", " "):
        cut = text.rfind(mark, start + window // 2, end)
        if cut >= 0:
            return cut + 1
    return end


def segment_text(text: str, make_doc: Callable[[str], Any], window: int = WINDOW_CHARS,
                 ) -> Iterator[tuple[Any, int, list[Span]]]:
    """(doc, offset, sentence spans) for each window of ``text``: the spans are offsets into the
    window's doc, which starts at ``offset`` of the text. A text within ``window`` is one doc."""
    start = 0
    while start < len(text):
        end = window_end(text, start, window)
        doc = make_doc(text[start:end])
        spans = sentence_spans(doc)
        if end == len(text) or len(spans) < 2:  # the end, or one sentence over the window
            yield doc, start, spans
            start = end
            continue
        yield doc, start, spans[:-1]
        start += spans[-1].start
