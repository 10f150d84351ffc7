"""Polite HTTP(S) fetching for ``thucydides extract``: URLs, feeds and the pages feed items link.

Polite means: a User-Agent that names thucydides, robots.txt honoured (RFC 9309: a missing
robots.txt allows all, an unreachable one disallows all), a pause between two requests to one host
(``fetch_delay``, or the site's Crawl-delay when longer), a timeout on every request, redirects
followed by hand up to ``max_redirects`` (each hop checked against robots.txt again), and a size
cap: a body longer than ``max_bytes`` is not read past the cap and becomes error E111.

A ``Fetcher`` keeps its robots.txt answers and its per-host clock for its own lifetime (one
``extract`` run); nothing is kept at module level.
"""

from __future__ import annotations

import http.client
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.robotparser import RobotFileParser

from thucydides.errors import Err, InputError
from thucydides.ingest.readers.decode import decompress, read_stream

if TYPE_CHECKING:
    from thucydides.ingest.extract import ExtractSettings

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512_000
MAX_CRAWL_DELAY = 30.0
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body. ``url`` is the final URL, after redirects."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses; ``Fetcher.get`` follows them itself."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _host(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Fetcher:
    """Fetch URLs politely (see the module docstring). ``opener``, ``clock`` and ``sleep`` can be
    injected (tests)."""

    def __init__(self, settings: ExtractSettings, opener: Any = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.opener = opener or urllib.request.build_opener(_NoRedirects())
        self.clock = clock
        self.sleep = sleep
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self._unreachable: dict[str, str] = {}

    # ------------------------------------------------------------------ public

    def get(self, url: str) -> Response:
        """Fetch ``url``, following redirects; raise ``InputError`` (E111, E120-E123) on failure."""
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._check_scheme(current)
            robots = self._robots_for(current)
            if _host(current) in self._unreachable:
                raise InputError(Err.E120, url=current, detail="robots.txt unreachable ("
                                 f"{self._unreachable[_host(current)]}); nothing is fetched")
            if not robots.can_fetch(self.settings.user_agent, current):
                raise InputError(Err.E121, url=current, robots=f"{_host(current)}/robots.txt")
            self._wait(current, robots)
            status, headers, body = self._request(current, self.settings.max_bytes)
            if status in REDIRECTS and headers.get("Location"):
                current = urllib.parse.urljoin(current, headers["Location"])
                continue
            if status >= 400:
                raise InputError(Err.E123, url=current, status=status)
            return Response(current, status, headers.get_content_type().lower(),
                            headers.get_content_charset(), body)
        raise InputError(Err.E122, url=url, limit=self.settings.max_redirects)

    # ------------------------------------------------------------------ internals

    def _check_scheme(self, url: str) -> None:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise InputError(Err.E120, url=url, detail=f"unsupported scheme {scheme!r}")

    def _request(self, url: str, limit: int) -> tuple[int, Any, bytes]:
        """One GET without following redirects: (status, headers, decoded body)."""
        request = urllib.request.Request(url, headers={
            "User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate, br"})
        try:
            with self.opener.open(request, timeout=self.settings.timeout) as resp:
                return resp.status, resp.headers, self._body(resp, url, limit)
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, exc.headers, b""
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise InputError(Err.E120, url=url, detail=str(reason)) from exc

    def _body(self, resp: Any, url: str, limit: int) -> bytes:
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > limit:
            raise InputError(Err.E111, source=url, limit=limit)
        raw = read_stream(resp, limit, url)
        coding = (resp.headers.get("Content-Encoding") or "").strip().lower()
        return decompress(raw, coding, limit, url)

    def _robots_for(self, url: str) -> RobotFileParser:
        host = _host(url)
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        return self._robots[host]

    def _load_robots(self, host: str) -> RobotFileParser:
        parser = RobotFileParser(f"{host}/robots.txt")
        url = f"{host}/robots.txt"
        try:
            for _ in range(self.settings.max_redirects + 1):
                status, headers, body = self._request(url, ROBOTS_MAX_BYTES)
                if status not in REDIRECTS or not headers.get("Location"):
                    break
                url = urllib.parse.urljoin(url, headers["Location"])
        except InputError as exc:  # unreachable: nothing is fetched from the host
            log.warning("robots.txt of %s unreachable (%s)", host, exc.message)
            self._unreachable[host] = exc.message
            status, body = 599, b""
        if status >= 500 or status in REDIRECTS:  # unreachable: assume everything is disallowed
            parser.disallow_all = True
        elif status >= 400:  # missing: no rules
            parser.allow_all = True
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _wait(self, url: str, robots: RobotFileParser) -> None:
        host = _host(url)
        delay = self.settings.fetch_delay
        crawl_delay = robots.crawl_delay(self.settings.user_agent)
        if crawl_delay:
            delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
        last = self._last.get(host)
        if last is not None and delay > 0:
            pause = last + delay - self.clock()
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.clock()
