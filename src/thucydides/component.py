"""thucydides as a spaCy pipeline component, beside the Python API and the command line and as
thin as they are:

    import spacy
    nlp = spacy.blank("en")                     # any pipeline
    nlp.add_pipe("thucydides", config={"settings": {"main_event": False}})
    doc = nlp(text)                             # doc._.date = dt.date(...) beforehand, if known
    doc._.events, doc._.quotes                  # the records of ``thucydides code``
    span._.actor                                # on the spans of event actors and speakers

The component codes ``doc.text`` with the same stages as ``thucydides.code`` (it loads its own
English model: its parse is the one the coder and the decision layer were built on). It registers
under the entry point ``spacy_factories``, so ``add_pipe("thucydides")`` needs no import.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from thucydides.api import Coder
from thucydides.output.jsonl import record
from thucydides.records import Article
from thucydides.settings import Settings

EXTENSIONS = {Doc: ("events", "quotes", "errors", "date"), Span: ("actor",)}


def register_extensions() -> None:
    """``Doc._.events``, ``._.quotes``, ``._.errors``, ``._.date`` and ``Span._.actor`` (kept
    when already registered)."""
    for cls, names in EXTENSIONS.items():
        for name in names:
            if not cls.has_extension(name):
                cls.set_extension(name, default=None)


class Component:
    """Codes a ``Doc`` and writes the output record onto it."""

    def __init__(self, settings: Settings) -> None:
        register_extensions()
        self.coder = Coder.load(settings)

    def __call__(self, doc: Doc) -> Doc:
        date = doc._.date if isinstance(doc._.date, dt.date) else None
        (analysis,) = self.coder.run([Article(id="doc", text=doc.text, date=date)])
        out = record(analysis)
        doc._.events, doc._.quotes, doc._.errors = out["events"], out["quotes"], out["errors"]
        for ref in _actor_refs(out):
            span = doc.char_span(ref["start"], ref["end"], alignment_mode="expand")
            if span is not None:
                span._.actor = {k: ref[k] for k in ("code", "name", "actor_id", "country",
                                                     "sector", "role")}
        return doc


def _actor_refs(out: dict[str, Any]) -> list[dict[str, Any]]:
    refs = [e[side] for e in out["events"] for side in ("source", "target")]
    refs += [q["speaker"] for q in out["quotes"]]
    return [r for r in refs if r and r.get("start") is not None]


@Language.factory("thucydides", default_config={"settings": {}})
def make_component(nlp: Language, name: str, settings: dict[str, Any]) -> Component:
    """The factory behind ``nlp.add_pipe("thucydides", config={"settings": {...}})``;
    ``settings`` are those of ``thucydides.settings.Settings``."""
    return Component(Settings(**settings))
