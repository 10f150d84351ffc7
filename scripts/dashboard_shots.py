"""Screenshots of the dashboard for the README, and how long each page takes to load.

    .venv/bin/python scripts/dashboard_shots.py [--db out/demo.duckdb] [--out docs/img]

Serves the store on a free loopback port (in this process), opens each page in headless
Chromium (Debian's ``/usr/bin/chromium``, Playwright) at 1440 and 390 px, waits for its content
and charts, and prints per page and width: the time to DOMContentLoaded and to ready, and
whether it scrolls sideways. Screenshots of the explorer go to ``--out``.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

PAGES = [("explorer", "/?country=USA", "#events .event"), ("dyads", "/dyads", "#chart svg"),
         ("network", "/network", "#network svg"), ("map", "/map", "#map svg"),
         ("actors", "/actors", "#actors tbody tr")]
SHOTS = {("explorer", 1440): "explorer.png", ("explorer", 390): "explorer-phone.png"}


def main() -> int:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from thucydides.web import create_app

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("out/demo.duckdb"))
    ap.add_argument("--out", type=Path, default=Path("docs/img"))
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port,
                                        log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox"])
        for width in (1440, 390):
            for name, path, ready in PAGES:
                page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
                start = time.monotonic()
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.wait_for_selector(ready, timeout=30_000)
                took = time.monotonic() - start
                dom = page.evaluate("performance.getEntriesByType('navigation')[0]"
                                    ".domContentLoadedEventEnd") / 1000
                scroll = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                print(f"{name:9} {width:5} px: DOMContentLoaded {dom:.2f} s, ready {took:.2f} s, "
                      f"sideways scroll {max(scroll, 0)} px")
                if (name, width) in SHOTS:
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(args.out / SHOTS[name, width]),
                                    full_page=False)
                page.context.close()
        browser.close()
    srv.should_exit = True
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
