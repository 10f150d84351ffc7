"""Scale-out benchmark: articles/s and sentences/s of ``ingest`` on a local Dask cluster of 1
and 2 workers, and the peak memory of each worker, over the same corpus. Prints a table.

    .venv/bin/python scripts/benchmark_scale.py [--corpus FILE.jsonl] [--workers 1 2]
        [--batch 8] [--repeat 1]

The corpus defaults to the article texts of ../shared/gold/dev/quotes_polnear_dev.jsonl (79
articles); each run ingests into a fresh store in a temporary folder. Times include starting
the cluster and loading the coder on each worker (the cost a user pays), and are also shown
without them (coding and storing only, from the first partition submitted).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _corpus import DEFAULT_CORPUS, texts_only

from thucydides.runner.cluster import ingest_distributed
from thucydides.settings import Settings


def bench(corpus: Path, workers: int, batch: int, folder: Path) -> dict[str, float]:
    parts: list = []
    start = time.perf_counter()
    report = ingest_distributed([str(corpus)], folder / f"w{workers}.duckdb", Settings(),
                                workers=workers, batch_size=batch, on_partition=parts.append)
    total = time.perf_counter() - start
    sentences = sum(p.sentences for p in parts)
    work = sum(p.seconds for p in parts) / workers  # coding time per worker, in parallel
    peaks = {}
    for p in parts:
        peaks[p.worker] = max(peaks.get(p.worker, 0.0), p.peak_rss_mb)
    n = report.counts.articles_added
    return {"workers": workers, "articles": n, "sentences": sentences, "seconds": total,
            "articles_s": n / total, "sentences_s": sentences / total,
            "coding_articles_s": n / work if work else 0.0,
            "peak_mb": sorted(peaks.values())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch", type=int, default=8, help="articles per partition")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found (pass --corpus)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        n = texts_only(args.corpus, corpus)
        print(f"corpus: {args.corpus.name}, {n} articles; partitions of {args.batch}")
        print(f"{'workers':>7} {'articles':>8} {'sentences':>9} {'wall s':>7} "
              f"{'articles/s':>10} {'sentences/s':>11} {'coding art/s':>12}  peak MB per worker")
        for w in args.workers:
            r = bench(corpus, w, args.batch, folder)
            peaks = ", ".join(f"{p:.0f}" for p in r["peak_mb"])
            print(f"{r['workers']:>7} {r['articles']:>8} {r['sentences']:>9} "
                  f"{r['seconds']:>7.1f} {r['articles_s']:>10.2f} {r['sentences_s']:>11.1f} "
                  f"{r['coding_articles_s']:>12.2f}  {peaks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
