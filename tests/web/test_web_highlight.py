"""Cutting text into highlighted pieces: overlaps, nesting, clipping, code points."""

from __future__ import annotations

import pytest

from thucydides.web.highlight import Mark, article_marks, pieces

TEXT = "Russia attacked Ukraine."

CASES = [
    # marks, base, expected (text, kinds)
    ([], 0, [(TEXT, ())]),
    ([Mark(0, 6, "src"), Mark(7, 15, "trig"), Mark(16, 23, "trg")], 0,
     [("Russia", ("src",)), (" ", ()), ("attacked", ("trig",)), (" ", ()),
      ("Ukraine", ("trg",)), (".", ())]),
    # nested: a trigger inside a quote
    ([Mark(0, 24, "quote"), Mark(7, 15, "trig")], 0,
     [("Russia ", ("quote",)), ("attacked", ("quote", "trig")), (" Ukraine.", ("quote",))]),
    # overlapping, not nested
    ([Mark(0, 10, "a"), Mark(7, 23, "b")], 0,
     [("Russia ", ("a",)), ("att", ("a", "b")), ("acked Ukraine", ("b",)), (".", ())]),
    # the same kind twice over a stretch is listed once
    ([Mark(0, 6, "src", "e0"), Mark(0, 6, "src", "e1")], 0,
     [("Russia", ("src",)), (" attacked Ukraine.", ())]),
    # marks reaching outside a sentence shown alone are clipped; empty marks ignored
    ([Mark(90, 106, "src"), Mark(113, 200, "trg"), Mark(95, 95, "x")], 100,
     [("Russia", ("src",)), (" attack", ()), ("ed Ukraine.", ("trg",))]),
]


@pytest.mark.parametrize(("marks", "base", "expected"), CASES)
def test_pieces(marks: list[Mark], base: int, expected: list[tuple[str, tuple[str, ...]]],
                ) -> None:
    got = pieces(TEXT, marks, base)
    assert [(p.text, p.kinds) for p in got] == expected
    assert "".join(p.text for p in got) == TEXT
    assert [p.start for p in got] == [base + sum(len(q.text) for q in got[:i])
                                      for i in range(len(got))]


def test_refs_of_every_covering_mark() -> None:
    got = pieces(TEXT, [Mark(0, 6, "src", "e0"), Mark(0, 6, "mention", "m0"),
                        Mark(0, 23, "sentence", "e0")])
    assert got[0].refs == ("e0", "m0") and got[1].refs == ("e0",)


def test_offsets_are_code_points() -> None:
    text = "Kyiv 🙂 — Russia attacked."
    start = text.index("Russia")
    got = pieces(text, [Mark(start, start + 6, "src")])
    assert [p.text for p in got] == ["Kyiv 🙂 — ", "Russia", " attacked."]


def test_article_marks_cover_events_quotes_and_mentions() -> None:
    span = {"text": "x", "start": 0, "end": 1}
    article = {
        "mentions": [{"idx": 0, "start": 0, "end": 6}],
        "events": [{"idx": 2, "source": span, "trigger": None, "target": None,
                    "date": {"expression": {"start": 30, "end": 36}},
                    "reported_by": {"start": 40, "end": 44}}],
        "quotes": [{"idx": 1, "content": {"start": 50, "end": 60}, "speaker": span,
                    "cue": None},
                   {"idx": 3, "content": {"start": 70, "end": 99, "parts": [
                       {"start": 70, "end": 80}, {"start": 90, "end": 99}]}, "speaker": None,
                    "cue": None}],
    }
    got = {(m.kind, m.ref, m.start) for m in article_marks(article)}
    assert got == {("mention", "m0", 0), ("src", "e2", 0), ("when", "e2", 30),
                   ("said", "e2", 40), ("quote", "q1", 50), ("speaker", "q1", 0),
                   ("quote", "q3", 70), ("quote", "q3", 90)}  # a quote in pieces: each
