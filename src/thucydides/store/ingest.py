"""``ingest``: read inputs, code what is not stored yet, and store it batch by batch.

Idempotent: an article is identified by its locator and the hash of its text, and one already
stored is neither coded nor stored again. Resumable: each batch is one transaction (see
``thucydides.store.db``), so a run killed at any moment can simply be started again.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb

from thucydides.errors import Err
from thucydides.records import Analysis, Article
from thucydides.settings import Settings
from thucydides.store.db import (
    DEFAULT_DB,
    RunCounts,
    StoreError,
    Writer,
    is_corrupt,
    is_disk_full,
    store_error,
)
from thucydides.store.dedup import Hasher
from thucydides.store.rows import Batch, article_key
from thucydides.store.sources import Source, read_sources

log = logging.getLogger(__name__)

BATCH_SIZE = 32


class CoderLike(Protocol):
    def run(self, items: Iterable[Article]) -> Iterator[Analysis]: ...


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported after every stored batch (for progress bars)."""

    run_id: int
    counts: RunCounts
    inputs_done: int
    inputs_total: int
    sentences: int


@dataclass(frozen=True, slots=True)
class IngestReport:
    run_id: int
    status: str
    counts: RunCounts
    db: str


class LazyCoder:
    """Loads the coder on first use: a run over inputs already stored loads nothing."""

    def __init__(self, settings: Settings, coder: CoderLike | None = None) -> None:
        self.settings, self._coder = settings, coder

    def run(self, items: Iterable[Article]) -> Iterator[Analysis]:
        if self._coder is None:
            from thucydides.api import Coder

            self._coder = Coder.load(self.settings)
        return self._coder.run(items)


def coder_version(settings: Settings) -> str:
    """The content versions of the coder ``settings`` make (JSON, recorded per run)."""
    import json

    from thucydides.api import content_versions

    return json.dumps(content_versions(settings), sort_keys=True)


def pending(sources: Sequence[Source], skip: Set[str]) -> tuple[list[Source], int]:
    """The records of ``sources`` still to store (read errors included: an article whose key is
    in ``skip`` is stored already), and how many articles were skipped."""
    keep = [s for s in sources if not (isinstance(s.item, Article)
                                       and article_key(s.locator, s.item.text) in skip)]
    return keep, len(sources) - len(keep)


def code_sources(sources: Sequence[Source], coder: CoderLike, hasher: Hasher,
                 skip: Set[str] = frozenset()) -> Batch:
    """Code the articles among ``sources`` whose keys are not in ``skip``; rows in input order.
    ``coder`` is not called when there is no article to code."""
    keep, skipped = pending(sources, skip)
    batch = Batch(skipped=skipped, last_input=sources[-1].input_index if sources else None)
    todo: list[tuple[str, str, Article]] = []
    for s in keep:
        if isinstance(s.item, Article):
            todo.append((article_key(s.locator, s.item.text), s.locator, s.item))
        else:
            batch.add_error(s.locator, s.item)
    results = coder.run(a for _, _, a in todo) if todo else iter(())
    for (key, locator, _), result in zip(todo, results, strict=True):
        batch.add(key, locator, result, hasher)
    return batch


def stored_keys(writer: Writer, sources: Sequence[Source]) -> set[str]:
    return writer.existing(article_key(s.locator, s.item.text) for s in sources
                           if isinstance(s.item, Article))


def chunks(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ingest(inputs: Sequence[str], db: str | Path = DEFAULT_DB, settings: Settings | None = None,
           *, workers: int = 0, scheduler: str | None = None, batch_size: int = BATCH_SIZE,
           coder: CoderLike | None = None, parquet_dir: str | Path | None = None,
           on_progress: Callable[[Progress], None] | None = None) -> IngestReport:
    """Read ``inputs``, code the articles not yet in the store ``db`` and store them.

    ``workers`` > 0 or a ``scheduler`` address codes on Dask (``thucydides.distributed``), each
    worker loading its own coder (``coder`` is refused there, E171: a loaded coder is not sent to
    other processes); otherwise coding runs in this process with ``coder`` (default:
    ``Coder.load(settings)``, loaded only when something needs coding).
    """
    settings = settings or Settings()
    if workers or scheduler:
        from thucydides.distributed.run import ingest_distributed

        if coder is not None:
            raise StoreError(Err.E171)

        return ingest_distributed(inputs, db, settings, workers=workers, scheduler=scheduler,
                                  batch_size=batch_size, parquet_dir=parquet_dir,
                                  on_progress=on_progress)
    writer = Writer.open(db, inputs, settings, coder_version(settings), workers=0)
    lazy, hasher = LazyCoder(settings, coder), Hasher.create()

    def batches() -> Iterator[Batch]:
        for chunk in chunks(read_sources(inputs, settings), batch_size):
            yield code_sources(chunk, lazy, hasher, stored_keys(writer, chunk))

    return run_batches(writer, db, len(inputs), on_progress, batches)


def run_batches(writer: Writer, db: str | Path, n_inputs: int,
                on_progress: Callable[[Progress], None] | None,
                batches: Callable[[], Iterable[Batch]]) -> IngestReport:
    """Store each batch as it comes; record how the run ended, whatever happens."""
    try:
        for batch in batches():
            writer.write(batch)
            if on_progress:
                on_progress(_progress(writer, batch, n_inputs))
    except KeyboardInterrupt:
        _end(writer, "interrupted", "interrupted by the user")
        raise
    except Exception as exc:
        log.exception("ingest run %s failed", writer.run_id)
        error = _run_error(exc, writer, db)
        _end(writer, "failed", error.message, write=error.code != "E173")
        raise error from exc
    writer.finish("done")
    writer.close()
    return IngestReport(writer.run_id, "done", writer.counts, str(db))


def _run_error(exc: Exception, writer: Writer, db: str | Path) -> StoreError:
    """What stopped a run: the store damaged (E173) or the disk full (E174), each named as
    such, or anything else (E167); the batch it stopped in is not stored."""
    if isinstance(exc, duckdb.Error) and (is_corrupt(exc) or is_disk_full(exc)):
        return store_error(exc, db)
    if isinstance(exc, StoreError) and exc.code in ("E173", "E174"):
        return exc
    return StoreError(Err.E167, run=writer.run_id, detail=f"{type(exc).__name__}: {exc}")


def _end(writer: Writer, status: str, message: str, write: bool = True) -> None:
    """Record how the run ended (unless the store must not be written), and close it. A
    failure to record it (a full disk) does not hide what stopped the run."""
    if write:
        try:
            writer.finish(status, message)
        except duckdb.Error:
            log.warning("could not record the end of run %s", writer.run_id, exc_info=True)
    writer.close()


def _progress(writer: Writer, batch: Batch, n_inputs: int) -> Progress:
    done = batch.last_input or 0  # inputs before the one being read
    return Progress(writer.run_id, writer.counts, min(done, n_inputs), n_inputs,
                    sum(r["n_sentences"] or 0 for r in batch.rows["articles"]))
