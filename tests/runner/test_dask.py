"""Ingest on a local Dask cluster of two worker processes: the same store as in process, the
coder loaded once per worker, Parquet partitions any engine reads."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from store_fakes import FakeCoder, fake_factory
from store_helpers import corpus, dump

from thucydides.runner import ingest
from thucydides.runner.cluster import _collect, dask_client, ingest_distributed
from thucydides.runner.worker import PartitionResult, read_partition
from thucydides.settings import Settings
from thucydides.store import StoreError


def test_two_workers_give_the_store_one_process_gives(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    loads = tmp_path / "loads"
    loads.mkdir()
    monkeypatch.setenv("FAKE_LOADS", str(loads))
    inputs = [str(corpus(tmp_path / "a.jsonl", 24)), str(tmp_path / "missing.txt")]
    local = tmp_path / "local.duckdb"
    ingest(inputs, local, coder=FakeCoder(), batch_size=4)

    dask_db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    results = []
    report = ingest_distributed(inputs, dask_db, Settings(), workers=2, batch_size=4,
                                parquet_dir=parts, coder_factory=fake_factory,
                                on_partition=results.append)
    assert report.counts.articles_added == 24 and report.counts.errors_added == 1
    assert dump(dask_db) == dump(local)
    # 25 records in partitions of 4: six coded on the workers; the seventh holds only the
    # read error of missing.txt, stored without a worker
    assert len(results) == 6 and len({r.worker for r in results}) == 2
    assert len(list(loads.iterdir())) == 2  # one coder per worker process, not per partition

    stored = duckdb.sql(f"SELECT count(*) FROM read_parquet('{parts}/events/*.parquet')")
    assert stored.fetchall()[0][0] == dump(local)["events"].__len__()

    again = ingest_distributed(inputs, dask_db, Settings(), workers=2, batch_size=4,
                               parquet_dir=parts, coder_factory=fake_factory)
    assert again.counts.articles_added == 0 and again.counts.articles_skipped == 24
    assert dump(dask_db) == dump(local)
    assert len(list(loads.iterdir())) == 2  # nothing to code: no cluster was started


def test_an_existing_scheduler_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    monkeypatch.setenv("FAKE_LOADS", str(tmp_path))
    monkeypatch.chdir(tmp_path)  # a relative store: its Parquet folder is made absolute
    inputs = [str(corpus(tmp_path / "a.jsonl", 8))]
    results: list[PartitionResult] = []
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        report = ingest_distributed(inputs, "s.duckdb", Settings(),
                                    scheduler=cluster.scheduler_address, batch_size=4,
                                    coder_factory=fake_factory, on_partition=results.append)
    assert report.counts.articles_added == 8
    assert (tmp_path / "s.duckdb.parts" / "articles").is_dir()
    paths = [Path(p) for r in results for p in r.paths.values()]
    assert paths and all(p.is_absolute() and p.is_relative_to(tmp_path) for p in paths)


def test_an_unreachable_scheduler_is_a_coded_error() -> None:
    with pytest.raises(StoreError, match="E168"), dask_client(0, "tcp://127.0.0.1:1",
                                                              timeout="1s"):
        pass


def test_coder_instances_are_refused_on_dask(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E171"):
        ingest([str(corpus(tmp_path / "a.jsonl", 2))], tmp_path / "c.duckdb",
               coder=FakeCoder(), workers=2)
    assert not (tmp_path / "c.duckdb").exists()


class Job:
    """A finished Dask future, as ``_collect`` sees it."""

    def __init__(self, result: PartitionResult | None = None,
                 error: Exception | None = None) -> None:
        self._result, self._error = result, error

    def result(self) -> PartitionResult:
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def test_a_failed_partition_is_a_coded_error() -> None:
    with pytest.raises(StoreError, match=r"E169.*part7.*MemoryError"):
        _collect((Job(error=MemoryError("killed")), 0, 0, "part7"), read_partition, None)


def test_a_partition_this_process_cannot_read_is_a_coded_error(tmp_path: Path) -> None:
    """A worker on another machine wrote it to a folder this process does not see."""
    missing = tmp_path / "elsewhere" / "articles" / "part3.parquet"
    result = PartitionResult("part3", {"articles": str(missing)}, "tcp://w:1", 1, 1, 0.1, 1.0)
    with pytest.raises(StoreError, match=r"E172.*part3.*share") as info:
        _collect((Job(result), 0, 0, "part3"), read_partition, None)
    assert str(missing) in str(info.value)
