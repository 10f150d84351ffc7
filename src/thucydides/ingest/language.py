"""Language identification (py3langid: its model ships inside the package, no download), and the
one rule that decides an article's language (``judge_language``), applied by the ingest stage.

Readers only pass on a *declared* language (an HTML ``lang``, a feed's or a record's
``language`` field), normalised by ``language_code``; they never guess.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from typing import Any

MIN_LETTERS = 40  # below this, identification is a guess: assume English
SAMPLE_CHARS = 4000
MIN_CONFIDENCE = 0.9  # a detection at least this sure decides the language
# Letters of these code-point ranges are Latin (ASCII, Latin-1, Latin Extended A-B and
# Additional, fullwidth forms and ligatures); any other letter belongs to another script.
LATIN = ((0x0000, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF),
         (0xFB00, 0xFB06), (0xFF21, 0xFF5A))
SCRIPTS = (("Greek", 0x0370, 0x03FF), ("Cyrillic", 0x0400, 0x052F), ("Hebrew", 0x0590, 0x05FF),
           ("Arabic", 0x0600, 0x08FF), ("Devanagari", 0x0900, 0x097F),
           ("Bengali", 0x0980, 0x09FF), ("Thai", 0x0E00, 0x0E7F), ("Georgian", 0x10A0, 0x10FF),
           ("Hangul", 0x1100, 0x11FF), ("Greek", 0x1F00, 0x1FFF), ("Kana", 0x3040, 0x30FF),
           ("Han", 0x3400, 0x9FFF), ("Hangul", 0xAC00, 0xD7AF), ("Arabic", 0xFB50, 0xFEFF))


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
        return self.classify(sample)

    def classify(self, text: str) -> tuple[str, float]:
        """The detector's best guess and its probability, however short ``text`` is."""
        lang, prob = self.identifier.classify(text[:SAMPLE_CHARS])
        return str(lang), float(prob)


def language_code(value: str | None) -> str | None:
    """'en-GB' / 'en_US' / 'EN' -> 'en'; None for empty values."""
    if not value or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None


def _is_latin(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in LATIN)


def script_name(char: str) -> str:
    point = ord(char)
    return next((name for name, low, high in SCRIPTS if low <= point <= high), "other")


def foreign_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in, when it is not Latin (more than
    half of the letters are not Latin), else None."""
    letters = [c for c in text[:SAMPLE_CHARS] if c.isalpha()]
    foreign = [c for c in letters if not _is_latin(c)]
    if not foreign or len(foreign) * 2 <= len(letters):
        return None
    return Counter(script_name(c) for c in foreign).most_common(1)[0][0]


@dataclass(frozen=True, slots=True)
class LanguageDecision:
    """How an article's language was decided. ``language`` None means unknown (coded as
    English); ``guess`` and ``confidence`` are the detector's best guess and its probability
    (0.0: the text is too short to tell); ``basis`` is 'script' (a script that is not Latin),
    'detected', 'declared' or 'default'."""

    language: str | None
    guess: str
    confidence: float
    basis: str
    script: str | None = None

    @property
    def uncertain(self) -> bool:
        """Coded as English although the detector's (unsure) best guess is another language."""
        return self.basis == "default" and self.confidence > 0 and self.guess != "en"


def judge_language(detector: LanguageDetector, text: str, declared: str | None,
                   ) -> LanguageDecision:
    """The one rule. Text written mostly in a script that is not Latin (Arabic, Chinese,
    Cyrillic, Devanagari, ...) is never English, whatever is declared: its language is the
    detector's guess. Otherwise the detected language when the detector is sure (probability at
    least ``MIN_CONFIDENCE``), else the declared one normalised ('en-GB' -> 'en'), else None
    (unknown: the text is coded as English, and the stage records the uncertain guess). The
    same text and declaration always give the same answer, however the article was read."""
    lang, prob = detector.detect(text)
    script = foreign_script(text)
    if script is not None:
        guess, prob = (lang, prob) if lang != "en" else detector.classify(text)
        return LanguageDecision(guess if guess != "en" else "und", guess, prob, "script", script)
    if prob >= MIN_CONFIDENCE:
        return LanguageDecision(lang, lang, prob, "detected")
    code = language_code(declared)
    return LanguageDecision(code, lang, prob, "declared" if code else "default")


def decide_language(detector: LanguageDetector, text: str, declared: str | None) -> str | None:
    """The language ``judge_language`` decides (None: unknown, coded as English)."""
    return judge_language(detector, text, declared).language
