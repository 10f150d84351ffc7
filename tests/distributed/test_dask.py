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

from thucydides.distributed.run import ingest_distributed
from thucydides.settings import Settings
from thucydides.store import ingest


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
    inputs = [str(corpus(tmp_path / "a.jsonl", 8))]
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        report = ingest_distributed(inputs, tmp_path / "s.duckdb", Settings(),
                                    scheduler=cluster.scheduler_address, batch_size=4,
                                    coder_factory=fake_factory)
    assert report.counts.articles_added == 8
    assert (tmp_path / "s.duckdb.parts" / "articles").is_dir()
