"""What every reader shares: the run context, the ``Skipped`` record, building articles, and
reading dates.

A reader is a function ``(source, ctx) -> Iterator[ReadItem]``: it yields an ``Article`` per
document found, an ``ErrorRecord`` per document that could not be read (stage ``extract``, a
catalogued code), and a ``Skipped`` per record that is not a document by design (a WARC request
record, an image response): skips carry a reason and are not errors.

Ids and sources: ``source`` locates a document -- a path or URL, plus ``#N`` for the line of a
JSONL/CSV file, the item of a feed (1-based) or the byte offset of a WARC record. ``id`` is the
document's own id where the format has one (a JSONL/CSV ``id``, a feed item's guid, a WARC record
id), else the source.

Languages: a reader passes on only the language a document *declares* (an HTML ``lang``, a feed's
``language``, a record's ``language`` field), normalised ('en-GB' -> 'en'), else None. It never
guesses: the ingest stage decides the language, by one rule (``language.decide_language``).

Characters no output can carry (lone surrogates, NUL) are replaced one for one in every article
and error record a reader makes (``clean``): an article keeps a W101 warning saying so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from thucydides.errors import Err, InputError, ThucydidesError
from thucydides.ingest.boilerplate import Boilerplate, find_boilerplate
from thucydides.ingest.language import language_code
from thucydides.ingest.readers.clean import clean, repair_article
from thucydides.records import Article, ErrorRecord, WarningRecord

if TYPE_CHECKING:
    from thucydides.ingest.fetch import Fetcher
    from thucydides.ingest.settings import ExtractSettings

log = logging.getLogger(__name__)

STAGE = "extract"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that is not a document, by design (not an error): where it is, and why."""

    source: str
    reason: str


# What a reader yields: a document, the error that kept it from being one, or a record it
# skips on purpose (a revisit, a non-HTML response). ``ingest.inputs.Item`` is what the rest of
# the pipeline sees: the same without the skips.
ReadItem = Article | ErrorRecord | Skipped


@dataclass
class Context:
    """One extract run: its settings and loaded helpers. ``revisits`` maps WARC payload digests
    and record ids of HTML responses seen so far to (path, offset), so that a revisit record can
    be resolved to the response it repeats. ``stdin`` is what the input ``-`` reads (default:
    ``sys.stdin``)."""

    settings: ExtractSettings
    boilerplate: Boilerplate
    fetcher: Fetcher
    revisits: dict[str, tuple[str, int]] = field(default_factory=dict)
    stdin: IO[Any] | None = None

    @classmethod
    def load(cls, settings: ExtractSettings, fetcher: Fetcher | None = None,
             stdin: IO[Any] | None = None) -> Context:
        from thucydides.ingest.fetch import Fetcher

        return cls(settings, Boilerplate.load(), fetcher or Fetcher(settings), stdin=stdin)


def error(doc_id: str, err: Err, **detail: object) -> ErrorRecord:
    return from_exception(doc_id, InputError(err, **detail))


def from_exception(doc_id: str, exc: ThucydidesError) -> ErrorRecord:
    return ErrorRecord(clean(doc_id), STAGE, exc.code, clean(exc.message))


def guard(doc_id: str, items: Iterator[ReadItem]) -> Iterator[ReadItem]:
    """Pass ``items`` through; an error raised while producing them becomes one error record for
    ``doc_id`` and ends this input (the run goes on with the next)."""
    try:
        yield from items
    except ThucydidesError as exc:
        yield from_exception(doc_id, exc)
    except Exception as exc:  # a bug or a library failure must not end the run
        log.exception("extracting %s failed", doc_id)
        yield error(doc_id, Err.E128, source=doc_id, detail=f"{type(exc).__name__}: {exc}")


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: Any, where: str = "") -> dt.date | None:
    """'YYYY-MM-DD' or an ISO date-time ('2022-03-15T10:00:00Z') -> date; None/'' -> None;
    anything else (a number, '2022-03-15garbage', '2024-02-31') raises E107, its message naming
    ``where`` (e.g. ' on line 3')."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, str) and ISO_DAY.fullmatch(value):
            return dt.date.fromisoformat(value)
        if isinstance(value, str) and ISO_DAY.match(value) and value[10] in "T ":
            return dt.datetime.fromisoformat(value).date()
    except ValueError as exc:
        raise InputError(Err.E107, value=value, where=where) from exc
    raise InputError(Err.E107, value=value, where=where)


def finish(ctx: Context, article: Article, declared_language: str | None = None) -> Article:
    """Fill what every article gets: its declared language, normalised (None when it declares
    none: the ingest stage decides), and the boilerplate lines to skip."""
    skip = tuple(span for span, _ in find_boilerplate(article.text, ctx.boilerplate))
    return dataclasses.replace(article, language=language_code(declared_language), skip=skip)


def make_article(ctx: Context, *, id: str, text: str, source: str, url: str | None = None,
                 title: str | None = None, date: dt.date | None = None,
                 language: str | None = None, warnings: tuple[WarningRecord, ...] = (),
                 ) -> Article | ErrorRecord:
    """An article with its declared language, skip spans and warnings (lone surrogates and NULs
    replaced, W101), or error E101 when there is no text."""
    if not text.strip():
        return error(id, Err.E101)
    title = " ".join(title.split()) if title else None
    article = Article(id=id, text=text, date=date, url=url, title=title or None, source=source,
                      language=language, warnings=warnings)
    article = repair_article(article, STAGE)
    return finish(ctx, article, article.language)
