"""WARC files written here with warcio around our fixture pages: HTML responses become articles
(gzip, chunked and brotli bodies decoded), revisits resolve to the response they repeat, every
other record is skipped with a reason, broken files end in one error item."""

from __future__ import annotations

import gzip
import io

import brotli
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from thucydides.ingest.extract import scan
from thucydides.ingest.readers import Skipped
from thucydides.records import Article, ErrorRecord

from .ingest_helpers import FIXTURES

SUMMIT = (FIXTURES / "pages" / "summit.html").read_bytes()
TALKS = (FIXTURES / "pages" / "talks.html").read_bytes()
SUMMIT_TITLE = "EU leaders agree new sanctions package against Moscow"
TALKS_TITLE = "Foreign ministers meet in Ankara for ceasefire talks"


def http(status: str = "200 OK", ctype: str = "text/html; charset=utf-8", **headers: str):
    pairs = [("Content-Type", ctype), *((k.replace("_", "-"), v) for k, v in headers.items())]
    return StatusAndHeaders(status, pairs, protocol="HTTP/1.1")


def chunked(body: bytes, size: int = 500) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def response(writer, url, body, headers=None, **kwargs):
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                     http_headers=headers or http(), **kwargs)


def write(path, build, gz=True):
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for record in build(writer):
            writer.write_record(record)
    return path


def crawl(writer):
    """A small crawl: one record of each kind the reader meets."""
    summit = response(writer, "https://ledger.example.org/summit", gzip.compress(SUMMIT),
                      http(Content_Encoding="gzip"))
    digest = summit.rec_headers.get_header("WARC-Payload-Digest")
    yield writer.create_warcinfo_record("crawl.warc.gz", {"software": "thucydides tests"})
    yield writer.create_warc_record(
        "https://ledger.example.org/summit", "request", payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders("GET /summit HTTP/1.1", [("Host", "ledger.example.org")],
                                      is_http_request=True))
    yield summit
    yield response(writer, "https://harbour.example.net/talks", chunked(TALKS),
                   http(Transfer_Encoding="chunked"))
    yield response(writer, "https://ledger.example.org/logo.png", b"\x89PNG\r\n\x1a\n....",
                   http(ctype="image/png"))
    yield response(writer, "https://ledger.example.org/gone", b"<html>gone</html>",
                   http(status="404 Not Found"))
    yield writer.create_warc_record("dns:ledger.example.org", "response",
                                    payload=io.BytesIO(b"ledger.example.org 300 IN A 10.0.0.1"),
                                    warc_content_type="text/dns")
    yield writer.create_revisit_record("https://ledger.example.org/summit?again", digest,
                                       "https://ledger.example.org/summit",
                                       "2022-04-01T10:00:00Z", http_headers=http())
    yield writer.create_revisit_record("https://elsewhere.example/x", "sha1:UNKNOWNDIGEST",
                                       "https://elsewhere.example/x", "2020-01-01T00:00:00Z")
    yield writer.create_warc_record("https://ledger.example.org/summit", "metadata",
                                    payload=io.BytesIO(b"outlinks: /a /b"),
                                    warc_content_type="application/warc-fields")
    yield response(writer, "https://harbour.example.net/talks-br", brotli.compress(TALKS),
                   http(Content_Encoding="br"))


EXPECTED = [  # (kind, title or reason fragment)
    ("skip", "warcinfo record"),
    ("skip", "request record"),
    ("article", SUMMIT_TITLE),
    ("article", TALKS_TITLE),
    ("skip", "content type image/png is not HTML"),
    ("skip", "HTTP status 404"),
    ("skip", "DNS record"),
    ("article", SUMMIT_TITLE),
    ("skip", "revisit of https://elsewhere.example/x"),
    ("skip", "metadata record"),
    ("article", TALKS_TITLE),
]


def kinds(items):
    out = []
    for item in items:
        if isinstance(item, Skipped):
            out.append(("skip", item.reason))
        elif isinstance(item, Article):
            out.append(("article", item.title))
        else:
            out.append(("error", item.code))
    return out


@pytest.mark.parametrize("gz", [True, False])
def test_every_record_is_an_article_or_a_skip_with_a_reason(make_ctx, tmp_path, gz):
    path = write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), crawl, gz)
    items = list(scan([str(path)], ctx=make_ctx()))
    got = kinds(items)
    assert len(got) == len(EXPECTED)
    for (kind, what), (want_kind, want) in zip(got, EXPECTED, strict=True):
        assert kind == want_kind and want in what


def test_article_fields_from_a_warc(make_ctx, tmp_path):
    path = write(tmp_path / "crawl.warc.gz", crawl)
    summit, talks, revisit, talks_br = [i for i in scan([str(path)], ctx=make_ctx())
                                        if isinstance(i, Article)]
    assert summit.url == "https://ledger.example.org/world/2022/04/01/eu-sanctions-package"
    assert talks.url == "https://harbour.example.net/talks"  # no canonical: the target URI
    assert summit.source.startswith(f"{path}#") and int(summit.source.split("#")[1]) > 0
    assert summit.id.startswith("urn:uuid:") and summit.id != revisit.id
    assert revisit.text == summit.text and revisit.source != summit.source
    assert talks_br.text == talks.text and "Antalya" in talks.text
    assert summit.language == "en" and summit.date is not None


def test_a_revisit_resolves_to_a_response_in_an_earlier_input(make_ctx, tmp_path):
    first = write(tmp_path / "a.warc.gz", lambda w: [
        response(w, "https://ledger.example.org/summit", SUMMIT)])

    def revisit(writer):
        original = response(writer, "https://ledger.example.org/summit", SUMMIT)
        yield writer.create_revisit_record(
            "https://ledger.example.org/summit", original.rec_headers.get_header(
                "WARC-Payload-Digest"), "https://ledger.example.org/summit",
            "2022-04-01T10:00:00Z", http_headers=http())

    second = write(tmp_path / "b.warc.gz", revisit)
    alone = list(scan([str(second)], ctx=make_ctx()))
    assert kinds(alone) == [("skip", alone[0].reason)] and "not in the inputs" in alone[0].reason
    both = list(scan([str(first), str(second)], ctx=make_ctx()))
    assert kinds(both) == [("article", SUMMIT_TITLE), ("article", SUMMIT_TITLE)]


def test_a_warc_of_only_non_html_records_gives_reasons_and_no_errors(make_ctx, tmp_path):
    path = write(tmp_path / "assets.warc.gz", lambda w: [
        response(w, "https://x.example/a.css", b"p {}", http(ctype="text/css")),
        response(w, "https://x.example/a.js", b"f()", http(ctype="application/javascript")),
        w.create_warcinfo_record("assets.warc.gz", {"software": "tests"})])
    items = list(scan([str(path)], ctx=make_ctx()))
    assert len(items) == 3 and all(isinstance(i, Skipped) and i.reason for i in items)


def test_a_truncated_warc_yields_what_it_has_then_one_error(make_ctx, tmp_path):
    whole = write(tmp_path / "whole.warc.gz", crawl)
    cut = tmp_path / "cut.warc.gz"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    items = list(scan([str(cut), str(FIXTURES / "pages" / "talks.html")], ctx=make_ctx()))
    got = kinds(items)
    assert [k for k, _ in got].count("error") == 1 and ("error", "E130") in got
    read = got[:got.index(("error", "E130"))]
    assert 2 <= len(read) < len(EXPECTED)
    for (kind, what), (want_kind, want) in zip(read, EXPECTED, strict=False):
        assert kind == want_kind and want in what
    assert got[-1] == ("article", TALKS_TITLE)  # the run goes on with the next input


def test_a_payload_over_the_cap_is_one_error_and_the_file_goes_on(make_ctx, tmp_path):
    big = b"<html><body><p>" + b"word " * 5000 + b"</p></body></html>"
    path = write(tmp_path / "big.warc.gz", lambda w: [
        response(w, "https://x.example/big", big), response(w, "https://x.example/t", TALKS)])
    items = list(scan([str(path)], ctx=make_ctx(max_bytes=10_000)))
    assert kinds(items) == [("error", "E111"), ("article", TALKS_TITLE)]


def test_a_body_stored_decoded_despite_its_content_encoding_is_read(make_ctx, tmp_path):
    path = write(tmp_path / "decoded.warc.gz", lambda w: [
        response(w, "https://x.example/t", TALKS, http(Content_Encoding="gzip"))])
    assert kinds(scan([str(path)], ctx=make_ctx())) == [("article", TALKS_TITLE)]


def test_an_html_resource_record_is_a_page(make_ctx, tmp_path):
    path = write(tmp_path / "resource.warc.gz", lambda w: [
        w.create_warc_record("https://x.example/t", "resource", payload=io.BytesIO(TALKS),
                             warc_content_type="text/html"),
        w.create_warc_record("https://x.example/log", "resource", payload=io.BytesIO(b"log"),
                             warc_content_type="text/plain")])
    got = kinds(scan([str(path)], ctx=make_ctx()))
    assert got == [("article", TALKS_TITLE), ("skip", "content type text/plain is not HTML")]


def test_a_failing_page_is_one_error_and_the_archive_goes_on(make_ctx, monkeypatch, tmp_path):
    import thucydides.ingest.readers.warc as warc_module

    real = warc_module.read_page
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug")
        return real(*args, **kwargs)

    monkeypatch.setattr(warc_module, "read_page", flaky)
    path = write(tmp_path / "two.warc.gz", lambda w: [
        response(w, "https://x.example/s", SUMMIT), response(w, "https://x.example/t", TALKS)])
    assert kinds(scan([str(path)], ctx=make_ctx())) == [("error", "E128"),
                                                         ("article", TALKS_TITLE)]


def pages(writer):
    yield response(writer, "https://ledger.example.org/summit", SUMMIT)
    yield response(writer, "https://harbour.example.net/talks", TALKS)


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [0.3, 0.55, 0.7, 0.9, 0.97, 0.995])
def test_a_cut_warc_ends_in_e130_never_in_partial_text(make_ctx, tmp_path, gz, keep):
    name = "pages.warc.gz" if gz else "pages.warc"
    data = write(tmp_path / name, pages, gz=gz).read_bytes()
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(data[: int(len(data) * keep)])
    items = list(scan([str(cut)], ctx=make_ctx()))
    whole = list(scan([str(tmp_path / name)], ctx=make_ctx()))
    *read, last = items
    assert isinstance(last, ErrorRecord) and last.code == "E130", kinds(items)
    assert "cut" in last.message
    for item, same in zip(read, whole, strict=False):  # what comes before is whole
        assert isinstance(item, Article) and item.text == same.text
