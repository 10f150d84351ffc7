"""Request and response shapes of the JSON API, for its OpenAPI description and for validating
``/api/code`` requests. Responses are built as plain dicts by ``thucydides.web.queries`` and
sent as they are (the tests check them against these models)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Offsets(BaseModel):
    start: int
    end: int


class TextSpan(Offsets):
    text: str | None


class ActorRef(TextSpan):
    code: str | None
    name: str | None
    actor_id: str | None
    country: str | None
    sector: str | None
    role: str | None
    head: Offsets | None
    mention: Offsets | None = Field(description="the mention the actor was resolved from")
    chain: list[Offsets] = Field(description="the words on the way from a pronoun or a "
                                 "description to the phrase ('it' in 'Hungary says it ...')")


class ArticleRef(BaseModel):
    key: str
    id: str | None
    title: str | None
    url: str | None
    published: str | None
    outlet: str | None


class EventDate(BaseModel):
    value: str
    precision: str | None
    basis: str | None
    expression: Offsets | None


class Location(BaseModel):
    start: int | None = Field(description="the place's name in the text")
    end: int | None
    text: str | None
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str | None


class Event(BaseModel):
    id: str = Field(description="article key and event index, 'KEY:IDX'")
    idx: int
    article: ArticleRef
    day: str | None = Field(description="the event's date, else the publication date")
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    plover: str | None
    mode: str | None
    context: str | None
    goldstein: float | None
    quad_class: int | None
    penta: int | None
    negated: bool | None
    modality: str | None
    trigger: TextSpan | None
    sentence: TextSpan | None
    date: EventDate | None
    group: str | None
    location: Location | None
    reported_by: Offsets | None
    is_root: bool | None


class EventsPage(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[Event]


class Quote(BaseModel):
    id: str
    idx: int
    article: ArticleRef
    speaker: ActorRef | None
    cue: TextSpan | None
    content: list[Offsets]
    content_text: str | None
    kind: str | None
    speech_act: str | None
    hedged: bool | None
    addressee: ActorRef | None
    events: list[int]


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


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description="the article's text")
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                             description="publication date, YYYY-MM-DD")


class CodeResult(BaseModel):
    id: str
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    errors: list[dict[str, Any]]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail
