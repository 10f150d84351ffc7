"""The fetcher's bounds, against servers on 127.0.0.1 that misbehave: a total deadline per
request however slowly bytes trickle, caps on headers, and the address guard (on by default; the
other fetch tests turn it off to reach their own server)."""

from __future__ import annotations

import time

import pytest

from thucydides.errors import InputError
from thucydides.ingest import fetch
from thucydides.ingest.extract import scan
from thucydides.ingest.fetch import Fetcher, address_kind
from thucydides.ingest.settings import ExtractSettings

from .conftest import Raw
from .ingest_helpers import QUICK

PAGE = b"<html><body><p>Russia accused Ukraine of shelling Kharkiv on Monday.</p></body></html>"
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(PAGE)


def failure(site, path, **changes) -> tuple[InputError, float]:
    start = time.monotonic()
    with pytest.raises(InputError) as exc:
        Fetcher(QUICK.with_(**changes)).get(site.base + path)
    return exc.value, time.monotonic() - start


@pytest.mark.parametrize("pieces", [
    [HEAD] + [bytes([b]) for b in PAGE],  # the body one byte at a time
    [b"HTTP/1.1 200 OK\r\n"] + [b"X-Slow-%d: yes\r\n" % i for i in range(60)],  # the headers
])
def test_a_trickling_server_meets_the_total_deadline(site, pieces):
    site.page("/robots.txt", "", ctype="text/plain")
    site.routes["/slow"] = Raw(pieces, pause=0.1)  # 6+ s in all, each piece well within 1 s
    exc, took = failure(site, "/slow", timeout=1.0)
    assert exc.code == "E120" and "within 1 s" in exc.message
    assert took < 2.5


def test_a_fast_page_is_unaffected_by_the_deadline(site):
    site.page("/robots.txt", "", ctype="text/plain")
    site.routes["/ok"] = Raw([HEAD, PAGE])
    assert Fetcher(QUICK.with_(timeout=1.0)).get(site.base + "/ok").body == PAGE


@pytest.mark.parametrize("headers", [
    [b"X-Many-%d: y\r\n" % i for i in range(150)],  # too many
    [b"X-Big-%d: %s\r\n" % (i, b"y" * 20_000) for i in range(5)],  # too large in all
])
def test_header_caps(site, headers):
    site.page("/robots.txt", "", ctype="text/plain")
    site.routes["/h"] = Raw([b"HTTP/1.1 200 OK\r\n", *headers, b"\r\n", PAGE])
    exc, _ = failure(site, "/h")
    assert exc.code == "E120" and "header" in exc.message


def test_the_guard_refuses_127_0_0_1_by_default(site):
    site.page("/a.html", PAGE)
    with pytest.raises(InputError) as exc:
        Fetcher(ExtractSettings(fetch_delay=0.0)).get(site.base + "/a.html")
    assert exc.value.code == "E129" and "loopback" in exc.value.message
    assert "fetch_private" in exc.value.message
    assert site.requested() == []  # not even robots.txt


def as_public(address: str) -> str | None:
    """The guard's judgement, with this test server's 127.0.0.1 taken for a public address."""
    return None if address == "127.0.0.1" else address_kind(address)


def test_the_guard_checks_every_redirect(site, monkeypatch):
    monkeypatch.setattr(fetch, "address_kind", as_public)
    port = site.base.rsplit(":", 1)[1]
    site.page("/go", "", status=302, Location=f"http://127.0.0.2:{port}/inside")
    site.page("/inside", PAGE)
    exc, _ = failure(site, "/go", fetch_private=False)
    assert exc.code == "E129" and "127.0.0.2" in exc.message
    assert site.requested() == ["/robots.txt", "/go"]


def test_the_guard_covers_links_in_a_feed(site, monkeypatch, make_ctx):
    monkeypatch.setattr(fetch, "address_kind", as_public)
    feed = ("<rss version='2.0'><channel><title>t</title><item><title>Inside</title>"
            "<link>http://169.254.169.254/latest/meta-data/</link></item></channel></rss>")
    site.page("/feed.xml", feed, ctype="application/rss+xml")
    (item,) = scan([site.base + "/feed.xml"], ctx=make_ctx(fetch_private=False))
    assert item.code == "E129" and "cloud-metadata" in item.message


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("192.168.0.10", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "cloud-metadata"),
    ("fe80::1", "link-local"), ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "private"),
    ("100.64.0.1", "non-public"), ("224.0.0.1", "multicast"), ("fd00:ec2::254", "cloud-metadata"),
    ("93.184.216.34", None), ("2606:4700::1111", None),
])
def test_address_kinds(address, kind):
    assert address_kind(address) == kind


def test_a_host_that_does_not_resolve_is_e120():
    fetcher = Fetcher(QUICK, resolver=lambda host, port: [])
    with pytest.raises(InputError) as exc:
        fetcher.get("http://nowhere.invalid/")
    assert exc.value.code == "E120" and "resolve" in exc.value.message
