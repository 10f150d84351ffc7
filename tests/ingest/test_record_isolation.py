"""Per-record isolation in the readers: each JSONL/CSV record is decoded, parsed, checked and
repaired on its own, so one bad record is one error item (with its line) or one warning, and never
ends the file, garbles its neighbours or poisons the run."""

from __future__ import annotations

import codecs
import io
import json

import pytest

from thucydides.errors import InputError
from thucydides.ingest.extract import scan
from thucydides.ingest.readers.base import parse_date
from thucydides.ingest.readers.clean import repair
from thucydides.ingest.readers.decode import line_encoding
from thucydides.ingest.readers.text import MAX_DEPTH, nesting, read_stdin
from thucydides.records import Article, ErrorRecord

GOOD = "Russia accused Ukraine of shelling Kharkiv on Monday, officials said."


def good(i: int, text: str = GOOD) -> bytes:
    return json.dumps({"id": f"g{i}", "text": text, "date": "2022-03-15"},
                      ensure_ascii=False).encode()


BAD_LINES = [  # one bad line among good ones: what it becomes
    (good(0).replace(b"officials", b"offi\x00cials"), "W101"),  # a raw NUL byte
    (good(0).replace(b"officials", b"offi\\u0000cials"), "W101"),  # an escaped NUL
    (good(0).replace(b"officials", b"offi\\ud800cials"), "W101"),  # a lone surrogate
    (good(0).replace(b"officials", b"offi\xffcials"), "W101"),  # a byte that is not UTF-8
    (b'{"id": ' + b"9" * 5000 + b', "text": "x"}', "E103"),  # an integer of 5,000 digits
    (b'{"id": "deep", "text": "x", "n": ' + b"[" * 400 + b"]" * 400 + b"}", "E103"),
    (b'{"id": "late", "text": "x", "date": "2022-03-15garbage"}', "E107"),
    (b'{"id": "zero", "text": "x", "date": 0}', "E107"),
    (b'{"id": "feb", "text": "x", "date": "2024-02-31"}', "E107"),
    (b'{"id": "cut", "text": "x', "E103"),
    (b'["not", "an", "object"]', "E109"),
]


def outcome(item: object) -> str | None:
    if isinstance(item, ErrorRecord):
        return item.code
    assert isinstance(item, Article)
    return item.warnings[0].code if item.warnings else None


@pytest.mark.parametrize(("line", "expected"), BAD_LINES)
@pytest.mark.parametrize("position", [0, 2, 5])
def test_one_bad_line_touches_no_other_record(make_ctx, tmp_path, line, expected, position):
    lines = [good(i, "Le président a rencontré la délégation à Genève. " + GOOD)
             for i in range(6)]
    lines[position] = line
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(scan([str(path)], ctx=make_ctx()))
    assert len(items) == 6  # one item per line: the file goes on
    assert outcome(items[position]) == expected
    if expected.startswith("E"):
        assert f"line {position + 1}" in items[position].message
    for i, item in enumerate(items):
        if i != position:  # the neighbours, read as UTF-8, untouched
            assert isinstance(item, Article) and not item.warnings
            assert item.text.startswith("Le président a rencontré")


def test_repairs_keep_every_offset(make_ctx, tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(good(0).replace(b"accused", b"ac\\ud800u\x00ed") + b"\n")  # c, s replaced
    (item,) = scan([str(path)], ctx=make_ctx())
    assert len(item.text) == len(GOOD) and item.text.index("Ukraine") == GOOD.index("Ukraine")
    assert item.text[9] == item.text[11] == "\ufffd" and item.text[7:14] == "ac\ufffdu\ufffded"
    (warning,) = item.warnings
    assert warning.code == "W101" and "NUL: 1" in warning.message and "offset 9" in warning.message


@pytest.mark.parametrize(("value", "fixed", "count"), [
    ("plain", "plain", 0), ("a\x00b", "a\ufffdb", 1), ("\ud800\udc00x", "\ufffd\ufffdx", 2),
    ("\U0001F600 ok", "\U0001F600 ok", 0),  # a real astral character is kept
])
def test_repair_is_one_for_one(value, fixed, count):
    text, done = repair(value)
    assert text == fixed and len(text) == len(value)
    assert (done.count if done else 0) == count


@pytest.mark.parametrize(("value", "day"), [
    ("2022-03-15", "2022-03-15"), ("2022-03-15T10:00:00Z", "2022-03-15"),
    ("2022-03-15 23:59", "2022-03-15"), (None, None), ("", None),
])
def test_iso_dates_are_read(value, day):
    found = parse_date(value)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize("value", ["2022-03-15garbage", 0, 20220315, "2024-02-31", "15/03/2022",
                                   "2022-W11-2", "2022-03-15T", True])
def test_other_dates_are_e107(value):
    with pytest.raises(InputError) as exc:
        parse_date(value, " on line 7")
    assert exc.value.code == "E107" and "line 7" in exc.value.message


def test_nesting_counts_brackets_outside_strings():
    assert nesting('{"a": [[1]], "b": "[[[[[[["}') == 3
    assert nesting("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == MAX_DEPTH + 1


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_jsonl_are_read(make_ctx, tmp_path, codec):
    text = "\n".join(json.dumps({"id": f"u{i}", "text": "Gen\u00e8ve: " + GOOD})
                     for i in range(3)) + "\n"
    path = tmp_path / "wide.jsonl"
    path.write_bytes(text.encode(codec))
    items = list(scan([str(path)], ctx=make_ctx()))
    assert [i.id for i in items] == ["u0", "u1", "u2"]
    assert all(i.text.startswith("Genève") and not i.warnings for i in items)


@pytest.mark.parametrize(("head", "encoding"), [
    (codecs.BOM_UTF8 + b'{"a"', "utf-8-sig"), (codecs.BOM_UTF16_LE + b"{\x00", "utf-16"),
    ('{"id": "x"}'.encode("utf-16-le"), "utf-16-le"),
    ('{"id": "x"}'.encode("utf-16-be"), "utf-16-be"),
    ('{"id": "x", "text": "caf\u00e9"}'.encode("latin-1"), "utf-8"),  # never a guessed codec
])
def test_line_encoding_never_guesses(head, encoding):
    assert line_encoding(head) == encoding


def test_a_russian_record_is_not_garbled_by_a_bad_neighbour(make_ctx, tmp_path):
    russian = "Лавров заявил, что Москва готова продолжить переговоры с Украиной."
    path = tmp_path / "mix.jsonl"
    path.write_bytes(b"\n".join([
        good(0, "Russia accused Ukraine, the caf\u00e9 owner said."),
        json.dumps({"id": "ru", "text": russian}, ensure_ascii=False).encode(),
        b'{"id": "latin", "text": "caf\xe9 ol\xe9"}']) + b"\n")
    first, ru, latin = scan([str(path)], ctx=make_ctx())
    assert first.text.endswith("the café owner said.") and ru.text == russian
    assert latin.text == "caf\ufffd ol\ufffd" and latin.warnings[0].code == "W101"


def test_a_csv_row_in_windows_1252_is_read_alone_and_reported(make_ctx, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("id,text\nu,Genève talks.\n".encode() + "w,Zürich talks.\n".encode("cp1252"))
    utf8, legacy = scan([str(path)], ctx=make_ctx())
    assert utf8.text == "Genève talks." and not utf8.warnings
    assert legacy.text == "Zürich talks." and legacy.warnings[0].code == "W103"


def test_stdin_plain_text_stops_at_the_size_cap(make_ctx):
    big = io.BytesIO(b"Russia accused Ukraine. " * 1000)
    (item,) = read_stdin(big, make_ctx(max_bytes=5_000))
    assert item.code == "E111" and big.tell() < 10_000  # not read past the cap


def test_stdin_jsonl_is_read_line_by_line(make_ctx):
    data = b"\n".join([good(0), b"{broken", good(1).replace(b"officials", b"\xff")]) + b"\n"
    items = list(read_stdin(io.BytesIO(data), make_ctx()))
    assert [outcome(i) for i in items] == [None, "E103", "W101"]
    assert items[0].source == "stdin#1"


def test_stdin_text_in_another_charset_is_a_reported_guess(make_ctx):
    data = "La réunion à Zürich s’est terminée sans accord.".encode("cp1252")
    (item,) = read_stdin(io.BytesIO(data), make_ctx())
    assert item.text == "La réunion à Zürich s’est terminée sans accord."
    assert item.warnings[0].code == "W103" and "cp1252" in item.warnings[0].message


def test_stdin_as_a_text_stream_of_the_caller(make_ctx):
    items = list(read_stdin(io.StringIO(GOOD), make_ctx()))
    assert [i.id for i in items] == ["stdin"]
