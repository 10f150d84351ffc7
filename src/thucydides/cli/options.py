"""What the command-line modules share: options generated from the settings table, the
progress bar, output opening and error exits.

Exit statuses, the same for every command that reads records (``code``, ``extract``,
``ingest``): 0 every record was coded; 1 some records failed (each has its error line or row;
the count is printed); 2 a usage error (a bad flag or setting); 3 a fatal error (the store is
unusable, the output cannot be written, the disk is full). Other commands exit 0, 2 or 3.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from thucydides.errors import USAGE_ERRORS, Err, ThucydidesError
from thucydides.output.atomic import atomic_text, write_error
from thucydides.records import Analysis
from thucydides.settings import SETTINGS, Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3


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
    """stdout, or the file ``path`` written whole or not at all (E131 when it cannot be
    written, E174 when the disk is full; an old file at ``path`` is kept until the end)."""
    if path in (None, "-"):
        try:
            yield sys.stdout
        except OSError as exc:
            raise write_error(Path("<stdout>"), exc, Err.E131) from exc
        return
    with atomic_text(Path(path), Err.E131) as f:
        yield f


def exit_status(exc: ThucydidesError) -> int:
    return EXIT_USAGE if exc.code in USAGE_ERRORS else EXIT_FATAL


def fail(exc: ThucydidesError) -> NoReturn:
    """Report a coded error that stops the command, and exit 2 (usage) or 3 (fatal)."""
    click.echo(f"error {exc}", err=True)
    sys.exit(exit_status(exc))


def finish(failed: int) -> NoReturn:
    """Exit 0 when no record failed, else 1."""
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def write_records(results: Iterable[Analysis], output: str | None,
                  to_record: Callable[[Analysis], dict[str, Any]], label: str, done: str,
                  ) -> NoReturn:
    """Write one JSON line ``to_record(item)`` per result to ``output`` (stdout by default), with
    a progress bar ``label``; then report "``done`` N records, F failed" on stderr and exit 0
    (none failed) or 1. A coded error that stops the run exits 2 or 3 (``fail``)."""
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
    finish(failed)


def coding_inputs(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The arguments of the commands that code inputs (``code``, ``quotes``): INPUT...,
    ``-o``, ``--date`` and the settings flags."""
    fn = settings_options(fn)
    fn = click.option("--date", default=None, help="publication date (YYYY-MM-DD) for .txt "
                      "and stdin text inputs, which carry none of their own")(fn)
    fn = click.option("-o", "--output", default=None,
                      help="write JSON lines here (default: stdout)")(fn)
    return click.argument("inputs", nargs=-1, required=True)(fn)


def code_and_write(inputs: tuple[str, ...], output: str | None, date: str | None,
                   values: dict[str, Any], line: Callable[[Analysis], dict[str, Any]],
                   what: str, done: str) -> None:
    """Code the inputs (``thucydides.api.code_inputs``) and write one ``line`` per record."""
    from thucydides.api import code_inputs

    try:
        results = code_inputs(inputs, date, make_settings(values))
    except ThucydidesError as exc:
        fail(exc)
    write_records(results, output, line, what, done)
