"""The analyst's dashboard over the fixture store: downloads of any selection (as many rows as
the API's total), the new filters, sorting and facets, timelines with empty periods, names
beside codes, and the edge cases (HEAD, a bad filter, an article by its own id)."""

from __future__ import annotations

import io
import json

import duckdb
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from thucydides.web.render import label, outlet

SELECTIONS = [
    {}, {"country": "XKX"}, {"plover": "ASSAULT"}, {"source": "RUS", "target": "UKR"},
    {"q": "kharkiv"}, {"negated": "true"}, {"resolved": "true"}, {"statements": "false"},
    {"unit": "mention"}, {"unit": "mention", "country": "XKX"}, {"sort": "goldstein"},
]


def rows_of(fmt: str, body: bytes) -> list[dict]:
    if fmt == "csv":
        return duckdb.read_csv(io.BytesIO(body)).fetchdf().to_dict("records") if body.count(
            b"\n") > 1 else []
    if fmt == "jsonl":
        return [json.loads(line) for line in body.decode().splitlines()]
    return pq.read_table(io.BytesIO(body)).to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("params", SELECTIONS)
def test_a_download_holds_what_the_api_lists(client: TestClient, params: dict[str, str],
                                             fmt: str) -> None:
    listed = client.get("/api/events", params={**params, "limit": 500}).json()
    r = client.get(f"/api/events.{fmt}", params=params)
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    rows = rows_of(fmt, r.content)
    assert len(rows) == listed["total"] == len(listed["events"])
    # the same items, in the same order
    assert [f"{x['article_key']}:{x['idx']}" for x in rows] == [e["id"] for e in
                                                               listed["events"]]


@pytest.mark.parametrize(("params", "check"), [
    ({"resolved": "true"}, lambda e: e["source"]["code"] and (
        e["target"] is None or e["target"]["code"])),
    ({"statements": "false"}, lambda e: not e["cameo"].startswith("01")),
    ({"modality": "asserted"}, lambda e: e["modality"] is None),
    ({"negated": "false"}, lambda e: not e["negated"]),
    ({"actor": "RUS"}, lambda e: "RUS" in ((e["source"] or {}).get("code"),
                                           (e["target"] or {}).get("code"))),
    ({"outlet": "example-wire.com"}, lambda e: e["article"]["outlet"] == "example-wire.com"),
])
def test_filters(client: TestClient, params: dict[str, str], check) -> None:
    body = client.get("/api/events", params={**params, "unit": "mention", "limit": 500}).json()
    every = client.get("/api/events", params={"unit": "mention", "limit": 500}).json()
    assert all(check(e) for e in body["events"])
    assert 0 < body["total"] == sum(1 for e in every["events"] if check(e)) or (params == {
        "statements": "false"} and body["total"] == every["total"])


def test_the_mentions_of_an_event_are_one_filter_away(client: TestClient) -> None:
    events = client.get("/api/events", params={"sort": "mentions", "limit": 500}).json()
    counts = [e["num_mentions"] for e in events["events"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    top = events["events"][0]
    mentions = client.get("/api/events", params={"event": top["agg_id"], "unit": "mention"})
    assert mentions.json()["total"] == top["num_mentions"]
    assert {e["agg_id"] for e in mentions.json()["events"]} == {top["agg_id"]}
    html = client.get("/").text
    assert f'href="/?event={top["agg_id"]}&amp;unit=mention"' in html


@pytest.mark.parametrize(("sort", "key", "descending"), [
    ("goldstein", lambda e: e["goldstein"], False),
    ("mentions", lambda e: e["num_mentions"], True),
    ("date", lambda e: (not e["future"], e["day"] or ""), True),
])
def test_sorting(client: TestClient, sort: str, key, descending: bool) -> None:
    events = client.get("/api/events", params={"sort": sort, "limit": 500}).json()["events"]
    values = [key(e) for e in events]
    assert values == sorted(values, reverse=descending)


def test_facets_count_the_selection(client: TestClient) -> None:
    for params in ({}, {"country": "XKX"}):
        total = client.get("/api/events", params=params).json()["total"]
        facets = client.get("/api/facets", params=params).json()
        assert sum(f["n"] for f in facets["quad_class"]) == total
        assert sum(f["n"] for f in facets["plover"]) <= total
        assert set(facets) == {"plover", "quad_class", "country", "outlet", "cameo_root"}


@pytest.mark.parametrize(("period", "first", "n"), [
    ("month", "2024-01", 5), ("year", "2024", 1), ("week", "2024-01-08", 20),
])
def test_timelines_draw_empty_periods_as_zero(client: TestClient, period: str, first: str,
                                              n: int) -> None:
    body = client.get("/api/timeline", params={"period": period}).json()
    periods = body["periods"]
    assert periods[0]["period"] == first and len(periods) == n
    total = client.get("/api/events").json()["total"]
    undated = 0  # every fixture event has a day (its article's at least)
    assert sum(p["events"] for p in periods) == total - undated


@pytest.mark.parametrize("path", ["/", "/dyads", "/network", "/map", "/actors", "/code",
                                  "/actors/country:RUS"])
def test_head_answers_like_get(client: TestClient, path: str) -> None:
    assert client.head(path).status_code == 200


def test_a_bad_filter_keeps_the_form(client: TestClient) -> None:
    r = client.get("/", params={"source": "RUS", "min_confidence": "lots", "q": "kharkiv"})
    assert r.status_code == 422
    assert 'id="form-error"' in r.text and "E194" in r.text
    assert 'name="source" value="RUS"' in r.text and 'value="lots"' in r.text
    assert 'name="q" value="kharkiv"' in r.text


def test_an_article_by_its_own_id(client: TestClient) -> None:
    by_id = client.get("/articles/unicode")
    key = client.get("/api/articles/unicode").json()["key"]
    assert by_id.status_code == 200 and f'data-key="{key}"' in by_id.text
    assert client.get("/articles/no-such-id").status_code == 404


@pytest.mark.parametrize(("facet", "value", "shown"), [
    ("cameo_root", "19", "19 Fight"),
    ("country", "XKX", "XKX Kosovo"),
    ("quad_class", 4, "4 material conflict"),
    ("actor", "RUSGOV", "RUSGOV Russia government"),
    ("actor", "IGOWSTNAT", "IGOWSTNAT NATO"),
    ("outlet", "example.org", "example.org"),
    ("country", "ZZZ", "ZZZ"),
])
def test_names_beside_codes(facet: str, value, shown: str) -> None:
    assert label(facet, value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("reuters.com", "reuters.com"), ("/home/me/data/news.jsonl", "news.jsonl"),
    ("C:\\data\\feed.xml", "feed.xml"), (None, ""),
])
def test_an_outlet_never_shows_a_path(value: str | None, shown: str) -> None:
    assert outlet(value) == shown


def test_explorer_shows_names_and_counts(client: TestClient) -> None:
    html = client.get("/", params={"plover": "ASSAULT"}).text
    assert "Use conventional military force" in html or "Fight" in html
    assert 'class="counts"' in html and "see the mentions" in html
    assert 'data-facet="plover"' in html


CLI_SELECTIONS = [
    ([], {}),
    (["--country", "XKX"], {"country": "XKX"}),
    (["--source", "RUS", "--plover", "ASSAULT", "--date-from", "2024-04"],
     {"source": "RUS", "plover": "ASSAULT", "date_from": "2024-04"}),
    (["--cameo_root", "19", "--unit", "mention"], {"cameo_root": "19", "unit": "mention"}),
    (["--resolved", "true", "--negated", "false", "--q", "kyiv"],
     {"resolved": "true", "negated": "false", "q": "kyiv"}),
]


@pytest.mark.parametrize(("args", "params"), CLI_SELECTIONS)
def test_the_cli_export_takes_the_api_filters(client: TestClient, store, tmp_path,
                                              args: list[str], params: dict[str, str]) -> None:
    from click.testing import CliRunner

    from thucydides.cli import main

    out = tmp_path / "x.parquet"
    result = CliRunner().invoke(main, ["export", "--db", str(store), "--format", "parquet",
                                       "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    total = client.get("/api/events", params=params).json()["total"]
    assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall()[0][0] == total > 0


@pytest.mark.parametrize("args", [["--quad-class", "x"], ["--negated", "maybe"],
                                  ["--date-from", "2024-13"]])
def test_the_cli_export_refuses_a_bad_filter(store, tmp_path, args: list[str]) -> None:
    from click.testing import CliRunner

    from thucydides.cli import main

    result = CliRunner().invoke(main, ["export", "--db", str(store), "--format", "csv", "-o",
                                       str(tmp_path / "x.csv"), *args])
    assert result.exit_code == 2 and not (tmp_path / "x.csv").exists()
