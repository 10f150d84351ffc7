"""The store commands: ``ingest``, ``stats``, ``query``, ``export``, ``migrate``. Each calls one
library function of the same name; register them on the main group with ``register(main)``."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from thucydides.cli.options import fail, finish
from thucydides.errors import ThucydidesError
from thucydides.store.db import DEFAULT_DB
from thucydides.store.export import COMPOUND, FORMATS
from thucydides.store.selection import SORTS, UNITS

DB_OPTION = click.option("--db", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="the DuckDB store")


FILTER_HELP = {
    "source": "source actor: a code prefix (RUS matches RUSGOV) or an actor id",
    "target": "target actor: a code prefix or an actor id",
    "actor": "an actor id or a whole code, on either side",
    "country": "ISO3 of the source, the target or the place",
    "plover": "PLOVER event type (ASSAULT)", "cameo_root": "CAMEO root (19)",
    "quad_class": "1-4: verbal/material cooperation, verbal/material conflict",
    "date_from": "YYYY, YYYY-MM or YYYY-MM-DD: the event's day (else its article's)",
    "date_to": "YYYY, YYYY-MM or YYYY-MM-DD", "q": "text in the sentence, title or actors",
    "negated": "true: negated events only; false: none", "min_confidence": "0-1: the "
    "decision layer's confidence at least this (rule-coded events have none)",
    "resolved": "true: both actors resolved to a code", "statements": "false: leave out "
    "public statements (CAMEO 01)", "modality": "asserted, future, intention, ...",
    "outlet": "one outlet", "event": "the mentions of one event (agg_id)",
    "hypothetical": "true: hypothetical events only; false: none (a store keeps them when "
    "built with --emit-hypothetical)",
}


def _filter_options(fn: Any) -> Any:
    """``--source``, ``--cameo-root`` (also ``--cameo_root``) ...: the selection's filters."""
    from thucydides.store.selection import FILTERS

    for name in reversed(FILTERS):
        names = [f"--{name.replace('_', '-')}"] + ([f"--{name}"] if "_" in name else [])
        fn = click.option(*names, name, default=None, help=FILTER_HELP[name])(fn)
    return fn


def _settings_options(fn: Any) -> Any:
    from thucydides.cli.options import settings_options

    return settings_options(fn)


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=int, default=0, show_default=True,
              help="code on a local Dask cluster of N worker processes (0: in this process)")
@click.option("--scheduler", default=None, help="code on an existing Dask cluster "
              "(tcp://HOST:PORT)")
@click.option("--articles-per-batch", "ingest_batch", type=int, default=32, show_default=True,
              help="articles per stored batch (one transaction) or per Dask partition")
@click.option("--parquet-dir", default=None, help="where Dask workers write their Parquet "
              "(default: DB.parts/)")
@click.option("--json", "as_json", is_flag=True, help="also print the run's report as one "
              "JSON object on stdout")
@_settings_options
def ingest_cmd(inputs: tuple[str, ...], db: str, workers: int, scheduler: str | None,
               ingest_batch: int, parquet_dir: str | None, as_json: bool,
               **values: Any) -> None:
    """Code INPUT files into the store: new articles only (re-running adds nothing), batch by
    batch (a killed run resumes where it stopped). A damaged store is refused, never written
    to. Prints the run's counts. Exit status: 0 every record was coded, 1 some records failed
    (their error rows are stored), 2 usage error, 3 fatal error (the store is unusable or
    damaged, the disk is full)."""
    from thucydides.cli.options import make_settings
    from thucydides.cli.progress import bar, ingest_callback
    from thucydides.runner import ingest

    try:
        with bar("ingest", len(inputs), "inputs") as b:
            report = ingest(list(inputs), db, make_settings(values), workers=workers,
                            scheduler=scheduler, batch_size=ingest_batch,
                            parquet_dir=parquet_dir, on_progress=ingest_callback(b))
    except ThucydidesError as exc:
        fail(exc)
    c = report.counts
    click.echo(f"run {report.run_id}: {c.articles_added} articles added, "
               f"{c.articles_skipped} already stored, {c.events_added} events, "
               f"{c.records_failed} records failed, {c.errors_added} new error rows ({db})",
               err=True)
    if as_json:
        click.echo(json.dumps({"run_id": report.run_id, "status": report.status, "db": db,
                               **dataclasses.asdict(c)}, sort_keys=True))
    finish(c.records_failed)


@click.command("stats")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@click.option("--check", is_flag=True, help="check the store's integrity instead: read every "
              "row and probe every key index of each table (the store must not be in use; "
              "nothing is written); exit status 3 when it is damaged")
def stats_cmd(db: str, as_json: bool, check: bool) -> None:
    """Counts of articles, events, quotes, clusters and errors in the store; with --check,
    whether every table reads whole."""
    from thucydides.store.queries import stats

    try:
        if check:
            _check(db, as_json)
        result = stats(db)
    except ThucydidesError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(result, sort_keys=True))
        return
    for key, value in result.items():
        if key == "content_versions":
            for i, line in enumerate(_versions(value) or ["-"]):
                click.echo(f"{key if i == 0 else '':22} {line}")
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        click.echo(f"{key:22} {value}")


def _versions(entries: list[dict[str, Any]]) -> list[str]:
    """Lines for the content versions of the runs: the runs, then each version, then the data
    tables' versions on a line of their own."""
    lines = []
    for entry in entries:
        named = [f"{k} {v}" for k, v in entry.items() if k not in ("runs", "data", "kb_extra")]
        extra = entry.get("kb_extra")
        if extra:
            named.append("kb_extra " + ", ".join(extra))
        runs = ", ".join(str(r) for r in entry["runs"])
        lines.append(f"run{'s' if len(entry['runs']) > 1 else ''} {runs}: " + "; ".join(named))
        if entry.get("data"):
            lines.append("  data " + ", ".join(str(v) for v in entry["data"].values()))
    return lines


def _check(db: str, as_json: bool) -> NoReturn:
    from thucydides.cli.options import EXIT_FATAL, EXIT_OK
    from thucydides.store.check import check

    found = check(db)
    if as_json:
        click.echo(json.dumps({"db": found.db, "ok": found.ok, "tables": [
            dataclasses.asdict(t) for t in found.tables]}, sort_keys=True))
    else:
        for t in found.tables:
            rows = "?" if t.rows is None else t.rows
            click.echo(f"{t.table:10} {rows:>10} rows  {t.problem or 'ok'}")
        click.echo(f"{db}: " + ("ok" if found.ok else "DAMAGED (" + "; ".join(found.problems)
                                + ")"))
    sys.exit(EXIT_OK if found.ok else EXIT_FATAL)


@click.command("query")
@click.argument("sql")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="one JSON object per row")
def query_cmd(sql: str, db: str, as_json: bool) -> None:
    """Run read-only SQL on the store (tab-separated output with a header)."""
    from thucydides.store.queries import query

    try:
        result = query(db, sql)
    except ThucydidesError as exc:
        fail(exc)
    if as_json:
        for row in result.rows:
            click.echo(json.dumps(dict(zip(result.columns, row, strict=True)), default=str))
        return
    click.echo("\t".join(result.columns))
    for row in result.rows:
        click.echo("\t".join("" if v is None else str(v) for v in row))


@click.command("export")
@DB_OPTION
@click.option("--format", "fmt", required=True,
              type=click.Choice(FORMATS),
              help="gdelt: GDELT 2.0 event table; plover: PLOVER/POLECAT JSON lines; "
              "parquet, csv, jsonl: every event (or mention, --unit) with all fields")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="the file to write")
@click.option("--compound", type=click.Choice(COMPOUND), default=COMPOUND[0],
              show_default=True, help="compound actors: one row per source-target pair, or "
              "one per group with actor lists")
@click.option("--unit", type=click.Choice(UNITS), default="event", show_default=True,
              help="one row per event (counted once, with its counts of mentions, articles "
              "and sources) or per event mention (csv, jsonl, parquet)")
@click.option("--sort", type=click.Choice(tuple(SORTS)), default="store", show_default=True,
              help="row order: store (ingestion order), date (newest first), confidence, "
              "goldstein (most conflictual first), mentions")
@_filter_options
def export_cmd(db: str, fmt: str, output: str, compound: str, unit: str, sort: str,
               **filters: str | None) -> None:
    """Export the stored events, all or those the filters select (the filters of the API's
    /api/events, with the same names: an export holds as many rows as its `total`)."""
    from thucydides.cli.progress import bar
    from thucydides.store.export import export
    from thucydides.store.selection import parse

    try:
        selection = parse(filters)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    try:
        with bar(f"export {fmt}", None, "rows") as b:
            done = [0]

            def tick() -> None:
                done[0] += 1
                if b is not None and done[0] % 500 == 0:
                    b.update(done[0])

            n = export(db, fmt, Path(output), compound, on_row=tick,
                       on_total=(lambda total: b.update(0, total)) if b is not None else None,
                       selection=selection, unit=unit, sort=sort)
    except ThucydidesError as exc:
        fail(exc)
    click.echo(f"wrote {n} rows to {output}", err=True)


@click.command("migrate")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="print what was done as one JSON object")
def migrate_cmd(db: str, as_json: bool) -> None:
    """Upgrade a store written by an older version to this version's schema, in place: a
    backup copy is written beside it first (DB.v3.bak), then every change is made in one
    transaction, so a failure leaves the store as it was. A store of the current version is
    left alone. Exit status: 0 migrated (or nothing to do), 3 the store cannot be migrated
    (a newer or damaged store, no room for the backup)."""
    from thucydides.store.migrate import migrate

    try:
        done = migrate(db)
    except ThucydidesError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(done), sort_keys=True))
    elif done.backup is None:
        click.echo(f"{db}: schema {done.version} already; nothing to do", err=True)
    else:
        click.echo(f"{db}: migrated from {done.found} to {done.version} (tables rebuilt or "
                   f"created: {', '.join(done.tables) or '-'}); backup {done.backup}", err=True)


COMMANDS = (ingest_cmd, stats_cmd, query_cmd, export_cmd, migrate_cmd)


def register(group: click.Group) -> None:
    """Add the store commands to the main command group."""
    for command in COMMANDS:
        group.add_command(command)

