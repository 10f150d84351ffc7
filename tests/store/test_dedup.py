"""Duplicates: exact copies, wire copies and spun rewrites cluster; other reports do not."""

from __future__ import annotations

import json

import pytest
from store_helpers import STORY
from store_spin import load_synonyms, reorder, spin

from support import shared_path
from thucydides.records import Span
from thucydides.store.dedup import ClusterIndex, Hasher, content_hash, normalise

STORIES = {r["id"]: r["text"] for r in map(json.loads, STORY.read_text("utf-8").splitlines())}
HASHER = Hasher.create()


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Russia said “no”.", "russia  said \"no\"", True),
    ("Talks — resumed\n\non Friday.", "talks - resumed on friday", True),
    ("Serbia and Kosovo agreed.", "Serbia and Kosovo disagreed.", False),
    ("ﬁve ministers", "five ministers", True),
])
def test_content_hash_ignores_formatting_only(a: str, b: str, same: bool) -> None:
    assert (content_hash(a) == content_hash(b)) is same


def test_boilerplate_is_left_out_of_the_content() -> None:
    text = "Kosovo police were attacked.\nRelated Articles\nBack to top button"
    skip = (Span(29, 45), Span(46, 64))
    assert normalise(text, skip) == "kosovo police were attacked"
    assert content_hash(text, skip) == content_hash("Kosovo police were attacked.")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("After the talks, Kurti left Brussels.", "Kurti left Brussels after the talks."),
    ("Vucic said Serbia would not recognise Kosovo.",
     "Serbia would not recognise Kosovo, Vucic said."),
    ("The minister said that the plan was dead in the water.",
     "The plan was dead in the water, the minister said."),
    ("Nothing to move here.", "Nothing to move here."),
])
def test_spinner_reorders_clauses(sentence: str, expected: str) -> None:
    assert reorder(sentence) == expected


def test_spinner_substitutes_synonyms() -> None:
    spun = spin(STORIES["orig"], rate=0.9)
    assert spun != STORIES["orig"]
    changed = set(STORIES["orig"].split()) - set(spun.split())
    assert len(changed) > 40
    assert "said" in load_synonyms()


def index_of(*ids: str) -> ClusterIndex:
    index = ClusterIndex()
    for seq, key in enumerate(ids, start=1):
        text = STORIES[key]
        match = index.match(key, content_hash(text), HASHER.signature(text))
        index.add(key, seq, content_hash(text), match.cluster, HASHER.signature(text))
    return index


def place(index: ClusterIndex, key: str, text: str) -> str:
    return index.match(key, content_hash(text), HASHER.signature(text)).cluster


@pytest.mark.parametrize("rate", [0.5, 0.7, 0.9])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_spun_copy_lands_in_its_originals_cluster(rate: float, seed: int) -> None:
    index = index_of("orig", "indep-1", "indep-2", "indep-3", "other-story")
    assert place(index, "spun", spin(STORIES["orig"], rate=rate, seed=seed)) == "orig"


def test_other_reports_of_the_same_story_found_their_own_clusters() -> None:
    index = index_of("orig", "wire-copy", "indep-1", "indep-2", "indep-3", "other-story")
    assert index.clusters == {"orig": "orig", "wire-copy": "orig", "indep-1": "indep-1",
                              "indep-2": "indep-2", "indep-3": "indep-3",
                              "other-story": "other-story"}


def test_an_exact_copy_is_exact_and_a_short_text_is_never_near() -> None:
    index = index_of("orig")
    text = STORIES["orig"].replace("\n\n", "\n \n")
    match = index.match("copy", content_hash(text), HASHER.signature(text))
    assert (match.kind, match.cluster, match.dup_of) == ("exact", "orig", "orig")
    assert HASHER.signature("Serbia and Kosovo agree.") is None


def test_the_seed_article_and_a_spun_copy_of_it_share_a_cluster() -> None:
    seed = shared_path("samples", "seed-article.txt").read_text("utf-8")
    index = ClusterIndex()
    index.add("seed", 1, content_hash(seed), "seed", HASHER.signature(seed))
    for key in ("indep-1", "other-story"):
        assert place(index, key, STORIES[key]) == key
    assert place(index, "spun", spin(seed, rate=0.9, seed=7)) == "seed"
