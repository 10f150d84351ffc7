"""With the spaCy model: the seed article's statements, texts written for these tests, and the
``quotes`` command end to end."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from click.testing import CliRunner

from support import shared_path
from thucydides.api import Coder
from thucydides.cli.quotes import quotes_cmd
from thucydides.quotes.speakers import local
from thucydides.records import Analysis, Article

pytestmark = pytest.mark.model

# Written for these tests.
STORY = (
    "Sergey Lavrov arrived in New Delhi on Thursday.\n"
    "“We are not going to retreat,” the minister told reporters. “The West is lying.”\n"
    "He said that the talks with Ukraine had failed. He accused Kiev of blocking a deal.\n"
    "According to Ukraine's foreign ministry, the next round will take place in Istanbul.\n"
    "Kiev claims that Russian troops attacked a hospital.\n"
    "Stray “quote mark here, but the story goes on.\n"
    "Lavrov warned that Russia would respond."
)


@pytest.fixture(scope="module")
def quote_coder():
    return Coder.load()


def run(coder, text: str, date: dt.date | None = None) -> Analysis:
    return next(coder.run([Article("t", text, date)]))


def test_seed_article_statements(quote_coder) -> None:
    text = shared_path("samples", "seed-article.txt").read_text(encoding="utf-8")
    result = run(quote_coder, text, dt.date(2022, 4, 1))
    assert result.errors == ()
    quotes = result.quotes or ()
    lavrov = [q for q in quotes if q.speaker and q.speaker.actor
              and q.speaker.actor.id == "person:sergey-lavrov"]
    assert len(lavrov) >= 4
    assert {q.speaker.actor.role for q in lavrov} == {"Minister of Foreign Affairs"}  # type: ignore[union-attr]
    statements = [q for q in lavrov if q.cue is not None]
    assert len(statements) >= 3
    for q in statements:  # each with its local mention: in the sentence of its cue
        mention = q.speaker.mention  # type: ignore[union-attr]
        assert mention is not None and q.cue is not None
        sentence = next(s.span for s in result.sentences or () if s.span.contains(q.cue))
        assert sentence.contains(mention), (mention.of(text), q.cue.of(text))
    assert all(q.attribution in ("speech", "belief", "evidence") for q in quotes)
    demands = Counter((q.speaker.actor.country, q.speech_act) for q in quotes  # type: ignore[union-attr]
                      if q.speaker and q.speaker.actor and q.speech_act == "demand")
    assert demands[("RUS", "demand")] >= 1 and demands[("UKR", "demand")] >= 1
    by_ukraine = [q for q in quotes if q.speaker and q.speaker.actor
                  and q.speaker.actor.country == "UKR"]
    assert len(by_ukraine) >= 2  # "Kiev said it was willing ...", "Kiev ... demanded that ..."


def test_story_speakers_kinds_and_links(quote_coder) -> None:
    result = run(quote_coder, STORY, dt.date(2022, 4, 1))
    text = result.article.text
    rows = [(local(q.speaker).of(text) if q.speaker else None,
             q.speaker.actor.name if q.speaker and q.speaker.actor else None, q.kind,
             q.speech_act) for q in result.quotes or ()]
    # a quote in two pieces is mixed: its text holds the cue between them (the gold's reading)
    assert ("the minister", "Sergey Lavrov", "mixed", "assert") in rows
    assert ("He", "Sergey Lavrov", "indirect", "assert") in rows
    assert ("He", "Sergey Lavrov", "indirect", "accuse") in rows
    assert ("Ukraine's foreign ministry", "Ukraine government", "indirect", "assert") in rows
    assert ("Kiev", "Ukraine", "indirect", "claim") in rows
    assert ("Lavrov", "Sergey Lavrov", "indirect", "warn") in rows
    # the quote continued in the same paragraph is one statement in two parts
    minister = next(q for q in result.quotes or () if q.speaker
                    and local(q.speaker).of(text) == "the minister")
    assert [c.of(text) for c in minister.content] == ["“We are not going to retreat,”",
                                                       "“The West is lying.”"]
    assert not [q for q in result.quotes or () if q.cue is None]
    claim = next(q for q in result.quotes or () if q.speech_act == "claim")
    assert claim.hedged
    attacked = [k for k, e in enumerate(result.events or ()) if e.trigger.of(text) == "attacked"]
    assert attacked and set(attacked) <= set(claim.events)
    for k in attacked:
        assert (result.events or ())[k].reported_by.of(text) == "Kiev"  # type: ignore[union-attr]


def test_quotes_command(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(quotes_cmd, [str(path), "--date", "2022-04-01"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    (line,) = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert set(line) == {"id", "quotes", "errors"} and line["id"] == "story"
    assert line["errors"] == [] and len(line["quotes"]) >= 6
    for q in line["quotes"]:
        content = q["content"] if isinstance(q["content"], list) else [q["content"]]
        for span in [q["cue"], *content]:
            if span is not None:
                assert STORY[span["start"]:span["end"]] == span["text"]
