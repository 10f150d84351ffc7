"""Screenshots of the dashboard for the README, and how long each page takes to load.

    .venv/bin/python scripts/dashboard_shots.py [--db out/demo.duckdb] [--out docs/img]
        [--rounds 1]

Serves the store on a free loopback port (in this process), opens each page in headless
Chromium (Debian's ``/usr/bin/chromium``, Playwright) at 1440 and 390 px, waits for its content
and charts (the explorer: its events and its timeline), and prints per page and width: the time
to DOMContentLoaded and to ready, the server's part (the document's request to its last
byte, and the slowest of its ``/api`` requests), and whether it scrolls sideways. The server is
cold (each page is its first request after start, at 1440 px), the browser is not: a throwaway
page first loads a static file, so Chromium's and Playwright's own start-up costs are not
counted as the first page's. ``--rounds N`` starts a new server N times and prints the median
and the slowest of each page's times (the machine is shared: one round is noisy). Screenshots
of the explorer go to ``--out``.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

PAGES = [("explorer", "/?country=USA", ("#events .event", "#chart svg")),
         ("dyads", "/dyads", ("#chart svg",)), ("network", "/network", ("#network svg",)),
         ("map", "/map", ("#map svg",)), ("actors", "/actors", ("#actors tbody tr",))]
SHOTS = {("explorer", 1440): "explorer.png", ("explorer", 390): "explorer-phone.png"}
WIDTHS = (1440, 390)
SERVER = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  const api = performance.getEntriesByType("resource").filter(r => r.name.includes("/api/"));
  return [n.responseEnd - n.requestStart,
          Math.max(0, ...api.map(r => r.responseEnd - r.requestStart))];
}"""


def serve(db: Path) -> tuple[Any, threading.Thread, int]:
    """The app over ``db`` on a free loopback port, in a thread of this process (a new one:
    nothing cached)."""
    import uvicorn

    from thucydides.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    return srv, thread, port


def load(browser: Any, port: int, name: str, path: str, ready: tuple[str, ...], width: int,
         shots: Path | None) -> tuple[float, float, int, float, float]:
    """One page in a new browser context: (DOMContentLoaded s, ready s, sideways scroll px,
    the document's request s, the slowest API request s)."""
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    start = time.monotonic()
    page.goto(f"http://127.0.0.1:{port}{path}")
    for selector in ready:
        page.wait_for_selector(selector, timeout=30_000)
    took = time.monotonic() - start
    dom = page.evaluate("performance.getEntriesByType('navigation')[0]"
                        ".domContentLoadedEventEnd") / 1000
    scroll = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    doc, api = page.evaluate(SERVER)
    if shots is not None and (name, width) in SHOTS:
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(shots / SHOTS[name, width]), full_page=False)
    page.context.close()
    return dom, took, max(scroll, 0), doc / 1000, api / 1000


def one_round(browser: Any, db: Path, shots: Path | None) -> dict[tuple[str, int], tuple]:
    srv, thread, port = serve(db)
    warm = browser.new_context().new_page()  # the browser's first-navigation costs
    warm.goto(f"http://127.0.0.1:{port}/static/favicon.svg")
    warm.wait_for_selector("svg")
    warm.context.close()
    out = {(name, width): load(browser, port, name, path, ready, width, shots)
           for width in WIDTHS for name, path, ready in PAGES}
    srv.should_exit = True
    thread.join(30)  # the app closes its store
    return out


def main() -> int:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("out/demo.duckdb"))
    ap.add_argument("--out", type=Path, default=Path("docs/img"))
    ap.add_argument("--rounds", type=int, default=1, help="servers started in turn (1-20)")
    args = ap.parse_args()
    if not 1 <= args.rounds <= 20:
        ap.error("--rounds is 1 to 20")
    args.out.mkdir(parents=True, exist_ok=True)
    found: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox"])
        for n in range(args.rounds):
            for key, times in one_round(browser, args.db, args.out if n == 0 else None).items():
                found[key].append(times)
        browser.close()
    for (name, width), times in found.items():
        dom, ready, doc, api = ([t[i] for t in times] for i in (0, 1, 3, 4))
        print(f"{name:9} {width:5} px: DOMContentLoaded {statistics.median(dom):.2f} s, ready "
              f"{statistics.median(ready):.2f} s (median of {len(times)}; slowest "
              f"{max(ready):.2f} s); server: document {statistics.median(doc):.3f} s, API "
              f"{statistics.median(api):.3f} s; sideways scroll {max(t[2] for t in times)} px")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
