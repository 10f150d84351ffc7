"""Plain text, JSON lines, JSON and CSV inputs: one article per record, one error item per bad
record, ids and sources as documented, extra fields ignored."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from thucydides.ingest.extract import scan
from thucydides.records import Article, ErrorRecord

from .ingest_helpers import FIXTURES


def run(make_ctx, *inputs, **changes):
    return list(scan([str(i) for i in inputs], ctx=make_ctx(**changes)))


JSONL_EXPECTED = [  # (id, error code or None), in file order; the blank line yields nothing
    ("a1", None),
    ("records.jsonl#2", None),
    ("records.jsonl#3", "E103"),
    ("notext", "E104"),
    ("baddate", "E107"),
    ("records.jsonl#6", "E109"),
    ("empty", "E101"),
]


def test_jsonl_records_and_bad_lines_in_order(make_ctx):
    items = run(make_ctx, FIXTURES / "records.jsonl")
    assert len(items) == len(JSONL_EXPECTED)
    for item, (doc_id, code) in zip(items, JSONL_EXPECTED, strict=True):
        got_id = item.id if isinstance(item, Article) else item.article_id
        assert got_id.endswith(doc_id)
        assert (item.code if isinstance(item, ErrorRecord) else None) == code
        if code:
            assert item.stage == "extract" and item.message
    first, second = items[0], items[1]
    assert first.date == dt.date(2022, 3, 29) and first.url == "https://example.org/a1"
    assert first.title == "Talks in Istanbul" and first.language == "en"
    assert first.source.endswith("records.jsonl#1")
    assert second.date == dt.date(2022, 3, 30) and second.id == second.source


def test_jsonl_gz_is_streamed_and_a_long_line_is_one_error(make_ctx, tmp_path):
    path = tmp_path / "big.jsonl.gz"
    lines = [{"id": "small", "text": "Short text one."}, {"id": "huge", "text": "x " * 5000},
             {"id": "after", "text": "The line after the long one is read."}]
    path.write_bytes(gzip.compress("\n".join(json.dumps(x) for x in lines).encode()))
    items = run(make_ctx, path, max_bytes=2000)
    assert [getattr(i, "id", None) or i.article_id for i in items] == [
        "small", f"{path}#2", "after"]
    assert items[1].code == "E111"


def test_csv_rows_with_quoted_newlines_and_extra_columns(make_ctx):
    items = run(make_ctx, FIXTURES / "records.csv")
    c1, c2, c3 = items
    assert (c1.id, c1.title, c1.date) == ("c1", "Sanctions", dt.date(2022, 4, 1))
    assert c1.text == "EU leaders agreed on sanctions, again."
    assert c2.text == "A text\nover two lines." and c2.date is None
    assert c2.source.endswith("records.csv#3")
    assert isinstance(c3, ErrorRecord) and c3.code == "E107" and c3.article_id == "c3"


def test_csv_without_a_text_column_is_one_error(make_ctx, tmp_path):
    path = tmp_path / "no-text.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    (item,) = run(make_ctx, path)
    assert item.code == "E127" and "body" in item.message


def test_tsv_in_windows_1252(make_ctx, tmp_path):
    path = tmp_path / "latin.tsv"
    path.write_bytes("id\ttext\nt1\tLa réunion à Zürich s’est terminée.\n".encode("cp1252"))
    (item,) = run(make_ctx, path)
    assert item.text == "La réunion à Zürich s’est terminée."


def test_json_array_of_records(make_ctx, tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "j1", "text": "One."}, {"id": "j2", "text": "Two."}]))
    assert [i.id for i in run(make_ctx, path)] == ["j1", "j2"]


@pytest.mark.parametrize("data, text", [
    ("Plain UTF-8 text: São Paulo.".encode(), "Plain UTF-8 text: São Paulo."),
    ("Texte en Latin-1 : à Genève, l'été.".encode("latin-1"),
     "Texte en Latin-1 : à Genève, l'été."),
    (b"\xef\xbb\xbfWith a byte-order mark.", "With a byte-order mark."),
    ("Доклад о переговорах в Стамбуле, которые продолжатся завтра утром.".encode("cp1251"),
     "Доклад о переговорах в Стамбуле, которые продолжатся завтра утром."),
])
def test_text_files_decode_right_and_take_the_stem_as_id(make_ctx, tmp_path, data, text):
    path = tmp_path / "lavrov-talks.txt"
    path.write_bytes(data)
    (item,) = run(make_ctx, path)
    assert item.id == "lavrov-talks" and item.text == text and item.source == str(path)


def test_seed_style_boilerplate_is_marked_not_removed(make_ctx, tmp_path):
    body = ("Lavrov said on Tuesday that security guarantees must apply to every country in "
            "Europe and not only to Russia or to Ukraine.\nRelated Articles\nThe talks will "
            "continue in Istanbul next week, the Turkish foreign ministry said in a statement.")
    path = tmp_path / "seed.txt"
    path.write_text(body, encoding="utf-8")
    (item,) = run(make_ctx, path)
    assert item.text == body
    assert [s.of(body) for s in item.skip] == ["Related Articles"]


def test_a_truncated_jsonl_gz_yields_its_first_records_then_one_error(make_ctx, tmp_path):
    lines = "\n".join(json.dumps({"id": f"r{n}", "text": f"Record number {n} of many. " * 20})
                      for n in range(200))
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) // 2])
    items = run(make_ctx, path, FIXTURES / "records.csv")
    cut = [i for i in items if isinstance(i, ErrorRecord) and i.code == "E112"]
    assert len(cut) == 1 and cut[0].article_id == str(path)
    before = items[:items.index(cut[0])]
    assert before and [i.id for i in before] == [f"r{n}" for n in range(len(before))]
    assert [getattr(i, "id", None) or i.article_id for i in items[-3:]] == ["c1", "c2", "c3"]
