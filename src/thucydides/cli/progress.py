"""Progress bars for the store commands: rich, on stderr, only when stderr is a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from thucydides.runner.batches import Progress


class Bar:
    """A rich progress bar with rates and an ETA (when the total is known), or nothing."""

    def __init__(self, label: str, total: int | None, unit: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.unit = unit
        self.progress = Progress(SpinnerColumn(), "{task.description}",
                                 BarColumn(bar_width=16), MofNCompleteColumn(),
                                 TaskProgressColumn(), "{task.fields[rate]}",
                                 TimeElapsedColumn(), "eta", TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task(label, total=total, rate="")

    def update(self, completed: int, total: int | None = None, rate: str | None = None,
               ) -> None:
        task = self.progress.tasks[self.task]
        speed = task.speed or 0.0
        self.progress.update(self.task, completed=completed, total=total or task.total,
                             rate=rate or f"{speed:.1f} {self.unit}/s")


@contextlib.contextmanager
def bar(label: str, total: int | None = None, unit: str = "rows",
        enabled: bool = True) -> Iterator[Bar | None]:
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    b = Bar(label, total, unit)
    with b.progress:
        yield b


def ingest_callback(b: Bar | None) -> Callable[[Progress], None] | None:
    """Show articles/s and sentences/s; the bar itself counts inputs done (with an ETA)."""
    if b is None:
        return None
    state: dict[str, Any] = {"sentences": 0, "start": None}

    def update(p: Progress) -> None:
        import time

        state["start"] = state["start"] or time.monotonic()
        state["sentences"] += p.sentences
        secs = max(time.monotonic() - state["start"], 1e-9)
        done = p.counts.articles_added
        b.update(p.inputs_done, p.inputs_total,
                 f"{done} art {done / secs:.1f}/s {state['sentences'] / secs:.0f} sent/s")

    return update
