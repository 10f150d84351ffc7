"""The store: deduplicated, resumable ingestion into DuckDB, and what reads it back.

    from thucydides.store import ingest, stats, query, export
    ingest(["news.jsonl"], "thucydides.duckdb")
    stats("thucydides.duckdb")["events"]
"""

from thucydides.store.db import DEFAULT_DB, StoreError
from thucydides.store.ingest import IngestReport, ingest

__all__ = ["DEFAULT_DB", "IngestReport", "StoreError", "ingest"]
