"""The command line: a thin shell over the library. Each command calls one library function.

Settings flags are generated from ``thucydides.settings.SETTINGS``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from thucydides.errors import ThucydidesError
from thucydides.records import Analysis
from thucydides.settings import SETTINGS, Settings

EXIT_CAP = 125


def settings_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add one CLI option per setting (``--batch-size``, ``--triage/--no-triage``, ...)."""
    for name, default, help_ in reversed(SETTINGS):
        flag = name.replace("_", "-")
        if isinstance(default, bool):
            fn = click.option(f"--{flag}/--no-{flag}", name, default=default, show_default=True,
                              help=help_)(fn)
        elif isinstance(default, tuple):
            fn = click.option(f"--{flag}", name, multiple=True, help=help_)(fn)
        else:
            fn = click.option(f"--{flag}", name, type=type(default), default=default,
                              show_default=True, help=help_)(fn)
    return fn


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


def fail(exc: ThucydidesError) -> None:
    click.echo(f"error {exc}", err=True)
    sys.exit(2)


@click.group()
@click.version_option(package_name="thucydides")
def main() -> None:
    """thucydides: news text in, political event data out (CAMEO and PLOVER)."""


@main.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=None, help="write JSON lines here (default: stdout)")
@click.option("--date", default=None, help="publication date (YYYY-MM-DD) for .txt and stdin "
              "text inputs, which carry none of their own")
@settings_options
def code_cmd(inputs: tuple[str, ...], output: str | None, date: str | None,
             **values: Any) -> None:
    """Code articles: INPUT is a .txt file (one article, id = file stem), a .jsonl file (one
    record per line: id, text, optional date, url, title) or - for stdin. Writes one JSON line
    per input record, in input order. The exit status is the number of failed records
    (capped at 125)."""
    from thucydides.api import Coder
    from thucydides.ingest.inputs import parse_date, read_inputs
    from thucydides.output.jsonl import record

    try:
        day = parse_date(date)
        coder = Coder.load(make_settings(values))
    except ThucydidesError as exc:
        fail(exc)
        return
    failed = total = 0
    with open_output(output) as out:
        for item in progress(coder.run(read_inputs(inputs, day)), "coding", True):
            total += 1
            failed += item.failed
            out.write(json.dumps(record(item), ensure_ascii=False) + "\n")
            out.flush()
    click.echo(f"coded {total} records, {failed} failed", err=True)
    sys.exit(min(failed, EXIT_CAP))


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--scorer", type=click.Path(dir_okay=False), default=None,
              help="score_events.py (default: ../tools/score_events.py beside the gold folder)")
@click.option("--level", "levels", multiple=True, default=("plover", "cameo_root", "penta"),
              show_default=True, help="scoring levels")
@click.option("--compound", type=click.Choice(["group", "pair"]), default="group",
              show_default=True, help="score compound-actor events as one event per group (the "
              "gold files' convention) or one per source-target pair")
@click.option("--predictions", default=None, help="also keep the prediction file here")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@settings_options
def eval_cmd(gold: str, scorer: str | None, levels: tuple[str, ...], compound: str,
             predictions: str | None, as_json: bool, **values: Any) -> None:
    """Code the sentences of a gold event file and score them with the gold scorer."""
    from thucydides.api import Coder
    from thucydides.eval.events import evaluate, gold_articles, read_gold
    from thucydides.eval.report import format_report

    try:
        coder = Coder.load(make_settings(values))
        rows = read_gold(gold)
        results = progress(coder.run(gold_articles(rows)), "coding gold", True)
        scores = evaluate(results, gold, scorer, levels, compound, predictions)
    except ThucydidesError as exc:
        fail(exc)
        return
    if as_json:
        click.echo(json.dumps(scores, sort_keys=True))
    else:
        click.echo(format_report(gold, scores))


@main.group("data")
def data_group() -> None:
    """The project's data files (lexicons, ontology, actor base)."""


@data_group.command("validate")
@click.option("--kb-extra", multiple=True, help="also validate these user actor folders")
def data_validate_cmd(kb_extra: tuple[str, ...]) -> None:
    """Validate every data file against its schema, and the cross-file references."""
    from thucydides.api import Resources

    try:
        res = Resources.load(Settings(kb_extra=kb_extra))
    except ThucydidesError as exc:
        fail(exc)
        return
    click.echo(f"ok: {len(res.ontology.codes)} CAMEO codes, "
               f"{sum(len(v) for v in res.lexicon.patterns.values())} trigger patterns, "
               f"{len(res.kb.entries)} actors, {len(res.kb.aliases)} aliases, "
               f"{sum(len(v) for v in res.kb.roles.values())} roles")


if __name__ == "__main__":
    main()
