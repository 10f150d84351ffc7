"""Shared constants of the reader tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

from pathlib import Path

from thucydides.ingest.extract import ExtractSettings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"

# tests never wait between requests
QUICK = ExtractSettings(fetch_delay=0.0, timeout=5.0)
