"""The JSON API under ``/api``. Routes validate their parameters, call ``thucydides.web.queries``
and send the result as it is (the models document it in the OpenAPI description). Every answer
goes through the response cache (``answer``); the pages that show the same data read it from
there too (``dyads_body``, ``actor_body``)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Hashable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

import thucydides.web.models as models
import thucydides.web.queries as queries
from thucydides.errors import Err, ThucydidesError
from thucydides.store import selection
from thucydides.store.selection import Selection
from thucydides.web.actors import actor_detail
from thucydides.web.security import WebError
from thucydides.web.state import WebState

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": models.ErrorBody}, 422: {"model": models.ErrorBody}}


def web(request: Request) -> WebState:
    return request.app.state.web


def cached(state: WebState, key: Hashable, compute: Callable[[], Any]) -> bytes:
    """``compute()`` as JSON, kept in the response cache under ``key`` (the route and its
    validated parameters, so equivalent requests share it)."""
    return state.responses.get(key, lambda: json.dumps(
        compute(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode())


def answer(state: WebState, key: Hashable, compute: Callable[[], Any]) -> Response:
    """A JSON answer from the response cache (see ``cached``)."""
    return Response(cached(state, key, compute), media_type="application/json")


def dyads_body(state: WebState, f: Selection, period: str) -> bytes:
    """The answer of ``/api/dyads`` (the page ``/dyads`` shows the same numbers)."""
    return cached(state, ("dyads", f, period), lambda: {
        "source": f.source, "target": f.target, "period": period,
        "periods": queries.dyads(state.pool, f, period)})


def timeline_body(state: WebState, f: Selection, period: str) -> bytes:
    """The answer of ``/api/timeline`` (the explorer draws it)."""
    return cached(state, ("timeline", f, period), lambda: {
        "period": period, "periods": queries.timeline(state.pool, f, period)})


def top_dyads_body(state: WebState, f: Selection, limit: int) -> bytes:
    return cached(state, ("top_dyads", f, limit), lambda: queries.top_dyads(state.pool, f, limit))


def actor_body(state: WebState, actor_id: str) -> bytes:
    """The answer of ``/api/actors/{actor_id}`` (also the page's data); E193 if unknown."""

    def compute() -> dict[str, Any]:
        found = actor_detail(state.knowledge_base(), state.pool, actor_id)
        if found is None:
            raise WebError(Err.E193, id=actor_id)
        return found

    return cached(state, ("actor", actor_id), compute)


def checked(value: str | None) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD value that names a real year, month or day."""
    if value:
        try:
            dt.date.fromisoformat((value + "-01-01")[:10])
        except ValueError as exc:
            raise WebError(Err.E194, detail=f"no such date {value!r}") from exc
    return value


def first_day(value: str | None) -> str | None:
    """'2024' -> '2024-01-01' (``selection.first_day``); E194 for a day that does not exist."""
    try:
        return selection.first_day(value)
    except ValueError as exc:
        raise WebError(Err.E194, detail=f"no such date {value!r}") from exc


def last_day(value: str | None) -> str | None:
    """'2024-02' -> '2024-02-29' (``selection.last_day``); E194 for no such day."""
    try:
        return selection.last_day(value)
    except ValueError as exc:
        raise WebError(Err.E194, detail=f"no such date {value!r}") from exc


def blank(value: str | None) -> str | None:
    """Empty form fields do not filter."""
    value = value.strip() if value is not None else None
    return value or None


def event_filter(
    source: Annotated[str | None, Query(max_length=100, description=(
        "source actor: a code prefix (RUS matches RUSGOV) or an actor id"))] = None,
    target: Annotated[str | None, Query(max_length=100, description=(
        "target actor: a code prefix or an actor id"))] = None,
    actor: Annotated[str | None, Query(max_length=100, description=(
        "actor id on either side, e.g. country:RUS, person:vladimir-putin"))] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Z]{3})?$", description=(
        "ISO 3166 alpha-3 of the source, the target or the location"))] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Z_]{0,30}$")] = None,
    cameo_root: Annotated[str | None, Query(pattern=r"^((0[1-9])|(1\d)|20)?$")] = None,
    quad_class: Annotated[str | None, Query(pattern="^[1-4]?$", description=(
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict"))] = None,
    date_from: Annotated[str | None, Query(pattern=DATE, description=(
        "YYYY, YYYY-MM or YYYY-MM-DD; the event's date, else its article's"))] = None,
    date_to: Annotated[str | None, Query(pattern=DATE)] = None,
    q: Annotated[str | None, Query(max_length=200, description=(
        "text in the event's sentence, its actors' words or the article title"))] = None,
    negated: Annotated[str | None, Query(pattern="^(true|false)?$", description=(
        "true: negated events only; false: none of them"))] = None,
    min_confidence: Annotated[str | None, Query(pattern=r"^(0(\.\d+)?|1(\.0+)?)?$",
                                                description=(
        "the decision layer's confidence at least this (0-1); events without one (coded by "
        "rules) are left out"))] = None,
    resolved: Annotated[str | None, Query(pattern="^(true|false)?$", description=(
        "true: both actors resolved to a code (no pronoun or common noun)"))] = None,
    statements: Annotated[str | None, Query(pattern="^(true|false)?$", description=(
        "false: leave out public statements (CAMEO 01)"))] = None,
    modality: Annotated[str | None, Query(pattern="^[a-z_]{0,30}$", description=(
        "asserted (no modality), future, hypothetical, ..."))] = None,
    outlet: Annotated[str | None, Query(max_length=200, description=(
        "one outlet (a host name, or a file's name)"))] = None,
    event: Annotated[int | None, Query(ge=1, description=(
        "the mentions of one event (its agg_id)"))] = None,
    hypothetical: Annotated[str | None, Query(pattern="^(true|false)?$", description=(
        "true: hypothetical or conditional events only (modality hypothetical; a store keeps "
        "them when built with the coder setting emit_hypothetical); false: none of them"))
                            ] = None,
) -> Selection:
    """The filters (empty values, as a form sends them, do not filter)."""
    quad, conf = blank(quad_class), blank(min_confidence)
    return Selection(blank(source), blank(target), blank(actor), blank(country),
                     blank(plover), blank(cameo_root), int(quad) if quad else None,
                     first_day(blank(date_from)), last_day(blank(date_to)), blank(q),
                     flag(negated), float(conf) if conf else None, flag(resolved),
                     flag(statements), blank(modality), blank(outlet), event,
                     hypothetical=flag(hypothetical))


def flag(value: str | None) -> bool | None:
    value = blank(value)
    return None if value is None else value == "true"


def listing(
    unit: Annotated[str, Query(pattern="^(event|mention)$", description=(
        "event: an event counted once (its first matching mention, with the counts of its "
        "mentions, articles and sources); mention: every event mention"))] = "event",
    sort: Annotated[str, Query(pattern="^(date|confidence|goldstein|mentions)$", description=(
        "date: newest first (dated after the article, last); confidence: highest first; "
        "goldstein: most conflictual first; mentions: most reported first"))] = "date",
) -> tuple[str, str]:
    return unit, sort


Filter = Annotated[Selection, Depends(event_filter)]
Listing = Annotated[tuple[str, str], Depends(listing)]
State = Annotated[WebState, Depends(web)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


@router.get("/events", response_model=models.EventsPage, responses=ERRORS)
def events(state: State, f: Filter, how: Listing, limit: Limit = 50, offset: Offset = 0) -> Any:
    """Events (counted once; ``unit=mention``: every event mention) with their sentence, article
    and counts; ``total`` counts all that match the filters, as many rows as the downloads
    ``/api/events.csv``, ``.jsonl`` and ``.parquet`` of the same query hold."""
    unit, sort = how
    body = state.responses.get(("events", f, unit, sort, limit, offset), lambda: (
        queries.events_json(state.pool, f, limit, offset, unit, sort)))
    return Response(body, media_type="application/json")


DOWNLOADS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
             "parquet": "application/vnd.apache.parquet"}


@router.get("/events.{fmt}", responses={**ERRORS, 200: {"content": {
    t: {} for t in DOWNLOADS.values()}, "description": "the whole selection, streamed"}})
def download(state: State, f: Filter, how: Listing,
             fmt: Annotated[str, Path(pattern="^(csv|jsonl|parquet)$")]) -> Any:
    """Every event of the selection (not capped) as CSV, JSON lines or Parquet, streamed: the
    columns of ``thucydides export`` (every exported field, the article, the day, the event's
    id and counts), one row per event (``unit=mention``: per event mention), in the order of
    ``/api/events``; as many rows as its ``total``."""
    from fastapi.responses import StreamingResponse

    from thucydides.web.downloads import stream

    unit, sort = how
    name = f"events-{unit}s.{fmt}"
    chunks = stream(state.pool, f, unit, sort, fmt)
    return StreamingResponse(chunks, media_type=DOWNLOADS[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/timeline", response_model=models.Timeline, responses=ERRORS)
def timeline(state: State, f: Filter, period: Annotated[str, Query(
        pattern="^(day|week|month|year)$")] = "month") -> Any:
    """Cooperation and conflict of any selection per period, every period from the first to
    the last (empty ones as zeros): events by quad class and mean Goldstein."""
    return Response(timeline_body(state, f, period), media_type="application/json")


@router.get("/countries", response_model=list[models.CountryCount], responses=ERRORS)
def countries(state: State, f: Filter) -> Any:
    """Events per country of their source, target or place (an event once per country)."""
    return answer(state, ("countries", f), lambda: queries.countries(state.pool, f))


@router.get("/quotes", response_model=models.QuotesPage, responses=ERRORS)
def quotes(state: State, speaker: Annotated[str | None, Query(max_length=100)] = None,
           q: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 50,
           offset: Offset = 0) -> Any:
    """Quotes (who said what), most recent first; ``speaker`` is a code prefix or an actor id."""
    speaker, q = blank(speaker), blank(q)
    return answer(state, ("quotes", speaker, q, limit, offset),
                  lambda: queries.quotes(state.pool, speaker, q, limit, offset))


@router.get("/actors", response_model=models.ActorsPage, responses=ERRORS)
def actors(state: State, q: Annotated[str | None, Query(max_length=200)] = None,
           limit: Limit = 50, offset: Offset = 0) -> Any:
    """Actors resolved in the store, by number of events."""
    q = blank(q)
    return answer(state, ("actors", q, limit, offset),
                  lambda: queries.actors(state.pool, q, limit, offset))


@router.get("/actors/{actor_id}", response_model=models.ActorDetail, responses=ERRORS)
def actor(state: State, actor_id: Annotated[str, Path(max_length=100)]) -> Any:
    """One actor: the knowledge base's aliases, roles over time and office holders, and what
    the store holds (codes and roles seen, events by month)."""
    return Response(actor_body(state, actor_id), media_type="application/json")


@router.get("/articles/{key}", response_model=models.Article, responses=ERRORS)
def article(state: State, key: Annotated[str, Path(max_length=200)]) -> Any:
    """An article's text with all its spans: sentences, mentions, events, quotes. ``key`` is
    the store's key, or the article's own id when one article has it."""

    def compute() -> dict[str, Any]:
        found = queries.article(state.pool, key)
        if found is None:
            same = queries.articles_by_id(state.pool, key)
            found = queries.article(state.pool, same[0]["key"]) if len(same) == 1 else None
        if found is None:
            raise WebError(Err.E192, key=key)
        return found

    return answer(state, ("article", key), compute)


@router.get("/dyads", response_model=models.Dyads, responses=ERRORS)
def dyads(state: State, f: Filter, period: Annotated[str, Query(
        pattern="^(day|week|month|year)$")] = "month") -> Any:
    """Events of a source-target pair per period: counts by quad class and mean Goldstein."""
    return Response(dyads_body(state, f, period), media_type="application/json")


@router.get("/dyads/top", responses=ERRORS)
def top_dyads(state: State, f: Filter, limit: Annotated[int, Query(ge=1, le=200)] = 20,
              ) -> Any:
    """The source-target code pairs with the most events."""
    return Response(top_dyads_body(state, f, limit), media_type="application/json")


@router.get("/network", response_model=models.Network, responses=ERRORS)
def network(state: State, f: Filter, min_events: Annotated[int, Query(ge=1)] = 1,
            limit: Annotated[int, Query(ge=1, le=2000)] = 200) -> Any:
    """Who acts on whom: an edge per source-target actor pair with its event count and mean
    Goldstein score (the ``limit`` heaviest edges)."""
    return answer(state, ("network", f, min_events, limit),
                  lambda: queries.network(state.pool, f, min_events, limit))


@router.get("/locations", response_model=list[models.Place], responses=ERRORS)
def locations(state: State, f: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
              ) -> Any:
    """Where events took place: one point per place with its event count."""
    return answer(state, ("locations", f, limit), lambda: queries.locations(state.pool, f, limit))


@router.get("/facets")
def facets(state: State, f: Filter, how: Listing) -> Any:
    """Facet counts of the selection: per PLOVER type, quad class, country, outlet and CAMEO
    root, how many of its events (``unit=mention``: mentions) have each value."""
    unit = how[0]
    return answer(state, ("facets", f, unit), lambda: queries.facets(state.pool, f, unit))


@router.get("/stats", response_model=models.Stats)
def stats(state: State) -> Any:
    """How much the store holds, counted as ``thucydides stats`` counts it: ``events`` once
    across the articles that report them, ``event_mentions`` one per report."""
    return answer(state, ("stats",), lambda: queries.stats(state.pool))


@router.post("/code", response_model=models.CodeResult, responses={
    **ERRORS, 413: {"model": models.ErrorBody}, 429: {"model": models.ErrorBody}})
def code(state: State, request: Request, body: models.CodeRequest) -> Any:
    """Code a posted text (JSON ``{"text", "date"}``) and return its events and quotes, as
    ``thucydides code`` would; nothing is stored. Bodies are limited in size and each client
    in rate."""
    checked(body.date)  # a day that does not exist (2024-02-31) is a bad request: E194, 422
    client = request.client.host if request.client else "unknown"
    wait = state.limiter.take(client)
    if wait:
        opts = state.options
        raise WebError(Err.E191, headers={"Retry-After": str(int(wait))}, burst=opts.code_burst,
                       rate=f"{opts.code_per_minute:g}", retry=int(wait))
    try:
        result = state.code(body.text, body.date)
    except ThucydidesError:
        raise
    except Exception as exc:  # a coder bug must answer an error, not drop the connection
        log.exception("/api/code failed")
        raise WebError(Err.E195, detail=f"{type(exc).__name__}: {exc}") from exc
    return JSONResponse(result)
