"""Versioned TSV data files with a JSON schema beside each, and their validator.

Every lexicon, ontology table and actor table is a ``NAME.tsv`` next to ``NAME.schema.json``.
The TSV has ``#`` comment lines, then a header row, then one row per fact. Optional columns may
be left out of the header (their cells are empty). The schema names the
table's version and describes each column::

    {"name": "verbs", "version": "verbs.v1", "description": "...",
     "columns": [{"name": "code", "type": "str", "required": true, "pattern": "^[0-9]{2,4}$",
                  "help": "CAMEO code"}, ...],
     "unique": ["lemma", "pos", "particle", "object", "prep"]}

Column types: ``str``, ``int``, ``float``, ``bool`` (``0``/``1``), ``date`` (``YYYY-MM-DD``),
``enum`` (one of ``values``) and ``list`` (``|``-separated, each item checked against ``values``
or ``pattern`` when given). Empty cells are ``None`` (``()`` for lists) unless the column is
required. Errors name the file and line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from thucydides.errors import DataFileError, Err

Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    required: bool = False
    values: tuple[str, ...] = ()
    pattern: str | None = None
    help: str = ""


@dataclass(frozen=True, slots=True)
class Schema:
    name: str
    version: str
    description: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Schema:
        cols = tuple(
            Column(
                name=c["name"],
                type=c.get("type", "str"),
                required=bool(c.get("required", False)),
                values=tuple(c.get("values", ())),
                pattern=c.get("pattern"),
                help=c.get("help", ""),
            )
            for c in data["columns"]
        )
        return cls(data["name"], data["version"], data.get("description", ""), cols,
                   tuple(data.get("unique", ())))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True, slots=True)
class Table:
    """A loaded, validated table. ``rows`` keep their source line in ``_line``."""

    schema: Schema
    path: str
    rows: tuple[Row, ...]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


_BOOL = {"1": True, "0": False, "true": True, "false": False}


def _convert(col: Column, raw: str, where: tuple[str, int]) -> Any:
    path, line = where

    def fail(detail: str) -> DataFileError:
        return DataFileError(Err.E201, path=path, line=line, detail=f"column {col.name}: {detail}")

    if raw == "":
        if col.required:
            raise fail("required value is empty")
        return () if col.type == "list" else None
    if col.type == "str":
        if col.pattern and not re.fullmatch(col.pattern, raw):
            raise fail(f"{raw!r} does not match {col.pattern}")
        return raw
    if col.type == "enum":
        if raw not in col.values:
            raise fail(f"{raw!r} is not one of {', '.join(col.values)}")
        return raw
    if col.type == "list":
        items = tuple(x.strip() for x in raw.split("|"))
        for item in items:
            if not item:
                raise fail(f"empty item in list {raw!r}")
            if col.values and item not in col.values:
                raise fail(f"{item!r} is not one of {', '.join(col.values)}")
            if col.pattern and not re.fullmatch(col.pattern, item):
                raise fail(f"{item!r} does not match {col.pattern}")
        return items
    try:
        if col.type == "int":
            return int(raw)
        if col.type == "float":
            return float(raw)
        if col.type == "bool":
            return _BOOL[raw.lower()]
        if col.type == "date":
            return dt.date.fromisoformat(raw)
    except (ValueError, KeyError) as exc:
        raise fail(f"{raw!r} is not a valid {col.type}") from exc
    raise fail(f"unknown column type {col.type!r} in schema")


def parse_tsv(text: str, schema: Schema, path: str) -> Table:
    """Parse and validate TSV text against ``schema``."""
    header: list[str] | None = None
    rows: list[Row] = []
    seen: dict[tuple[Any, ...], int] = {}
    by_name = {c.name: c for c in schema.columns}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c.name for c in schema.columns if c.required and c.name not in header]
            if missing:
                raise DataFileError(Err.E202, path=path, missing=missing, expected=schema.names)
            unknown = [h for h in header if h not in by_name]
            if unknown:
                raise DataFileError(Err.E201, path=path, line=lineno,
                                    detail=f"unknown columns {unknown}")
            continue
        if len(cells) > len(header):
            raise DataFileError(Err.E201, path=path, line=lineno,
                                detail=f"{len(cells)} cells, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        row: dict[str, Any] = {c.name: () if c.type == "list" else None for c in schema.columns}
        row["_line"] = lineno
        for name, raw in zip(header, cells, strict=True):
            row[name] = _convert(by_name[name], raw.strip(), (path, lineno))
        if schema.unique:
            key = tuple(row[k] for k in schema.unique)
            if key in seen:
                raise DataFileError(Err.E201, path=path, line=lineno,
                                    detail=f"duplicate of line {seen[key]} on {schema.unique}")
            seen[key] = lineno
        rows.append(row)
    if header is None:
        raise DataFileError(Err.E201, path=path, line=0, detail="no header row")
    return Table(schema, path, tuple(rows))


def load_schema(package: str, name: str) -> Schema:
    ref = resources.files(package).joinpath("data", f"{name}.schema.json")
    if not ref.is_file():
        raise DataFileError(Err.E203, path=str(ref), schema=name)
    return Schema.from_json(json.loads(ref.read_text(encoding="utf-8")))


def load_table(package: str, name: str, path: str | Path | None = None) -> Table:
    """Load ``data/NAME.tsv`` of ``package`` (or ``path``, validated by the same schema)."""
    schema = load_schema(package, name)
    if path is None:
        ref = resources.files(package).joinpath("data", f"{name}.tsv")
        return parse_tsv(ref.read_text(encoding="utf-8"), schema, f"{package}/data/{name}.tsv")
    p = Path(path)
    return parse_tsv(p.read_text(encoding="utf-8"), schema, str(p))


def load_tables(package: str, name: str, extra: list[str | Path] | None = None) -> Table:
    """Load a table that may be split into parts: ``data/NAME.tsv`` and ``data/NAME/*.tsv``
    (sorted by file name), then any ``extra`` files (e.g. a user's own rows), all validated by one
    schema. Uniqueness holds across the parts."""
    schema = load_schema(package, name)
    base = resources.files(package).joinpath("data")
    parts: list[tuple[str, str]] = []
    single = base.joinpath(f"{name}.tsv")
    if single.is_file():
        parts.append((f"{package}/data/{name}.tsv", single.read_text(encoding="utf-8")))
    folder = base.joinpath(name)
    if folder.is_dir():
        for ref in sorted(folder.iterdir(), key=lambda r: r.name):
            if ref.name.endswith(".tsv"):
                parts.append((f"{package}/data/{name}/{ref.name}", ref.read_text(encoding="utf-8")))
    for path in extra or ():
        parts.append((str(path), Path(path).read_text(encoding="utf-8")))
    rows: list[Row] = []
    seen: dict[tuple[Any, ...], str] = {}
    for where, text in parts:
        table = parse_tsv(text, schema, where)
        for row in table.rows:
            if schema.unique:
                key = tuple(row[k] for k in schema.unique)
                if key in seen:
                    raise DataFileError(Err.E201, path=where, line=row["_line"],
                                        detail=f"duplicate of {seen[key]} on {schema.unique}")
                seen[key] = f"{where}:{row['_line']}"
            rows.append({**row, "_file": where})
    return Table(schema, ",".join(w for w, _ in parts), tuple(rows))


def validate_file(path: str | Path, package: str, name: str) -> Table:
    """Validate one TSV file against schema ``name`` of ``package``; raise on the first error."""
    return load_table(package, name, path)
