"""``thucydides quotes INPUT...``: like ``thucydides code``, writing only ``{"id", "quotes",
"errors"}`` per record (``thucydides.api.code_inputs``, ``output.jsonl.quotes_record``). Quote
gold files are scored by ``thucydides eval`` (``thucydides.eval.quotes``)."""

from __future__ import annotations

from typing import Any

import click

from thucydides.cli.options import fail, make_settings, settings_options, write_records
from thucydides.errors import ThucydidesError


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
    from thucydides.api import code_inputs
    from thucydides.output.jsonl import quotes_record

    try:
        results = code_inputs(inputs, date, make_settings(values))
    except ThucydidesError as exc:
        fail(exc)
    write_records(results, output, quotes_record, "quotes", "read")
