"""RSS 2.0, Atom and RDF feeds (feedparser): one article per item.

An item's text is its full content (``content:encoded``, Atom ``content``) when it has one.
When it has only a summary and a link, the linked page is fetched politely and extracted (setting
``fetch_links``); when fetching is off, the summary is the text. A link that cannot be fetched
makes the item an error item (the summary alone is rarely the article). Charsets come from the
HTTP header, the XML declaration or feedparser's fallbacks (UTF-8, windows-1252), so a Latin-1
feed without a declaration still reads right.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any

from thucydides.errors import Err, ThucydidesError
from thucydides.ingest.readers.base import Context, ReadItem, error, from_exception, make_article
from thucydides.ingest.readers.html import read_page

log = logging.getLogger(__name__)

BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                    "tr", "pre", "section", "article", "figure", "figcaption", "ul", "ol",
                    "table", "hr", "dd", "dt"})
DROP = ("script", "style", "noscript", "iframe", "object", "embed")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element; plain text passes through."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return "\n".join(" ".join(x.split()) for x in fragment.splitlines() if x.strip())
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for el in root.xpath("|".join(f"//{t}" for t in DROP)):
        el.drop_tree()
    for el in root.iter():  # HTML whitespace: a newline in the source is a space
        el.text = None if el.text is None else _space(el.text)
        el.tail = None if el.tail is None else _space(el.tail)
        if isinstance(el.tag, str) and el.tag.lower() in BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def entry_date(entry: Any) -> dt.date | None:
    """Publication date (else last update) of an item. ``dict.get`` reads the keys as they are:
    feedparser's own ``get`` maps a missing ``updated`` to ``published`` with a warning."""
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if parsed:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    raw = dict.get(entry, "published") or dict.get(entry, "updated")
    if not raw:
        return None
    import dateparser

    found = dateparser.parse(raw, settings={"STRICT_PARSING": True})
    return found.date() if found else None


def entry_content(entry: Any) -> str:
    """The item's full content as text ('' when it has only a summary). feedparser copies a
    lone RSS ``description`` into ``summary`` only, so this is ``content:encoded`` or Atom
    ``content``."""
    parts = [c.get("value", "") for c in entry.get("content") or ()]
    return html_to_text("\n".join(p for p in parts if p))


def read_feed(data: bytes, source: str, ctx: Context, charset: str | None = None,
              ) -> Iterator[ReadItem]:
    """Articles from the items of one feed document, in feed order."""
    import feedparser

    headers = {"content-type": f"application/xml; charset={charset}"} if charset else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries:
        if parsed.bozo or not parsed.version:
            detail = str(parsed.get("bozo_exception") or "no RSS, Atom or RDF items")
            yield error(source, Err.E116, source=source, detail=detail)
        else:
            yield error(source, Err.E117, source=source)
        return
    language = parsed.feed.get("language")
    for n, entry in enumerate(parsed.entries, start=1):
        yield read_entry(entry, f"{source}#{n}", ctx, language)


def read_entry(entry: Any, source: str, ctx: Context, language: str | None) -> ReadItem:
    doc_id = entry.get("id") or entry.get("link") or source
    link = entry.get("link") or ""
    link = link if link.startswith(("http://", "https://")) else None  # not a tag: id
    title = html_to_text(entry.get("title") or "") or None
    date = entry_date(entry)
    content = entry_content(entry)
    summary = html_to_text(entry.get("summary") or "")
    if content:  # the full text; a summary longer than the content is the fuller text
        text = summary if len(summary) > len(content) else content
        return make_article(ctx, id=doc_id, text=text, source=source, url=link, title=title,
                            date=date, language=language)
    if link and ctx.settings.fetch_links:
        return linked_page(ctx, doc_id, link, source, title, date)
    if summary:
        return make_article(ctx, id=doc_id, text=summary, source=source, url=link, title=title,
                            date=date, language=language)
    why = "its link was not fetched (setting fetch_links is off)" if link else "it has no link"
    return error(doc_id, Err.E118, source=source, detail=why)


def linked_page(ctx: Context, doc_id: str, link: str, source: str, title: str | None,
                date: dt.date | None) -> ReadItem:
    """The article an item links to, fetched and extracted; the item's title and date win."""
    try:
        resp = ctx.fetcher.get(link)
        if resp.content_type not in ("text/html", "application/xhtml+xml"):
            return error(doc_id, Err.E124, url=resp.url, ctype=resp.content_type)
        page = read_page(resp.body, resp.url, ctx.settings.html_mode, link, resp.charset)
    except ThucydidesError as exc:
        return from_exception(doc_id, exc)
    return make_article(ctx, id=doc_id, text=page.text, source=source,
                        url=page.url or resp.url, title=title or page.title,
                        date=date or page.date, language=page.language)


def is_feed_type(content_type: str) -> bool:
    return bool(re.search(r"(rss|atom|rdf)\+xml|/xml$", content_type))
