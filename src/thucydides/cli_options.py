"""What the command-line modules share: options generated from the settings table, the
progress bar, output opening and error exits."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from thucydides.errors import ThucydidesError
from thucydides.records import Analysis
from thucydides.settings import SETTINGS, Settings

EXIT_CAP = 125


Table = tuple[tuple[str, Any, str], ...]


def options_from(table: Table, choices: dict[str, tuple[str, ...]] | None = None,
                 ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A decorator adding one CLI option per (name, default, help) row of a settings table:
    ``--flag/--no-flag`` for switches, repeatable options for tuples, a choice where ``choices``
    names one."""
    choices = choices or {}

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        for name, default, help_ in reversed(table):
            flag = name.replace("_", "-")
            if isinstance(default, bool):
                opt = click.option(f"--{flag}/--no-{flag}", name, default=default,
                                   show_default=True, help=help_)
            elif isinstance(default, tuple):
                opt = click.option(f"--{flag}", name, multiple=True, help=help_)
            else:
                kind = click.Choice(choices[name]) if name in choices else type(default)
                opt = click.option(f"--{flag}", name, type=kind, default=default,
                                   show_default=True, help=help_)
            fn = opt(fn)
        return fn

    return decorate


settings_options = options_from(SETTINGS)


def make_settings(values: dict[str, Any]) -> Settings:
    names = {n for n, _, _ in SETTINGS}
    return Settings(**{k: (tuple(v) if isinstance(v, list | tuple) else v)
                       for k, v in values.items() if k in names})


def progress(items: Iterable[Analysis], label: str, enabled: bool) -> Iterator[Analysis]:
    """A progress bar on stderr (only when stderr is a terminal)."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), "{task.description}", MofNCompleteColumn(),
                  TimeElapsedColumn(), "{task.fields[rate]}",
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None, rate="")
        start = dt.datetime.now()
        for n, item in enumerate(items, start=1):
            secs = (dt.datetime.now() - start).total_seconds() or 1e-9
            bar.update(task, completed=n, rate=f"{n / secs:.1f} records/s")
            yield item


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    if path in (None, "-"):
        yield sys.stdout
        return
    with Path(path).open("w", encoding="utf-8") as f:
        yield f


def fail(exc: ThucydidesError) -> NoReturn:
    click.echo(f"error {exc}", err=True)
    sys.exit(2)


def write_records(results: Iterable[Analysis], output: str | None,
                  to_record: Callable[[Analysis], dict[str, Any]], label: str, done: str,
                  ) -> NoReturn:
    """Write one JSON line ``to_record(item)`` per result to ``output`` (stdout by default), with
    a progress bar ``label``; then report "``done`` N records, F failed" on stderr and exit with
    the number of failed records (capped at ``EXIT_CAP``). A coded error on the way exits 2."""
    failed = total = 0
    try:
        with open_output(output) as out:
            for item in progress(results, label, True):
                total += 1
                failed += item.failed
                out.write(json.dumps(to_record(item), ensure_ascii=False) + "\n")
                out.flush()
    except ThucydidesError as exc:
        fail(exc)
    click.echo(f"{done} {total} records, {failed} failed", err=True)
    sys.exit(min(failed, EXIT_CAP))
