"""The ingest stage: reject what cannot be coded (with a catalogued error) and mark boilerplate."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from thucydides.errors import Err, InputError
from thucydides.ingest.boilerplate import Boilerplate, find_boilerplate
from thucydides.ingest.language import LanguageDetector
from thucydides.pipeline import PerArticle
from thucydides.records import Analysis
from thucydides.settings import Settings

MIN_LANGUAGE_CONFIDENCE = 0.9
MAX_CONTROL_RATIO = 0.05


def binary_reason(text: str) -> str | None:
    """Why ``text`` looks like binary data rather than prose, or None."""
    if "\x00" in text:
        return "it contains NUL bytes"
    sample = text[:20000]
    if not sample:
        return None
    control = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    if control / len(sample) > MAX_CONTROL_RATIO:
        return f"{control} of its first {len(sample)} characters are control characters"
    return None


@dataclass(frozen=True)
class Ingest:
    settings: Settings
    boilerplate: Boilerplate
    detector: LanguageDetector

    @classmethod
    def load(cls, settings: Settings) -> Ingest:
        return cls(settings, Boilerplate.load(), LanguageDetector.load())

    def check(self, item: Analysis) -> Analysis:
        article = item.article
        text = article.text
        if len(text.strip()) < self.settings.min_chars:
            raise InputError(Err.E101)
        if len(text) > self.settings.max_chars:
            raise InputError(Err.E105, size=len(text), limit=self.settings.max_chars)
        reason = binary_reason(text)
        if reason:
            raise InputError(Err.E102, detail=reason)
        if article.language is not None:  # the readers detected it already
            lang, prob = article.language, 1.0
        else:
            lang, prob = self.detector.detect(text)
        if lang != "en" and prob >= MIN_LANGUAGE_CONFIDENCE:
            raise InputError(Err.E106, language=lang)
        skip = article.skip or tuple(span for span, _ in find_boilerplate(text, self.boilerplate))
        article = dataclasses.replace(article, language=lang if prob else article.language,
                                      skip=skip)
        return dataclasses.replace(item, article=article)

    def stage(self) -> PerArticle:
        return PerArticle("ingest", self.check, requires=("article",), assigns=("article",))
