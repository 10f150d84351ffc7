"""``thucydides quotes INPUT...``: like ``thucydides code``, writing only ``{"id", "quotes",
"errors"}`` per record (a thin shell over ``quotes_of``). Quote gold files are scored by
``thucydides eval`` (``thucydides.eval.quotes``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import click

from thucydides.cli_options import fail, make_settings, settings_options, write_records
from thucydides.errors import ThucydidesError
from thucydides.records import Analysis
from thucydides.settings import Settings


def quotes_record(item: Analysis) -> dict[str, Any]:
    """The output line of ``thucydides quotes``."""
    from thucydides.output.jsonl import error, quote

    text = item.article.text
    return {"id": item.article.id, "quotes": [quote(q, text) for q in item.quotes or ()],
            "errors": [error(e) for e in item.errors]}


def quotes_of(inputs: Iterable[str], date: str | None = None,
              settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyses (with quotes) of the records of ``inputs`` (.txt, .jsonl or - files)."""
    from thucydides.api import Coder
    from thucydides.ingest.inputs import parse_date, read_inputs

    day = parse_date(date)
    return Coder.load(settings or Settings()).run(read_inputs(tuple(inputs), day))


@click.command("quotes")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=None, help="write JSON lines here (default: stdout)")
@click.option("--date", default=None, help="publication date (YYYY-MM-DD) for .txt and stdin "
              "text inputs, which carry none of their own")
@settings_options
def quotes_cmd(inputs: tuple[str, ...], output: str | None, date: str | None,
               **values: Any) -> None:
    """Find who said what: INPUT as for ``thucydides code``. Writes one JSON line per input
    record, {"id", "quotes", "errors"}, in input order. Exit status: 0 every record was read, 1
    some records failed, 2 usage error, 3 fatal error."""
    try:
        results = quotes_of(inputs, date, make_settings(values))
    except ThucydidesError as exc:
        fail(exc)
    write_records(results, output, quotes_record, "quotes", "read")
