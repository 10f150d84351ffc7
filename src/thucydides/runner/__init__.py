"""The corpus runner: read inputs, code them, store the rows; in this process
(``runner.local``) or on a Dask cluster (``runner.cluster``, workers in ``runner.worker``),
both storing the batches of ``runner.batches``.

    from thucydides.runner import ingest
    ingest(["news.jsonl"], "thucydides.duckdb")

It sits above the store, which only writes and reads rows, and below the command line and the
dashboard.
"""

from thucydides.runner.batches import IngestReport
from thucydides.runner.run import ingest

__all__ = ["IngestReport", "ingest"]
