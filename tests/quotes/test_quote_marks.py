"""Quotation marks in plain text: pairing, nesting, typographic and unbalanced marks."""

from __future__ import annotations

import pytest

from thucydides.quotes.marks import MAX_OPEN, quoted, words
from thucydides.records import Span

# text -> the quoted stretches (marks included) as (text, closed, level)
CASES = {
    "straight pair": (
        'He said: "We will win." Then he left.',
        [('"We will win."', True, 1)],
    ),
    "typographic pairs": (
        "“We will win,” he said. “They will lose.”",
        [("“We will win,”", True, 1), ("“They will lose.”", True, 1)],
    ),
    "guillemets": (
        "Il a dit «non» hier.",
        [("«non»", True, 1)],
    ),
    "nested single marks": (
        "“He told me ‘we will win’ today,” she said.",
        [("“He told me ‘we will win’ today,”", True, 1), ("‘we will win’", True, 2)],
    ),
    "apostrophes are not marks": (
        "“Russia’s army won’t stop,” he said.",
        [("“Russia’s army won’t stop,”", True, 1)],
    ),
    "closing mark glued to the next sentence": (
        "It is not a “major offensive.”Its aim is neutrality.",
        [("“major offensive.”", True, 1)],
    ),
    "stray closing mark is ignored": (
        "The talks” resumed. “We are ready,” he said.",
        [("“We are ready,”", True, 1)],
    ),
    "odd opening marks end at the paragraph": (
        "agree to this “Actually“Protect Ukraine against “Any aggression.\nNext “ok” fine",
        [("“Actually“Protect Ukraine against “Any aggression.", False, 1), ("“ok”", True, 1)],
    ),
    "a quote over paragraphs reopens each one": (
        "“First paragraph of the quote.\n“Second paragraph,” he said.",
        [("“First paragraph of the quote.", False, 1), ("“Second paragraph,”", True, 1)],
    ),
    "one odd straight mark does not flip later quotes": (
        'A "stray mark here.\nLater "quoted words" end.',
        [('"stray mark here.', False, 1), ('"quoted words"', True, 1)],
    ),
    "two apostrophes are one double mark": (
        "''We are ready,'' the envoy said. ''But not at any price.''",
        [("''We are ready,''", True, 1), ("''But not at any price.''", True, 1)],
    ),
    "two apostrophes hold nested single marks": (
        "''He told me ‘wait’ today,'' she said.",
        [("''He told me ‘wait’ today,''", True, 1), ("‘wait’", True, 2)],
    ),
    "two apostrophes left open end at the paragraph": (
        "''First paragraph of the quote.\n''Second paragraph,'' he said.",
        [("''First paragraph of the quote.", False, 1), ("''Second paragraph,''", True, 1)],
    ),
    "a lone apostrophe is not a mark": (
        "The players' union said 'no' to rock 'n' roll.",
        [],
    ),
    "no marks": ("Nothing quoted here.", []),
}


@pytest.mark.parametrize("name", CASES)
def test_quoted(name: str) -> None:
    text, expected = CASES[name]
    got = [(m.span.of(text), m.closed, m.level) for m in quoted(text)]
    assert got == expected


@pytest.mark.parametrize("text", ["“We will win,” he said.", "''We will win,'' he said.",
                                  "''We will win,\" he said."])
def test_inner_drops_the_marks(text: str) -> None:
    (m,) = quoted(text)
    assert m.inner.of(text) == "We will win,"


def test_open_quote_in_a_huge_paragraph_ends_at_its_sentence() -> None:
    text = "He said “we will win. " + "Then more text follows. " * 200
    (m,) = quoted(text)
    assert m.span.of(text) == "“we will win."
    assert not m.closed
    assert len(text) > MAX_OPEN


def test_words() -> None:
    assert words("a “big, bad” wolf", Span(2, 12)) == 2
