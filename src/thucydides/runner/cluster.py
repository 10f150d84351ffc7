"""Distributed ingest: the client reads the inputs and skips what is stored, workers code
partitions into Parquet, and the store ingests each partition in order, one transaction each.

Results equal an in-process ingest of the same inputs: partitions are stored in input order and
duplicates are assigned as the store ingests, so the same resume and idempotency hold. The
Parquet stays under ``parquet_dir`` (default ``DB.parts/`` next to the store, made absolute on the
client), one folder per table, for any engine to read
(``read_parquet('thucydides.duckdb.parts/events/*.parquet')``); the workers write there and the
client reads it back, so on a cluster of several machines it must be a folder they all share
(else E172). A partition of a run that was killed before storing it is coded again by the next
run.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from thucydides.errors import Err, ThucydidesError
from thucydides.records import Article
from thucydides.runner.batches import (
    IngestReport,
    Progress,
    chunks,
    code_sources,
    coder_version,
    pending,
    run_batches,
    stored_keys,
)
from thucydides.runner.sources import read_sources
from thucydides.settings import Settings
from thucydides.store.db import StoreError, Writer
from thucydides.store.dedup import Hasher
from thucydides.store.rows import Batch

log = logging.getLogger(__name__)

IN_FLIGHT_PER_WORKER = 2
CONNECT_TIMEOUT = "30s"


@contextlib.contextmanager
def dask_client(workers: int, scheduler: str | None,
                timeout: str = CONNECT_TIMEOUT) -> Iterator[Any]:
    """A client of an existing scheduler, or of a new local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    try:
        if scheduler:
            client = Client(scheduler, timeout=timeout)
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


def ingest_distributed(inputs: Sequence[str], db: str | Path, settings: Settings, *,
                       workers: int = 0, scheduler: str | None = None, batch_size: int = 32,
                       parquet_dir: str | Path | None = None,
                       on_progress: Callable[[Progress], None] | None = None,
                       coder_factory: Callable[[Settings], Any] | None = None,
                       on_partition: Callable[[Any], None] | None = None) -> IngestReport:
    """``store.ingest`` on Dask: ``workers`` local processes, or the cluster at ``scheduler``."""
    from thucydides.runner.worker import CoderPlugin, code_partition, read_partition

    writer = Writer.open(db, inputs, settings, coder_version(settings), workers=workers)
    out, hasher = str(Path(parquet_dir or f"{db}.parts").resolve()), Hasher.create()

    def batches() -> Iterator[Batch]:
        with contextlib.ExitStack() as stack:
            client: Any = None
            window: deque[tuple[Any, int, int, str]] = deque()
            for i, chunk in enumerate(chunks(read_sources(inputs, settings), batch_size)):
                todo, skipped = pending(chunk, stored_keys(writer, chunk))
                name = f"run{writer.run_id:05d}-part{i:06d}"
                if not any(isinstance(s.item, Article) for s in todo):
                    job: Any = code_sources(todo, None, hasher)  # read errors: nothing to code
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
    try:
        batch = read(result.paths)
    except OSError as exc:  # the worker wrote where this process cannot read
        path = getattr(exc, "filename", None) or ", ".join(result.paths.values())
        raise StoreError(Err.E172, part=name, path=path,
                         detail=exc.strerror or type(exc).__name__) from exc
    batch.skipped, batch.last_input = skipped, last_input
    return batch
