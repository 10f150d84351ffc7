"""The TSV validator: every kind of bad row is an error naming the file and line."""

from __future__ import annotations

import pytest

from thucydides.datafiles import Column, Schema, parse_tsv
from thucydides.errors import DataFileError

SCHEMA = Schema(
    name="t", version="t.v1", description="",
    columns=(
        Column("code", "str", required=True, pattern="^[0-9]{2,4}$"),
        Column("kind", "enum", values=("a", "b")),
        Column("n", "int"),
        Column("x", "float"),
        Column("flag", "bool"),
        Column("day", "date"),
        Column("items", "list", pattern="^[a-z]+$"),
    ),
    unique=("code",),
)
HEADER = "code\tkind\tn\tx\tflag\tday\titems"


def load(*rows: str):
    return parse_tsv("\n".join(["# comment", HEADER, *rows]), SCHEMA, "t.tsv")


def test_good_rows_are_typed():
    table = load("190\ta\t3\t1.5\t1\t2022-04-01\tx|y", "01")
    first, second = table.rows
    assert first["code"] == "190" and first["n"] == 3 and first["x"] == 1.5
    assert first["flag"] is True and str(first["day"]) == "2022-04-01"
    assert first["items"] == ("x", "y") and first["_line"] == 3
    assert second["kind"] is None and second["items"] == ()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1", "does not match"),
        ("\ta", "required value is empty"),
        ("190\tc", "is not one of a, b"),
        ("190\ta\tthree", "is not a valid int"),
        ("190\ta\t1\tx", "is not a valid float"),
        ("190\ta\t1\t1\tmaybe", "is not a valid bool"),
        ("190\ta\t1\t1\t1\t2022-13-01", "is not a valid date"),
        ("190\ta\t1\t1\t1\t2022-01-01\tx||y", "empty item"),
        ("190\ta\t1\t1\t1\t2022-01-01\tX", "does not match"),
        ("190\ta\t1\t1\t1\t2022-01-01\tx\textra", "8 cells"),
    ],
)
def test_bad_rows_name_file_and_line(row, message):
    with pytest.raises(DataFileError) as exc:
        load(row)
    assert exc.value.code == "E201"
    assert "t.tsv:3" in str(exc.value) and message in str(exc.value)


def test_duplicate_key_is_an_error():
    with pytest.raises(DataFileError, match="duplicate of line 3"):
        load("190", "190")


def test_missing_required_column_is_an_error():
    with pytest.raises(DataFileError) as exc:
        parse_tsv("kind\tn\na\t1\n", SCHEMA, "t.tsv")
    assert exc.value.code == "E202"


def test_optional_columns_may_be_left_out():
    (row,) = parse_tsv("code\tkind\n190\ta\n", SCHEMA, "t.tsv").rows
    assert row["code"] == "190" and row["n"] is None and row["items"] == ()


def test_unknown_column_is_an_error():
    with pytest.raises(DataFileError, match="unknown columns"):
        parse_tsv(HEADER + "\tzzz\n", SCHEMA, "t.tsv")
