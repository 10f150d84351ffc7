"""With the spaCy model and the shipped attribution model: each kind of attribution, quotes in
pieces, nested quotes, a speaker before, after or inside the quote, and a pronoun speaker
across sentences; the ``quote_attributions`` setting; the record's shape. Every text is
written for these tests."""

from __future__ import annotations

import pytest

from thucydides.api import Coder
from thucydides.output.jsonl import quote as quote_json
from thucydides.records import Analysis, Article, Quote
from thucydides.settings import Settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def run(coder: Coder, text: str) -> Analysis:
    return next(coder.run([Article("t", text)]))


def find(result: Analysis, words: str) -> Quote:
    """The quote whose content holds ``words``."""
    text = result.article.text
    found = [q for q in result.quotes or ()
             if words in text[q.content[0].start:q.content[-1].end]]
    assert found, f"no quote holds {words!r}: {[quote_json(q, text) for q in result.quotes or ()]}"
    return found[0]


# text, words of the content, attribution
CLASSES = [
    ("The mayor said that the bridge would reopen in May.", "bridge would reopen", "speech"),
    ("The ministry told reporters that the border crossing had been closed.",
     "border crossing", "speech"),
    ("The governor believes that the new tax will never pass the assembly.",
     "new tax will never pass", "belief"),
    ("Farmers fear that the drought will ruin this year's harvest.", "drought will ruin",
     "belief"),
    ("A study by the university found that rents in the capital rose by a third.",
     "rents in the capital", "evidence"),
    ("The report says that unemployment in the region fell last year.",
     "unemployment in the region", "evidence"),
]


@pytest.mark.parametrize(("text", "words", "attribution"), CLASSES)
def test_each_class_of_attribution(coder: Coder, text: str, words: str,
                                   attribution: str) -> None:
    q = find(run(coder, text), words)
    assert q.attribution == attribution
    assert q.confidence is not None and 0.0 < q.confidence < 1.0


@pytest.mark.parametrize(("emit", "kept"), [
    ("speech", {"speech"}), ("belief,evidence", {"belief", "evidence"}),
    ("all", {"speech", "belief", "evidence"})])
def test_the_setting_chooses_the_attributions_emitted(emit: str, kept: set[str]) -> None:
    text = " ".join(t for t, _, _ in CLASSES)
    only = Coder.load(Settings(quote_attributions=emit))
    got = {q.attribution for q in run(only, text).quotes or ()}
    assert got == kept


# text, words of the content, the speaker's local mention, its name-bearing text, parts
SPEAKERS = [
    # the speaker before the quote
    ("Foreign Minister Sergey Lavrov said the budget talks had collapsed.", "budget talks",
     "Lavrov", "Sergey Lavrov", 1),
    # after it
    ("“The budget talks have collapsed,” Foreign Minister Sergey Lavrov said.", "budget talks",
     "Lavrov", "Sergey Lavrov", 1),
    # inside it: one quote in two pieces
    ("“The budget talks,” Foreign Minister Sergey Lavrov said, “have collapsed.”",
     "have collapsed", "Lavrov", "Sergey Lavrov", 2),
    # interrupted over two sentences: one statement, two parts
    ("“We are ready to talk,” Foreign Minister Sergey Lavrov said. “But not at any price.”",
     "not at any price", "Lavrov", "Sergey Lavrov", 2),
    # a pronoun speaker across sentences: the local mention is the pronoun
    ("Sergey Lavrov arrived in Ankara on Monday. He said the budget talks had collapsed.",
     "budget talks", "He", "Sergey Lavrov", 1),
]


@pytest.mark.parametrize(("text", "words", "mention", "name", "parts"), SPEAKERS)
def test_speaker_before_after_inside_and_across_sentences(coder: Coder, text: str, words: str,
                                                          mention: str, name: str,
                                                          parts: int) -> None:
    q = find(run(coder, text), words)
    assert q.speaker is not None and q.speaker.mention is not None
    assert mention in q.speaker.mention.of(text)
    assert name in q.speaker.span.of(text)
    assert len(q.content) == parts
    shape = quote_json(q, text)
    assert shape["speaker"]["mention"]["text"] in text  # a span of the page
    assert ("parts" in shape["content"]) == (parts > 1)


def test_a_nested_quote_is_inside_one_direct_quote(coder: Coder) -> None:
    text = "“They told us ‘we will not sign this’, and we left,” the envoy said."
    result = run(coder, text)
    q = find(result, "we will not sign")
    assert q.kind == "direct"
    assert q.speaker is not None and "envoy" in q.speaker.mention.of(text)  # type: ignore[union-attr]
    inner = [x for x in result.quotes or () if x is not q
             and q.content[0].contains(x.content[0])]
    assert all(x.speaker is None or "envoy" not in x.speaker.span.of(text) for x in inner)


def test_content_is_one_object_with_parts_for_pieces(coder: Coder) -> None:
    text = "“The budget talks,” Foreign Minister Sergey Lavrov said, “have collapsed.”"
    result = run(coder, text)
    shape = quote_json(find(result, "have collapsed"), text)
    content = shape["content"]
    assert set(content) == {"text", "start", "end", "parts"}
    assert content["start"] == content["parts"][0]["start"]
    assert content["end"] == content["parts"][-1]["end"]
    assert content["text"] == text[content["start"]:content["end"]]
    assert [text[p["start"]:p["end"]] for p in content["parts"]] == [
        p["text"] for p in content["parts"]]


def test_the_rules_alone_give_no_confidence() -> None:
    rules = Coder.load(Settings(quote_decider="rules"))
    q = find(run(rules, CLASSES[0][0]), CLASSES[0][1])
    assert q.confidence is None and q.attribution == "speech"
