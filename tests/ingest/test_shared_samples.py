"""The real feeds, WARC files and annotated pages of ../shared/samples (skipped when absent): item
counts, encodings, every WARC record accounted for, and an extraction floor (the eval gate)."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest

from support import shared_path
from thucydides.ingest.extract import scan
from thucydides.ingest.fetch import Fetcher
from thucydides.ingest.language import decide_language
from thucydides.ingest.readers import Skipped
from thucydides.ingest.readers.base import Context
from thucydides.ingest.readers.html import read_page
from thucydides.records import Article, ErrorRecord

from .ingest_helpers import QUICK

pytestmark = pytest.mark.shared

MOJIBAKE = ("Ã©", "Ã£", "Ã§", "Ã¼", "Ð¾", "Ð°", "â€", "\ufffd")


def manifest(*parts):
    path = shared_path(*parts)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def context(loaded):
    def make(**changes):
        settings = QUICK.with_(**changes)
        return Context(settings, loaded[1], Fetcher(settings))

    return make


@pytest.fixture(scope="module")
def feed_items(context):
    rows = manifest("samples", "feeds", "feeds.jsonl")
    folder = shared_path("samples", "feeds")
    ctx = context(fetch_links=False)
    return {row["file"]: (row, list(scan([str(folder / row["file"])], ctx=ctx))) for row in rows}


def test_every_feed_item_is_an_article_or_an_error(feed_items):
    for name, (row, items) in feed_items.items():
        assert len(items) == row["items"], name
        codes = {i.code for i in items if isinstance(i, ErrorRecord)}
        assert codes <= {"E118"}, name  # only items with neither text nor a fetched link


def test_feed_encodings_come_out_right(feed_items):
    for name, (_, items) in feed_items.items():
        for item in items:
            if isinstance(item, Article):
                for bad in MOJIBAKE:
                    assert bad not in item.text + (item.title or ""), (name, item.id, bad)
    iconv = [i for i in feed_items["iconv.xml"][1] if isinstance(i, Article)]
    assert all(any("а" <= c <= "я" for c in i.title) for i in iconv)
    uol = [i for i in feed_items["uolNoticias.rss"][1] if isinstance(i, Article)]
    assert any("ç" in (i.title or "") + i.text for i in uol)


def test_feed_languages_match_the_manifest(feed_items, loaded):
    # the language the ingest stage decides, from the text and what the feed declares
    for name, (row, items) in feed_items.items():
        found = Counter(decide_language(loaded[0], i.text, i.language) for i in items
                        if isinstance(i, Article) and len(i.text) > 200)
        if found:
            assert found.most_common(1)[0][0] == row["language"].split("-")[0], name


def test_every_warc_record_is_accounted_for(context):
    rows = [r for r in manifest("samples", "warc", "warcs.jsonl")
            if shared_path("samples", "warc").joinpath(r["file"]).exists()]
    folder = shared_path("samples", "warc")
    # the accounting does not depend on the extraction mode: the quicker one will do
    inputs = [str(folder / r["file"]) for r in rows]
    items = list(scan(inputs, ctx=context(html_mode="trafilatura")))
    for row in rows:
        mine = [i for i in items if _source(i).split("#")[0].endswith(row["file"])]
        assert len(mine) == sum(row["record_types"].values()), row["file"]
        assert all(i.reason for i in mine if isinstance(i, Skipped))
        pages = [i for i in mine if not isinstance(i, Skipped)]
        assert all(isinstance(i, Article) or i.code == "E115" for i in pages), row["file"]
        assert len(pages) >= row["html_responses_status_200"], row["file"]


def _source(item):
    if isinstance(item, ErrorRecord):
        return item.message.split(":")[0]
    return item.source


# --------------------------------------------------------------------------- eval gate

# Snippet F1 (trafilatura's evaluate.py) of thucydides.html.v1 on the dev pages; measured
# 0.913 (trafilatura's default: 0.900). Lowering a floor is an explicit, explained change.
FLOOR_SNIPPETS = 0.905
# Share of newspaper4k's expected-text 4-token shingles found (recall), measured 0.997.
FLOOR_NEWSPAPER_RECALL = 0.99


def test_eval_gate_snippets():
    folder = shared_path("samples", "html", "trafilatura")
    tp = fp = fn = 0
    for row in manifest("samples", "html", "trafilatura", "expectations.jsonl"):
        text = read_page((folder / row["file"]).read_bytes(), row.get("url")).text
        tp += sum(s in text for s in row["with"])
        fn += sum(s not in text for s in row["with"])
        fp += sum(s in text for s in row["without"])
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= FLOOR_SNIPPETS


def test_eval_gate_newspaper_recall():
    import re

    folder = shared_path("samples", "html", "newspaper4k")
    found = total = 0
    for path in sorted((folder / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        expected = re.findall(r"\w+", (folder / "txt" / f"{name}.txt").read_text("utf-8"))
        got = re.findall(r"\w+", read_page(gzip.decompress(path.read_bytes())).text)
        want = Counter(tuple(expected[i:i + 4]) for i in range(len(expected) - 3))
        have = Counter(tuple(got[i:i + 4]) for i in range(len(got) - 3))
        found += sum((want & have).values())
        total += sum(want.values())
    assert found / total >= FLOOR_NEWSPAPER_RECALL
