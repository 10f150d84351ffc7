"""The server-rendered pages: what they show, and that the hostile article (fixtures/hostile.jsonl:
script tags and attribute-breaking quotes in its title, text and actor phrases, a javascript: URL)
comes out as inert text on every page that shows it."""

from __future__ import annotations

import html as html_lib
import re
import urllib.parse
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

PAYLOADS = ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">',
            '" onmouseover="window.__pwned=3"', "<img src=x onerror=window.__pwned=5>",
            "<svg onload=window.__pwned=6>", "</mark><script>window.__pwned=7</script>")


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    for payload in PAYLOADS:
        assert payload not in html, payload
    tags = Tags(html).tags
    assert not [t for t, _ in tags if t in ("img", "svg", "iframe", "object", "embed")]
    assert not [(t, a) for t, a in tags for name in a if name.startswith("on")]
    assert not [a for _, a in tags for name in ("data-x",) if name in a]
    scripts = [a for t, a in tags if t == "script"]
    assert all((a.get("src") or "").startswith("/static/") for a in scripts)
    assert not [a for _, a in tags if (a.get("href") or "").lower().startswith("javascript")]
    assert not [a for _, a in tags if "style" in a]


@pytest.fixture(scope="module")
def hostile_key(client: TestClient) -> str:
    events = client.get("/api/events", params={"q": "militia"}).json()["events"]
    return events[0]["article"]["key"]


@pytest.mark.parametrize("path", ["/", "/?q=militia", "/?source=RUS", "/dyads",
                                  "/dyads?source=XKX&target=SRB", "/network", "/map",
                                  "/actors", "/actors?q=kurti", "/actors/person:albin-kurti",
                                  "/actors/country:XKX", "/code"])
def test_pages_render_and_stay_inert(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert_inert(r.text)


def test_the_hostile_article_renders_as_text(client: TestClient, hostile_key: str) -> None:
    html = client.get(f"/articles/{hostile_key}?event=0").text
    assert_inert(html)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "{{7*7}}" in html  # data is never a template
    assert "javascript:window.__pwned=4" in html  # shown as text, not linked
    title = re.search(r'<h1 class="title">(.*?)</h1>', html, re.S)
    assert title and title.group(1).startswith("&lt;script&gt;")


def test_the_hostile_events_render_as_text_in_the_explorer(client: TestClient) -> None:
    html = client.get("/", params={"date_from": "2024-02-20", "date_to": "2024-02-20"}).text
    assert_inert(html)
    assert html.count('class="event"') == 3
    assert "the &lt;img src=x onerror=window.__pwned=5&gt; militia" in html
    assert "Ukraine</mark>&#34; onmouseover=&#34;window.__pwned=3&#34;" in html


def test_explorer_filters_and_marks(client: TestClient) -> None:
    html = client.get("/", params={"source": "RUS", "target": "UKR", "plover": "ASSAULT"}).text
    assert re.search(r'<strong id="total">3</strong>', html)
    sentences = re.findall(r'<p class="sentence">(.*?)</p>', html, re.S)
    assert len(sentences) == 3
    for s in sentences:
        assert '<mark class="src">Russia</mark>' in s
        assert '<mark class="trig">attacked</mark>' in s
        assert '<mark class="trg">Ukraine</mark>' in s
    # the menus keep the choice, and links to the articles name the event
    assert '<option value="ASSAULT" selected>' in html
    assert re.search(r'href="/articles/[0-9a-f]{32}\?event=\d+#event"', html)


def test_explorer_pages_keep_the_filters(client: TestClient) -> None:
    html = client.get("/", params={"country": "XKX", "unit": "mention"}).text
    assert re.search(r'<strong id="total">14</strong>', html)
    assert "offset=25" not in html  # 14 fit on one page
    html = client.get("/", params={"unit": "mention"}).text
    assert 'href="/?unit=mention&amp;sort=date&amp;offset=25"' in html
    # downloads of the same selection, in the same unit
    html = client.get("/", params={"country": "XKX"}).text
    assert 'href="/api/events.csv?country=XKX&amp;unit=event&amp;sort=date"' in html


def test_article_page_marks_every_span_and_the_chosen_event(client: TestClient) -> None:
    events = client.get("/api/events", params={"q": "kharkiv"}).json()["events"]
    e = events[0]
    html = client.get(f"/articles/{e['article']['key']}", params={"event": e["idx"]}).text
    ref = f"e{e['idx']}"
    focused = re.findall(r'<mark class="([^"]*) focus" data-refs="([^"]*)"[^>]*>([^<]*)</mark>',
                         html)
    assert all(ref in refs.split() for _, refs, _ in focused)
    kinds = {text: kinds for kinds, _, text in focused}
    assert "src" in kinds["Russia"] and "trg" in kinds["Ukraine"] and "trig" in kinds["attacked"]
    assert f'id="{ref}"' in html and 'class="part active"' in html
    assert 'id="event"' in html  # the chosen event's panel, the anchor the explorer links to
    # the text is the article's, piece by piece
    text = re.search(r'<div class="text" id="text">(.*?)</div>', html, re.S).group(1)
    plain = re.sub(r"<[^>]+>", "", text)
    import html as html_lib

    article = client.get(f"/api/articles/{e['article']['key']}").json()
    assert html_lib.unescape(plain) == article["text"]


def test_unknown_pages_and_articles(client: TestClient) -> None:
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "E192" in r.text
    r = client.get("/nowhere")
    assert r.status_code == 404 and "E196" in r.text
    r = client.get("/?quad_class=7")
    assert r.status_code == 422 and "E194" in r.text


def test_dyads_page_defaults_to_the_busiest_pair(client: TestClient) -> None:
    html = client.get("/dyads").text
    assert '<span id="pair">RUS → UKR</span>' in html
    assert 'data-src="/api/dyads?source=RUS&amp;target=UKR&amp;period=month"' in html
    assert len(re.findall(r"<tr><td>2024-", html)) == 5  # 2024-03 drawn as zero


@pytest.mark.parametrize("snippet", [
    "<p>x</p><script>alert(1)</script>", '<p title="a" onmouseover="x()">', "<img src=x>",
    '<a href="javascript:x()">', '<p style="color: red">', '<script src="https://cdn/x.js">',
    '<svg onload="x()">',
])
def test_the_inertness_check_catches_live_markup(snippet: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert(snippet)


ROW = re.compile(r'<tr><td>([\d-]+)</td><td>(\d+)</td>(?:(?!</tr>).)*?<a href="/\?([^"]+)">'
                 r'events</a>', re.S)  # a period's row with its link (an empty one has none)


@pytest.mark.parametrize(("period", "first", "bounds"), [
    ("day", "2024-01-09", ("2024-01-09", "2024-01-09")),
    ("week", "2024-01-08", ("2024-01-08", "2024-01-14")),  # Monday to Sunday
    ("month", "2024-01", ("2024-01", "2024-01")),
    ("year", "2024", ("2024", "2024")),
])
def test_a_dyad_period_links_to_its_events(client: TestClient, period: str, first: str,
                                           bounds: tuple[str, str]) -> None:
    html = client.get("/dyads", params={"source": "SRB", "target": "XKX",
                                        "period": period}).text
    rows = ROW.findall(html)
    assert rows and rows[0][0] == first
    linked = dict(urllib.parse.parse_qsl(html_lib.unescape(rows[0][2])))
    assert (linked["date_from"], linked["date_to"]) == bounds
    for _, events, link in rows:  # each period's link lists at least the row's events
        params = dict(urllib.parse.parse_qsl(html_lib.unescape(link)))
        assert params["source"] == "SRB" and params["target"] == "XKX"
        total = client.get("/api/events", params={**params, "limit": 500}).json()["total"]
        # (more when an event reported on several days has a mention in this period too:
        # the chart counts an event once, in the period of its first mention)
        assert total >= int(events) > 0, (period, params)
