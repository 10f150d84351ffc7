"""``ingest``: the corpus runner's entry point, in this process or on Dask."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from thucydides.errors import Err
from thucydides.runner.batches import BATCH_SIZE, CoderLike, IngestReport, Progress
from thucydides.runner.local import ingest_local
from thucydides.settings import Settings
from thucydides.store.db import DEFAULT_DB, StoreError


def ingest(inputs: Sequence[str], db: str | Path = DEFAULT_DB, settings: Settings | None = None,
           *, workers: int = 0, scheduler: str | None = None, batch_size: int = BATCH_SIZE,
           coder: CoderLike | None = None, parquet_dir: str | Path | None = None,
           on_progress: Callable[[Progress], None] | None = None) -> IngestReport:
    """Read ``inputs``, code the articles not yet in the store ``db`` and store them.

    ``workers`` > 0 or a ``scheduler`` address codes on Dask (``thucydides.runner.cluster``), each
    worker loading its own coder (``coder`` is refused there, E171: a loaded coder is not sent to
    other processes); otherwise coding runs in this process with ``coder`` (default:
    ``Coder.load(settings)``, loaded only when something needs coding).
    """
    settings = settings or Settings()
    if workers or scheduler:
        from thucydides.runner.cluster import ingest_distributed

        if coder is not None:
            raise StoreError(Err.E171)

        return ingest_distributed(inputs, db, settings, workers=workers, scheduler=scheduler,
                                  batch_size=batch_size, parquet_dir=parquet_dir,
                                  on_progress=on_progress)
    return ingest_local(inputs, db, settings, batch_size=batch_size, coder=coder,
                        on_progress=on_progress)
