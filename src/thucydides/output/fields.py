"""The machinery of the output schema: kinds of value, fields, record shapes, and the generic
operations that every writer and reader of the output records derives from them.

``thucydides.output.schema`` is the description (which records, which fields); this module says
what a description means. A ``Shape`` describes one frozen record of ``thucydides.records``
field by field; a ``Field`` has a name, a ``Kind`` (how its value is written and read back), how
it is read from the record, a help text and flags. From a shape come:

* ``to_json``: the record as the output contract of ``thucydides code`` writes it;
* ``columns`` and ``to_row``: the store's columns (name, type) and a record's cells;
* ``read``: a stored row back as the output contract gives it (the texts of spans where the row
  has them: ``selects`` gives the SQL that adds them); ``load``: a stored row back as the record.

Column names join a field's column with its parent's (``source`` + ``head`` + ``start`` =
``source_head_start``); an empty column (``""``) puts a field's columns in its parent's place
(an actor reference's own span is ``source_text``, ``source_start``, ``source_end``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from thucydides.records import Span

# Column types, as the store declares them: a scalar name, ("list", type) or ("struct", columns).
STR, INT, FLOAT, BOOL = "str", "int", "float", "bool"
ColType = str | tuple[Any, ...]
Column = tuple[str, ColType]
Row = Mapping[str, Any]


def list_of(t: ColType) -> ColType:
    return ("list", t)


def struct_of(*columns: Column) -> ColType:
    return ("struct", tuple(columns))


OFFSETS = struct_of(("start", INT), ("end", INT))


def join(*parts: str) -> str:
    """A column name: the non-empty parts joined by ``_`` (``join("source", "", "start")``)."""
    return "_".join(p for p in parts if p)


def quoted(alias: str, column: str) -> str:
    return f'{alias}."{column}"' if alias else f'"{column}"'


@dataclass(frozen=True)
class Context:
    """What a record's values are read against: its article's text, and where the article's lead
    (its title and first paragraph) ends."""

    text: str
    lead: int = 0


class Kind:
    """How one kind of value is written (as JSON, as store cells) and read back from a row."""

    def json(self, value: Any, ctx: Context) -> Any:
        raise NotImplementedError

    def members(self, value: Any, ctx: Context) -> dict[str, Any]:
        """The JSON keys a flattened field merges into its parent object."""
        raise TypeError(f"{type(self).__name__} cannot be flattened")

    def columns(self, col: str) -> tuple[Column, ...]:
        raise NotImplementedError

    def cells(self, value: Any, ctx: Context) -> tuple[Any, ...]:
        raise NotImplementedError

    def read(self, row: Row, col: str) -> Any:
        raise NotImplementedError

    def read_members(self, row: Row, col: str) -> dict[str, Any]:
        raise TypeError(f"{type(self).__name__} cannot be flattened")

    def load(self, row: Row, col: str) -> Any:
        return self.read(row, col)

    def selects(self, alias: str, col: str, text: str) -> tuple[str, ...]:
        """SQL expressions giving ``read`` what it needs (``text``: the article's text)."""
        return tuple(quoted(alias, c) for c, _ in self.columns(col))


@dataclass(frozen=True)
class Scalar(Kind):
    """A string, number, flag or list of numbers; ``py`` is its Python type (for the API)."""

    type: ColType
    py: Any

    def json(self, value: Any, ctx: Context) -> Any:
        return list(value) if isinstance(value, tuple) else value

    def columns(self, col: str) -> tuple[Column, ...]:
        return ((col, self.type),)

    def cells(self, value: Any, ctx: Context) -> tuple[Any, ...]:
        return (self.json(value, ctx),)

    def read(self, row: Row, col: str) -> Any:
        value = row[col]
        return list(value or ()) if isinstance(self.type, tuple) else value

    def load(self, row: Row, col: str) -> Any:
        value = row[col]
        return tuple(value or ()) if isinstance(self.type, tuple) else value


@dataclass(frozen=True)
class SpanKind(Kind):
    """A ``Span``: ``{"text", "start", "end"}`` in JSON; stored as its offsets, and its text when
    ``text_stored`` (else the text is cut from the article's when read)."""

    text_stored: bool = False

    def json(self, value: Span | None, ctx: Context) -> dict[str, Any] | None:
        if value is None:
            return None
        return {"text": value.of(ctx.text), "start": value.start, "end": value.end}

    def members(self, value: Span | None, ctx: Context) -> dict[str, Any]:
        return self.json(value, ctx) or {"text": None, "start": None, "end": None}

    def columns(self, col: str) -> tuple[Column, ...]:
        offsets = ((join(col, "start"), INT), (join(col, "end"), INT))
        return (((join(col, "text"), STR),) if self.text_stored else ()) + offsets

    def cells(self, value: Span | None, ctx: Context) -> tuple[Any, ...]:
        offsets = (None, None) if value is None else (value.start, value.end)
        if not self.text_stored:
            return offsets
        return (None if value is None else value.of(ctx.text), *offsets)

    def read(self, row: Row, col: str) -> dict[str, Any] | None:
        """``{"text", "start", "end"}``, without ``text`` when the row has none."""
        start = row[join(col, "start")]
        if start is None:
            return None
        out = {"start": start, "end": row[join(col, "end")]}
        text = join(col, "text")
        return {"text": row[text], **out} if text in row else out

    def read_members(self, row: Row, col: str) -> dict[str, Any]:
        return self.read(row, col) or {"text": None, "start": None, "end": None}

    def load(self, row: Row, col: str) -> Span | None:
        start = row[join(col, "start")]
        return None if start is None else Span(start, row[join(col, "end")])

    def selects(self, alias: str, col: str, text: str) -> tuple[str, ...]:
        out = super().selects(alias, col, text)
        if self.text_stored:
            return out
        start, end = quoted(alias, join(col, "start")), quoted(alias, join(col, "end"))
        return (*out, f'substr({text}, {start} + 1, {end} - {start}) AS "{join(col, "text")}"')


SPAN = SpanKind()


@dataclass(frozen=True)
class SpansKind(Kind):
    """A tuple of spans: a JSON list of spans, stored as a list of offsets."""

    def json(self, value: tuple[Span, ...] | None, ctx: Context) -> Any:
        return [SPAN.json(s, ctx) for s in value or ()]

    def columns(self, col: str) -> tuple[Column, ...]:
        return ((col, list_of(OFFSETS)),)

    def cells(self, value: tuple[Span, ...] | None, ctx: Context) -> tuple[Any, ...]:
        return ([{"start": s.start, "end": s.end} for s in value or ()],)

    def read(self, row: Row, col: str) -> list[dict[str, Any]]:
        return [dict(s) for s in row[col] or ()]

    def load(self, row: Row, col: str) -> tuple[Span, ...]:
        return tuple(Span(s["start"], s["end"]) for s in row[col] or ())

    def selects(self, alias: str, col: str, text: str) -> tuple[str, ...]:
        c = quoted(alias, col)
        cut = f'substr({text}, s.start + 1, s."end" - s.start)'
        return (f"list_transform({c}, lambda s: {{'text': {cut}, 'start': s.start, "
                f"'end': s.\"end\"}}) AS \"{col}\"",)


@dataclass(frozen=True)
class PartsKind(SpansKind):
    """A span in one or more pieces (a tuple of spans): one JSON span ``{"text", "start",
    "end"}`` covering them all, with ``"parts"`` (a list of spans, one per piece) when there
    are several; stored as a list of offsets, as ``SpansKind``."""

    def json(self, value: tuple[Span, ...] | None, ctx: Context) -> dict[str, Any] | None:
        if not value:
            return None
        return self._whole([SPAN.json(s, ctx) for s in value], ctx.text)

    @staticmethod
    def _whole(parts: list[dict[str, Any]], text: str | None) -> dict[str, Any]:
        start, end = parts[0]["start"], parts[-1]["end"]
        out = {"text": text[start:end] if text is not None else None, "start": start,
               "end": end}
        return {**out, "parts": parts} if len(parts) > 1 else out

    def read(self, row: Row, col: str) -> dict[str, Any] | None:  # type: ignore[override]
        parts = super().read(row, col)
        if not parts:
            return None
        whole = self._whole(parts, None)
        whole["text"] = row.get(join(col, "whole"))
        return whole if whole["text"] is not None else {k: v for k, v in whole.items()
                                                        if k != "text"}

    def selects(self, alias: str, col: str, text: str) -> tuple[str, ...]:
        c = quoted(alias, col)
        whole = f'substr({text}, {c}[1].start + 1, {c}[-1]."end" - {c}[1].start)'
        return (*super().selects(alias, col, text), f'{whole} AS "{join(col, "whole")}"')


@dataclass(frozen=True)
class Show:
    """How the dashboard's event explorer shows a field: ``style`` is one of ``tag`` (the
    value, when there is one), ``quad`` (a quad class), ``goldstein`` (a signed score),
    ``flag`` (the label, when true) and ``place`` (a location's name); ``label`` its title."""

    style: str
    label: str


@dataclass(frozen=True)
class Field:
    """One field of a record. Its value is the record's attribute ``attr`` (default: ``name``),
    or ``get(record, context)`` for a value computed from the record."""

    name: str
    kind: Kind
    help: str
    attr: str | None = None
    get: Callable[[Any, Context], Any] | None = None
    column: str | None = None  # stored name (default: name); "" puts it in its parent's place
    flatten: bool = False  # JSON: its keys merge into its parent's object
    optional: bool = True  # may be null
    output: bool = True  # in the JSON output of ``thucydides code``
    stored: bool = True  # a column of the store, and so in the API and the exports
    exported: bool = True  # in the CSV, JSONL and Parquet exports (when stored)
    shown: Show | None = None  # shown in the dashboard's event explorer
    plover: str | None = None  # its key in PLOVER exports ("."': its members' keys, lifted)

    def value(self, record: Any, ctx: Context) -> Any:
        if record is None:
            return None
        if self.get is not None:
            return self.get(record, ctx)
        return getattr(record, self.attr or self.name)

    def col(self, prefix: str) -> str:
        return join(prefix, self.name if self.column is None else self.column)


@dataclass(frozen=True, eq=False)  # compared (and hashed, for the caches) by identity
class Shape:
    """The description of one record: its name (also its API model's), the frozen record class
    and its fields, in the order the JSON output writes them."""

    name: str
    cls: type
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def adding(self, *fields: Field) -> Shape:
        """This shape with ``fields`` appended (tests add a throwaway field this way)."""
        return replace(self, fields=(*self.fields, *fields))

    @property
    def stored(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.stored)


@dataclass(frozen=True)
class Nested(Kind):
    """Another record (``shape``): a JSON object, stored as its columns under the field's."""

    shape: Shape

    def json(self, value: Any, ctx: Context) -> dict[str, Any] | None:
        return None if value is None else to_json(self.shape, value, ctx)

    def members(self, value: Any, ctx: Context) -> dict[str, Any]:
        return to_json(self.shape, value, ctx)

    def columns(self, col: str) -> tuple[Column, ...]:
        return columns(self.shape, col)

    def cells(self, value: Any, ctx: Context) -> tuple[Any, ...]:
        return cells(self.shape, value, ctx)

    def read(self, row: Row, col: str) -> dict[str, Any] | None:
        return read(self.shape, row, col)

    def read_members(self, row: Row, col: str) -> dict[str, Any]:
        return read_fields(self.shape, row, col)

    def load(self, row: Row, col: str) -> Any:
        return load(self.shape, row, col)

    def selects(self, alias: str, col: str, text: str) -> tuple[str, ...]:
        return selects(self.shape, alias, text, col)


@dataclass(frozen=True)
class ListOf(Kind):
    """A tuple of records (``shape``): a JSON list of objects, stored in one column as a list
    of structs with the record's columns."""

    shape: Shape

    def json(self, value: Any, ctx: Context) -> list[dict[str, Any]]:
        return [to_json(self.shape, r, ctx) for r in value or ()]

    def columns(self, col: str) -> tuple[Column, ...]:
        return ((col, list_of(struct_of(*columns(self.shape)))),)

    def cells(self, value: Any, ctx: Context) -> tuple[Any, ...]:
        return ([to_row(self.shape, r, ctx) for r in value or ()],)

    def read(self, row: Row, col: str) -> list[dict[str, Any]]:
        return [read_fields(self.shape, item, "") for item in row[col] or ()]

    def load(self, row: Row, col: str) -> tuple[Any, ...]:
        return tuple(load(self.shape, item, "") for item in row[col] or ())


# --------------------------------------------------------------------------- derived operations


def to_json(shape: Shape, record: Any, ctx: Context) -> dict[str, Any]:
    """The record as the JSON output writes it (every field marked ``output``)."""
    out: dict[str, Any] = {}
    for f in shape.fields:
        if not f.output:
            continue
        value = f.value(record, ctx)
        if f.flatten:
            out.update(f.kind.members(value, ctx))
        else:
            out[f.name] = f.kind.json(value, ctx)
    return out


@functools.cache
def columns(shape: Shape, prefix: str = "") -> tuple[Column, ...]:
    """The store's columns of the record (name, type), every stored field in order."""
    return tuple(c for f in shape.stored for c in f.kind.columns(f.col(prefix)))


@functools.cache
def column_names(shape: Shape, prefix: str = "") -> tuple[str, ...]:
    return tuple(name for name, _ in columns(shape, prefix))


def cells(shape: Shape, record: Any, ctx: Context) -> tuple[Any, ...]:
    return tuple(c for f in shape.stored for c in f.kind.cells(f.value(record, ctx), ctx))


def to_row(shape: Shape, record: Any, ctx: Context, prefix: str = "") -> dict[str, Any]:
    """The record's cells by column name."""
    return dict(zip(column_names(shape, prefix), cells(shape, record, ctx), strict=True))


def present(shape: Shape, row: Row, prefix: str) -> bool:
    """Whether the row holds the record: its first required field's first column is set."""
    first = next((f for f in shape.stored if not f.optional), shape.stored[0])
    return row[first.kind.columns(first.col(prefix))[0][0]] is not None


def read(shape: Shape, row: Row, prefix: str = "") -> dict[str, Any] | None:
    """A stored record as the output contract gives it (None when the row holds none): every
    stored field, spans with their text where the row has it."""
    return read_fields(shape, row, prefix) if present(shape, row, prefix) else None


def read_fields(shape: Shape, row: Row, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in shape.stored:
        if f.flatten:
            out.update(f.kind.read_members(row, f.col(prefix)))
        else:
            out[f.name] = f.kind.read(row, f.col(prefix))
    return out


def load(shape: Shape, row: Row, prefix: str = "") -> Any:
    """A stored record back as the frozen record (fields computed by ``get`` are left out)."""
    if not present(shape, row, prefix):
        return None
    return shape.cls(**{f.attr or f.name: f.kind.load(row, f.col(prefix))
                        for f in shape.stored if f.get is None})


def selects(shape: Shape, alias: str, text: str, prefix: str = "") -> tuple[str, ...]:
    """The SQL select list that reads the record's columns from table ``alias`` for ``read``,
    span texts cut from ``text`` (the article's text) where the store keeps none."""
    return tuple(s for f in shape.stored for s in f.kind.selects(alias, f.col(prefix), text))


def plover_values(shape: Shape, value: Mapping[str, Any] | None) -> dict[str, Any]:
    """The PLOVER keys of a read record (``read``): fields marked ``plover``, renamed."""
    out: dict[str, Any] = {}
    for f in shape.fields:
        if f.plover == "." and isinstance(f.kind, Nested):
            out.update(plover_values(f.kind.shape, (value or {}).get(f.name)))
        elif f.plover:
            out[f.plover] = (value or {}).get(f.name)
    return out
