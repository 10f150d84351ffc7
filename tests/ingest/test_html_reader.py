"""HTML pages: main text without page furniture, metadata, encodings, bad pages as error items,
and the pieces of the body-locating rule on hand-made inputs."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from thucydides.errors import InputError
from thucydides.ingest.extract import scan
from thucydides.ingest.readers.html import (
    clean_title,
    extract_page,
    is_prose,
    locate_body,
    prefer_article_body,
    read_page,
)
from thucydides.records import Article

from .ingest_helpers import FIXTURES

SUMMIT = (FIXTURES / "pages" / "summit.html").read_bytes()

MUST = [
    "European Union leaders agreed on Friday to impose a fifth package of sanctions on Russia",
    "Coal ban phased in over four months",  # a subheading inside the article stays
    "“This is the strongest signal we have sent so far,”",
    "The Kremlin said the sanctions were illegal",
]
MUST_NOT = ["Related stories", "Ten things to do in Brussels", "Sign up for our morning briefing",
            "Privacy policy", "We use cookies", "Politics", "All rights reserved"]


@pytest.mark.parametrize("mode", ["thucydides.html.v1", "trafilatura"])
def test_main_text_keeps_the_article_and_drops_the_furniture(mode):
    page = read_page(SUMMIT, mode=mode)
    for snippet in MUST:
        assert snippet in page.text
    for snippet in MUST_NOT:
        assert snippet not in page.text


def test_metadata():
    page = read_page(SUMMIT)
    assert page.title == "EU leaders agree new sanctions package against Moscow"
    assert page.date == dt.date(2022, 4, 1)
    assert page.url == "https://ledger.example.org/world/2022/04/01/eu-sanctions-package"
    assert page.sitename == "The Daily Ledger" and page.authors == ("Maria Keller",)
    assert page.language == "en-GB"


def test_a_page_file_becomes_one_article(make_ctx):
    (item,) = scan([str(FIXTURES / "pages" / "talks.html")], ctx=make_ctx())
    assert isinstance(item, Article)
    assert item.title == "Foreign ministers meet in Ankara for ceasefire talks"
    assert item.date == dt.date(2022, 3, 10) and item.language == "en"
    assert item.id == item.source == str(FIXTURES / "pages" / "talks.html")
    assert "Front page" not in item.text and "Advertise" not in item.text


LATIN = ("<html><head><meta charset='{declared}'><title>Réunion à Zürich</title></head><body>"
         "<article><p>Les ministres se sont réunis à Zürich mardi pour discuter de l’énergie et "
         "des sanctions, a déclaré le porte-parole du gouvernement suisse à la presse.</p>"
         "<p>Une deuxième réunion aura lieu à Genève la semaine prochaine, selon le ministère "
         "des affaires étrangères, qui n’a pas donné d’autres détails.</p></article></body>"
         "</html>")


@pytest.mark.parametrize("declared, encoding, header", [
    ("iso-8859-1", "cp1252", None),  # declared right (Latin-1 is read as windows-1252)
    ("utf-8", "cp1252", None),  # declared wrong: the bytes are not UTF-8
    ("iso-8859-1", "utf-8", None),  # declared wrong the other way: the bytes are UTF-8
    ("", "cp1252", "windows-1252"),  # declared only in the HTTP header
    ("", "cp1252", None),  # declared nowhere
])
def test_encodings_come_out_right(declared, encoding, header):
    data = LATIN.format(declared=declared).encode(encoding)
    page = read_page(data, charset=header)
    assert "réunis à Zürich mardi" in page.text and "n’a pas donné" in page.text
    assert page.title == "Réunion à Zürich"


@pytest.mark.parametrize("markup", [
    "",
    "<html><head><title>Nothing</title></head><body></body></html>",
    (FIXTURES / "pages" / "broken.html").read_text(),
    "<html><body><script>var a = 1;</script><style>p {}</style></body></html>",
])
def test_pages_without_text_are_e115(markup):
    with pytest.raises(InputError) as exc:
        extract_page(markup, source="page.html")
    assert exc.value.code == "E115" and "page.html" in exc.value.message


def test_bad_files_are_error_items_and_the_run_goes_on(make_ctx, tmp_path):
    truncated = tmp_path / "cut.html.gz"
    truncated.write_bytes(gzip.compress(SUMMIT)[:-40])
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body><p>" + b"word " * 10_000_000 + b"</p></body></html>")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    good = tmp_path / "good.html.gz"
    good.write_bytes(gzip.compress(SUMMIT))
    items = list(scan([str(p) for p in (truncated, huge, binary, good)], ctx=make_ctx()))
    assert [getattr(i, "code", None) for i in items] == ["E112", "E111", "E113", None]
    assert "10000000 bytes" in items[1].message and "max_bytes" in items[1].message
    assert "PNG" in items[2].message
    assert items[3].title == "EU leaders agree new sanctions package against Moscow"


# --------------------------------------------------------------------------- the rule's parts

LONG = "This is a long sentence of article prose that goes on for well over ten words."


@pytest.mark.parametrize("line, prose", [
    (LONG, True),
    ("Short line.", False),
    ("A long line without a final stop that lists many words in a row here", False),
    ("“A long quote of somebody who said many things at the press conference,”", True),
])
def test_is_prose(line, prose):
    assert is_prose(line) is prose


BODY_A = ("Ministers met in Brussels on Friday and agreed to extend the sanctions on Russian "
          "banks, coal and steel for another six months, diplomats said.")
BODY_B = ("The decision was taken unanimously after a debate that lasted most of the night, "
          "with Hungary dropping its objections shortly before dawn.")


@pytest.mark.parametrize("full, precise, expected", [
    # furniture before and after the located body goes; a subheading inside it stays
    (f"Menu\nTop stories\n{BODY_A}\nThe vote\n{BODY_B}\nRead more\nMost popular",
     f"{BODY_A}\n{BODY_B}", f"{BODY_A}\nThe vote\n{BODY_B}"),
    # prose outside the located body stays
    (f"{LONG}\n{BODY_A}\n{BODY_B}\nShare this", f"{BODY_A}\n{BODY_B}",
     f"{LONG}\n{BODY_A}\n{BODY_B}"),
    # a precision run too short to locate anything leaves the text as it is
    (f"Menu\n{BODY_A}", "Ministers met.", f"Menu\n{BODY_A}"),
    # a precision run that shares nothing with the text leaves it as it is
    (f"Menu\n{BODY_A}", LONG * 3, f"Menu\n{BODY_A}"),
])
def test_locate_body(full, precise, expected):
    assert locate_body(full, precise) == expected


@pytest.mark.parametrize("text, body, chosen", [
    ("First part of the story.", "First part of the story. And the rest of it, which is much "
     "longer than the first part.", "body"),
    ("First part of the story.", "Another story entirely, with other words in it and more.",
     "text"),
    ("A full story of some length here.", "A full story of some length here.", "text"),
])
def test_prefer_article_body(text, body, chosen):
    assert prefer_article_body(text, body) == (body if chosen == "body" else text)


@pytest.mark.parametrize("title, site, url, expected", [
    ("Nam, SA pipeline flagged - The Namibian", "The Namibian", None, "Nam, SA pipeline flagged"),
    ("Strava adds a plan | TechCrunch | TechCrunch", "TechCrunch", None, "Strava adds a plan"),
    ("Russia hits Kyiv - National | Globalnews.ca", "Global News", "https://globalnews.ca/x",
     "Russia hits Kyiv - National"),
    ("Trump wins - US", "USA Today", None, "Trump wins - US"),
    ("Peace talks: what we know", "Reuters", None, "Peace talks: what we know"),
    ("The American friends -- Sott.net", "Sott.net", None, "The American friends"),
    (None, "Site", None, None),
])
def test_clean_title(title, site, url, expected):
    assert clean_title(title, site, url) == expected
