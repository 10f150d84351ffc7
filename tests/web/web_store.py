"""Test stores for the web tests: the fixture articles of this folder, ingested with the fake
coder through ``thucydides.runner``."""

from __future__ import annotations

from pathlib import Path

from web_fakes import WebFakeCoder

from thucydides.actors.kb import KnowledgeBase
from thucydides.runner import ingest

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles.jsonl"
HOSTILE = FIXTURES / "hostile.jsonl"


def build_store(path: Path, kb: KnowledgeBase, hostile: bool = True) -> Path:
    inputs = [str(ARTICLES), *([str(HOSTILE)] if hostile else [])]
    ingest(inputs, path, coder=WebFakeCoder(kb))
    return path
