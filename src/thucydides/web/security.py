"""Security plumbing: response headers (a strict Content-Security-Policy), a request body limit
and an in-process rate limit. The first two are plain ASGI middleware (cheap on every request).

The policy allows scripts, styles, images and fetches from the app itself only: no inline script
or style, no ``eval`` (charts run Vega's expression interpreter), no framing, no plugins.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from thucydides.errors import Err, ThucydidesError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

MAX_CLIENTS = 10_000  # buckets kept before idle ones are dropped

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]


class SecurityHeaders:
    """Adds ``HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", ())}
                message["headers"] = [*message.get("headers", ()),
                                       *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


async def error_response(send: Send, status: int, err: Err, headers: Iterable[tuple[bytes, bytes]]
                         = (), **detail: object) -> None:
    body = json.dumps({"error": {"code": err.name, "message": err.value.format(**detail)}})
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), *headers, *HEADERS]})
    await send({"type": "http.response.body", "body": body.encode()})


class BodyLimit:
    """Answers 413 (E190) to a request to one of ``paths`` whose body exceeds ``limit`` bytes,
    whether it says so in Content-Length or sends more than it said; the body is read at most
    to the limit and handed on in one piece."""

    def __init__(self, app: ASGIApp, paths: Iterable[str], limit: int) -> None:
        self.app, self.paths, self.limit = app, frozenset(paths), limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await error_response(send, 413, Err.E190, limit=self.limit)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await error_response(send, 413, Err.E190, limit=self.limit)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, replay(bytes(body), receive), send)


def replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def once() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return once


@dataclass
class RateLimiter:
    """A token bucket per client: ``burst`` requests at once, refilled at ``per_minute``."""

    per_minute: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, client: str) -> float:
        """0 when ``client`` may go on (a token is spent), else the seconds to wait."""
        now = self.clock()
        with self._lock:
            if len(self._buckets) > MAX_CLIENTS:
                self._forget_idle(now)
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.per_minute / 60)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return math.ceil((1 - tokens) * 60 / self.per_minute)

    def _forget_idle(self, now: float) -> None:
        """Drop the clients whose bucket has filled up again (they are as if new)."""
        full = self.burst * 60 / self.per_minute
        self._buckets = {c: (t, last) for c, (t, last) in self._buckets.items()
                         if now - last < full}


class WebError(ThucydidesError):
    """A catalogued error answered over HTTP (status from ``app.STATUS``), with extra headers."""

    def __init__(self, err: Err, headers: dict[str, str] | None = None, **detail: object) -> None:
        super().__init__(err, **detail)
        self.headers = headers
