"""The quotes stage in the pipeline, its output record and its prediction lines for the scorer
(no model: hand-built analyses)."""

from __future__ import annotations

import json

import pytest
from quotekit import LAVROV, LEXICON, article

from thucydides.errors import ThucydidesError
from thucydides.eval.gold import run_scorer
from thucydides.eval.quotes import prediction, read_gold
from thucydides.output.jsonl import quotes_record, record
from thucydides.pipeline import PerArticle, Pipeline
from thucydides.quotes.extract import QuoteFinder
from thucydides.quotes.stage import Quotes

ARRIVED = ("Lavrov|lavrov|PROPN|nsubj|1|PERSON arrived|arrive|VERB|ROOT|1 in|in|ADP|prep|1 "
           "Delhi|delhi|PROPN|pobj|2|GPE ~.|.|PUNCT|punct|1")
PARENTHETICAL = (
    "The|the|DET|det|1 economy|economy|NOUN|nsubj|7 ~,|,|PUNCT|punct|4 he|he|PRON|nsubj|4 "
    "said|say|VERB|parataxis|7 ~,|,|PUNCT|punct|4 is|be|AUX|aux|7 growing|grow|VERB|ROOT|7 "
    "~.|.|PUNCT|punct|7")


def stage() -> PerArticle:
    return Quotes(QuoteFinder(LEXICON)).stage()


def test_stage_declares_its_place_after_events() -> None:
    s = stage()
    assert s.requires == ("article", "sentences", "mentions", "events")
    assert "quotes" in s.assigns
    parse_only = PerArticle("nlp", lambda a: a, ("article",), ("sentences",))
    with pytest.raises(ThucydidesError, match="E402"):
        Pipeline([parse_only, s])


def test_stage_fills_quotes() -> None:
    (out,) = stage()([article(ARRIVED, PARENTHETICAL, actors={"Lavrov": LAVROV})])
    assert out.errors == () and out.quotes is not None and len(out.quotes) == 1


def test_a_failing_article_becomes_an_error_record_and_the_batch_goes_on() -> None:
    good = article(ARRIVED, PARENTHETICAL, actors={"Lavrov": LAVROV})
    bad = article(ARRIVED.replace("said|say|VERB|ROOT|1", "x") + " said|say|VERB|ROOT|99")
    results = list(stage()([bad, good]))
    assert [e.code for e in results[0].errors] == ["E401"]
    assert results[0].quotes is None
    assert results[1].errors == () and results[1].quotes is not None


def test_output_record_has_the_issue_fields() -> None:
    (out,) = stage()([article(ARRIVED, PARENTHETICAL, actors={"Lavrov": LAVROV})])
    (q,) = record(out)["quotes"]
    assert set(q) >= {"speaker", "speaker_name", "cue", "content", "kind", "speech_act",
                      "hedged", "addressee", "events"}
    assert q["speaker_name"] == "Sergey Lavrov"
    assert (q["speaker"]["text"], q["speaker"]["code"], q["speaker"]["name"]) == (
        "Lavrov", "RUSGOV", "Sergey Lavrov")
    assert [c["text"] for c in q["speaker"]["chain"]] == ["he"]
    assert q["speaker"]["mention"]["text"] == "he"  # the words of the attribution itself
    assert [c["text"] for c in q["content"]["parts"]] == ["The economy", "is growing"]
    text = out.article.text
    assert q["content"]["text"] == text[q["content"]["start"]:q["content"]["end"]]
    assert (q["attribution"], q["confidence"]) == ("speech", None)  # the rules: no confidence
    assert set(quotes_record(out)) == {"id", "quotes", "errors"}
    json.dumps(quotes_record(out))


def test_prediction_line_for_the_scorer() -> None:
    (out,) = stage()([article(ARRIVED, PARENTHETICAL, actors={"Lavrov": LAVROV})])
    line = prediction(out)
    (q,) = line["quotes"]
    text = out.article.text
    # the name-bearing phrase, and the words in the quote's sentence as gold marks them
    assert (q["speaker"]["text"], q["speaker"]["mention"]["text"]) == ("Lavrov", "he")
    assert q["speaker_name"] == "Sergey Lavrov"
    assert [[c["start"], c["end"]] for c in q["content"]["parts"]] == [
        [text.index("The"), text.index(",")], [text.index("is"), text.index("growing") + 7]]
    assert q["content"]["text"] == text[q["content"]["start"]:q["content"]["end"]]


@pytest.mark.parametrize("line", ['{"id": "a", "text": ', '{"id": "a"}', "[1, 2]"])
def test_bad_gold_line_is_named(tmp_path, line: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "ok", "text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ThucydidesError, match=r"E140: .*line 2"):
        read_gold(path)


def test_missing_scorer_is_a_catalogued_error(tmp_path) -> None:
    with pytest.raises(ThucydidesError, match="E403"):
        run_scorer(tmp_path / "none.py", tmp_path / "gold.jsonl", tmp_path / "pred.jsonl")


def test_a_statement_event_points_at_its_quote() -> None:
    """The event whose trigger is a quote's cue ("said") links to that quote (exports and the
    dashboard hide statements, or show what was said, through it); other events do not."""
    from thucydides.quotes.extract import link
    from thucydides.records import ActorRef, Event, Quote, Span

    text = "Lavrov said Russia attacked Kyiv."
    lavrov, russia, kyiv = Span(0, 6), Span(12, 18), Span(28, 32)
    said = Event(ActorRef(lavrov, lavrov), None, "010", None, None, None, 0.0, 1, 0, Span(7, 11),
                 Span(0, len(text)))
    attack = Event(ActorRef(russia, russia), ActorRef(kyiv, kyiv), "190", "ASSAULT", None, None,
                   -10.0, 4, 4, Span(19, 27), Span(0, len(text)))
    quote = Quote(ActorRef(lavrov, lavrov), Span(7, 11), (Span(12, 32),), "indirect")
    quotes, events = link([quote], [said, attack])
    assert events[0].quote == 0 and events[1].quote is None
    assert quotes[0].events == (1,) and events[1].reported_by == lavrov
