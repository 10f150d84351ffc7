"""Fixtures of the web tests: one store built from this folder's fixture articles (with the fake
coder), the app over it, and an in-process client."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from web_fakes import WebFakeCoder
from web_store import build_store

from thucydides.actors.kb import KnowledgeBase

with warnings.catch_warnings():
    # fastapi.testclient warns once, on import, that its httpx-based client is deprecated
    warnings.simplefilter("ignore")
    import fastapi.testclient  # noqa: F401


@pytest.fixture(scope="session")
def web_kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory, web_kb: KnowledgeBase) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb", web_kb)


@pytest.fixture(scope="session")
def fake_coder(web_kb: KnowledgeBase) -> WebFakeCoder:
    return WebFakeCoder(web_kb)


@pytest.fixture(scope="session")
def app(store: Path, fake_coder: WebFakeCoder, web_kb: KnowledgeBase):
    from thucydides.web import create_app

    return create_app(store, fake_coder)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c

