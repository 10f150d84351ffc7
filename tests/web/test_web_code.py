"""``/api/code``: codes posted text with the app's coder, stores nothing, and limits request size
and rate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fakes import WebFakeCoder

from thucydides.store.queries import stats
from thucydides.web import WebOptions, create_app, models
from thucydides.web.security import RateLimiter

LIMIT = 2_000


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def code_client(store: Path, fake_coder: WebFakeCoder, clock: Clock) -> Iterator[TestClient]:
    app = create_app(store, fake_coder, options=WebOptions(code_max_bytes=LIMIT))
    app.state.web.limiter = RateLimiter(per_minute=6, burst=2, clock=clock)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def test_code_returns_events_and_quotes_and_stores_nothing(code_client: TestClient,
                                                           store: Path) -> None:
    before = stats(store)
    r = code_client.post("/api/code", json={
        "text": "Russia attacked Ukraine. Albin Kurti said “no” on Monday.",
        "date": "2024-06-01"})
    assert r.status_code == 200, r.text
    body = models.CodeResult.model_validate(r.json())
    assert [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in body.events] == [
        ("RUS", "190", "UKR")]
    assert body.events[0]["date"]["value"] == "2024-06-01"
    assert [q["speaker"]["code"] for q in body.quotes] == ["XKXGOV"]
    after = stats(store)
    assert (after["articles"], after["event_mentions"]) == (before["articles"],
                                                            before["event_mentions"])


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "x", "date": "2024-6-1"},
                                  {"text": 3}, {"text": "x", "date": "2024-02-31"},
                                  {"text": "x", "date": "2023-13-01"}])
def test_bad_requests(code_client: TestClient, body: dict[str, object]) -> None:
    r = code_client.post("/api/code", json=body)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "E194")


def test_a_body_over_the_limit_is_refused_unread(code_client: TestClient,
                                                 fake_coder: WebFakeCoder) -> None:
    calls = fake_coder.calls
    r = code_client.post("/api/code", json={"text": "Russia attacked Ukraine. " * 100})
    assert (r.status_code, r.json()["error"]["code"]) == (413, "E190")
    assert "content-security-policy" in r.headers
    assert fake_coder.calls == calls


def test_a_body_sent_in_chunks_is_counted_as_it_comes(code_client: TestClient,
                                                      fake_coder: WebFakeCoder) -> None:
    calls = fake_coder.calls

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(LIMIT // 100 + 1):
            yield b"x" * 100
        yield b'"}'

    r = code_client.post("/api/code", content=chunks(),
                         headers={"content-type": "application/json"})
    assert r.status_code == 413 and fake_coder.calls == calls


def test_rate_limit_per_client(code_client: TestClient, clock: Clock) -> None:
    ok = {"text": "Russia attacked Ukraine."}
    assert [code_client.post("/api/code", json=ok).status_code for _ in range(3)] == [
        200, 200, 429]
    r = code_client.post("/api/code", json=ok)
    assert r.json()["error"]["code"] == "E191" and r.headers["retry-after"] == "10"
    clock.now += 10  # 6 per minute: one more after 10 s
    assert code_client.post("/api/code", json=ok).status_code == 200
    assert code_client.post("/api/code", json=ok).status_code == 429


def test_the_coder_is_loaded_once_on_first_use(store: Path, monkeypatch: pytest.MonkeyPatch,
                                               fake_coder: WebFakeCoder) -> None:
    import thucydides.api

    loads = []

    def load(settings: object) -> WebFakeCoder:
        loads.append(settings)
        return fake_coder

    monkeypatch.setattr(thucydides.api.Coder, "load", staticmethod(load))
    app = create_app(store, thucydides.api.Service())
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/api/stats").status_code == 200 and loads == []
        for _ in range(2):
            assert c.post("/api/code", json={"text": "Russia attacked Ukraine."}).json()[
                "events"]
    assert len(loads) == 1


def test_a_coder_failure_is_an_error_answer(store: Path) -> None:
    class Broken:
        def code(self, text: str, date: str | None = None, id: str = "doc") -> dict:
            raise RuntimeError("boom")

        def knowledge_base(self) -> None:
            raise RuntimeError("no")

    app = create_app(store, Broken())
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        r = c.post("/api/code", json={"text": "Russia attacked Ukraine."})
    assert (r.status_code, r.json()["error"]["code"]) == (500, "E195")
    assert "boom" in r.json()["error"]["message"]
