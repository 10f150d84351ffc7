"""Test stores for the web tests: the fixture articles of this folder, ingested with the fake
coder through ``thucydides.store.ingest``."""

from __future__ import annotations

from pathlib import Path

import duckdb
from web_fakes import CAPITALS, WebFakeCoder

from thucydides.actors.kb import KnowledgeBase
from thucydides.store import ingest

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles.jsonl"
HOSTILE = FIXTURES / "hostile.jsonl"


def build_store(path: Path, kb: KnowledgeBase, hostile: bool = True) -> Path:
    inputs = [str(ARTICLES), *([str(HOSTILE)] if hostile else [])]
    ingest(inputs, path, coder=WebFakeCoder(kb))
    fill_locations(path)
    return path


def fill_locations(path: Path) -> None:
    """Locate events at their target's capital, as the fake coder does, when the store's rows
    left the location out (the store stores ``Event.location`` only once the coder emits it)."""
    con = duckdb.connect(str(path))
    try:
        for country, (name, lat, lon) in CAPITALS.items():
            con.execute("UPDATE events SET location_name = ?, location_country = ?, "
                        "location_lat = ?, location_lon = ?, location_feature = 'PPLC' "
                        "WHERE target_country = ? AND location_lat IS NULL",
                        [name, country, lat, lon, country])
    finally:
        con.close()
