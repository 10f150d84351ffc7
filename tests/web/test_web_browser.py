"""The dashboard in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright,
against the app served on loopback over the fixture store. Every page loads without a console
error (a CSP violation or a failed request is one), charts draw, a filter and an event lead to
the highlighted sentence, pasted text is coded live, and the hostile article stays inert.
Screenshots go to artifacts/screenshots/ (not in git)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_fakes import WebFakeCoder

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not CHROMIUM.exists() and not shutil.which("chromium"):
    pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)

PAGES = [
    # name, path, what must be drawn or shown when the page is ready
    ("explorer", "/", "#events .event"),
    ("dyads", "/dyads", "#chart svg .mark-rect"),
    ("network", "/network", "#network svg .mark-symbol path"),
    ("map", "/map", "#map svg .mark-symbol path"),
    ("actors", "/actors", "#actors tbody tr"),
    ("actor", "/actors/person:aleksandar-vucic", "#roles svg .mark-rect"),
    ("actor-country", "/actors/country:RUS", "#roles svg .mark-rect"),
    ("code", "/code", "#code-form"),
]


@pytest.fixture(scope="module")
def server(store: Path, fake_coder: WebFakeCoder, web_kb: Any) -> Iterator[str]:
    import uvicorn

    from thucydides.web import create_app

    app = create_app(store, fake_coder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Console:
    """Errors a page reports: console errors (CSP violations and failed loads among them) and
    uncaught exceptions."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.console = Console(pg)
    yield pg
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("name", "path", "ready"), PAGES, ids=[p[0] for p in PAGES])
def test_page_loads_without_console_errors(page: Any, server: str, name: str, path: str,
                                           ready: str) -> None:
    page.goto(server + path)
    page.wait_for_selector(ready, timeout=15_000)
    page.wait_for_load_state("networkidle")
    shot(page, name)
    assert page.console.errors == []
    assert page.evaluate("window.__pwned") is None


def test_filter_then_event_then_its_highlighted_sentence(page: Any, server: str) -> None:
    page.goto(server + "/")
    with page.expect_navigation():
        page.select_option("select[name=plover]", "ASSAULT")  # applies at once (explorer.js)
    assert "plover=ASSAULT" in page.url and "source=" not in page.url  # empty fields left out
    assert page.inner_text("#total") == "4"
    first = page.locator("#events .event").first
    assert first.locator("mark.trig").inner_text() == "attacked"
    shot(page, "explorer-filtered")
    with page.expect_navigation():
        first.locator("a.open").click()
    assert "/articles/" in page.url and "event=" in page.url
    focus = page.locator("#text mark.focus")
    texts = {m.inner_text() for m in focus.all()}
    assert {"Russia", "attacked", "Ukraine"} <= texts
    for kind, text in (("src", "Russia"), ("trig", "attacked"), ("trg", "Ukraine")):
        assert page.locator(f"#text mark.focus.{kind}").first.inner_text() == text
    assert page.locator("#text mark.focus").first.is_visible()
    assert page.locator("#event .sentence mark.trig").inner_text() == "attacked"
    shot(page, "article-event")
    # a click on a marked span lights the parts it belongs to
    page.locator("#text mark.mention").first.click()
    assert page.locator("#parts .part.active").count() >= 1
    assert page.console.errors == []


def test_paste_an_article_and_code_it(page: Any, server: str) -> None:
    page.goto(server + "/code")
    page.fill("#code-text", "Russia attacked Ukraine on Monday. Albin Kurti said “never” then.")
    page.fill("#code-date", "2024-06-03")
    page.click("#code-submit")
    page.wait_for_selector("#code-result:not([hidden])", timeout=10_000)
    rows = page.locator("#code-events tr")
    assert rows.count() == 1
    assert rows.first.locator("td").nth(3).inner_text() == "190"
    assert page.locator("#code-marked mark.trig").inner_text() == "attacked"
    assert page.locator("#code-marked mark.quote").inner_text() == "never"
    shot(page, "code")
    assert page.console.errors == []


INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.getAttributeNames()) {
      if (a.startsWith("on") || a === "data-x") found.push(el.tagName + " " + a);
    }
  }
  for (const el of document.querySelectorAll("main img, main iframe, main svg")) {
    if (!el.closest(".chart")) found.push(el.tagName);
  }
  return found;
}"""


def assert_inert(page: Any) -> None:
    assert page.evaluate("window.__pwned") is None, "an injected script ran"
    assert page.evaluate(INJECTED) == []


def test_the_hostile_article_is_inert_in_the_browser(page: Any, server: str) -> None:
    import httpx

    key = httpx.get(server + "/api/events", params={"q": "militia"}).json()[
        "events"][0]["article"]["key"]
    page.goto(f"{server}/articles/{key}?event=0")
    page.wait_for_load_state("networkidle")
    assert_inert(page)
    assert page.inner_text("h1.title").startswith("<script>window.__pwned=1</script>")
    assert page.locator("a.url").count() == 0  # the javascript: URL is not a link
    for mark in page.locator("#text mark[data-refs]").all()[:12]:
        mark.click()
    shot(page, "hostile-article")
    page.goto(f"{server}/?date_from=2024-02-20&date_to=2024-02-20")
    assert_inert(page)
    assert page.console.errors == []


def test_chart_tooltips_show_labels_as_text(page: Any, server: str) -> None:
    """The network holds resolved actors only, so the hostile article's unresolved phrase
    (markup) is no node; tooltips are text, never markup."""
    page.goto(server + "/network")
    nodes = page.locator("#network svg .mark-symbol path")
    nodes.first.wait_for(timeout=15_000)
    tips = []
    for node in nodes.all():
        node.hover(force=True)
        page.wait_for_timeout(100)
        tips.append(page.evaluate(
            "(document.getElementById('vg-tooltip-element') || {}).textContent || ''"))
    assert any("Albin Kurti" in t for t in tips)
    assert not any("onerror" in t for t in tips)  # no unresolved (hostile) phrase is a node
    assert page.locator("#vg-tooltip-element img").count() == 0
    shot(page, "network-tooltip")
    assert_inert(page)
    assert page.console.errors == []


WIDTHS = [1440, 390]
WIDE_PAGES = [("explorer", "/", "#events .event"), ("dyads", "/dyads", "#chart svg"),
              ("actors", "/actors", "#actors tbody tr"), ("network", "/network",
                                                          "#network svg .mark-symbol path"),
              ("map", "/map", "#map svg")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path", "ready"), WIDE_PAGES, ids=[p[0] for p in WIDE_PAGES])
def test_pages_fit_the_screen(browser: Any, server: str, name: str, path: str, ready: str,
                              width: int) -> None:
    """No sideways scroll, at 1440 px and on a 390 px phone, once the page's chart is drawn
    (load times are measured by scripts/dashboard_shots.py, not asserted here)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    console = Console(page)
    page.goto(server + path)
    page.wait_for_selector(ready, timeout=15_000)
    page.wait_for_load_state("networkidle")
    scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    shot(page, f"{name}-{width}")
    context.close()
    assert scroll <= 0, f"{path} scrolls sideways by {scroll} px at {width} px"
    assert console.errors == []


def test_filter_then_export_then_the_file_has_the_count(page: Any, server: str,
                                                         tmp_path: Path) -> None:
    """An analyst filters in the explorer, downloads the selection as Parquet and CSV, and the
    files opened in DuckDB hold as many rows as the page said."""
    import duckdb

    page.goto(server + "/")
    with page.expect_navigation():
        page.select_option("select[name=country]", "XKX")
    total = int(page.inner_text("#total"))
    shot(page, "explorer-filter-export")
    for fmt in ("Parquet", "CSV"):
        with page.expect_download() as got:
            page.get_by_role("link", name=fmt, exact=True).click()
        path = tmp_path / got.value.suggested_filename
        got.value.save_as(path)
        read = "read_parquet" if fmt == "Parquet" else "read_csv"
        assert duckdb.sql(f"SELECT count(*) FROM {read}('{path}')").fetchall()[0][0] == total > 0
    assert page.console.errors == []


def test_keyboard_lights_a_highlight_and_a_network_node_opens_the_explorer(
        page: Any, server: str) -> None:
    page.goto(server + "/")
    with page.expect_navigation():
        page.locator("#events .event a.open").first.click()
    mark = page.locator("#text mark.mention").first
    mark.focus()
    page.keyboard.press("Enter")
    assert page.locator("#parts .part.active").count() >= 1
    page.goto(server + "/network")
    node = page.locator("#network svg .mark-symbol path").first
    node.wait_for(timeout=15_000)
    with page.expect_navigation():
        node.click(force=True)
    assert "/?actor=" in page.url and int(page.inner_text("#total")) > 0
    assert page.console.errors == []
