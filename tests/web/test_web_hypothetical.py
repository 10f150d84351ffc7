"""The hypothetical toggle over a store that keeps hypothetical events (as one built with the
coder setting ``emit_hypothetical`` does: their modality is ``hypothetical``): the API filter,
the explorer's menu, and a store without them showing no menu."""

from __future__ import annotations

import dataclasses
import json

import pytest
from fastapi.testclient import TestClient
from web_fakes import WebFakeCoder

from thucydides.actors.kb import KnowledgeBase
from thucydides.records import Analysis, Article
from thucydides.runner import ingest
from thucydides.store.selection import Selection, parse

ARTICLES = [
    {"id": "h-talks", "date": "2024-04-02", "title": "Talks in Belgrade",
     "text": "Talks in Belgrade\n\nSerbia met with Kosovo in Belgrade on Monday. "
             "If the talks collapse, Serbia imposed sanctions on Kosovo."},
    {"id": "h-aid", "date": "2024-04-03", "title": "Aid convoy",
     "text": "Aid convoy\n\nRussia sent aid to Ukraine on Wednesday."},
]


class ConditionalCoder(WebFakeCoder):
    """The fake coder, with the events of a sentence opening with "If" hypothetical (the real
    coder's modality of a conditional clause)."""

    def analyse(self, a: Article) -> Analysis:
        found = super().analyse(a)
        events = tuple(dataclasses.replace(e, modality="hypothetical")
                       if a.text[e.sentence.start:e.sentence.end].startswith("If ") else e
                       for e in found.events)
        return dataclasses.replace(found, events=events)


@pytest.fixture(scope="module")
def hypo_client(tmp_path_factory: pytest.TempPathFactory, web_kb: KnowledgeBase):
    from thucydides.web import create_app

    folder = tmp_path_factory.mktemp("hypothetical")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "hypothetical.duckdb"
    ingest([str(source)], db, coder=ConditionalCoder(web_kb))
    with TestClient(create_app(db, ConditionalCoder(web_kb)),
                    base_url="http://127.0.0.1") as c:
        yield c


@pytest.mark.parametrize(("params", "total", "modalities"), [
    ({}, 3, {None, "hypothetical"}),
    ({"hypothetical": ""}, 3, {None, "hypothetical"}),  # the menu's "any"
    ({"hypothetical": "true"}, 1, {"hypothetical"}),
    ({"hypothetical": "false"}, 2, {None}),
    ({"modality": "hypothetical"}, 1, {"hypothetical"}),
    ({"modality": "asserted", "hypothetical": "false"}, 2, {None}),
    ({"hypothetical": "false", "modality": "hypothetical"}, 0, set()),
    ({"hypothetical": "false", "country": "XKX"}, 1, {None}),
])
def test_the_hypothetical_filter(hypo_client: TestClient, params: dict[str, str], total: int,
                                 modalities: set) -> None:
    body = hypo_client.get("/api/events", params={**params, "limit": 500}).json()
    assert body["total"] == total == len(body["events"])
    assert {e["modality"] for e in body["events"]} == modalities
    csv = hypo_client.get("/api/events.csv", params=params)
    assert csv.text.count("\n") == total + 1  # the header and one row per event


@pytest.mark.parametrize("params", [{"hypothetical": "maybe"}, {"hypothetical": "1"}])
def test_a_bad_toggle_is_refused(hypo_client: TestClient, params: dict[str, str]) -> None:
    r = hypo_client.get("/api/events", params=params)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E194"


@pytest.mark.parametrize(("params", "selected", "listed"), [
    ({}, "", 3),
    ({"hypothetical": "false"}, "false", 2),
    ({"hypothetical": "true"}, "true", 1),
])
def test_the_explorer_offers_the_toggle(hypo_client: TestClient, params: dict[str, str],
                                        selected: str, listed: int) -> None:
    html = hypo_client.get("/", params=params).text
    menu = html[html.index('<select name="hypothetical">'):]
    menu = menu[:menu.index("</select>")]
    assert '<option value="false"' in menu and "only these (1)" in menu
    chosen = [o for o in menu.split("<option")[1:] if " selected" in o]
    assert [o.split('"')[1] for o in chosen] == ([selected] if selected else [])
    assert html.count('<li class="event"') == listed
    if selected:  # the downloads keep the toggle
        assert f"/api/events.csv?hypothetical={selected}" in html


def test_no_toggle_without_hypothetical_events(client: TestClient) -> None:
    assert 'name="hypothetical"' not in client.get("/").text


@pytest.mark.parametrize(("values", "expected"), [
    ({"hypothetical": "false"}, Selection(hypothetical=False)),
    ({"hypothetical": "true"}, Selection(hypothetical=True)),
    ({"hypothetical": " "}, Selection()),
])
def test_the_cli_and_api_parse_the_toggle_alike(values: dict[str, str],
                                                 expected: Selection) -> None:
    assert parse(values) == expected
