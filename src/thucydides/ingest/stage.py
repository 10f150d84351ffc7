"""The ingest stage: repair what no output can carry, reject what cannot be coded (with a
catalogued error), decide the language (the one rule of ``language.judge_language``) and mark
boilerplate."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from thucydides.errors import Err, InputError, Warn
from thucydides.ingest.boilerplate import Boilerplate, find_boilerplate
from thucydides.ingest.language import (
    MIN_CONFIDENCE,
    LanguageDecision,
    LanguageDetector,
    judge_language,
)
from thucydides.ingest.readers.clean import repair_article
from thucydides.ingest.readers.decode import text_binary_reason
from thucydides.pipeline import PerArticle, with_error
from thucydides.records import Analysis, WarningRecord
from thucydides.settings import Settings

STAGE = "ingest"


def uncertain(doc_id: str, decision: LanguageDecision) -> WarningRecord:
    """The warning that a text is coded as English on an unsure detection (W102)."""
    message = Warn.W102.value.format(language=decision.guess, confidence=decision.confidence,
                                     threshold=MIN_CONFIDENCE)
    return WarningRecord(doc_id, STAGE, Warn.W102.name, message)


@dataclass(frozen=True)
class Ingest:
    settings: Settings
    boilerplate: Boilerplate
    detector: LanguageDetector

    @classmethod
    def load(cls, settings: Settings) -> Ingest:
        return cls(settings, Boilerplate.load(), LanguageDetector.load())

    def check(self, item: Analysis) -> Analysis:
        """``item`` repaired and checked; a failed check is an error on the repaired item."""
        item = dataclasses.replace(item, article=repair_article(item.article, STAGE))
        try:
            return self._check(item)
        except InputError as exc:
            return with_error(item, STAGE, exc.code, exc.message)

    def _check(self, item: Analysis) -> Analysis:
        article = item.article
        text = article.text
        if len(text.strip()) < self.settings.min_chars:
            raise InputError(Err.E101)
        if len(text) > self.settings.max_chars:
            raise InputError(Err.E105, size=len(text), limit=self.settings.max_chars)
        reason = text_binary_reason(text)
        if reason:
            raise InputError(Err.E102, detail=reason)
        decision = judge_language(self.detector, text, article.language)
        if decision.language not in (None, "en"):
            raise InputError(Err.E106, language=decision.language)
        warnings = article.warnings
        if decision.uncertain:
            warnings = (*warnings, uncertain(article.id, decision))
        skip = article.skip or tuple(span for span, _ in find_boilerplate(text, self.boilerplate))
        article = dataclasses.replace(article, language=decision.language, skip=skip,
                                      warnings=warnings)
        return dataclasses.replace(item, article=article)

    def stage(self) -> PerArticle:
        return PerArticle("ingest", self.check, requires=("article",), assigns=("article",))
