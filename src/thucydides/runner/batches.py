"""Batches of the corpus runner: read inputs, code what is not stored yet, and store it batch
by batch (``runner.local`` in this process, ``runner.cluster`` on Dask).

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
from thucydides.runner.sources import Source
from thucydides.settings import Settings
from thucydides.store.db import (
    RunCounts,
    StoreError,
    Writer,
    is_corrupt,
    is_disk_full,
    store_error,
)
from thucydides.store.dedup import Hasher
from thucydides.store.rows import Batch, article_key

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


def code_sources(sources: Sequence[Source], coder: CoderLike | None, hasher: Hasher,
                 skip: Set[str] = frozenset()) -> Batch:
    """Code the articles among ``sources`` whose keys are not in ``skip``; rows in input order.
    ``coder`` is not called when there is no article to code (it may then be None: a batch of
    read errors only)."""
    keep, skipped = pending(sources, skip)
    batch = Batch(skipped=skipped, last_input=sources[-1].input_index if sources else None)
    todo: list[tuple[str, str, Article]] = []
    for s in keep:
        if isinstance(s.item, Article):
            todo.append((article_key(s.locator, s.item.text), s.locator, s.item))
        else:
            batch.add_error(s.locator, s.item)
    if todo and coder is None:
        raise ValueError("code_sources: articles to code and no coder")
    results = coder.run(a for _, _, a in todo) if todo and coder else iter(())
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
