"""Distributed ingest: the client reads the inputs and skips what is stored, workers code
partitions into Parquet, and the store ingests each partition in order, one transaction each.

Results equal an in-process ingest of the same inputs: partitions are stored in input order and
duplicates are assigned as the store ingests, so the same resume and idempotency hold. The
Parquet stays under ``parquet_dir`` (default ``DB.parts/``), one folder per table, for any engine
to read (``read_parquet('thucydides.duckdb.parts/events/*.parquet')``); a partition of a run
that was killed before storing it is coded again by the next run.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from thucydides.errors import Err, ThucydidesError
from thucydides.records import Article
from thucydides.settings import Settings
from thucydides.store.db import StoreError, Writer
from thucydides.store.dedup import Hasher
from thucydides.store.ingest import (
    IngestReport,
    Progress,
    chunks,
    code_sources,
    coder_version,
    run_batches,
    stored_keys,
)
from thucydides.store.rows import Batch, article_key
from thucydides.store.sources import Source, read_sources

log = logging.getLogger(__name__)

IN_FLIGHT_PER_WORKER = 2


@contextlib.contextmanager
def dask_client(workers: int, scheduler: str | None) -> Iterator[Any]:
    """A client of an existing scheduler, or of a new local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
            cluster = None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.WARNING)
            client = Client(cluster)
    except (OSError, TimeoutError, RuntimeError) as exc:
        raise StoreError(Err.E168, detail=f"{type(exc).__name__}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _NoCoder:
    def run(self, items: Iterable[Article]) -> Iterator[Any]:
        raise AssertionError("nothing to code")


def _todo(writer: Writer, chunk: Sequence[Source]) -> tuple[list[Source], int]:
    """The records of ``chunk`` still to code, and how many were found stored."""
    stored = stored_keys(writer, chunk)
    keep = [s for s in chunk if not (isinstance(s.item, Article)
                                     and article_key(s.locator, s.item.text) in stored)]
    return keep, len(chunk) - len(keep)


def ingest_distributed(inputs: Sequence[str], db: str | Path, settings: Settings, *,
                       workers: int = 0, scheduler: str | None = None, batch_size: int = 32,
                       parquet_dir: str | Path | None = None,
                       on_progress: Callable[[Progress], None] | None = None,
                       coder_factory: Callable[[Settings], Any] | None = None,
                       on_partition: Callable[[Any], None] | None = None) -> IngestReport:
    """``store.ingest`` on Dask: ``workers`` local processes, or the cluster at ``scheduler``."""
    from thucydides.distributed.worker import CoderPlugin, code_partition, read_partition

    writer = Writer.open(db, inputs, settings, coder_version(), workers=workers)
    out, hasher = str(parquet_dir or f"{db}.parts"), Hasher.create()

    def batches() -> Iterator[Batch]:
        with contextlib.ExitStack() as stack:
            client: Any = None
            window: deque[tuple[Any, int, int, str]] = deque()
            for i, chunk in enumerate(chunks(read_sources(inputs, settings), batch_size)):
                todo, skipped = _todo(writer, chunk)
                name = f"run{writer.run_id:05d}-part{i:06d}"
                if not any(isinstance(s.item, Article) for s in todo):
                    job: Any = code_sources(todo, _NoCoder(), hasher)  # nothing to code
                else:
                    if client is None:
                        client = stack.enter_context(dask_client(workers, scheduler))
                        client.register_plugin(CoderPlugin(settings, coder_factory))
                    job = client.submit(code_partition, todo, out, name, pure=False)
                window.append((job, skipped, chunk[-1].input_index, name))
                if len(window) >= IN_FLIGHT_PER_WORKER * max(workers, 2):
                    yield _collect(window.popleft(), read_partition, on_partition)
            while window:
                yield _collect(window.popleft(), read_partition, on_partition)

    return run_batches(writer, db, len(inputs), on_progress, batches)


def _collect(entry: tuple[Any, int, int, str], read: Callable[[dict[str, str]], Batch],
             on_partition: Callable[[Any], None] | None) -> Batch:
    job, skipped, last_input, name = entry
    if isinstance(job, Batch):
        job.skipped, job.last_input = skipped, last_input
        return job
    try:
        result = job.result()
    except ThucydidesError:
        raise
    except Exception as exc:
        raise StoreError(Err.E169, part=name, detail=f"{type(exc).__name__}: {exc}") from exc
    if on_partition:
        on_partition(result)
    batch = read(result.paths)
    batch.skipped, batch.last_input = skipped, last_input
    return batch
