"""``thucydides quotes INPUT...``: like ``thucydides code``, writing only ``{"id", "quotes",
"errors"}`` per record (``thucydides.api.code_inputs``, ``output.jsonl.quotes_record``). Quote
gold files are scored by ``thucydides eval`` (``thucydides.eval.quotes``)."""

from __future__ import annotations

from typing import Any

import click

from thucydides.cli.options import code_and_write, coding_inputs


@click.command("quotes")
@coding_inputs
def quotes_cmd(inputs: tuple[str, ...], output: str | None, date: str | None,
               **values: Any) -> None:
    """Find who said what: INPUT as for ``thucydides code``. Writes one JSON line per input
    record, {"id", "quotes", "errors"}, in input order. Exit status: 0 every record was read, 1
    some records failed, 2 usage error, 3 fatal error."""
    from thucydides.output.jsonl import quotes_record

    code_and_write(inputs, output, date, values, quotes_record, "quotes", "read")
