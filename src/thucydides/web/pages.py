"""The HTML pages. Each renders a template on the server (autoescaped); the charts are drawn by
static scripts that fetch the JSON API, so no data is ever written into a script. A page that
shows an API answer reads it from the response cache, where the script's request finds it."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

import thucydides.web.queries as queries
from thucydides.errors import Err, ThucydidesError
from thucydides.store.selection import FILTERS, Selection
from thucydides.web.api import (
    Filter,
    Listing,
    State,
    actor_body,
    blank,
    dyads_body,
    top_dyads_body,
    web,
)
from thucydides.web.highlight import Mark, article_marks, pieces
from thucydides.web.render import QUAD_CLASSES, label, query
from thucydides.web.security import WebError
from thucydides.web.state import WebState

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE = 25
Page = Annotated[int, Query(ge=0, le=10_000_000)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    state: WebState = web(request)
    html = state.templates.get_template(name).render(
        path=request.url.path, stats=queries.stats(state.pool), **context)
    return HTMLResponse(html, status_code=status)


def prepare(state: WebState) -> None:
    """What the first request of every page would otherwise compute, done when the app opens
    the store (it cannot change while served): the templates compiled, the names loaded, the
    store's counts, the filter menus (the facets of all events), the explorer's unfiltered
    page and timeline, and the dyads page's default pair."""
    from thucydides.web.api import timeline_body
    from thucydides.web.names import names

    for name in state.templates.list_templates(filter_func=lambda n: n.endswith(".html")):
        state.templates.get_template(name)
    names()
    queries.stats(state.pool)
    queries.facets(state.pool)
    queries.modalities(state.pool)
    queries.count_events(state.pool, Selection())
    timeline_body(state, Selection(), "month")
    top = json.loads(top_dyads_body(state, Selection(), 12))
    if top:
        dyads_body(state, Selection(source=top[0]["source"], target=top[0]["target"]), "month")


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    """The error page; its header leaves out the store's counts when they cannot be read (a
    damaged store)."""
    state: WebState = web(request)
    try:
        stats: dict[str, Any] | None = queries.stats(state.pool)
    except ThucydidesError:
        stats = None
    html = state.templates.get_template("error.html").render(
        path=request.url.path, stats=stats, status=status, code=code, message=message)
    return HTMLResponse(html, status_code=status)


@router.api_route("/", methods=["GET", "HEAD"])
def explorer(request: Request, state: State, f: Filter, how: Listing,
             offset: Page = 0) -> HTMLResponse:
    """The event explorer: filters, facet counts, the selection's cooperation-vs-conflict
    timeline and downloads, and each event (or mention) with its sentence marked."""
    unit, sort = how
    found = queries.events(state.pool, f, PAGE, offset, unit, sort)
    values = f.query_string()
    return render(request, "explorer.html", f=values, page=found, size=PAGE, unit=unit,
                  sort=sort, facets=queries.facets(state.pool, f, unit),
                  options=filter_options(state), error=None,
                  listing=query(values, unit=unit, sort=sort))


def form_error(request: Request, message: str) -> HTMLResponse:
    """The explorer with its form as sent (the values that failed included) and the error,
    no results."""
    state: WebState = web(request)
    values = {k: v for k, v in request.query_params.items() if k in FILTERS and v}
    empty = {"total": 0, "unit": "event", "sort": "date", "limit": PAGE, "offset": 0,
             "events": []}
    return render(request, "explorer.html", 422, f=values, page=empty, size=PAGE,
                  unit=request.query_params.get("unit", "event"),
                  sort=request.query_params.get("sort", "date"), facets={},
                  options=filter_options(state), error=message,
                  listing="")


def filter_options(state: WebState) -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs for the filter menus: values with their names and counts (the
    facets of all events); ``hypothetical`` only when the store keeps such events."""
    out = {name: [(str(r["value"]), f"{label(name, r['value'])} ({r['n']})") for r in rows]
           for name, rows in queries.facets(state.pool).items()}
    out["quad_class"] = [(str(k), f"{k} {v}") for k, v in QUAD_CLASSES.items()]
    kept = queries.modalities(state.pool).get("hypothetical")
    out["hypothetical"] = [("false", "leave out"), ("true", f"only these ({kept})")] \
        if kept else []
    return out


@router.api_route("/articles/{key}", methods=["GET", "HEAD"])
def article(request: Request, state: State, key: Annotated[str, Path(max_length=200)],
            event: Annotated[int | None, Query(ge=0)] = None) -> HTMLResponse:
    """An article with every span marked; ``event`` picks the event to show first. ``key`` is
    the store's key or the article's own id (several articles with that id: a list of them)."""
    found = queries.article(state.pool, key)
    if found is None:
        same = queries.articles_by_id(state.pool, key)
        if len(same) > 1:
            return render(request, "matches.html", id=key, matches=same)
        found = queries.article(state.pool, same[0]["key"]) if same else None
    if found is None:
        raise WebError(Err.E192, key=key)
    focus = next((e for e in found["events"] if e["idx"] == event), None)
    marks = article_marks(found)
    if focus is not None and focus["sentence"] is not None:
        s = focus["sentence"]
        marks.append(Mark(s["start"], s["end"], "sentence", "sentence"))
    return render(request, "article.html", a=found, focus=focus,
                  pieces=pieces(found["text"], marks))


@router.api_route("/dyads", methods=["GET", "HEAD"])
def dyads(request: Request, state: State, f: Filter,
          period: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
          ) -> HTMLResponse:
    """Cooperation and conflict of a source-target pair over time (the busiest pair when none
    is asked for), every period drawn (empty ones as zero)."""
    top = json.loads(top_dyads_body(state, Selection(), 12))
    if f.source is None and f.target is None and top:
        f = replace(f, source=top[0]["source"], target=top[0]["target"])
    values = f.query_string()
    return render(request, "dyads.html", f=values, period=period, top=top,
                  periods=json.loads(dyads_body(state, f, period))["periods"],
                  api="/api/dyads?" + query(values, period=period))


@router.api_route("/network", methods=["GET", "HEAD"])
def network(request: Request, f: Filter,
            min_events: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    """Who acts on whom, drawn from ``/api/network``."""
    values = f.query_string()
    return render(request, "network.html", f=values, min_events=min_events,
                  api="/api/network?" + query(values, min_events=min_events))


@router.api_route("/map", methods=["GET", "HEAD"])
def event_map(request: Request, f: Filter) -> HTMLResponse:
    """Events per country (a choropleth of their actors' and places' countries) and the
    places they took place at, drawn from ``/api/countries`` and ``/api/locations``."""
    values = f.query_string()
    return render(request, "map.html", f=values, api="/api/locations?" + query(values),
                  countries="/api/countries?" + query(values))


@router.api_route("/actors", methods=["GET", "HEAD"])
def actors(request: Request, state: State,
           q: Annotated[str | None, Query(max_length=200)] = None,
           offset: Page = 0) -> HTMLResponse:
    found = queries.actors(state.pool, blank(q), PAGE * 2, offset)
    return render(request, "actors.html", q=blank(q) or "", page=found, size=PAGE * 2)


@router.api_route("/actors/{actor_id}", methods=["GET", "HEAD"])
def actor(request: Request, state: State,
          actor_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """An actor: knowledge-base roles over time, codes seen in the store, recent events."""
    found = json.loads(actor_body(state, actor_id))
    recent = queries.events(state.pool, Selection(actor=actor_id), 10, 0)
    return render(request, "actor.html", actor=found, recent=recent)


@router.api_route("/code", methods=["GET", "HEAD"])
def paste(request: Request) -> HTMLResponse:
    """Paste an article and code it live (through ``/api/code``)."""
    return render(request, "code.html")
