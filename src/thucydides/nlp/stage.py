"""The NLP stage: segment every article, triage its sentences, parse those that may hold an event.

Tokenizing and segmenting a whole article is cheap; parsing is not. Only sentences that contain a
trigger form (see ``triage``) and lie outside boilerplate go through the tagger, parser, lemmatizer
and (optionally) NER, batched across articles with ``nlp.pipe``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from thucydides.nlp.segment import segment_text, strip_dateline
from thucydides.nlp.temporal import tag_dates
from thucydides.nlp.triage import needs_parse
from thucydides.pipeline import failed_with, guarded
from thucydides.records import Analysis, Sentence, Span, Token
from thucydides.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

log = logging.getLogger(__name__)

CHUNK_CHARS = 200_000
CHUNK_ARTICLES = 64


def load_lemma_fixes() -> dict[tuple[str, str], str]:
    from thucydides.datafiles import load_tables

    return {(r["form"], r["pos"]): r["lemma"] for r in load_tables("thucydides.nlp", "lemma_fixes")}


def _lemma(t: SpacyToken, fixes: Mapping[tuple[str, str], str]) -> str:
    pos = "VERB" if t.pos_ == "AUX" else t.pos_
    return fixes.get((t.lower_, pos), t.lemma_.lower())


def to_tokens(doc: Doc, offset: int, fixes: Mapping[tuple[str, str], str] | None = None,
              ) -> tuple[Token, ...]:
    """Our token records for a parsed spaCy doc whose text starts at ``offset`` of the article."""
    fixes = fixes or {}
    return tuple(
        Token(
            i=t.i, text=t.text, lemma=_lemma(t, fixes), pos=t.pos_, tag=t.tag_, dep=t.dep_,
            head=t.head.i, start=offset + t.idx, end=offset + t.idx + len(t.text),
            ent=t.ent_type_, ent_iob=t.ent_iob_ or "O",
        )
        for t in doc
    )


def _chunks(items: Iterable[Analysis]) -> Iterator[list[Analysis]]:
    chunk: list[Analysis] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item.article.text)
        if size >= CHUNK_CHARS or len(chunk) >= CHUNK_ARTICLES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@dataclass(frozen=True)
class Parse:
    nlp: Language
    forms: frozenset[str]
    settings: Settings
    lemma_fixes: Mapping[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    name: str = "nlp"
    requires: tuple[str, ...] = ("article",)
    assigns: tuple[str, ...] = ("sentences",)

    def segment(self, item: Analysis) -> list[tuple[Span, bool]]:
        """Sentence spans of the article, each with whether it should be parsed (a long text
        is tokenized in windows, ``segment_text``)."""
        article = item.article
        out: list[tuple[Span, bool]] = []
        for doc, offset, spans in segment_text(article.text, self.nlp.make_doc):
            for local in spans:
                raw = Span(local.start + offset, local.end + offset)
                if any(raw.overlaps(s) for s in article.skip):
                    continue
                span = strip_dateline(article.text, raw)
                words = (t.lower_ for t in doc.char_span(span.start - offset, span.end - offset,
                                                          alignment_mode="expand"))
                parse = not self.settings.triage or needs_parse(words, self.forms)
                out.append((span, parse))
        return out

    def _parse_all(self, jobs: list[tuple[int, int, Span]], items: list[Analysis],
                   ) -> dict[tuple[int, int], tuple[Token, ...]]:
        disable = [] if self.settings.ner else ["ner"]
        texts = (job[2].of(items[job[0]].article.text) for job in jobs)
        docs = self.nlp.pipe(texts, batch_size=self.settings.batch_size, disable=disable)
        return {(a, s): tag_dates(to_tokens(doc, span.start, self.lemma_fixes))
                for (a, s, span), doc in zip(jobs, docs, strict=True)}

    def _process(self, chunk: list[Analysis]) -> list[Analysis]:
        """Segment each article (one that fails gets its error record), then parse the
        sentences of all of them in one ``nlp.pipe``; a parsing failure raises."""
        segmented: dict[int, list[tuple[Span, bool]]] = {}
        for idx, item in enumerate(chunk):
            if item.failed:
                continue
            try:
                segmented[idx] = self.segment(item)
            except Exception as exc:  # one bad article must not sink the chunk
                chunk[idx] = failed_with(self.name, item, exc)
        jobs = [(a, s, span) for a, spans in segmented.items()
                for s, (span, parse) in enumerate(spans) if parse]
        parsed = self._parse_all(jobs, chunk)
        for a, spans in segmented.items():
            sentences = tuple(Sentence(s, span, parsed.get((a, s), ()))
                              for s, (span, _) in enumerate(spans))
            chunk[a] = dataclasses.replace(chunk[a], sentences=sentences)
        return chunk

    def __call__(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for chunk in _chunks(items):
            if len(chunk) == 1:
                yield guarded(self.name, self._one, chunk[0])
                continue
            try:
                done = self._process(list(chunk))
            except Exception:  # a batch-level failure: parse each article alone to isolate it
                log.warning("parsing a batch of %d articles failed; parsing them one by one",
                            len(chunk))
                done = [guarded(self.name, self._one, item) for item in chunk]
            yield from done

    def _one(self, item: Analysis) -> Analysis:
        return self._process([item])[0]

