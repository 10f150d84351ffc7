"""Polite, bounded HTTP(S) fetching for ``thucydides extract``: URLs, feeds and the pages feed
items link.

Polite means: a User-Agent that names thucydides, robots.txt honoured (RFC 9309: a missing
robots.txt allows all, an unreachable one disallows all), a pause between two requests to one host
(``fetch_delay``, or the site's Crawl-delay when longer), redirects followed by hand up to
``max_redirects`` (each hop checked against robots.txt again).

Bounded means: every request (robots.txt, each redirect hop) has a total deadline, ``timeout``
seconds for connecting, the headers and the body together, however slowly a server trickles
bytes; at most ``MAX_HEADERS`` headers of ``MAX_HEADER_BYTES`` bytes in all; and a size cap: a
body longer than ``max_bytes`` is not read past the cap and becomes error E111.

Guarded means: a host name is resolved first, and a URL whose host is a loopback, private,
link-local, shared, reserved or cloud-metadata address is refused (E129) -- typed, linked from a
feed, or reached by a redirect -- unless the setting ``fetch_private`` allows it (an intranet
crawl). The connection goes to the address that was checked, so a second DNS answer cannot slip
past the guard. Connections are direct: proxy settings of the environment are not used.

A ``Fetcher`` keeps its robots.txt answers and its per-host clock for its own lifetime (one
``extract`` run); nothing is kept at module level.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.robotparser import RobotFileParser

from thucydides.errors import Err, InputError
from thucydides.ingest.readers.decode import decompress, read_stream

if TYPE_CHECKING:
    from thucydides.ingest.settings import ExtractSettings

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512_000
MAX_CRAWL_DELAY = 30.0
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_HEADERS = 100  # http.client's own limit, raised as an error
MAX_HEADER_BYTES = 64 * 1024
METADATA = frozenset({"169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200"})
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body. ``url`` is the final URL, after redirects."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


def _host(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a literal address: itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_kind(address: str) -> str | None:
    """What kind of non-public address ``address`` is ('loopback', 'private', ...), or None
    for a public one."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if str(ip) in METADATA:
        return "cloud-metadata"
    for kind in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


class _Pinned(http.client.HTTPConnection):
    """An HTTP connection to one address that was checked (no second DNS lookup)."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address
        self.raw: socket.socket | None = None  # kept: http.client lets go of ``sock`` early

    def connect(self) -> None:
        self.raw = self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedTLS(_Pinned):
    """The same over TLS: the certificate is checked against the host name."""

    default_port = 443

    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


class _Deadline:
    """Shuts a connection's socket when its time is up, so that no read can outlast it."""

    def __init__(self, conn: _Pinned, seconds: float) -> None:
        self.conn, self.passed = conn, False
        self.timer = threading.Timer(seconds, self._abort)
        self.timer.daemon = True

    def _abort(self) -> None:
        self.passed = True
        sock = self.conn.raw
        if sock is not None:
            with contextlib.suppress(OSError):  # closed already
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Deadline:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        self.conn.close()


class Fetcher:
    """Fetch URLs politely and within bounds (see the module docstring). ``clock``, ``sleep``
    and ``resolver`` can be injected (tests)."""

    def __init__(self, settings: ExtractSettings, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 resolver: Resolver = resolve) -> None:
        self.settings = settings
        self.clock = clock
        self.sleep = sleep
        self.resolver = resolver
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self._unreachable: dict[str, str] = {}

    # ------------------------------------------------------------------ public

    def get(self, url: str) -> Response:
        """Fetch ``url``, following redirects; raise ``InputError`` (E111, E120-E123, E129) on
        failure."""
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._check_scheme(current)
            self._address(current)
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

    def _address(self, url: str) -> str:
        """The address to connect to for ``url``, resolved and checked by the guard: E129 when
        any address of the host is not public (unless ``fetch_private``), E120 when the host
        does not resolve."""
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            addresses = self.resolver(host, port)
        except (OSError, ValueError, UnicodeError) as exc:
            raise InputError(Err.E120, url=url, detail=f"cannot resolve {host!r}: {exc}") from exc
        if not addresses:
            raise InputError(Err.E120, url=url, detail=f"cannot resolve {host!r}")
        if not self.settings.fetch_private:
            for address in addresses:
                kind = address_kind(address)
                if kind is not None:
                    shown = address if host.strip("[]") == address else f"{host} ({address})"
                    raise InputError(Err.E129, url=url, address=shown, kind=kind)
        return addresses[0]

    def _request(self, url: str, limit: int) -> tuple[int, Any, bytes]:
        """One GET without following redirects, within the deadline: (status, headers, decoded
        body; empty unless the status is 2xx)."""
        parts = urllib.parse.urlsplit(url)
        https = parts.scheme.lower() == "https"
        port = parts.port or (443 if https else 80)
        conn = (_PinnedTLS if https else _Pinned)(parts.hostname or "", port, self._address(url),
                                                  self.settings.timeout)
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        with _Deadline(conn, self.settings.timeout) as deadline:
            try:
                conn.request("GET", path, headers={
                    "User-Agent": self.settings.user_agent,
                    "Accept-Encoding": "gzip, deflate, br", "Connection": "close"})
                resp = conn.getresponse()
                self._check_headers(url, resp.headers)
                body = self._body(resp, url, limit) if 200 <= resp.status < 300 else b""
            except (OSError, http.client.HTTPException, ValueError) as exc:
                if deadline.passed:
                    raise self._late(url) from exc
                raise InputError(Err.E120, url=url, detail=str(exc) or type(exc).__name__
                                 ) from exc
            if deadline.passed:  # a body cut short by the deadline
                raise self._late(url)
            return resp.status, resp.headers, body

    def _late(self, url: str) -> InputError:
        return InputError(Err.E120, url=url, detail=f"no complete answer within "
                          f"{self.settings.timeout:g} s (setting timeout: connecting, headers "
                          "and body in all)")

    def _check_headers(self, url: str, headers: Any) -> None:
        size = sum(len(k) + len(v) + 4 for k, v in headers.items())
        if len(headers) > MAX_HEADERS or size > MAX_HEADER_BYTES:
            raise InputError(Err.E120, url=url, detail=f"{len(headers)} headers of {size} "
                             f"bytes (at most {MAX_HEADERS} of {MAX_HEADER_BYTES})")

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
