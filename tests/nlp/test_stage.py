"""The NLP stage isolates an article that breaks parsing: the others of its batch are parsed, the
bad one gets an error record with the right code, and it is parsed at most twice (in its batch,
then alone). A fake ``nlp`` (spaCy's blank English tokenizer, no trained model) stands in."""

from __future__ import annotations

from collections import Counter

import pytest

from thucydides.errors import Err, ModelError, ThucydidesError
from thucydides.nlp.stage import Parse
from thucydides.records import Analysis, Article, ErrorRecord
from thucydides.settings import Settings

BAD = "Zorblax"


class FakeNLP:
    """``make_doc`` tokenizes; ``pipe`` returns unparsed docs, or raises ``error`` when its batch
    holds a sentence with ``BAD``. ``parsed`` counts how often each sentence went through."""

    def __init__(self, error: Exception) -> None:
        import spacy

        self.blank = spacy.blank("en")
        self.error = error
        self.parsed: Counter[str] = Counter()

    def make_doc(self, text: str):
        return self.blank.make_doc(text)

    def pipe(self, texts, batch_size: int, disable: list[str]):
        texts = list(texts)
        self.parsed.update(texts)
        if any(BAD in text for text in texts):
            raise self.error
        return [self.blank.make_doc(text) for text in texts]


def run(nlp: FakeNLP, items: list[Analysis]) -> list[Analysis]:
    stage = Parse(nlp, frozenset(), Settings(triage=False))  # type: ignore[arg-type]
    return list(stage(iter(items)))


def articles(n: int, bad: int | None) -> list[Analysis]:
    return [Analysis(Article(f"a{i}", f"Article {i} is fine. {BAD} breaks it." if i == bad
                             else f"Article {i} is fine. It has two sentences."))
            for i in range(n)]


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (RuntimeError("the parser crashed"), "E401"),  # a bug: catalogued as E401
        (ModelError(Err.E301, tried="x"), "E301"),  # a coded error keeps its code
    ],
)
@pytest.mark.parametrize(("n", "bad"), [(5, 2), (1, 0), (3, 0), (3, 2)])
def test_an_article_that_breaks_parsing_is_isolated(error, code, n, bad):
    nlp = FakeNLP(error)
    results = run(nlp, articles(n, bad))
    assert [r.article.id for r in results] == [f"a{i}" for i in range(n)]
    for i, result in enumerate(results):
        if i == bad:
            (err,) = result.errors
            assert (err.stage, err.code) == ("nlp", code)
            if code == "E401":
                assert "RuntimeError: the parser crashed" in err.message
        else:
            assert not result.errors
            assert [len(s.tokens) for s in result.sentences] == [5, 5]
    assert 1 <= nlp.parsed[f"{BAD} breaks it."] <= 2


def test_an_article_that_failed_earlier_is_passed_through():
    failed = Analysis(Article("gone", ""), errors=(ErrorRecord("gone", "ingest", "E101", "x"),))
    good = articles(1, None)[0]
    results = run(FakeNLP(RuntimeError()), [failed, good])
    assert results[0] == failed and results[1].sentences


def test_a_failing_segmenter_is_one_error_record(monkeypatch):
    def segment(self, item):
        if item.article.id == "a1":
            raise ThucydidesError(Err.E102, detail="odd bytes")
        return real(self, item)

    real = Parse.segment
    monkeypatch.setattr(Parse, "segment", segment)
    results = run(FakeNLP(RuntimeError()), articles(3, None))
    assert [[e.code for e in r.errors] for r in results] == [[], ["E102"], []]
    assert results[0].sentences and results[2].sentences
