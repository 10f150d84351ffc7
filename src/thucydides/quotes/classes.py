"""What kind of quote it is, and what it attributes.

- ``kind``: ``direct``, ``mixed`` or ``indirect``, read from the content's text as the gold
  files read it (a quote in pieces, its cue between them, is ``mixed``);
- ``attribution``: ``speech`` (said, told, claimed), ``belief`` (believes, wants, fears: the cue
  lexicon's ``cognition`` class) or ``evidence`` (a study or report finds: the lexicon's
  ``evidence`` class, or any reporting cue whose speaker is a document, "the report says").
"""

from __future__ import annotations

from collections.abc import Sequence

from thucydides.quotes.lexicon import Cue
from thucydides.records import ActorRef, Span

DOUBLE_MARKS = frozenset('"“”«»„‟')
OPENING = frozenset('"“«„‟')

BY_CLASS = {"cognition": "belief", "evidence": "evidence"}  # every other class: speech
# Head words of a speaker that is a document or a measurement, not a person or a body.
DOCUMENTS = frozenset({
    "report", "study", "poll", "survey", "data", "figure", "figures", "statistics", "analysis",
    "research", "document", "documents", "investigation", "review", "audit", "assessment",
    "census", "record", "records", "memo", "paper", "estimate", "estimates", "findings",
    "filing", "indictment", "complaint", "ruling", "letter", "statement", "cable", "email",
})


def attribution_of(cue: Cue | None, speaker: ActorRef | None, text: str) -> str:
    """The attribution of a quote with ``cue`` (None: a quote continuing a speaker) and the
    resolved ``speaker``."""
    cls = BY_CLASS.get(cue.cls, "speech") if cue is not None else "speech"
    if cls == "speech" and speaker is not None and _document(speaker, text):
        return "evidence"
    return cls


def _document(speaker: ActorRef, text: str) -> bool:
    head = (speaker.chain[-1] if speaker.chain else speaker.head).of(text)
    words = head.lower().split()
    return bool(words) and words[-1] in DOCUMENTS


def kind_of(text: str, parts: Sequence[Span]) -> str:
    """``direct`` when the content is one marked quote (trailing punctuation aside, or a quote
    opened and never closed), ``mixed`` when it holds quotation marks otherwise, else
    ``indirect``: the gold files' convention, read from the text."""
    whole = text[parts[0].start:parts[-1].end].strip()
    bare = whole.rstrip(".,;:!? ")
    if bare and bare[0] in OPENING:
        inner = bare[1:]
        marks = sum(ch in DOUBLE_MARKS for ch in inner)
        if marks == 0 or (marks == 1 and inner[-1] in DOUBLE_MARKS):
            return "direct"
    return "mixed" if any(ch in DOUBLE_MARKS for ch in whole) else "indirect"
