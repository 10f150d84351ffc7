"""Quotes of whole articles built from hand-written parses: direct, multi-sentence, split and
floating quotes, pronoun and title speakers, nested quotes, unbalanced marks, links to events,
and a very long article."""

from __future__ import annotations

import dataclasses

import pytest
from quotekit import LAVROV, LEXICON, MINISTER, RUSSIA, article, texts

from thucydides.quotes.extract import Attribution, Pending, QuoteFinder, classify, whole_quotes
from thucydides.quotes.lexicon import Cue
from thucydides.quotes.marks import Marked
from thucydides.quotes.speakers import local, speaker_name
from thucydides.records import Analysis, Event, Quote, Span

ARRIVED = ("Lavrov|lavrov|PROPN|nsubj|1|PERSON arrived|arrive|VERB|ROOT|1 in|in|ADP|prep|1 "
           "Delhi|delhi|PROPN|pobj|2|GPE ~.|.|PUNCT|punct|1")
TOLD = ('“|"|PUNCT|punct|9 ~We|we|PRON|nsubj|4 will|will|AUX|aux|4 not|not|PART|neg|4 '
        'retreat|retreat|VERB|ccomp|9 ~,|,|PUNCT|punct|9 ~”|"|PUNCT|punct|9 the|the|DET|det|8 '
        "minister|minister|NOUN|nsubj|9 told|tell|VERB|ROOT|9 reporters|reporter|NOUN|dobj|9 "
        "~.|.|PUNCT|punct|9")
WIN = ('“|"|PUNCT|punct|3 ~We|we|PRON|nsubj|3 will|will|AUX|aux|3 win|win|VERB|ROOT|3 '
       "~.|.|PUNCT|punct|3")
LOSE = ('They|they|PRON|nsubj|2 will|will|AUX|aux|2 lose|lose|VERB|ccomp|6 ~,|,|PUNCT|punct|6 '
        '~”|"|PUNCT|punct|6 Lavrov|lavrov|PROPN|nsubj|6|PERSON said|say|VERB|ROOT|6 '
        "~.|.|PUNCT|punct|6")
READY = ('“|"|PUNCT|punct|7 ~We|we|PRON|nsubj|2 are|be|AUX|ccomp|7 ready|ready|ADJ|acomp|2 '
         '~,|,|PUNCT|punct|7 ~”|"|PUNCT|punct|7 Lavrov|lavrov|PROPN|nsubj|7|PERSON '
         'said|say|VERB|ROOT|7 ~,|,|PUNCT|punct|7 “|"|PUNCT|punct|7 ~but|but|CCONJ|cc|12 '
         "not|not|PART|neg|12 at|at|ADP|prep|7 any|any|DET|det|14 price|price|NOUN|pobj|12 "
         '~.|.|PUNCT|punct|7 ~”|"|PUNCT|punct|7')
LYING = ('\n“|"|PUNCT|punct|4 ~The|the|DET|det|2 West|west|PROPN|nsubj|4|LOC is|be|AUX|aux|4 '
         'lying|lie|VERB|ROOT|4 ~.|.|PUNCT|punct|4 ~”|"|PUNCT|punct|4')
HE_SAID = ("He|he|PRON|nsubj|1 said|say|VERB|ROOT|1 that|that|SCONJ|mark|6 the|the|DET|det|4 "
           "talks|talk|NOUN|nsubj|6 had|have|AUX|aux|6 failed|fail|VERB|ccomp|1 "
           "~.|.|PUNCT|punct|1")
NESTED_INDIRECT = (
    '“|"|PUNCT|punct|10 ~Kiev|kiev|PROPN|nsubj|2|GPE said|say|VERB|ccomp|10 '
    "it|it|PRON|nsubj|6 would|would|AUX|aux|6 not|not|PART|neg|6 sign|sign|VERB|ccomp|2 "
    '~,|,|PUNCT|punct|10 ~”|"|PUNCT|punct|10 Lavrov|lavrov|PROPN|nsubj|10|PERSON '
    "told|tell|VERB|ROOT|10 reporters|reporter|NOUN|dobj|10 ~.|.|PUNCT|punct|10")
NESTED_MARKS = (
    '“|"|PUNCT|punct|13 ~They|they|PRON|nsubj|2 told|tell|VERB|ccomp|13 us|we|PRON|dobj|2 '
    "‘|'|PUNCT|punct|8 ~we|we|PRON|nsubj|8 will|will|AUX|aux|8 not|not|PART|neg|8 "
    "sign|sign|VERB|ccomp|2 ~’|'|PUNCT|punct|8 ~,|,|PUNCT|punct|13 ~”|\"|PUNCT|punct|13 "
    "he|he|PRON|nsubj|13 said|say|VERB|ROOT|13 ~.|.|PUNCT|punct|13")
ODD_MARK = ('He|he|PRON|nsubj|1 said|say|VERB|ROOT|1 “|"|PUNCT|punct|1 ~we|we|PRON|nsubj|5 '
            "will|will|AUX|aux|5 win|win|VERB|ccomp|1 ~.|.|PUNCT|punct|1")
CLAIMS = ("Lavrov|lavrov|PROPN|nsubj|1 claims|claim|VERB|ROOT|1 that|that|SCONJ|mark|4 "
          "Russia|russia|PROPN|nsubj|4|GPE attacked|attack|VERB|ccomp|1 ~.|.|PUNCT|punct|1")

TOLD_FRIDAY = ("Lavrov|lavrov|PROPN|nsubj|1|PERSON told|tell|VERB|ROOT|1 "
               "reporters|reporter|NOUN|dobj|1 on|on|ADP|prep|1 Friday|friday|PROPN|pobj|3|DATE "
               "~.|.|PUNCT|punct|1")
TOLD_COLON = ("Lavrov|lavrov|PROPN|nsubj|1|PERSON told|tell|VERB|ROOT|1 "
              "reporters|reporter|NOUN|dobj|1 ~:|:|PUNCT|punct|1")
UNMARKED = ("\nThe|the|DET|det|1 talks|talk|NOUN|nsubj|3 had|have|AUX|aux|3 "
            "failed|fail|VERB|ROOT|3 ~.|.|PUNCT|punct|3")

ADDING = ('“|"|PUNCT|punct|7 ~We|we|PRON|nsubj|2 are|be|AUX|ccomp|7 ready|ready|ADJ|acomp|2 '
          '~,|,|PUNCT|punct|7 ~”|"|PUNCT|punct|7 Lavrov|lavrov|PROPN|nsubj|7|PERSON '
          "said|say|VERB|ROOT|7 ~,|,|PUNCT|punct|7 adding|add|VERB|advcl|7 "
          "that|that|SCONJ|mark|14 the|the|DET|det|12 talks|talk|NOUN|nsubj|14 "
          "had|have|AUX|aux|14 failed|fail|VERB|ccomp|9 ~.|.|PUNCT|punct|7")
LYING_ON = LYING.removeprefix("\n")  # the same quote, in the same paragraph

# the same quote in two apostrophes, as some newspapers print quotation marks
WIN_APOSTROPHES = WIN.replace('“|"|PUNCT', "''|''|PUNCT")
LOSE_APOSTROPHES = LOSE.replace('~”|"|PUNCT', "~''|''|PUNCT")

ACTORS = {"Lavrov": LAVROV, "minister": MINISTER, "Russia": RUSSIA}


def find(item: Analysis) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
    return QuoteFinder(LEXICON).find(item)


def rows(item: Analysis, quotes: tuple[Quote, ...]) -> list[tuple[object, ...]]:
    """(content texts, kind, local speaker words, speaker name, cue) of each quote."""
    text = item.article.text
    return [(texts(item, q.content), q.kind,
             None if q.speaker is None else local(q.speaker).of(text),
             speaker_name(q.speaker, text), q.cue.of(text) if q.cue else None) for q in quotes]


CASES = {
    "direct quote, title speaker resolved to the person named before": (
        [ARRIVED, TOLD],
        [(("“We will not retreat,”",), "direct", "the minister", "Sergey Lavrov", "told")],
    ),
    "a direct quote over two sentences": (
        [WIN, LOSE],
        [(("“We will win. They will lose,”",), "direct", "Lavrov", "Sergey Lavrov", "said")],
    ),
    "a quote in two apostrophes over two sentences (indirect: the gold reads double marks)": (
        [WIN_APOSTROPHES, LOSE_APOSTROPHES],
        [(("''We will win. They will lose,''",), "indirect", "Lavrov", "Sergey Lavrov",
          "said")],
    ),
    "a direct quote split by its cue (mixed: its text holds the cue)": (
        [READY],
        [(("“We are ready,”", "“but not at any price.”"), "mixed", "Lavrov", "Sergey Lavrov",
          "said")],
    ),
    "a quote paragraph right after a quote continues it": (
        [READY, LYING],
        [(("“We are ready,”", "“but not at any price.”", "“The West is lying.”"), "mixed",
          "Lavrov", "Sergey Lavrov", "said")],
    ),
    "a floating quote continues the marked quote, past one found in the words between": (
        [ADDING, LYING_ON],
        [(("“We are ready,”", "“The West is lying.”"), "mixed", "Lavrov", "Sergey Lavrov",
          "said"),
         (("that the talks had failed",), "indirect", "Lavrov", "Sergey Lavrov", "adding")],
    ),
    "a quote paragraph after the cue's sentence continues the quote": (
        [ARRIVED, TOLD, LYING],
        [(("“We will not retreat,”", "“The West is lying.”"), "mixed", "the minister",
          "Sergey Lavrov", "told")],
    ),
    "a floating quote after other words continues the previous speaker": (
        [READY, UNMARKED, LYING],
        [(("“We are ready,”", "“but not at any price.”"), "mixed", "Lavrov", "Sergey Lavrov",
          "said"),
         (("“The West is lying.”",), "direct", "Lavrov", "Sergey Lavrov", None)],
    ),
    "a floating quote with nobody before it has no speaker": (
        [LYING],
        [],
    ),
    "a pronoun speaker resolves to the person named before": (
        [ARRIVED, HE_SAID],
        [(("that the talks had failed",), "indirect", "He", "Sergey Lavrov", "said")],
    ),
    "an unresolved pronoun keeps its words and has no name": (
        [HE_SAID],
        [(("that the talks had failed",), "indirect", "He", None, "said")],
    ),
    "speech reported inside a direct quote is part of it": (
        [NESTED_INDIRECT],
        [(("“Kiev said it would not sign,”",), "direct", "Lavrov", "Sergey Lavrov", "told")],
    ),
    "single marks nested in a direct quote stay inside it": (
        [ARRIVED, NESTED_MARKS],
        [(("“They told us ‘we will not sign’,”",), "direct", "he", "Sergey Lavrov", "said")],
    ),
    "one odd mark does not swallow the next sentence": (
        [ODD_MARK, CLAIMS],
        [(("“we will win.",), "direct", "He", None, "said"),
         (("that Russia attacked",), "indirect", "Lavrov", "Sergey Lavrov", "claims")],
    ),
    "a speech cue that reported nothing introduces the quote after it": (
        [TOLD_FRIDAY, LYING],
        [(("“The West is lying.”",), "direct", "Lavrov", "Sergey Lavrov", "told")],
    ),
    "a colon introduces the next sentence, marked or not": (
        [TOLD_COLON, UNMARKED],
        [(("The talks had failed.",), "indirect", "Lavrov", "Sergey Lavrov", "told")],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_article_quotes(name: str) -> None:
    specs, expected = CASES[name]
    item = article(*specs, actors=ACTORS)
    quotes, _ = find(item)
    assert rows(item, quotes) == expected


def test_resolved_speaker_keeps_the_local_words_in_its_chain() -> None:
    item = article(ARRIVED, HE_SAID, actors=ACTORS)
    (q,) = find(item)[0]
    assert q.speaker is not None and q.speaker.actor == LAVROV
    assert q.speaker.span.of(item.article.text) == "Lavrov"
    assert [c.of(item.article.text) for c in q.speaker.chain] == ["He"]


def test_hedge_and_speech_act_come_from_the_lexicon() -> None:
    item = article(CLAIMS, actors=ACTORS)
    (q,) = find(item)[0]
    assert (q.speech_act, q.hedged) == ("claim", True)


MARKS = [Marked(Span(0, 20)), Marked(Span(30, 40)), Marked(Span(50, 90), closed=False)]


@pytest.mark.parametrize("content, kind, expected", [
    ((Span(1, 19),), "direct", (Span(0, 20),)),  # fills its marks
    ((Span(1, 18), Span(31, 39)), "direct", (Span(0, 20), Span(30, 40))),  # split by its cue
    ((Span(55, 60),), "indirect", (Span(55, 60),)),  # reported inside a longer quote
    ((Span(25, 35),), "mixed", (Span(25, 40),)),  # a mark cut by the content's edge: taken whole
    ((Span(21, 45),), "mixed", (Span(21, 45),)),  # holds a whole mark
    ((Span(41, 49),), "indirect", (Span(41, 49),)),  # no mark
])
def test_classify(content: tuple[Span, ...], kind: str, expected: tuple[Span, ...]) -> None:
    got, got_kind, _ = classify(content, MARKS)
    assert (got_kind, got) == (kind, expected)


@pytest.mark.parametrize("content, cue, expected", [
    ("They will lose,", "said", "“We will win. They will lose,”"),  # cue outside: whole quote
    ("We will win.", "said", "“We will win. They will lose,”"),
    ("Lavrov", "said", "Lavrov"),  # outside any quote: as it was
])
def test_a_content_cut_by_a_sentence_end_inside_a_quote_takes_the_whole_quote(
        content: str, cue: str, expected: str) -> None:
    item = article(WIN, LOSE, actors=ACTORS)
    doc, _ = QuoteFinder(LEXICON).propose(item)
    text = item.article.text
    at, by = text.index(content), text.index(cue)
    found = Attribution(Cue("say", "VERB", "speech", "say", False, None, ()),
                        Span(by, by + len(cue)), None)
    pending = Pending(1, found, (Span(at, at + len(content)),), "indirect")
    (got,) = whole_quotes(doc, [pending])
    assert texts(item, got.content) == (expected,)


def test_a_content_inside_the_quote_that_holds_its_cue_stays_as_it_is() -> None:
    item = article(NESTED_INDIRECT, actors=ACTORS)
    doc, _ = QuoteFinder(LEXICON).propose(item)
    text = item.article.text
    at, by = text.index("it would not sign"), text.index("said")
    found = Attribution(Cue("say", "VERB", "speech", "say", False, None, ()),
                        Span(by, by + 4), None)
    pending = Pending(0, found, (Span(at, at + 17),), "indirect")
    assert whole_quotes(doc, [pending]) == [pending]


def _event(item: Analysis, trigger: str, reported_by: Span | None = None) -> Event:
    start = item.article.text.index(trigger)
    return Event(None, None, "190", "ASSAULT", None, None, -10.0, 4, 4,
                 Span(start, start + len(trigger)), item.sentences[0].span,
                 reported_by=reported_by)


def test_events_inside_a_quote_are_linked_and_reported_by_its_speaker() -> None:
    item = article(ARRIVED, CLAIMS, actors=ACTORS)
    outside = _event(item, "arrived")
    inside = _event(item, "attacked")
    item = dataclasses.replace(item, events=(outside, inside))
    (q,), events = find(item)
    assert q.events == (1,)
    assert events[0].reported_by is None
    assert events[1].reported_by is not None
    assert events[1].reported_by.of(item.article.text) == "Lavrov"
    assert events[1].reported_by == local(q.speaker)  # type: ignore[arg-type]


def test_a_very_long_article() -> None:
    block = [ARRIVED, HE_SAID, READY, UNMARKED, LYING]
    item = article(*(block * 250), actors=ACTORS)
    quotes, _ = find(item)
    assert len(quotes) == 3 * 250
    assert {speaker_name(q.speaker, item.article.text) for q in quotes} == {"Sergey Lavrov"}
    assert [q.content[0].start for q in quotes] == sorted(q.content[0].start for q in quotes)
