"""``thucydides extract``: a thin shell over ``thucydides.ingest.extract.extract``.

One JSON line per document found, ``{"id", "source", "url", "title", "published", "language",
"text", "skip": [{"start", "end", "text"}]}``, and one per document that could not be read,
``{"id", "errors": [{"stage", "code", "message"}]}``. Flags come from ``EXTRACT_SETTINGS``.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from thucydides.cli_options import EXIT_CAP, options_from
from thucydides.ingest.extract import EXTRACT_SETTINGS, ExtractSettings
from thucydides.ingest.readers.html import MODES
from thucydides.records import Article, ErrorRecord

extract_options = options_from(EXTRACT_SETTINGS, {"html_mode": MODES})


def article_line(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": article.date.isoformat() if article.date else None,
        "language": article.language,
        "text": article.text,
        "skip": [{"start": s.start, "end": s.end, "text": s.of(article.text)}
                 for s in article.skip],
    }


def error_line(err: ErrorRecord) -> dict[str, Any]:
    return {"id": err.article_id,
            "errors": [{"stage": err.stage, "code": err.code, "message": err.message}]}


def output_line(item: Article | ErrorRecord) -> dict[str, Any]:
    return article_line(item) if isinstance(item, Article) else error_line(item)


def _progress(items: Iterable[Any]) -> Iterator[Any]:
    from thucydides.cli import progress  # imported here: thucydides.cli imports this module

    return progress(items, "extracting", True)


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=None, help="write JSON lines here (default: stdout)")
@click.option("-v", "--verbose", is_flag=True, help="log skipped records and fetches on stderr")
@extract_options
def extract_cmd(inputs: tuple[str, ...], output: str | None, verbose: bool,
                **values: Any) -> None:
    """Extract articles from INPUT files, folders (recursively), feeds, WARC archives and
    http(s) URLs: one JSON line per document found (id, source, url, title, published,
    language, text, skip spans), or a line with "errors" for one that could not be read. The
    exit status is the number of failed documents (capped at 125)."""
    from thucydides.cli import open_output
    from thucydides.ingest.extract import extract

    # the extractors' own warnings ("discarding data") are noise here; -v shows ours
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr, format="%(name)s: %(message)s")
    logging.getLogger("thucydides").setLevel(logging.INFO if verbose else logging.WARNING)
    settings = ExtractSettings(**values)
    found = failed = 0
    with open_output(output) as out:
        for item in _progress(extract(inputs, settings)):
            found += isinstance(item, Article)
            failed += isinstance(item, ErrorRecord)
            out.write(json.dumps(output_line(item), ensure_ascii=False) + "\n")
            out.flush()
    click.echo(f"extracted {found} articles, {failed} errors", err=True)
    sys.exit(min(failed, EXIT_CAP))
