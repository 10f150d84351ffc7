"""Cutting a text into pieces for highlighting: each piece carries the marks that cover it.

Marks may overlap and nest (a trigger inside a quote, a mention inside an event's source); the
text is cut at every mark boundary and each piece lists every mark over it, so the template
renders flat ``<mark class="src trig" data-refs="e1 e2">`` elements with escaped text, whatever
the overlap. Offsets are character offsets into the article text; ``base`` is where the given
text starts in it (a sentence shown alone).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span: ``kind`` becomes a CSS class, ``ref`` names what it belongs to."""

    start: int
    end: int
    kind: str
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    start: int
    kinds: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


def pieces(text: str, marks: Iterable[Mark], base: int = 0) -> list[Piece]:
    """``text`` (which starts at offset ``base``) as pieces; marks outside it are clipped."""
    end = base + len(text)
    kept = [m for m in marks if m.start < m.end and m.start < end and m.end > base]
    cuts = sorted({base, end, *(max(m.start, base) for m in kept),
                   *(min(m.end, end) for m in kept)})
    starts: dict[int, list[int]] = {}
    for i, m in enumerate(kept):
        starts.setdefault(max(m.start, base), []).append(i)
    active: set[int] = set()
    out = []
    for a, b in itertools.pairwise(cuts):
        active = {i for i in active if kept[i].end > a} | set(starts.get(a, ()))
        covering = [kept[i] for i in sorted(active)]
        out.append(Piece(text[a - base:b - base], a, unique(m.kind for m in covering),
                         unique(m.ref for m in covering if m.ref)))
    return out


def unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def event_marks(e: dict[str, Any], ref: str = "") -> list[Mark]:
    """The source, trigger and target of an event (shaped as ``queries.event``)."""
    out = []
    for part, kind in (("source", "src"), ("trigger", "trig"), ("target", "trg")):
        s = e.get(part)
        if s is not None:
            out.append(Mark(s["start"], s["end"], kind, ref))
    return out


def article_marks(article: dict[str, Any]) -> list[Mark]:
    """Every span of an article (shaped as ``queries.article``): mentions, event parts and dates,
    quote speakers, cues and contents."""
    marks = [Mark(m["start"], m["end"], "mention", f"m{m['idx']}")
             for m in article["mentions"]]
    for e in article["events"]:
        ref = f"e{e['idx']}"
        marks += event_marks(e, ref)
        for extra, kind in ((e["date"] or {}).get("expression"), "when"), \
                (e["reported_by"], "said"):
            if extra is not None:
                marks.append(Mark(extra["start"], extra["end"], kind, ref))
    for q in article["quotes"]:
        ref = f"q{q['idx']}"
        content = q["content"] or {}
        marks += [Mark(c["start"], c["end"], "quote", ref)
                  for c in content.get("parts") or ([content] if content else [])]
        for part, kind in ((q["speaker"], "speaker"), (q["cue"], "cue")):
            if part is not None:
                marks.append(Mark(part["start"], part["end"], kind, ref))
    return marks


def sentence_pieces(e: dict[str, Any]) -> Sequence[Piece]:
    """An event's sentence with its source, trigger and target marked."""
    s = e["sentence"]
    return pieces(s["text"] or "", event_marks(e), base=s["start"])
