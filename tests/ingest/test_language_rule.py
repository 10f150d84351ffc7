"""One language rule, decided in the ingest stage: a text and its declared language give the same
outcome whether the article is read from a file (``read_inputs``, as ``thucydides code`` does) or
built directly (``Article``, as the library API does)."""

from __future__ import annotations

import json

import pytest

from thucydides.api import analyses
from thucydides.ingest.inputs import read_inputs
from thucydides.ingest.language import (
    LanguageDetector,
    decide_language,
    foreign_script,
    judge_language,
)
from thucydides.ingest.readers.decode import binary_reason, text_binary_reason
from thucydides.ingest.stage import Ingest
from thucydides.pipeline import Pipeline
from thucydides.records import Article
from thucydides.settings import Settings

# English the detector cannot be sure of: its best guess is not English (pcm, p < 0.9)
SHORT = "Taliban spokesman Zabihullah Mujahid told Pajhwok Afghan News about clashes in Kunduz."
KABUL = ("Kabul: Taliban spokesman Zabihullah Mujahid said Pajhwok Afghan News reported clashes "
         "in the province.")
GERMAN = ("Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen. Ein "
          "Sprecher sagte in Berlin, die Maßnahmen würden mit den europäischen Partnern "
          "abgestimmt und sollten noch in dieser Woche in Kraft treten.")
ENGLISH = ("Foreign ministers of Russia and Ukraine met in Antalya on Thursday for the first talks "
           "since the invasion began, but made no progress towards a ceasefire, officials said.")

CASES = [  # text, declared language, expected error code (None: coded), language after ingest
    (SHORT, None, None, None),
    (KABUL, None, None, None),
    (SHORT, "en", None, "en"),
    (SHORT, "en-GB", None, "en"),
    (SHORT, "EN_us", None, "en"),
    (SHORT, "de", "E106", None),
    (SHORT, "de-AT", "E106", None),
    (GERMAN, None, "E106", None),
    (GERMAN, "en", "E106", None),  # a sure detection outweighs the declaration
    (ENGLISH, None, None, "en"),
    (ENGLISH, "fr", None, "en"),
]


@pytest.fixture(scope="module")
def ingest() -> Pipeline:
    return Pipeline([Ingest.load(Settings()).stage()])


def outcome(pipeline: Pipeline, items) -> tuple[str | None, str | None]:
    (result,) = pipeline(analyses(items))
    codes = [e.code for e in result.errors]
    return (codes[0] if codes else None), (None if codes else result.article.language)


def read(tmp_path, text: str, declared: str | None) -> list:
    """The text as a file: a .txt when nothing is declared, else a JSONL record."""
    if declared is None:
        path = tmp_path / "doc.txt"
        path.write_text(text + "\n", encoding="utf-8")
    else:
        path = tmp_path / "doc.jsonl"
        path.write_text(json.dumps({"id": "doc", "text": text, "language": declared}) + "\n",
                        encoding="utf-8")
    return list(read_inputs([str(path)]))


@pytest.mark.parametrize(("text", "declared", "code", "language"), CASES)
def test_the_same_outcome_from_a_file_and_from_an_article(ingest, tmp_path, text, declared,
                                                         code, language):
    direct = outcome(ingest, [Article("doc", text, language=declared)])
    from_file = outcome(ingest, read(tmp_path, text, declared))
    assert direct == from_file == (code, language)


@pytest.mark.parametrize(("text", "declared"), [(SHORT, None), (SHORT, "en-GB"), (GERMAN, "de")])
def test_readers_pass_on_only_the_declared_language(tmp_path, text, declared):
    (item,) = read(tmp_path, text, declared)
    assert isinstance(item, Article)
    assert item.language == (declared.split("-")[0] if declared else None)


def test_the_short_text_is_a_guess_the_rule_does_not_trust():
    detector = LanguageDetector.load()
    lang, prob = detector.detect(SHORT)
    assert lang != "en" and 0 < prob < 0.9  # the reason the case is in the table
    assert decide_language(detector, SHORT, None) is None


def test_loaded_once():
    assert LanguageDetector.load() is LanguageDetector.load()
    a, b = Ingest.load(Settings()), Ingest.load(Settings(batch_size=2))
    assert a.detector is b.detector and a.boilerplate is b.boilerplate


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"Plain text.\n\tIndented.\r\n", False),
        (b"Page one.\fPage two, with an \x1b[1mescape\x1b[0m.", False),
        (b"text with a NUL\x00 byte", True),
        (bytes(range(1, 32)) * 4, True),
        (b"mostly text " * 40 + b"\x01\x02", False),
    ],
)
def test_bytes_and_text_are_judged_binary_alike(data, binary):
    assert (binary_reason(data) is not None) == binary
    assert (text_binary_reason(data.decode("latin-1")) is not None) == binary


NON_LATIN = [  # written for these tests: one sentence of news in each script
    ("Arabic", "قالت وزارة الخارجية إن الوفدين سيلتقيان في جنيف يوم الاثنين لمواصلة المحادثات."),
    ("Han", "外交部发言人表示，两国代表团将于周一在日内瓦继续举行会谈。"),
    ("Han", "会谈继续"),  # too short for the detector, not for the script
    ("Cyrillic", "Министр заявил, что делегации встретятся в Женеве в понедельник."),
    ("Devanagari", "मंत्री ने कहा कि दोनों प्रतिनिधिमंडल सोमवार को जिनेवा में मिलेंगे।"),
]


@pytest.mark.parametrize(("script", "text"), NON_LATIN)
@pytest.mark.parametrize("declared", [None, "en"])
def test_text_in_a_script_that_is_not_latin_is_never_english(ingest, script, text, declared):
    (result,) = ingest(analyses([Article("doc", text, language=declared)]))
    assert [e.code for e in result.errors] == ["E106"]
    decision = judge_language(LanguageDetector.load(), text, declared)
    assert decision.basis == "script" and decision.script == script
    assert decision.language not in (None, "en")


def test_a_quoted_foreign_phrase_leaves_english_english(ingest):
    text = ENGLISH + " The banner read «Нет войне» and «لا للحرب»."
    (result,) = ingest(analyses([Article("doc", text)]))
    assert not result.errors and foreign_script(text) is None


def test_unsure_latin_text_is_coded_with_its_confidence_recorded(ingest):
    (result,) = ingest(analyses([Article("doc", SHORT)]))
    assert not result.errors and result.article.language is None
    (warning,) = result.article.warnings
    guess, prob = LanguageDetector.load().detect(SHORT)
    assert warning.code == "W102" and f"'{guess}'" in warning.message
    assert f"{prob:.2f}" in warning.message


def test_sure_english_carries_no_warning(ingest):
    (result,) = ingest(analyses([Article("doc", ENGLISH)]))
    assert not result.errors and not result.article.warnings
