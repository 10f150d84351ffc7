"""``extract``: dispatch by suffix and by first bytes, folders, URLs, stable order, settings."""

from __future__ import annotations

import gzip
import shutil

import pytest

from thucydides.errors import ThucydidesError
from thucydides.ingest.extract import extract, scan
from thucydides.ingest.readers import Skipped
from thucydides.ingest.settings import (
    EXTRACT_SETTINGS,
    ExtractSettings,
    defaults_match,
    documented,
)
from thucydides.records import Article, ErrorRecord

from .ingest_helpers import FIXTURES, QUICK

PAGES = FIXTURES / "pages"


def ids(items):
    return [i.id if isinstance(i, Article) else getattr(i, "article_id", None) or i.source
            for i in items]


@pytest.fixture
def folder(tmp_path):
    """A folder of mixed inputs, some nested, some hidden, some not documents."""
    root = tmp_path / "inbox"
    (root / "b-feeds").mkdir(parents=True)
    (root / "a-pages" / "deeper").mkdir(parents=True)
    (root / ".cache").mkdir()
    shutil.copy(PAGES / "summit.html", root / "a-pages" / "summit.html")
    (root / "a-pages" / "deeper" / "talks.htm.gz").write_bytes(
        gzip.compress((PAGES / "talks.html").read_bytes()))
    shutil.copy(FIXTURES / "feeds" / "atom-content.xml", root / "b-feeds" / "ledger.atom")
    (root / "c-note.txt").write_text("A plain note about the ceasefire talks.", encoding="utf-8")
    (root / "d-logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "e-blob").write_bytes(bytes(range(256)) * 4)  # no suffix, binary
    (root / "f-page-without-suffix").write_bytes((PAGES / "talks.html").read_bytes())
    (root / ".cache" / "x.txt").write_text("hidden", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return root


def test_a_folder_is_read_recursively_in_path_order(make_ctx, folder):
    items = list(scan([str(folder)], ctx=make_ctx()))
    kinds = [(type(i).__name__, getattr(i, "title", None) or getattr(i, "code", None)
              or getattr(i, "reason", "")) for i in items]
    assert kinds == [  # a-pages/deeper/... sorts before a-pages/summit.html
        ("Article", "Foreign ministers meet in Ankara for ceasefire talks"),
        ("Article", "EU leaders agree new sanctions package against Moscow"),
        ("Article", "Summit ends with pledge of aid"),
        ("Article", "Ministers to meet again next week"),
        ("Article", ""),  # the .txt note: no title
        ("Skipped", "a .png file is not a document"),
        ("ErrorRecord", "E113"),
        ("Article", "Foreign ministers meet in Ankara for ceasefire talks"),
    ]
    assert items[4].id == "c-note"
    assert items[0].source == str(folder / "a-pages" / "deeper" / "talks.htm.gz")


def test_extract_leaves_out_skips_and_keeps_order_across_inputs(make_ctx, folder):
    inputs = [str(PAGES / "talks.html"), str(folder), str(FIXTURES / "records.csv")]
    items = list(extract(inputs, ctx=make_ctx()))
    assert not any(isinstance(i, Skipped) for i in items)
    assert items[0].source == str(PAGES / "talks.html")
    assert ids(items[-3:]) == ["c1", "c2", "c3"]
    again = list(extract(inputs, ctx=make_ctx()))
    assert ids(again) == ids(items)


def test_missing_inputs_and_unknown_things_are_error_items(make_ctx, tmp_path):
    items = list(scan([str(tmp_path / "nope.html"), str(PAGES / "talks.html")], ctx=make_ctx()))
    assert isinstance(items[0], ErrorRecord) and items[0].code == "E110"
    assert isinstance(items[1], Article)


def test_a_page_url_is_fetched_and_extracted(site, make_ctx):
    site.page("/news/summit", (PAGES / "summit.html").read_bytes())
    site.page("/data.json", b'{"a": 1}', ctype="application/json")
    page, data = scan([site.base + "/news/summit", site.base + "/data.json"], ctx=make_ctx())
    assert page.id == page.source == site.base + "/news/summit"
    assert page.url == "https://ledger.example.org/world/2022/04/01/eu-sanctions-package"
    assert data.code == "E124" and "application/json" in data.message


def test_a_url_that_fails_is_one_error_and_the_run_goes_on(site, make_ctx):
    site.page("/robots.txt", "User-agent: *\nDisallow: /\n", ctype="text/plain")
    items = list(scan([site.base + "/x.html", str(PAGES / "talks.html")], ctx=make_ctx()))
    assert items[0].code == "E121" and isinstance(items[1], Article)


def test_settings_table_matches_the_dataclass_and_is_documented():
    assert defaults_match()
    assert set(documented()) == {name for name, _, _ in EXTRACT_SETTINGS}
    assert all(help_ for help_ in documented().values())
    assert ExtractSettings().max_bytes == 10_000_000 and "thucydides" in QUICK.user_agent


def test_an_unknown_html_mode_is_refused():
    with pytest.raises(ThucydidesError, match="html_mode") as caught:
        list(scan([], ExtractSettings(html_mode="magic")))
    assert caught.value.code == "E108"


def test_an_unexpected_failure_is_one_error_and_the_run_goes_on(make_ctx, monkeypatch, tmp_path):
    import thucydides.ingest.extract as extract_module

    calls = []

    def flaky(data, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug")
        return real(data, *args, **kwargs)

    real = extract_module.read_page
    monkeypatch.setattr(extract_module, "read_page", flaky)
    first, second = scan([str(PAGES / "summit.html"), str(PAGES / "talks.html")], ctx=make_ctx())
    assert first.code == "E128" and "RuntimeError: a bug" in first.message
    assert isinstance(second, Article)
