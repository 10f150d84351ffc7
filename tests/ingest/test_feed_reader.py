"""Feeds: one article per item; summary-only items fetched from a server on 127.0.0.1; encodings;
empty and broken feeds as error items."""

from __future__ import annotations

import datetime as dt

import pytest

from thucydides.ingest.extract import scan
from thucydides.ingest.readers.feed import html_to_text
from thucydides.records import Article, ErrorRecord

from .ingest_helpers import FIXTURES

PAGES = FIXTURES / "pages"
FEEDS = FIXTURES / "feeds"


def serve_news(site):
    feed = (FEEDS / "summaries.rss").read_text().replace("http://HOST", site.base)
    site.page("/feed.rss", feed, ctype="application/rss+xml; charset=utf-8")
    site.page("/news/talks.html", (PAGES / "talks.html").read_bytes())
    site.page("/news/summit.html", (PAGES / "summit.html").read_bytes())


def test_summary_items_are_fetched_and_extracted(site, make_ctx, tmp_path):
    serve_news(site)
    path = tmp_path / "summaries.rss"
    path.write_text((FEEDS / "summaries.rss").read_text().replace("http://HOST", site.base))
    talks, summit, missing = scan([str(path)], ctx=make_ctx())
    assert talks.id == "harbour-times-1001" and talks.source == f"{path}#1"
    assert talks.title == "Foreign ministers meet for ceasefire talks"  # the item's title wins
    assert talks.date == dt.date(2022, 3, 10) and talks.url == site.base + "/news/talks.html"
    assert "highest-level contact between the two governments" in talks.text
    assert "Front page" not in talks.text
    # the page's canonical URL is the article's URL
    assert summit.url == "https://ledger.example.org/world/2022/04/01/eu-sanctions-package"
    assert "Coal ban phased in over four months" in summit.text
    assert isinstance(missing, ErrorRecord) and missing.article_id == "harbour-times-1003"
    assert missing.code == "E123" and "404" in missing.message
    assert site.requested() == ["/robots.txt", "/news/talks.html", "/news/summit.html",
                                "/news/missing.html"]


def test_without_fetching_the_summary_is_the_text(site, make_ctx, tmp_path):
    path = tmp_path / "summaries.rss"
    path.write_text((FEEDS / "summaries.rss").read_text().replace("http://HOST", site.base))
    items = list(scan([str(path)], ctx=make_ctx(fetch_links=False)))
    assert [i.text for i in items] == [
        "The foreign ministers of Russia and Ukraine met in Antalya.",
        "European Union leaders agreed on Friday to impose a fifth package of sanctions.",
        "This page no longer exists."]
    assert site.requested() == []


def test_a_feed_url_is_fetched_then_its_items(site, make_ctx):
    serve_news(site)
    items = list(scan([site.base + "/feed.rss"], ctx=make_ctx()))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ErrorRecord"]
    assert items[0].source == site.base + "/feed.rss#1"


def test_atom_items_with_content_are_not_fetched(site, make_ctx):
    aid, again = scan([str(FEEDS / "atom-content.xml")], ctx=make_ctx())
    assert aid.title == "Summit ends with pledge of aid"
    assert aid.text.split("\n") == [
        "The leaders of the European Union pledged on Saturday to send more military and "
        "humanitarian aid to Ukraine before the end of the month.",
        "The package includes air defence systems, ammunition and funds to repair power stations "
        "damaged by Russian shelling."]
    assert aid.date == dt.date(2022, 4, 2) and aid.id == "tag:ledger.example.org,2022:summit-aid"
    assert again.text.startswith("Foreign ministers from both countries will meet again")
    assert again.url is None and again.date == dt.date(2022, 4, 2)
    assert site.requested() == []


RSS = """<rss version="2.0"><channel><title>{title}</title><link>http://example.org/</link>
<description>x</description><item><title>{title}</title><link>http://example.org/1</link>
<description>{text}</description></item></channel></rss>"""


@pytest.mark.parametrize("declaration, encoding, title, text", [
    # no XML declaration and Latin-1 bytes (the UOL case)
    ("", "latin-1", "Eleições: simulação de 2º turno",
     "Candidato perde em simulações de segundo turno, diz pesquisa divulgada nesta segunda."),
    ('<?xml version="1.0" encoding="windows-1251"?>\n', "cp1251", "Новости Оренбурга",
     "В Бузулуке главные стройплощадки – детсад и Ледовый дворец."),
    ('<?xml version="1.0" encoding="ISO-8859-1"?>\n', "latin-1", "Größere Änderungen",
     "Die Bundesregierung hat am Freitag neue Maßnahmen beschlossen."),
])
def test_feed_encodings(make_ctx, tmp_path, declaration, encoding, title, text):
    path = tmp_path / "feed.xml"
    path.write_bytes((declaration + RSS.format(title=title, text=text)).encode(encoding))
    (item,) = scan([str(path)], ctx=make_ctx(fetch_links=False))
    assert isinstance(item, Article)
    assert item.title == title and item.text == text


@pytest.mark.parametrize("name, data, code", [
    ("empty.rss", (FEEDS / "empty.rss").read_bytes(), "E117"),
    ("notafeed.xml", b"<?xml version='1.0'?><catalog><book>Dune</book></catalog>", "E116"),
    ("broken.rss", b"<rss version='2.0'><channel><title>Broken", "E116"),
])
def test_empty_and_broken_feeds_are_one_error_each(make_ctx, tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = scan([str(path)], ctx=make_ctx())
    assert isinstance(item, ErrorRecord) and item.code == code and str(path) in item.message


@pytest.mark.parametrize("fragment, text", [
    ("<p>One.</p><p>Two <b>bold</b> words.</p>", "One.\nTwo bold words."),
    ("Line one<br>line two<br/>line three", "Line one\nline two\nline three"),
    ("<ul><li>a</li><li>b</li></ul><script>x()</script>", "a\nb"),
    ("Plain text with   spaces", "Plain text with spaces"),
    ("", ""),
])
def test_html_to_text(fragment, text):
    assert html_to_text(fragment) == text


def test_an_rdf_feed(make_ctx, tmp_path):
    path = tmp_path / "news.rdf"
    path.write_text("""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://example.org/"><title>News</title><link>http://example.org/</link>
    <description>News</description></channel>
  <item rdf:about="http://example.org/1"><title>Talks resume</title>
    <link>http://example.org/1</link><dc:date>2022-03-29T08:00:00+02:00</dc:date>
    <description>Russian and Ukrainian negotiators resumed talks in Istanbul.</description>
  </item>
</rdf:RDF>""", encoding="utf-8")
    (item,) = scan([str(path)], ctx=make_ctx(fetch_links=False))
    assert (item.id, item.title, item.date) == ("http://example.org/1", "Talks resume",
                                                dt.date(2022, 3, 29))
    assert item.text == "Russian and Ukrainian negotiators resumed talks in Istanbul."
