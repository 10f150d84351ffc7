"""Sentence segmentation and dateline stripping (``thucydides.nlp.segment``). Only spaCy's
tokenizer is needed (a blank English pipeline), not the trained model."""

from __future__ import annotations

import itertools

import pytest

from thucydides.nlp.segment import segment_text, sentence_spans, strip_dateline
from thucydides.records import Span


@pytest.fixture(scope="module")
def tokenize():
    import spacy

    return spacy.blank("en").make_doc


def sentences(tokenize, text: str, max_tokens: int = 120) -> list[str]:
    return [span.of(text) for span in sentence_spans(tokenize(text), max_tokens)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked Ukraine. Kyiv responded!",
         ["Russia attacked Ukraine.", "Kyiv responded!"]),
        ('He said "we will fight." Then he left.', ['He said "we will fight."', "Then he left."]),
        ("Talks resumed (in Geneva.) Both sides came.", ["Talks resumed (in Geneva.)",
                                                         "Both sides came."]),
        ("Headline without a stop\nBody text here.",
         ["Headline without a stop", "Body text here."]),
        ("First.\n\n  \nSecond one", ["First.", "Second one"]),
        ("Is it over? Nobody knows...", ["Is it over?", "Nobody knows..."]),
        ("", []),
    ],
)
def test_sentences_end_at_final_punctuation_and_line_breaks(tokenize, text, expected):
    assert sentences(tokenize, text) == expected


@pytest.mark.parametrize(
    ("text", "max_tokens", "expected"),
    [
        # at a comma inside the second half of the window, else hard at the cap
        ("a b c d , e f g h i j k", 6, ["a b c d ,", "e f g h i j", "k"]),
        ("a b c d ; e f", 6, ["a b c d ;", "e f"]),
        # a comma in the first half of the window is too early: hard cut
        ("a , b c d e f g", 6, ["a , b c d e", "f g"]),
        ("a b c d e f", 6, ["a b c d e f"]),  # exactly the cap: one piece
        ("a b c d e f g h i j k l m", 4, ["a b c d", "e f g h", "i j k l", "m"]),
    ],
)
def test_runs_over_the_token_cap_are_split(tokenize, text, max_tokens, expected):
    got = sentences(tokenize, text, max_tokens)
    assert got == expected
    assert all(len(tokenize(piece)) <= max_tokens for piece in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUL (Pajhwok): Taliban fighters attacked a checkpoint.",
         "Taliban fighters attacked a checkpoint."),
        ("GENEVA, March 14 — Talks resumed.", "Talks resumed."),
        ("SAN FRANCISCO - Protesters marched.", "Protesters marched."),
        ("NEW YORK -- The council met.", "The council met."),
        ("Washington - The president spoke.", "The president spoke."),
        ("Washington said it would respond.", "Washington said it would respond."),
        ("Russia attacked Ukraine.", "Russia attacked Ukraine."),
        ("The UN: talks went on.", "The UN: talks went on."),
        ("KABUL -", "KABUL -"),  # nothing after it: left alone
    ],
)
def test_a_leading_dateline_is_stripped(text, expected):
    assert strip_dateline(text, Span(0, len(text))).of(text) == expected


def test_a_dateline_is_stripped_within_its_sentence_only():
    text = "Intro line.\nKABUL (AP): Clashes erupted."
    second = Span(text.index("KABUL"), len(text))
    assert strip_dateline(text, second).of(text) == "Clashes erupted."
    assert strip_dateline(text, Span(0, 11)) == Span(0, 11)


def mixed_text(n: int, seed: int = 7) -> str:
    """Sentences of every shape the segmenter meets: abbreviations, quotes, brackets, runs
    without a full stop, line and paragraph breaks."""
    import random

    rng = random.Random(seed)
    words = ["Russia", "accused", "Ukraine", "of", "shelling", "Kharkiv", "on", "Monday", ",",
             "said", "Mr.", "Smith", '"', "the", "talks", "failed", ".", "U.S.", "officials",
             ";", "(", "AP", ")", "—", "3.5", "percent", "!", "?", "«", "Kyiv", "»"]
    ends = [". ", ".\n", ".\n\n", " ", "? ", "\n", '." ', ", "]
    return "".join(" ".join(rng.choice(words) for _ in range(rng.randint(2, 160)))
                   + rng.choice(ends) for _ in range(n))


@pytest.mark.parametrize("window", [3_000, 10_000, 33_333])
def test_windows_give_the_sentences_of_one_pass(tokenize, window):
    text = mixed_text(1500)
    whole = sentence_spans(tokenize(text))
    windowed = [Span(s.start + offset, s.end + offset)
                for _, offset, spans in segment_text(text, tokenize, window) for s in spans]
    assert windowed == whole


def test_text_without_spaces_is_cut_hard_and_every_character_is_covered(tokenize):
    text = "x" * 25_000 + " ends here."
    spans = [Span(s.start + o, s.end + o) for _, o, ss in segment_text(text, tokenize, 10_000)
             for s in ss]
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_a_short_text_is_one_window(tokenize):
    ((doc, offset, spans),) = segment_text("One. Two.", tokenize)
    assert offset == 0 and len(spans) == 2 and doc.text == "One. Two."
