"""A text far over spaCy's limit of 1,000,000 characters (but within max_chars) is coded in
windows, with every offset into the whole text; over max_chars it is an error, and its text is not
stored."""

from __future__ import annotations

import pytest

from thucydides.ingest.stage import Ingest
from thucydides.records import Analysis, Article
from thucydides.settings import Settings
from thucydides.store.dedup import Hasher
from thucydides.store.rows import Batch

pytestmark = pytest.mark.model

# written for this test: prose without a trigger word, so that only the events are parsed
FILLER = ("The garden was green and the roses were red in the warm afternoon sun, and the old "
          "clock in the hall was quiet.\n\n")
EVENT = "Russia accused Ukraine of shelling Kharkiv on Monday.\n\n"
SIZE = 1_500_000


def long_text() -> tuple[str, list[int]]:
    n = SIZE // len(FILLER)
    parts = [FILLER] * n
    at = [1, n // 2, n * 3 // 4, n - 2]
    for i in at:
        parts[i] = EVENT
    text = "".join(parts)
    return text, [sum(len(p) for p in parts[:i]) for i in at]


def test_a_1_5_million_character_article_is_coded_with_whole_text_offsets(coder):
    text, starts = long_text()
    assert len(text) > 1_400_000
    (result,) = coder.run([Article("long", text, date=None)])
    assert not result.errors
    assert sorted({e.sentence.start for e in result.events}) == starts  # past 1,000,000 too
    for event in result.events:
        assert event.sentence.of(text) == EVENT.strip()
        assert event.trigger.of(text) == "accused" or event.trigger.of(text) == "shelling"
        for ref in (event.source, event.target):
            if ref is not None:
                assert ref.span.of(text) in ("Russia", "Ukraine", "Kharkiv")


def test_over_max_chars_is_e105_and_the_text_is_not_stored():
    stage = Ingest.load(Settings(max_chars=1000)).stage()
    (result,) = stage([Analysis(Article("big", "Russia accused Ukraine. " * 100))])
    assert [e.code for e in result.errors] == ["E105"]
    batch = Batch()
    batch.add("key", "big.txt", result, Hasher.create())
    assert batch.rows["articles"] == [] and [r["code"] for r in batch.rows["errors"]] == ["E105"]
    assert batch.rows["errors"][0]["article_key"] is None
