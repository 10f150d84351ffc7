"""Language identification (py3langid: its model ships inside the package, no download), and the
one rule that decides an article's language (``decide_language``), applied by the ingest stage.

Readers only pass on a *declared* language (an HTML ``lang``, a feed's or a record's
``language`` field), normalised by ``language_code``; they never guess.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

MIN_LETTERS = 40  # below this, identification is a guess: assume English
SAMPLE_CHARS = 4000
MIN_CONFIDENCE = 0.9  # a detection at least this sure decides the language


@dataclass(frozen=True)
class LanguageDetector:
    identifier: Any

    @classmethod
    @functools.cache
    def load(cls) -> LanguageDetector:
        """The detector, loaded once per process (it is read-only once loaded)."""
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return cls(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))

    def detect(self, text: str) -> tuple[str, float]:
        """(ISO 639-1 code, probability); ('en', 0.0) when the text is too short to tell."""
        sample = text[:SAMPLE_CHARS]
        if sum(c.isalpha() for c in sample) < MIN_LETTERS:
            return "en", 0.0
        lang, prob = self.identifier.classify(sample)
        return str(lang), float(prob)


def language_code(value: str | None) -> str | None:
    """'en-GB' / 'en_US' / 'EN' -> 'en'; None for empty values."""
    if not value or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None


def decide_language(detector: LanguageDetector, text: str, declared: str | None) -> str | None:
    """The language of an article: the detected one when the detector is sure (probability at
    least ``MIN_CONFIDENCE``), else the declared one normalised ('en-GB' -> 'en'), else None
    (unknown: the text is coded as English). The same text and declaration always give the same
    answer, however the article was read."""
    lang, prob = detector.detect(text)
    if prob >= MIN_CONFIDENCE:
        return lang
    return language_code(declared)
