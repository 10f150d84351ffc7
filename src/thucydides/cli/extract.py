"""``thucydides extract``: a thin shell over ``thucydides.ingest.extract.extract``.

One JSON line per document found, ``{"id", "source", "url", "title", "published", "language",
"text", "skip": [{"start", "end", "text"}]}``, and one per document that could not be read,
``{"id", "errors": [{"stage", "code", "message"}]}``. Flags come from ``EXTRACT_SETTINGS``.
``language`` is decided by the ingest stage's rule (``language.judge_language``): what
``thucydides code`` would decide, null when unknown. ``warnings`` (only when there are any) say
what was repaired or guessed: characters replaced (W101), the language (W102) or the charset
(W103).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click

from thucydides.cli.options import fail, finish, open_output, options_from, progress
from thucydides.errors import ThucydidesError
from thucydides.ingest.extract import extract
from thucydides.ingest.language import LanguageDetector, judge_language
from thucydides.ingest.readers.html import MODES
from thucydides.ingest.settings import EXTRACT_SETTINGS, ExtractSettings
from thucydides.ingest.stage import uncertain
from thucydides.records import Article, ErrorRecord

extract_options = options_from(EXTRACT_SETTINGS, {"html_mode": MODES})


def article_line(article: Article, detector: LanguageDetector) -> dict[str, Any]:
    decision = judge_language(detector, article.text, article.language)
    warnings = article.warnings + ((uncertain(article.id, decision),) if decision.uncertain
                                   else ())
    line = {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": article.date.isoformat() if article.date else None,
        "language": decision.language,
        "text": article.text,
        "skip": [{"start": s.start, "end": s.end, "text": s.of(article.text)}
                 for s in article.skip],
    }
    if warnings:
        line["warnings"] = [{"stage": w.stage, "code": w.code, "message": w.message}
                            for w in warnings]
    return line


def error_line(err: ErrorRecord) -> dict[str, Any]:
    return {"id": err.article_id,
            "errors": [{"stage": err.stage, "code": err.code, "message": err.message}]}


def output_line(item: Article | ErrorRecord, detector: LanguageDetector) -> dict[str, Any]:
    return article_line(item, detector) if isinstance(item, Article) else error_line(item)


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=None, help="write JSON lines here (default: stdout)")
@click.option("-v", "--verbose", is_flag=True, help="log skipped records and fetches on stderr")
@extract_options
def extract_cmd(inputs: tuple[str, ...], output: str | None, verbose: bool,
                **values: Any) -> None:
    """Extract articles from INPUT files, folders (recursively), feeds, WARC archives,
    http(s) URLs and - (stdin): one JSON line per document found (id, source, url, title,
    published, language, text, skip spans, and warnings when any), or a line with "errors" for
    one that could not be read. Exit status: 0 all read, 1 some failed, 2 usage error, 3 fatal
    error (the output cannot be written)."""
    # the extractors' own warnings ("discarding data") are noise here; -v shows ours
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr, format="%(name)s: %(message)s")
    logging.getLogger("thucydides").setLevel(logging.INFO if verbose else logging.WARNING)
    settings = ExtractSettings(**values)
    detector = LanguageDetector.load()
    found = failed = 0
    try:
        with open_output(output) as out:
            for item in progress(extract(inputs, settings), "extracting", True):
                found += isinstance(item, Article)
                failed += isinstance(item, ErrorRecord)
                out.write(json.dumps(output_line(item, detector), ensure_ascii=False) + "\n")
                out.flush()
    except ThucydidesError as exc:
        fail(exc)
    click.echo(f"extracted {found} articles, {failed} errors", err=True)
    finish(failed)
