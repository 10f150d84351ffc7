"""The security plumbing on its own: the body limit at the ASGI level (declared and undeclared
sizes), the rate limiter's arithmetic, and which URLs become links."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from thucydides.web.render import safe_url
from thucydides.web.security import HEADERS, BodyLimit, RateLimiter


def run_asgi(app: Any, chunks: list[bytes], headers: list[tuple[bytes, bytes]],
             path: str = "/api/code") -> tuple[int, bytes, int]:
    """Send one request through ``app``; returns status, body and how many chunks it read."""
    sent: list[dict[str, Any]] = []
    read = 0

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        if read > len(chunks):
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": chunks[read - 1],
                "more_body": read < len(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "path": path, "method": "POST", "headers": headers}
    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body, read


async def echo(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """An app that answers with the length of the body it read."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(len(body)).encode()})


CASES = [
    # chunks, declared content-length, status, body read by the app
    ([b"x" * 10], b"10", 200, b"10"),
    ([b"x" * 100], b"100", 200, b"100"),
    ([b"x" * 101], b"101", 413, None),
    ([b"x" * 10], b"1000000", 413, None),   # refused on the declaration alone
    ([b"x" * 60, b"x" * 60], None, 413, None),  # no declaration: counted as it comes
    ([b"x" * 50, b"x" * 50], None, 200, b"100"),
    ([b"x"], b"-1", 413, None),
]


@pytest.mark.parametrize(("chunks", "declared", "status", "echoed"), CASES)
def test_body_limit(chunks: list[bytes], declared: bytes | None, status: int,
                    echoed: bytes | None) -> None:
    headers = [(b"content-length", declared)] if declared is not None else []
    got, body, _ = run_asgi(BodyLimit(echo, ["/api/code"], 100), chunks, headers)
    assert got == status
    if echoed is not None:
        assert body == echoed
    else:
        assert json.loads(body)["error"]["code"] == "E190"


def test_body_limit_stops_reading_past_the_limit() -> None:
    chunks = [b"x" * 60] * 10
    _, _, read = run_asgi(BodyLimit(echo, ["/api/code"], 100), chunks, [])
    assert read == 2


def test_body_limit_leaves_other_paths_alone() -> None:
    status, body, _ = run_asgi(BodyLimit(echo, ["/api/code"], 100), [b"x" * 500], [],
                               path="/api/other")
    assert (status, body) == (200, b"500")


def test_refusals_carry_the_security_headers() -> None:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"x" * 200, "more_body": False}

    asyncio.run(BodyLimit(echo, ["/api/code"], 100)(
        {"type": "http", "path": "/api/code", "headers": []}, receive, send))
    names = {k for k, _ in sent[0]["headers"]}
    assert {k for k, _ in HEADERS} <= names


def test_rate_limiter_refills_at_its_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=30, burst=3, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(4)] == [0, 0, 0, 2]
    assert limiter.take("b") == 0  # per client
    now[0] = 2.0
    assert limiter.take("a") == 0 and limiter.take("a") == 2
    now[0] = 1000.0
    assert [limiter.take("a") for _ in range(4)] == [0, 0, 0, 2]  # never above the burst


def test_rate_limiter_forgets_idle_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    import thucydides.web.security as security

    monkeypatch.setattr(security, "MAX_CLIENTS", 3)
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    for client in "abcd":
        limiter.take(client)
    now[0] = 100.0
    limiter.take("e")
    assert set(limiter._buckets) == {"e"}


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://example.org", "http://example.org"),
    (" HTTPS://example.org ", "HTTPS://example.org"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("/work/file.jsonl", None),
    ("", None),
    (None, None),
])
def test_only_http_urls_become_links(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected
