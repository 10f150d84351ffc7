"""Shared constants of the reader tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

from pathlib import Path

from thucydides.ingest.settings import ExtractSettings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"

# tests never wait between requests, and fetch from their own server on 127.0.0.1 (the address
# guard off: test_fetch_guard.py shows it refuses 127.0.0.1 by default)
QUICK = ExtractSettings(fetch_delay=0.0, timeout=5.0, fetch_private=True)
