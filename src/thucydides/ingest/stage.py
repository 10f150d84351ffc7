"""The ingest stage: reject what cannot be coded (with a catalogued error), decide the language
(the one rule of ``language.decide_language``) and mark boilerplate."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from thucydides.errors import Err, InputError
from thucydides.ingest.boilerplate import Boilerplate, find_boilerplate
from thucydides.ingest.language import LanguageDetector, decide_language
from thucydides.ingest.readers.decode import text_binary_reason
from thucydides.pipeline import PerArticle
from thucydides.records import Analysis
from thucydides.settings import Settings


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
        reason = text_binary_reason(text)
        if reason:
            raise InputError(Err.E102, detail=reason)
        language = decide_language(self.detector, text, article.language)
        if language not in (None, "en"):
            raise InputError(Err.E106, language=language)
        skip = article.skip or tuple(span for span, _ in find_boilerplate(text, self.boilerplate))
        article = dataclasses.replace(article, language=language, skip=skip)
        return dataclasses.replace(item, article=article)

    def stage(self) -> PerArticle:
        return PerArticle("ingest", self.check, requires=("article",), assigns=("article",))
