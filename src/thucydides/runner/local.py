"""Ingesting in this process: read the inputs, code the new articles, store the rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from thucydides.runner.batches import (
    BATCH_SIZE,
    CoderLike,
    IngestReport,
    LazyCoder,
    Progress,
    chunks,
    code_sources,
    coder_version,
    run_batches,
    stored_keys,
)
from thucydides.runner.sources import read_sources
from thucydides.settings import Settings
from thucydides.store.db import Writer
from thucydides.store.dedup import Hasher
from thucydides.store.rows import Batch


def ingest_local(inputs: Sequence[str], db: str | Path, settings: Settings, *,
                 batch_size: int = BATCH_SIZE, coder: CoderLike | None = None,
                 on_progress: Callable[[Progress], None] | None = None) -> IngestReport:
    """Code in this process with ``coder`` (default: ``Coder.load(settings)``, loaded only when
    something needs coding)."""
    writer = Writer.open(db, inputs, settings, coder_version(settings), workers=0)
    lazy, hasher = LazyCoder(settings, coder), Hasher.create()

    def batches() -> Iterator[Batch]:
        for chunk in chunks(read_sources(inputs, settings), batch_size):
            yield code_sources(chunk, lazy, hasher, stored_keys(writer, chunk))

    return run_batches(writer, db, len(inputs), on_progress, batches)
