"""The JSON API under ``/api``. Routes validate their parameters, call ``thucydides.web.queries``
and send the result as it is (the models document it in the OpenAPI description). Every answer
goes through the response cache (``answer``); the pages that show the same data read it from
there too (``dyads_body``, ``actor_body``)."""

from __future__ import annotations

import calendar
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
from thucydides.web.actors import actor_detail
from thucydides.web.queries import EventFilter
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


def dyads_body(state: WebState, f: EventFilter, period: str) -> bytes:
    """The answer of ``/api/dyads`` (the page ``/dyads`` shows the same numbers)."""
    return cached(state, ("dyads", f, period), lambda: {
        "source": f.source, "target": f.target, "period": period,
        "periods": queries.dyads(state.pool, f, period)})


def top_dyads_body(state: WebState, f: EventFilter, limit: int) -> bytes:
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
    """'2024' -> '2024-01-01', '2024-03' -> '2024-03-01'."""
    if checked(value) is None or len(value) == 10:
        return value
    return value + ("-01" if len(value) == 7 else "-01-01")


def last_day(value: str | None) -> str | None:
    """'2024' -> '2024-12-31', '2024-02' -> '2024-02-29'."""
    if checked(value) is None or len(value) == 10:
        return value
    if len(value) == 4:
        return value + "-12-31"
    year, month = int(value[:4]), int(value[5:7])
    return f"{value}-{calendar.monthrange(year, month)[1]:02d}"


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
) -> EventFilter:
    """The filters (empty values, as a form sends them, do not filter)."""
    quad, neg = blank(quad_class), blank(negated)
    return EventFilter(blank(source), blank(target), blank(actor), blank(country),
                       blank(plover), blank(cameo_root), int(quad) if quad else None,
                       first_day(blank(date_from)), last_day(blank(date_to)), blank(q),
                       None if neg is None else neg == "true")


Filter = Annotated[EventFilter, Depends(event_filter)]
State = Annotated[WebState, Depends(web)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


@router.get("/events", response_model=models.EventsPage, responses=ERRORS)
def events(state: State, f: Filter, limit: Limit = 50, offset: Offset = 0) -> Any:
    """Event mentions, most recent first, with their sentence and article; ``total`` counts all
    that match the filters."""
    return answer(state, ("events", f, limit, offset),
                  lambda: queries.events(state.pool, f, limit, offset))


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
def article(state: State, key: Annotated[str, Path(max_length=64)]) -> Any:
    """An article's text with all its spans: sentences, mentions, events, quotes."""

    def compute() -> dict[str, Any]:
        found = queries.article(state.pool, key)
        if found is None:
            raise WebError(Err.E192, key=key)
        return found

    return answer(state, ("article", key), compute)


@router.get("/dyads", response_model=models.Dyads, responses=ERRORS)
def dyads(state: State, f: Filter, period: Annotated[str, Query(
        pattern="^(day|month|year)$")] = "month") -> Any:
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
def facets(state: State) -> Any:
    """The values the event filters can take in this store, with event counts."""
    return answer(state, ("facets",), lambda: queries.facets(state.pool))


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
