"""Fixtures of the reader tests: a loaded extract context, and a web server on 127.0.0.1 that the
test starts (never the internet)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from thucydides.ingest.boilerplate import Boilerplate
from thucydides.ingest.fetch import Fetcher
from thucydides.ingest.language import LanguageDetector
from thucydides.ingest.readers.base import Context

from .ingest_helpers import QUICK


@pytest.fixture(scope="session")
def loaded() -> tuple[LanguageDetector, Boilerplate]:
    return LanguageDetector.load(), Boilerplate.load()


@pytest.fixture
def make_ctx(loaded) -> Callable[..., Context]:
    """A context for one run; settings start from QUICK, changed by keyword."""

    def make(**changes: object) -> Context:
        settings = QUICK.with_(**changes)
        return Context(settings, loaded[1], Fetcher(settings))

    return make


Route = tuple[int, dict[str, str], bytes]


@dataclass
class Raw:
    """A route that writes its own bytes (status line, headers, body), with a pause before
    each piece: a server that trickles."""

    pieces: list[bytes]
    pause: float = 0.0


@dataclass
class Site:
    """Routes (path -> status, headers, body, or a callable producing them) and a request log."""

    routes: dict[str, Route | Callable[[], Route] | Raw] = field(default_factory=dict)
    log: list[tuple[str, str]] = field(default_factory=list)
    base: str = ""

    def page(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8",
             status: int = 200, **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": ctype, **headers}, data)

    def requested(self) -> list[str]:
        return [path for path, _ in self.log]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.log.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path)
            if isinstance(route, Raw):
                self.trickle(route)
                return
            if route is None:
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
            else:
                status, headers, body = route() if callable(route) else route
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # the client may stop reading (the size cap)

        def trickle(self, route: Raw) -> None:
            with contextlib.suppress(OSError):  # the client hangs up when its time is up
                for piece in route.pieces:
                    time.sleep(route.pause)
                    self.wfile.write(piece)
                    self.wfile.flush()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """A web server on 127.0.0.1 (a free port) serving ``site.routes``; stopped after the test."""
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()
