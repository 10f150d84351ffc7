"""The ``thucydides`` group and the coding commands (code, eval, train, data, actors, kb); the
other commands live beside it in ``thucydides.cli`` and are added to the group there."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from thucydides.cli.options import (
    code_and_write,
    coding_inputs,
    fail,
    make_settings,
    progress,
    settings_options,
)
from thucydides.errors import ThucydidesError
from thucydides.eval.events import LEVELS
from thucydides.eval.report import format_quotes_report, format_report
from thucydides.events.model import DEFAULT_NAME as EVENTS_MODEL
from thucydides.quotes.model import DEFAULT_NAME as QUOTES_MODEL
from thucydides.settings import Settings


@click.group()
@click.version_option(package_name="thucydides")
def main() -> None:
    """thucydides: news text in, political event data out (CAMEO and PLOVER)."""


@main.command("code")
@coding_inputs
def code_cmd(inputs: tuple[str, ...], output: str | None, date: str | None,
             **values: Any) -> None:
    """Code articles: INPUT is a .txt file (one article, id = file stem), a .jsonl file (one
    record per line: id, text, optional date, url, title), any other input of 'thucydides
    extract', or - for stdin. Writes one JSON line per input record, in input order. Exit
    status: 0 every record was coded, 1 some records failed (each has its error line), 2 usage
    error, 3 fatal error (the output cannot be written, the disk is full)."""
    from thucydides.output.jsonl import record

    code_and_write(inputs, output, date, values, record, "coding", "coded")


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--scorer", type=click.Path(dir_okay=False), default=None,
              help="the gold folder's scorer (default: ../tools/score_events.py, or "
              "score_quotes.py for a quote file, beside the gold folder)")
@click.option("--level", "levels", multiple=True, default=LEVELS,
              show_default=True, help="scoring levels")
@click.option("--compound", type=click.Choice(["auto", "group", "pair"]), default="auto",
              show_default=True, help="how the scorer counts compound-actor events: one per "
              "group (PLV's convention) or one per source-target pair (ConfliBERT's, the "
              "multi-rater set's); auto: the gold file's own convention")
@click.option("--quote-kind", type=click.Choice(["direct", "indirect", "mixed"]), default=None,
              help="a quote file: score only the gold and predicted quotes of this kind")
@click.option("--predictions", default=None, help="also keep the prediction file here")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@settings_options
def eval_cmd(gold: str, scorer: str | None, levels: tuple[str, ...], compound: str,
             quote_kind: str | None, predictions: str | None, as_json: bool,
             **values: Any) -> None:
    """Code a gold file and score it with the gold folder's scorer: an event file (one sentence
    per line, with "events") at the PLOVER, CAMEO-root and penta levels, or a quote file (one
    article per line, with "quotes"): content P/R/F1, speaker and cue accuracy."""
    from thucydides.api import Coder
    from thucydides.eval import events, quotes
    from thucydides.eval.gold import gold_articles, is_quote_gold, read_gold

    try:
        coder = Coder.load(make_settings(values))
        if is_quote_gold(gold):
            results = progress(coder.run(gold_articles(quotes.read_gold(gold))), "coding gold",
                               True)
            scores = quotes.evaluate(results, gold, scorer, predictions, quote_kind)
            report = format_quotes_report(gold, scores, quote_kind)
        else:
            results = progress(coder.run(gold_articles(read_gold(gold))), "coding gold", True)
            scores = events.evaluate(results, gold, scorer, levels,
                                     None if compound == "auto" else compound, predictions)
            report = format_report(gold, scores)
    except ThucydidesError as exc:
        fail(exc)
    click.echo(json.dumps(scores, sort_keys=True) if as_json else report)


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


@main.group("actors")
def actors_group() -> None:
    """The actor knowledge base."""


@actors_group.command("lookup")
@click.argument("name")
@click.option("--date", default=None, help="resolve roles on this date (YYYY-MM-DD)")
@click.option("--kb-extra", multiple=True, help="user actor folders merged over the built-in base")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def actors_lookup_cmd(name: str, date: str | None, kb_extra: tuple[str, ...],
                      as_json: bool) -> None:
    """Show the actors NAME may refer to, with their code and role on --date."""
    from thucydides.actors.kb import KnowledgeBase
    from thucydides.actors.lookup import lookup
    from thucydides.ingest.inputs import parse_date

    try:
        found = lookup(KnowledgeBase.load(kb_extra), name, parse_date(date))
    except ThucydidesError as exc:
        fail(exc)
        return
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no actor named {name!r}")
    for a in found:
        on = f" on {a['date']}" if a["date"] else ""
        click.echo(f"{a['name']} ({a['id']}, {a['kind']}): {a['code']}{on}"
                   + (f" - {a['role']}" if a["role"] else ""))
        for r in a["roles"]:
            click.echo(f"    {r['start']} .. {r['end'] or 'now'}  {r['code']:<8} {r['title']}")


@main.group("kb")
def kb_group() -> None:
    """Import and check actor tables."""


@kb_group.command("import-tabari")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, help="folder to write actors/aliases/roles.tsv to")
def kb_import_cmd(files: tuple[str, ...], output: str) -> None:
    """Import TABARI/PETRARCH actor dictionaries (with date-restricted codes such as
    [USAGOV 450703-470121]) into a folder usable with --kb-extra."""
    from thucydides.actors.kb import KnowledgeBase
    from thucydides.actors.tabari import import_files, write_folder

    imported = import_files(files)
    counts = write_folder(imported, output)
    for problem in imported.skipped:
        click.echo(f"skipped: {problem}", err=True)
    try:
        KnowledgeBase.load([output])
    except ThucydidesError as exc:
        fail(exc)
        return
    click.echo(f"wrote {output}: {counts['actors']} actors, {counts['aliases']} aliases, "
               f"{counts['roles']} roles; {len(imported.skipped)} entries skipped")


@main.group("train")
def train_group() -> None:
    """Train the learned components from gold files (needs scikit-learn: the dev install)."""


def train_options(kind: str, unit: str, name: str,
                  ) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options every ``train`` command takes; ``kind`` names its scorer, ``name`` the
    model's current version (its file's name)."""
    def wrap(fn: Callable[..., None]) -> Callable[..., None]:
        for option in reversed((
            click.argument("gold", nargs=-1, required=True,
                           type=click.Path(exists=True, dir_okay=False)),
            click.option("-o", "--output", default=None,
                         help=f"model file to write (default: the package's own, {name}.npz)"),
            click.option("--name", default=name, show_default=True,
                         help="the model's version name, written in its card and recorded "
                         "with every store run (content versions)"),
            click.option("--folds", default=5, show_default=True, help="cross-validation folds"),
            click.option("--scorer", type=click.Path(dir_okay=False), default=None,
                         help=f"the gold folder's {unit} scorer (default: ../tools/score_{kind}"
                         ".py beside the first gold file's folder)"),
            click.option("--json", "as_json", is_flag=True, help="print the report as JSON"),
        )):
            fn = option(fn)
        return fn
    return wrap


def run_training(train: Callable[..., Any], card: Any, gold: tuple[str, ...], out: str,
                 settings: Settings, name: str, folds: int, scorer: str | None,
                 as_json: bool) -> None:
    """Train with a coder of ``settings`` (the rules deciding), write the model's card, print
    the report; a coded error ends the command."""
    from thucydides.api import Coder

    try:
        report = train(gold, out, Coder.load(settings), name, k=folds, scorer=scorer,
                       progress=lambda msg: click.echo(msg, err=True))
    except ThucydidesError as exc:
        fail(exc)
        return
    card.write_card(report, out)
    click.echo(json.dumps(report.__dict__, default=lambda o: o.__dict__, sort_keys=True)
               if as_json else card.format_report(report))


@train_group.command("events")
@train_options("events", "event", EVENTS_MODEL)
def train_events_cmd(gold: tuple[str, ...], output: str | None, name: str, folds: int,
                     scorer: str | None, as_json: bool) -> None:
    """Train the events decision layer on gold event files (the gold folder's JSONL schema):
    cross-validate it (folds grouped by sentence text), calibrate its confidence, choose
    min_confidence by out-of-fold F1, fit it on everything and write the model and its card.
    Prints the out-of-fold figures."""
    from thucydides.events.model import default_path
    from thucydides.train import card
    from thucydides.train.events import train_events

    run_training(train_events, card, gold, output or str(default_path()),
                 Settings(decider="rules"), name, folds, scorer, as_json)


@train_group.command("quotes")
@train_options("quotes", "quote", QUOTES_MODEL)
def train_quotes_cmd(gold: tuple[str, ...], output: str | None, name: str, folds: int,
                     scorer: str | None, as_json: bool) -> None:
    """Train the quote attribution model on gold quote files (the gold folder's JSONL schema):
    cross-validate it (folds grouped by article), calibrate its confidence, choose its
    threshold by out-of-fold content F1, fit it on everything and write the model and its
    card. Prints the out-of-fold figures beside the rules' on the same files."""
    from thucydides.quotes.model import default_path
    from thucydides.train import quote_card
    from thucydides.train.quotes import train_quotes

    run_training(train_quotes, quote_card, gold, output or str(default_path()),
                 Settings(quote_decider="rules"), name, folds, scorer, as_json)
