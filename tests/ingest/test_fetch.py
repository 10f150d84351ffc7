"""Polite fetching against a server on 127.0.0.1: User-Agent, robots.txt, redirects, size cap,
compressed bodies, failures as catalogued errors, the pause between requests to one host."""

from __future__ import annotations

import gzip
import time

import brotli
import pytest

from thucydides.errors import InputError
from thucydides.ingest.fetch import Fetcher

from .ingest_helpers import QUICK

PAGE = "<html><body><p>Hello from the test server.</p></body></html>"


def fetch(site, path, **changes):
    return Fetcher(QUICK.with_(**changes)).get(site.base + path)


def test_user_agent_names_thucydides_and_robots_is_read_first(site):
    site.page("/a.html", PAGE)
    resp = fetch(site, "/a.html")
    assert resp.status == 200 and resp.body.decode() == PAGE
    assert resp.content_type == "text/html" and resp.charset == "utf-8"
    assert site.requested() == ["/robots.txt", "/a.html"]
    assert all("thucydides" in agent for _, agent in site.log)


def test_robots_txt_is_read_once_per_host(site):
    site.page("/a.html", PAGE)
    site.page("/b.html", PAGE)
    fetcher = Fetcher(QUICK)
    fetcher.get(site.base + "/a.html")
    fetcher.get(site.base + "/b.html")
    assert site.requested() == ["/robots.txt", "/a.html", "/b.html"]


@pytest.mark.parametrize("robots, path, allowed", [
    ("User-agent: *\nDisallow: /private/\n", "/private/x.html", False),
    ("User-agent: *\nDisallow: /private/\n", "/public/x.html", True),
    ("User-agent: thucydides\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "/x.html", False),
    ("User-agent: otherbot\nDisallow: /\n", "/x.html", True),
])
def test_robots_rules_are_honoured(site, robots, path, allowed):
    site.page("/robots.txt", robots, ctype="text/plain")
    site.page(path, PAGE)
    if allowed:
        assert fetch(site, path).status == 200
    else:
        with pytest.raises(InputError) as exc:
            fetch(site, path)
        assert exc.value.code == "E121" and "robots.txt" in exc.value.message
        assert path not in site.requested()


def test_unreachable_robots_txt_disallows_everything(site):
    site.page("/robots.txt", "down", ctype="text/plain", status=503)
    site.page("/a.html", PAGE)
    with pytest.raises(InputError) as exc:
        fetch(site, "/a.html")
    assert exc.value.code == "E121" and "/a.html" not in site.requested()


def test_redirects_are_followed_to_the_final_url(site):
    site.page("/old", "", status=301, Location="/middle")
    site.page("/middle", "", status=302, Location=site.base + "/new.html")
    site.page("/new.html", PAGE)
    resp = fetch(site, "/old")
    assert resp.url == site.base + "/new.html" and resp.body.decode() == PAGE


def test_redirect_loops_stop_at_the_limit(site):
    site.page("/loop", "", status=302, Location="/loop")
    with pytest.raises(InputError) as exc:
        fetch(site, "/loop", max_redirects=3)
    assert exc.value.code == "E122"
    assert site.requested().count("/loop") == 4  # the first request and three redirects


def test_redirect_into_a_disallowed_path_is_not_followed(site):
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")
    site.page("/go", "", status=302, Location="/private/x.html")
    site.page("/private/x.html", PAGE)
    with pytest.raises(InputError) as exc:
        fetch(site, "/go")
    assert exc.value.code == "E121" and "/private/x.html" not in site.requested()


@pytest.mark.parametrize("headers", [{}, {"Transfer-Encoding": "chunked"}])
def test_bodies_over_the_size_cap_are_errors_and_not_read_whole(site, headers):
    body = b"<p>" + b"x" * 50_000 + b"</p>"
    if headers:  # no Content-Length: the cap is found while reading
        chunk = hex(len(body))[2:].encode()
        body = chunk + b"\r\n" + body + b"\r\n0\r\n\r\n"
    site.routes["/big.html"] = (200, {"Content-Type": "text/html", **headers}, body)
    with pytest.raises(InputError) as exc:
        fetch(site, "/big.html", max_bytes=10_000)
    assert exc.value.code == "E111" and "10000" in exc.value.message


@pytest.mark.parametrize("coding, encode", [
    ("gzip", gzip.compress),
    ("br", brotli.compress),
])
def test_compressed_bodies_are_decoded(site, coding, encode):
    site.page("/z.html", encode(PAGE.encode()), **{"Content-Encoding": coding})
    assert fetch(site, "/z.html").body.decode() == PAGE


def test_a_gzip_bomb_stops_at_the_cap(site):
    site.page("/bomb.html", gzip.compress(b"a" * 2_000_000), **{"Content-Encoding": "gzip"})
    with pytest.raises(InputError) as exc:
        fetch(site, "/bomb.html", max_bytes=100_000)
    assert exc.value.code == "E111"


@pytest.mark.parametrize("path, status, code", [
    ("/missing.html", 404, "E123"),
    ("/error.html", 500, "E123"),
])
def test_http_errors_are_catalogued(site, path, status, code):
    site.page(path, "no", status=status)
    with pytest.raises(InputError) as exc:
        fetch(site, path)
    assert exc.value.code == code and str(status) in exc.value.message


def test_connection_refused_and_bad_schemes_are_e120(site):
    fetcher = Fetcher(QUICK.with_(timeout=2.0))
    with pytest.raises(InputError) as exc:
        fetcher.get("http://127.0.0.1:9/nothing-listens-here")
    assert exc.value.code == "E120" and "robots.txt unreachable" in exc.value.message
    with pytest.raises(InputError) as exc:
        fetcher.get("ftp://127.0.0.1/file.txt")
    assert exc.value.code == "E120" and "scheme" in exc.value.message


def test_a_slow_server_times_out(site):
    site.page("/robots.txt", "", ctype="text/plain")

    def slow():
        time.sleep(1.0)
        return 200, {"Content-Type": "text/html"}, PAGE.encode()

    site.routes["/slow.html"] = slow
    with pytest.raises(InputError) as exc:
        fetch(site, "/slow.html", timeout=0.2)
    assert exc.value.code == "E120"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.mark.parametrize("robots, delay, expected", [
    ("", 2.0, [2.0]),
    ("User-agent: *\nCrawl-delay: 5\n", 2.0, [5.0]),
    ("", 0.0, []),
])
def test_requests_to_one_host_are_spaced(site, robots, delay, expected):
    site.page("/robots.txt", robots, ctype="text/plain")
    site.page("/a.html", PAGE)
    site.page("/b.html", PAGE)
    clock = FakeClock()
    fetcher = Fetcher(QUICK.with_(fetch_delay=delay), clock=clock, sleep=clock.sleep)
    fetcher.get(site.base + "/a.html")
    fetcher.get(site.base + "/b.html")
    assert clock.slept == expected
