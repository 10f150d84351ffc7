"""Language identification (py3langid: its model ships inside the package, no download)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MIN_LETTERS = 40  # below this, identification is a guess: assume English
SAMPLE_CHARS = 4000


@dataclass(frozen=True)
class LanguageDetector:
    identifier: Any

    @classmethod
    def load(cls) -> LanguageDetector:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return cls(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))

    def detect(self, text: str) -> tuple[str, float]:
        """(ISO 639-1 code, probability); ('en', 0.0) when the text is too short to tell."""
        sample = text[:SAMPLE_CHARS]
        if sum(c.isalpha() for c in sample) < MIN_LETTERS:
            return "en", 0.0
        lang, prob = self.identifier.classify(sample)
        return str(lang), float(prob)
