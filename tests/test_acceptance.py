"""Acceptance: whole articles through ``thucydides.code``.

The seed article (../shared/samples/seed-article.txt) is the project's standing acceptance input;
the bundled sample is the project's own and always available.
"""

from __future__ import annotations

from importlib import resources

import pytest

from support import shared_path

pytestmark = pytest.mark.model


def find(events, root: str, source: str, target: str | None) -> list[dict]:
    """Events whose CAMEO root is ``root`` and whose codes start with the given countries."""
    def code(side):
        return (side or {}).get("code") or ""

    return [e for e in events if e["cameo"].startswith(root)
            and code(e["source"]).startswith(source)
            and (target is None or code(e["target"]).startswith(target))]


@pytest.fixture(scope="module")
def seed(coder):
    text = shared_path("samples", "seed-article.txt").read_text(encoding="utf-8")
    return text, coder.code(text, date="2022-04-01", id="seed")


@pytest.mark.parametrize(
    ("what", "root", "source", "target"),
    [
        ("US sanctions on Russia", "16", "USA", "RUS"),
        ("Canadian sanctions on Russia", "16", "CAN", "RUS"),
        ("Australian sanctions on Russia", "16", "AUS", "RUS"),
        ("Japanese sanctions on Russia", "16", "JPN", "RUS"),
        ("EU sanctions on Russia", "16", "IGOEUR", "RUS"),
        ("Russia-Ukraine peace talks", "04", "RUS", "UKR"),
        ("Ukraine-Russia peace talks", "04", "UKR", "RUS"),
        ("Russia demands Ukraine's neutrality", "10", "RUS", "UKR"),
        ("Russia's offensive against Ukraine", "19", "RUS", "UKR"),
        ("Lavrov's talks with Jaishankar", "04", "RUS", "IND"),
        ("Lavrov accuses the West", "11", "RUS", "WST"),
        ("Kiev's demand for guarantees", "10", "UKR", None),
    ],
)
def test_seed_article_events(seed, what, root, source, target):
    _, result = seed
    assert find(result["events"], root, source, target), what


def test_seed_article_actors(seed):
    _, result = seed
    talks = find(result["events"], "04", "RUS", "IND")[0]
    assert talks["target"]["actor_id"] == "person:s-jaishankar"
    assert talks["source"]["name"] == "Sergey Lavrov"


def test_seed_article_boilerplate_is_not_coded(seed):
    text, result = seed
    furniture = [text.index(s) for s in ("Related Articles", "Back to top button",
                                         "US warns India not to help Russia")]
    for e in result["events"]:
        for start in furniture:
            assert not e["sentence"]["start"] <= start < e["sentence"]["end"]


def test_seed_article_spans_index_the_text(seed):
    text, result = seed
    for e in result["events"]:
        for side in ("source", "target"):
            if e[side]:
                assert text[e[side]["start"]:e[side]["end"]] == e[side]["text"]
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]


def test_seed_article_dates(seed):
    _, result = seed
    offensive = find(result["events"], "19", "RUS", "UKR")
    assert any(e["date"] == {"value": "2022-02", "precision": "month", "basis": "expression",
                             "expression": e["date"]["expression"]} for e in offensive)


def test_sample_article(coder):
    text = resources.files("thucydides").joinpath("samples", "sample-article.txt").read_text(
        encoding="utf-8")
    events = coder.code(text, date="2022-03-15")["events"]
    assert find(events, "04", "RUS", "UKR")  # the Geneva talks
    assert find(events, "16", "IGOEUR", "RUS")  # EU sanctions on Russian banks
    assert find(events, "0", "TUR", None)  # Erdogan offers to host talks (an intention)
    odesa = [e for e in events if e["target"] and "Odesa" in e["target"]["text"]]
    assert odesa and all(e["negated"] for e in odesa)  # "Russia did not attack the city of Odesa"
    assert find(events, "19", "RUSMIL", None)  # but Russian warplanes struck a fuel depot
