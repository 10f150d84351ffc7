"""The JSON API, in process, over the store of the fixture articles (27 events, 5 quotes; counts
below are counted by hand from fixtures/*.jsonl)."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fakes import WebFakeCoder

from thucydides.actors.kb import KnowledgeBase
from thucydides.output import schema
from thucydides.store.queries import stats as store_stats
from thucydides.web import create_app, models
from thucydides.web.pool import ResponseCache

EVENTS = 27

FILTERS = [
    ({}, EVENTS),
    ({"source": "RUS"}, 6),
    ({"source": "country:RUS"}, 6),
    ({"source": "RUS", "target": "UKR"}, 5),
    ({"source": "IGO"}, 8),
    ({"actor": "person:albin-kurti"}, 3),
    ({"country": "XKX"}, 14),
    ({"plover": "ASSAULT"}, 4),
    ({"cameo_root": "19"}, 4),
    ({"quad_class": "4"}, 6),
    ({"date_from": "2024-03", "date_to": "2024-03"}, 6),
    ({"date_from": "2024-05-19"}, 2),
    ({"date_to": "2024"}, EVENTS),
    ({"q": "KHARKIV"}, 1),
    ({"q": "' OR 1=1 --"}, 0),
    ({"q": "%"}, 0),
    ({"negated": "true"}, 0),
    ({"negated": "false"}, EVENTS),
    ({"source": "RUS", "plover": "ASSAULT", "date_from": "2024-04-01"}, 2),
    # empty values, as a form sends them, do not filter
    ({"source": "", "quad_class": "", "date_from": ""}, EVENTS),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_event_filters(client: TestClient, params: dict[str, str], expected: int) -> None:
    r = client.get("/api/events", params={**params, "limit": 500, "unit": "mention"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == expected == len(body["events"])


@pytest.mark.parametrize("params", [p for p, _ in FILTERS])
def test_events_count_each_event_once(client: TestClient, params: dict[str, str]) -> None:
    """The default unit is the event: one row per event the matching mentions report, with
    the counts of all its mentions."""
    mentions = client.get("/api/events", params={**params, "limit": 500, "unit": "mention"})
    events = client.get("/api/events", params={**params, "limit": 500}).json()
    assert events["unit"] == "event"
    assert events["total"] == len(events["events"]) == len(
        {e["agg_id"] for e in mentions.json()["events"]})
    assert all(e["num_mentions"] >= 1 and e["num_articles"] <= e["num_mentions"]
               for e in events["events"])


def test_events_match_the_model_and_point_into_the_article(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 500}).json()
    models.EventsPage.model_validate(body)
    texts: dict[str, str] = {}
    for e in body["events"]:
        key = e["article"]["key"]
        text = texts.setdefault(key, client.get(f"/api/articles/{key}").json()["text"])
        s = e["sentence"]
        assert text[s["start"]:s["end"]] == s["text"]
        for part in ("source", "target", "trigger"):
            p = e[part]
            assert text[p["start"]:p["end"]] == p["text"]
            assert s["start"] <= p["start"] <= p["end"] <= s["end"]


def test_pagination_keeps_the_total_and_the_order(client: TestClient) -> None:
    pages = [client.get("/api/events", params={"limit": 10, "offset": o, "unit": "mention"})
             .json() for o in (0, 10, 20)]
    assert [len(p["events"]) for p in pages] == [10, 10, 7]
    assert {p["total"] for p in pages} == {EVENTS}
    ids = [e["id"] for p in pages for e in p["events"]]
    assert len(set(ids)) == EVENTS
    days = [e["day"] for p in pages for e in p["events"]]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize("params", [
    {"quad_class": "5"}, {"cameo_root": "21"}, {"country": "rus"}, {"date_from": "2024-13"},
    {"date_from": "20240101"}, {"limit": "0"}, {"limit": "501"}, {"offset": "-1"},
    {"negated": "maybe"}, {"q": "x" * 201},
])
def test_bad_parameters_answer_a_catalogued_error(client: TestClient,
                                                  params: dict[str, str]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "E194"


def test_quotes(client: TestClient) -> None:
    body = client.get("/api/quotes").json()
    models.QuotesPage.model_validate(body)
    assert body["total"] == 5
    kurti = client.get("/api/quotes", params={"speaker": "person:albin-kurti"}).json()
    assert kurti["total"] == 2
    assert {q["speaker"]["code"] for q in kurti["quotes"]} == {"XKXGOV"}
    assert client.get("/api/quotes", params={"q": "AIR DEFENCE"}).json()["total"] == 1


def test_actors_list_and_search(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    models.ActorsPage.model_validate(body)
    by_id = {a["id"]: a for a in body["actors"]}
    assert (by_id["country:RUS"]["as_source"], by_id["country:RUS"]["as_target"]) == (6, 3)
    assert [a["events"] for a in body["actors"]] == sorted(
        (a["events"] for a in body["actors"]), reverse=True)
    found = client.get("/api/actors", params={"q": "kurti"}).json()["actors"]
    assert [a["id"] for a in found] == ["person:albin-kurti"]


def test_actor_detail_joins_the_knowledge_base_and_the_store(client: TestClient) -> None:
    body = client.get("/api/actors/person:aleksandar-vucic").json()
    models.ActorDetail.model_validate(body)
    assert {r["code"] for r in body["roles"]} >= {"SRBGOV"}
    assert body["roles"] == sorted(body["roles"], key=lambda r: r["start"])
    assert body["store"]["roles_seen"][0]["role"] == "President"
    events = client.get("/api/events", params={"actor": "person:aleksandar-vucic"}).json()
    assert sum(t["events"] for t in body["store"]["timeline"]) == events["total"] == 1
    country = client.get("/api/actors/country:RUS").json()
    holders = {r["holder"] for r in country["offices"] if r["office"] == "head_of_state"}
    assert "person:vladimir-putin" in holders
    # in the knowledge base, never in this store
    assert client.get("/api/actors/country:FRA").json()["store"] is None
    r = client.get("/api/actors/nobody:here")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "E193")


def test_article_with_all_its_spans(client: TestClient) -> None:
    key = client.get("/api/events", params={"q": "kharkiv"}).json()["events"][0]["article"]["key"]
    a = client.get(f"/api/articles/{key}").json()
    models.Article.model_validate(a)
    assert a["id"] == "unicode" and len(a["events"]) == 2
    text = a["text"]
    for m in a["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for s in a["sentences"]:
        assert text[s["start"]:s["end"]].strip()
    r = client.get("/api/articles/0123456789abcdef0123456789abcdef")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "E192")


def test_dyads_per_month(client: TestClient) -> None:
    body = client.get("/api/dyads", params={"source": "RUS", "target": "UKR"}).json()
    models.Dyads.model_validate(body)
    got = {p["period"]: (p["events"], p["material_conflict"], p["verbal_cooperation"])
           for p in body["periods"]}
    # every month from the first to the last, an empty one as zero
    assert got == {"2024-01": (1, 1, 0), "2024-02": (1, 0, 0), "2024-03": (0, 0, 0),
                   "2024-04": (2, 1, 1), "2024-05": (1, 1, 0)}
    # the chart counts what the list counts
    listed = client.get("/api/events", params={"source": "RUS", "target": "UKR"}).json()
    assert sum(p["events"] for p in body["periods"]) == listed["total"]
    april = next(p for p in body["periods"] if p["period"] == "2024-04")
    assert april["mean_goldstein"] == pytest.approx((1.0 - 10.0) / 2)
    years = client.get("/api/dyads", params={"source": "RUS", "target": "UKR",
                                             "period": "year"}).json()["periods"]
    assert [(p["period"], p["events"]) for p in years] == [("2024", 5)]


def test_network_edges_and_nodes(client: TestClient) -> None:
    body = client.get("/api/network").json()
    models.Network.model_validate(body)
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("country:RUS", "country:UKR")]["events"] == 5
    resolved = client.get("/api/events", params={"resolved": "true"}).json()["total"]
    assert sum(e["events"] for e in body["edges"]) == resolved == 22
    ids = {n["id"] for n in body["nodes"]}
    assert all(s in ids and t in ids for s, t in edges)
    assert not any(i.startswith("text:") for i in ids)  # resolved actors only: no free text
    heavy = client.get("/api/network", params={"min_events": 3}).json()["edges"]
    assert heavy and all(e["events"] >= 3 for e in heavy)


def test_locations(client: TestClient) -> None:
    body = client.get("/api/locations").json()
    places = {p["name"]: p["events"] for p in body}
    # events counted once; two targets are no country (the EU, NATO)
    assert places == {"Pristina": 7, "Kyiv": 7, "Belgrade": 4, "Moscow": 3}


def test_facets_and_stats(client: TestClient) -> None:
    facets = client.get("/api/facets").json()
    assert {f["value"] for f in facets["cameo_root"]} == {"04", "05", "07", "11", "13", "16",
                                                          "19"}
    stats = client.get("/api/stats").json()
    models.Stats.model_validate(stats)
    # named as `thucydides stats` names them: event mentions, and events counted once (the
    # copy of the energy deal reports no new event)
    assert (stats["articles"], stats["event_mentions"], stats["quotes"]) == (9, EVENTS, 5)
    assert stats["events"] < EVENTS


def test_stats_are_the_stores(client: TestClient, store: Path) -> None:
    stats = client.get("/api/stats").json()
    assert {k: stats[k] for k in store_stats(store)} == store_stats(store)
    assert (stats["first_published"], stats["last_published"]) == ("2024-01-09", "2024-05-20")
    html = client.get("/actors").text
    assert f"{stats['events']} events" in html and f"{EVENTS} event mentions" in html


def test_events_carry_their_location_span_and_actor_mentions(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 500, "unit": "mention"}).json()[
        "events"]
    texts: dict[str, str] = {}
    located = [e for e in events if e["location"] is not None]
    assert len(located) == EVENTS - 2  # the fake coder locates at the target's capital
    for e in located:
        key = e["article"]["key"]
        text = texts.setdefault(key, client.get(f"/api/articles/{key}").json()["text"])
        loc, target = e["location"], e["target"]
        assert text[loc["start"]:loc["end"]] == loc["text"] == target["text"]
        # every span as in the output contract: its text cut from the article's
        assert target["mention"] == {k: target[k] for k in ("text", "start", "end")}
        assert text[target["head"]["start"]:target["head"]["end"]] == target["head"]["text"]
        assert target["chain"] == []


def test_response_cache_keeps_the_recent_and_the_small() -> None:
    cache = ResponseCache(max_bytes=64)  # bodies over 64 // 8 = 8 bytes are not kept
    calls: list[str] = []

    def body(key: str, size: int = 8) -> bytes:
        return cache.get(key, lambda: calls.append(key) or key.encode().ljust(size, b"."))

    for key in "abcdefghij":  # 10 bodies of 8 bytes, 64 bytes kept: the two oldest go
        body(key)
    assert (cache.hits, cache.misses) == (0, 10)
    body("j")
    body("c")
    assert (cache.hits, cache.misses) == (2, 10)
    body("a")  # dropped: computed again, and kept; "d" (least recent) goes
    assert calls.count("a") == 2 and cache.misses == 11
    body("c")
    body("d")
    assert calls.count("c") == 1 and calls.count("d") == 2 and calls.count("b") == 1
    body("b")
    assert calls.count("b") == 2  # dropped with "a" at first
    big = body("big", size=9)
    assert big == b"big......" and body("big", size=9) == big
    assert calls.count("big") == 2  # too large to keep
    off = ResponseCache(max_bytes=0)
    assert off.get("x", lambda: b"1") == b"1" and off.get("x", lambda: b"2") == b"2"
    assert off.misses == 2


@pytest.fixture
def fresh(store: Path, web_kb: KnowledgeBase) -> Iterator[TestClient]:
    """A client of a new app: a response cache of its own."""
    app = create_app(store, WebFakeCoder(web_kb))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def responses(client: TestClient) -> ResponseCache:
    return client.app.state.web.responses


def test_the_dyads_page_and_its_chart_share_one_cached_answer(fresh: TestClient) -> None:
    cache = responses(fresh)
    page = fresh.get("/dyads", params={"date_from": "2024-03"}).text
    src = html_lib.unescape(re.search(r'data-src="([^"]+)"', page).group(1))
    misses, hits = cache.misses, cache.hits
    assert fresh.get(src).status_code == 200
    assert (cache.misses, cache.hits) == (misses, hits + 1)
    fresh.get("/dyads", params={"date_from": "2024-03"})
    assert cache.misses == misses


def test_an_actor_is_answered_from_the_cache(fresh: TestClient) -> None:
    cache = responses(fresh)
    first = fresh.get("/api/actors/person:albin-kurti")
    misses = cache.misses
    again = fresh.get("/api/actors/person:albin-kurti")
    assert again.json() == first.json() and cache.misses == misses and cache.hits >= 1
    assert fresh.get("/actors/person:albin-kurti").status_code == 200
    assert cache.misses == misses  # the page reads the same answer
    r = fresh.get("/api/actors/nobody:here")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "E193")


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/quotes", "/api/actors", "/api/actors/{actor_id}",
                 "/api/articles/{key}", "/api/dyads", "/api/network", "/api/locations",
                 "/api/code"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params >= {"source", "target", "actor", "country", "plover", "cameo_root",
                      "quad_class", "date_from", "date_to", "q", "limit", "offset"}
    assert not any(p.startswith("/articles") for p in spec["paths"])  # pages stay out
    # the models of the output records are the output schema's, its help texts their descriptions
    event = spec["components"]["schemas"]["Event"]["properties"]
    assert event["goldstein"]["description"] == schema.EVENT.field("goldstein").help
    assert {f.name for f in schema.EVENT.stored} <= set(event)
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN script


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/app.css", "/api/nothing"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"


def test_unknown_hosts_are_refused(client: TestClient) -> None:
    """A page elsewhere cannot read the API through DNS rebinding."""
    assert client.get("/api/stats", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
