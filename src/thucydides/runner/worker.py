"""What runs on a Dask worker: the coder, loaded once per worker process, and the coding of one
partition into Parquet files (one per table, in the layout of ``thucydides.store.rows``)."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from distributed import WorkerPlugin, get_worker

from thucydides.runner.batches import CoderLike, code_sources
from thucydides.runner.sources import Source
from thucydides.settings import Settings
from thucydides.store.dedup import Hasher
from thucydides.store.rows import TABLES, Batch

PLUGIN = "thucydides-coder"


def load_coder(settings: Settings) -> CoderLike:
    from thucydides.api import Coder

    return Coder.load(settings)


class CoderPlugin(WorkerPlugin):
    """Loads the coder when a worker starts; every task on that worker reuses it."""

    name = PLUGIN

    def __init__(self, settings: Settings,
                 factory: Callable[[Settings], CoderLike] | None = None) -> None:
        self.settings = settings
        self.factory = factory or load_coder
        self.coder: CoderLike | None = None
        self.hasher: Hasher | None = None

    def setup(self, worker: Any) -> None:
        self.coder = self.factory(self.settings)
        self.hasher = Hasher.create()


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a worker made of one partition."""

    name: str
    paths: dict[str, str]
    worker: str
    articles: int
    sentences: int
    seconds: float
    peak_rss_mb: float


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_partition(batch: Batch, out_dir: str | Path, name: str) -> dict[str, str]:
    """One Parquet file per table under ``out_dir/TABLE/NAME.parquet``, each written whole
    (to a temporary name, then renamed)."""
    paths = {}
    for table in TABLES:
        folder = Path(out_dir) / table
        folder.mkdir(parents=True, exist_ok=True)
        path, tmp = folder / f"{name}.parquet", folder / f".{name}.parquet.tmp"
        pq.write_table(batch.arrow(table), tmp)
        os.replace(tmp, path)
        paths[table] = str(path)
    return paths


def read_partition(paths: dict[str, str]) -> Batch:
    batch = Batch()
    for table, path in paths.items():
        batch.rows[table] = pq.read_table(path).to_pylist()
    return batch


def code_partition(sources: Sequence[Source], out_dir: str, name: str) -> PartitionResult:
    """Code one partition with this worker's coder and write it as Parquet."""
    worker = get_worker()
    plugin = worker.plugins[PLUGIN]
    start = time.perf_counter()
    batch = code_sources(sources, plugin.coder, plugin.hasher)
    paths = write_partition(batch, out_dir, name)
    return PartitionResult(name, paths, worker.address, len(batch.rows["articles"]),
                           sum(r["n_sentences"] for r in batch.rows["articles"]),
                           time.perf_counter() - start, peak_rss_mb())
