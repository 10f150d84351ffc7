"""The store: deduplicated, resumable ingestion into DuckDB, and what reads it back.

    from thucydides.store import ingest
    from thucydides.store.export import export
    from thucydides.store.queries import query, stats

    ingest(["news.jsonl"], "thucydides.duckdb")
    stats("thucydides.duckdb")["events"]
    query("thucydides.duckdb", "SELECT count(*) FROM quotes").rows
    export("thucydides.duckdb", "gdelt", "events.tsv")
"""

from thucydides.store.db import DEFAULT_DB, StoreError
from thucydides.store.ingest import IngestReport, ingest

__all__ = ["DEFAULT_DB", "IngestReport", "StoreError", "ingest"]
