"""HTML pages: main text and metadata (title, authors, date, canonical URL, site name).

Two extraction modes, named by version so that a corpus can be re-extracted the same way:

``trafilatura``
    trafilatura's default extraction (comments and tables included), for comparison.
``thucydides.html.v1`` (default)
    trafilatura twice over the same page: with its default settings but without comments, and in
    precision mode. The precision run locates the article body inside the default run: the lines
    of the default run from the first to the last one the precision run also has are kept whole
    (subheadings, lists and quotes inside the article survive), and outside that stretch only
    prose lines (10 words or more, ending like a sentence) are kept, so that the headline lists,
    share and subscribe prompts and related-story links above and below the article go. When the
    page's schema.org ``articleBody`` is at least 1.5 times as long as that text and contains
    most of it, the page shows only part of the article (a paginated or lazily loaded body), and
    ``articleBody`` is used instead.

The title loses a trailing site name ("... | The Namibian"). ``scripts/bench_extract.py``
measures both modes on the annotated pages of ``../shared/samples/html``.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from thucydides.errors import Err, InputError
from thucydides.ingest.readers.decode import decode_text

log = logging.getLogger(__name__)

MODES = ("thucydides.html.v1", "trafilatura")
DEFAULT_MODE = "thucydides.html.v1"

TOKEN = re.compile(r"\w+")
GRAM = 3
SUPPORT = 0.5  # share of a line's word trigrams the precision run must also have
MIN_PRECISION_CHARS = 200  # a shorter precision run cannot locate the body
PROSE_WORDS = 10
PROSE_END = tuple(".!?\"”’')…:")
LD_RATIO = 1.5
LD_COVER = 0.5
TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—•·:»/]|--?|::)\s+")


@dataclass(frozen=True, slots=True)
class Page:
    """What was extracted from one HTML page. ``language`` is the page's declared language."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    url: str | None = None
    sitename: str | None = None
    language: str | None = None
    description: str | None = None


# --------------------------------------------------------------------------- lines and support


def grams(text: str) -> set[tuple[str, ...]]:
    """The word trigrams of ``text`` (lower case); a shorter text is one gram."""
    words = TOKEN.findall(text.lower())
    if len(words) < GRAM:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + GRAM]) for i in range(len(words) - GRAM + 1)}


def cover(text: str, other: set[tuple[str, ...]]) -> float:
    """Share of the trigrams of ``text`` found in ``other`` (1.0 for a text without words)."""
    own = grams(text)
    return sum(g in other for g in own) / len(own) if own else 1.0


def is_prose(line: str) -> bool:
    line = line.strip()
    return len(line.split()) >= PROSE_WORDS and line.endswith(PROSE_END)


def locate_body(full: str, precise: str) -> str:
    """Lines of ``full`` from the first to the last the ``precise`` text supports, plus the prose
    lines outside that stretch (see the module docstring)."""
    if len(precise) < MIN_PRECISION_CHARS:
        return full
    support = grams(precise)
    lines = full.split("\n")
    backed = [i for i, line in enumerate(lines) if cover(line, support) >= SUPPORT]
    if not backed:
        return full
    first, last = backed[0], backed[-1]
    return "\n".join(line for i, line in enumerate(lines)
                     if first <= i <= last or is_prose(line))


# --------------------------------------------------------------------------- schema.org body


def _bodies(node: Any) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _bodies(item)
    elif isinstance(node, dict):
        body = node.get("articleBody")
        if isinstance(body, str) and body.strip():
            yield body
        for key in ("@graph", "mainEntity"):
            yield from _bodies(node.get(key))


def article_body(tree: Any) -> str:
    """The longest schema.org ``articleBody`` in the page's JSON-LD, as plain text ('' if none)."""
    from lxml import html as lxml_html

    found: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            found.extend(_bodies(json.loads(script.text_content(), strict=False)))
        except (ValueError, RecursionError):
            continue
    if not found:
        return ""
    body = html_lib.unescape(max(found, key=len))
    if re.search(r"<(p|br|div|a|em|strong)\b", body):
        body = lxml_html.fromstring(f"<div>{body}</div>").text_content()
    return body.strip()


def prefer_article_body(text: str, body: str) -> str:
    if body and len(body.split()) >= LD_RATIO * len(text.split()) and cover(
            text, grams(body)) >= LD_COVER:
        return body
    return text


# --------------------------------------------------------------------------- metadata


def _key(value: str) -> str:
    return re.sub(r"\W+", "", value.casefold())


def clean_title(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """Drop trailing segments that name the site: "Title | Section | Site" -> "Title | Section"
    when 'Site' matches the site name or the host name."""
    if not title:
        return None
    title = " ".join(title.split())
    names = {k for k in (_key(sitename or ""), _key(_hostname(url))) if k}
    while names:
        seps = list(TITLE_SEPARATOR.finditer(title))
        if not seps or seps[-1].start() == 0:
            break
        tail = _key(title[seps[-1].end():])
        if not tail or not any(n in tail or (len(tail) >= 3 and tail in n) for n in names):
            break
        title = title[:seps[-1].start()].strip()
    return title or None


def _hostname(url: str | None) -> str:
    if not url:
        return ""
    host = re.sub(r"^[a-z]+://", "", url).split("/")[0].split(":")[0].lower()
    labels = [x for x in host.split(".") if x not in ("www", "com", "org", "net", "co", "uk")]
    return labels[0] if labels else ""


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(a.strip() for a in re.split(r";|\band\b", value) if a.strip())


# --------------------------------------------------------------------------- extraction


def _run(tree: Any, url: str | None, **options: Any) -> Any:
    import copy

    import trafilatura

    return trafilatura.bare_extraction(copy.deepcopy(tree), url=url, **options)


def parse_html(markup: str, where: str = "the page") -> Any:
    """An lxml tree of ``markup``; E115 when nothing can be parsed."""
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        raise InputError(Err.E115, source=where)
    return tree


def extract_page(markup: str, url: str | None = None, mode: str = DEFAULT_MODE,
                 source: str | None = None) -> Page:
    """Main text and metadata of one decoded HTML page; E115 when it holds no article text,
    E128 when the extractor breaks on it."""
    where = source or url or "the page"
    tree = parse_html(markup, where)
    try:
        doc, text = _main_text(tree, url, mode)
    except (RecursionError, ValueError, TypeError, AttributeError, LookupError) as exc:
        log.info("extraction failed on %s", where, exc_info=True)  # a library bug on odd markup
        raise InputError(Err.E128, source=where, detail=f"{type(exc).__name__}: {exc}") from exc
    if not any(c.isalpha() for c in text):
        raise InputError(Err.E115, source=where)
    return _page(text.strip(), doc, url, tree)


def _main_text(tree: Any, url: str | None, mode: str) -> tuple[Any, str]:
    """trafilatura's document (with metadata) and the main text by ``mode``."""
    doc = _run(tree, url, with_metadata=True, include_comments=(mode == "trafilatura"))
    text = (doc.text or "") if doc is not None else ""
    if mode == DEFAULT_MODE and text:
        precise = _run(tree, url, favor_precision=True, include_comments=False)
        text = locate_body(text, (precise.text or "") if precise is not None else "")
        text = prefer_article_body(text, article_body(tree))
    return doc, text


def _page(text: str, doc: Any, url: str | None, tree: Any) -> Page:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if doc is None:
        return Page(text=text, url=url, language=lang)
    return Page(text=text, title=clean_title(doc.title, doc.sitename, doc.url or url),
                authors=_authors(doc.author), date=parse_day(doc.date), url=doc.url or url,
                sitename=doc.sitename, language=lang, description=doc.description)


def read_page(data: bytes, url: str | None = None, mode: str = DEFAULT_MODE,
              source: str | None = None, charset: str | None = None) -> Page:
    """``extract_page`` over raw bytes, decoded by ``charset`` (e.g. from an HTTP header), the
    page's own declaration, or a guess."""
    return extract_page(decode_text(data, [charset], source or url or ""), url, mode, source)
