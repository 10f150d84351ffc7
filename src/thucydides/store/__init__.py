"""The store: rows in DuckDB, written in deduplicated, resumable batches, and what reads them
back. It codes nothing: the corpus runner (``thucydides.runner``) codes and hands it rows.

    from thucydides.store.export import export
    from thucydides.store.queries import query, stats

    stats("thucydides.duckdb")["events"]
    query("thucydides.duckdb", "SELECT count(*) FROM quotes").rows
    export("thucydides.duckdb", "gdelt", "events.tsv")
"""

from thucydides.store.db import DEFAULT_DB, StoreError

__all__ = ["DEFAULT_DB", "StoreError"]
