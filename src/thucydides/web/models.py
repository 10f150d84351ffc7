"""Request and response shapes of the JSON API, for its OpenAPI description and for validating
``/api/code`` requests. Responses are built as plain dicts by ``thucydides.web.queries`` and
sent as they are (the tests check them against these models).

The models of the output records (``Event``, ``Quote`` and what they hold: ``ActorRef``,
``EventDate``, ``Location``, spans) are derived from the output schema
(``thucydides.output.schema``): every stored field, typed by its kind, described by its help
text. ``event_model()`` and ``quote_model()`` build them again from the schema as it is now.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel, Field, create_model

from thucydides.output import fields, schema
from thucydides.output.fields import (
    ListOf,
    Nested,
    PartsKind,
    Scalar,
    Shape,
    SpanKind,
    SpansKind,
)


class Offsets(BaseModel):
    start: int
    end: int


class TextSpan(Offsets):
    text: str | None = None


class PartsSpan(TextSpan):
    """A span in one or more pieces: the whole, and ``parts`` when there are several."""

    parts: list[TextSpan] | None = None


class ArticleRef(BaseModel):
    key: str
    id: str | None
    title: str | None
    url: str | None
    published: str | None
    outlet: str | None


def annotation(f: fields.Field, loose: bool = False) -> Any:
    """The Python type of a stored field as the API gives it (``loose``: null allowed, for the
    fields of a flattened record that may be absent: an unresolved actor's code and name)."""
    kind = f.kind
    if isinstance(kind, Scalar):
        py = kind.py
    elif isinstance(kind, SpanKind):
        py = TextSpan
    elif isinstance(kind, PartsKind):
        py = PartsSpan
    elif isinstance(kind, SpansKind):
        return list[TextSpan]
    elif isinstance(kind, Nested):
        py = record_model(kind.shape)
    elif isinstance(kind, ListOf):
        return list[record_model(kind.shape)]
    else:
        raise TypeError(f"no API type for {type(kind).__name__}")
    return py | None if f.optional or loose else py


def model_fields(shape: Shape, loose: bool = False) -> dict[str, Any]:
    """Pydantic field definitions of a shape's stored fields (flattened ones merged in)."""
    out: dict[str, Any] = {}
    for f in shape.stored:
        if f.flatten and isinstance(f.kind, Nested):
            out.update(model_fields(f.kind.shape, loose or f.optional))
        elif f.flatten:  # a span: its text (where the store keeps it) and offsets
            offset = int | None if f.optional or loose else int
            out.update({"text": (str | None, None), "start": (offset, ...),
                        "end": (offset, ...)})
        else:
            out[f.name] = (annotation(f, loose), Field(description=f.help))
    return out


@functools.cache
def record_model(shape: Shape, **extra: Any) -> type[BaseModel]:
    """The API model of a record of the output schema (cached per shape)."""
    return create_model(shape.name, **extra, **model_fields(shape))


def event_model() -> type[BaseModel]:
    """An event of the API: its id, article, day and event counts, then the stored fields of
    an event (of its first matching mention, for an event counted once)."""
    return record_model(
        schema.EVENT,
        id=(str, Field(description="article key and event index, 'KEY:IDX'")), idx=(int, ...),
        article=(ArticleRef, ...),
        day=(str | None, Field(description="the event's date, else the publication date")),
        agg_id=(int, Field(description="the event (counted once) this mention reports")),
        num_mentions=(int, Field(description="the event's mentions")),
        num_articles=(int, Field(description="the articles reporting it")),
        num_sources=(int, Field(description="the outlets reporting it")),
        num_clusters=(int, Field(description="its independent reports (duplicate clusters)")),
        future=(bool, Field(description="dated after its article's publication")))


def quote_model() -> type[BaseModel]:
    return record_model(schema.QUOTE, id=(str, ...), idx=(int, ...), article=(ArticleRef, ...))


Event = event_model()
Quote = quote_model()


class EventsPage(BaseModel):
    total: int
    unit: str
    sort: str
    limit: int
    offset: int
    events: list[Event]


class QuotesPage(BaseModel):
    total: int
    limit: int
    offset: int
    quotes: list[Quote]


class ActorSummary(BaseModel):
    id: str
    name: str | None
    kind: str | None
    country: str | None
    codes: list[str] | None
    as_source: int
    as_target: int
    events: int


class ActorsPage(BaseModel):
    total: int
    limit: int
    offset: int
    actors: list[ActorSummary]


class Role(BaseModel):
    office: str | None = None
    title: str
    code: str
    start: str
    end: str | None
    holder: str | None = Field(None, description="for office holders of a country or body")
    holder_name: str | None = None


class ActorDetail(BaseModel):
    id: str
    name: str | None
    kind: str | None
    country: str | None
    code: str | None = Field(description="the knowledge base's code (without a role)")
    aliases: list[str]
    roles: list[Role] = Field(description="the actor's own roles (knowledge base)")
    offices: list[Role] = Field(description="holders of the offices of a country or body")
    store: dict[str, Any] | None = Field(description="codes, roles seen and events by month "
                                         "in this store; null when it never appears")


class Article(BaseModel):
    key: str
    id: str | None
    source: str | None
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    text: str
    cluster: str | None
    dup_of: str | None
    dup_kind: str | None
    similarity: float | None
    n_sentences: int | None
    failed: bool | None
    skip: list[Offsets]
    sentences: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    events: list[Event]
    quotes: list[Quote]
    errors: list[dict[str, Any]]


class DyadPeriod(BaseModel):
    period: str
    events: int
    mean_goldstein: float | None
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


class Dyads(BaseModel):
    source: str | None
    target: str | None
    period: str
    periods: list[DyadPeriod]


class Timeline(BaseModel):
    period: str
    periods: list[DyadPeriod]


class CountryCount(BaseModel):
    country: str
    name: str | None
    numeric: str | None = Field(description="ISO 3166 numeric code (the map's outlines)")
    events: int
    mean_goldstein: float | None
    cooperation: int
    conflict: int


class Edge(BaseModel):
    source: str
    target: str
    source_label: str | None
    target_label: str | None
    source_code: str | None
    target_code: str | None
    events: int
    mean_goldstein: float | None


class Node(BaseModel):
    id: str
    label: str | None
    code: str | None
    events: int


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class Place(BaseModel):
    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    mean_goldstein: float | None


class Stats(BaseModel):
    """The store's counts as ``thucydides stats`` gives them, and its publication dates."""

    articles: int
    articles_failed: int
    exact_duplicates: int
    near_duplicates: int
    clusters: int
    clusters_with_copies: int
    sentences: int
    mentions: int
    actors: int
    events: int = Field(description="events counted once across the articles reporting them")
    event_mentions: int = Field(description="coded events, one per report (rows of events)")
    quotes: int
    errors: int
    runs: int
    errors_by_code: dict[str, int]
    runs_by_status: dict[str, int]
    first_published: str | None
    last_published: str | None
    content_versions: list[dict[str, Any]] = Field(description=(
        "the content versions the runs coded with (coder, model, output schema, data tables), "
        "each with its runs"))


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description="the article's text")
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                             description="publication date, YYYY-MM-DD")


class CodeResult(BaseModel):
    id: str
    events: list[dict[str, Any]]
    groups: list[dict[str, Any]] = Field(description="compound and reciprocal events: id, "
                                         "kind, events (indexes), sources, targets")
    quotes: list[dict[str, Any]]
    errors: list[dict[str, Any]]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail
