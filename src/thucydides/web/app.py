"""The web app: ``create_app(db_path, service)`` builds a FastAPI app over one store.

It only reads the store (a read-only connection, see ``thucydides.web.pool``). It loads no model
and no knowledge base itself: ``service`` (``thucydides.api.Service``, given by whoever serves
the app) codes the text posted to ``/api/code``, storing nothing, and answers the actor pages'
questions to the knowledge base. Pages are Jinja2 templates with autoescaping and static
scripts; the JSON API is described at ``/api/openapi.json``.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from thucydides.errors import Err, ThucydidesError
from thucydides.web.pool import Pool, ResponseCache
from thucydides.web.security import BodyLimit, RateLimiter, SecurityHeaders
from thucydides.web.state import ServiceLike, WebOptions, WebState

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

STATUS = {"E190": 413, "E191": 429, "E192": 404, "E193": 404, "E194": 422, "E195": 500,
          "E196": 404, "E197": 503}  # other catalogued errors (a store or model failure): 500


def templates() -> jinja2.Environment:
    from thucydides.web.render import install

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("thucydides.web", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    install(env)
    return env


def static_dir() -> Path:
    return Path(str(resources.files("thucydides.web").joinpath("static")))


def create_app(db_path: str | Path, service: ServiceLike | None = None, *,
               options: WebOptions | None = None) -> FastAPI:
    """The app over the store ``db_path``. ``service`` codes posted text and holds the
    knowledge base (``thucydides.api.Service(settings)``; tests pass a fake one); without one,
    ``/api/code`` and the actor pages answer error E197."""
    from thucydides.web.api import router as api_router
    from thucydides.web.pages import router as pages_router

    options = options or WebOptions()
    from thucydides.web.sql import all_event_rows

    pool = Pool(db_path, options.pool_size, {"api_events": all_event_rows()})
    from thucydides.web.queries import event_json

    if pool.failure is None:
        event_json(pool)  # every event's JSON, built once
    state = WebState(pool, service, options, templates(),
                     RateLimiter(options.code_per_minute, options.code_burst),
                     ResponseCache(options.cache_bytes))
    if pool.failure is None:
        from thucydides.web.pages import prepare

        prepare(state)  # the first request of each page as fast as the next ones
    app = FastAPI(title="thucydides", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Events, quotes and actors of a thucydides store; `/api/code` "
                              "codes posted text without storing it.")
    app.state.web = state
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    add_error_handlers(app)
    app.add_middleware(BodyLimit, paths=["/api/code"], limit=options.code_max_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(options.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.router.on_shutdown.append(state.pool.close)
    return app


def error_json(code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}},
                        status_code=STATUS.get(code, 500), headers=headers)


def add_error_handlers(app: FastAPI) -> None:
    """Errors answer ``{"error": {"code", "message"}}`` on the API and an error page elsewhere."""
    from thucydides.web.pages import error_page, form_error

    @app.exception_handler(ThucydidesError)
    async def catalogued(request: Request, exc: ThucydidesError) -> Any:
        headers = getattr(exc, "headers", None)
        if request.url.path.startswith("/api/"):
            return error_json(exc.code, exc.message, headers)
        return error_page(request, STATUS.get(exc.code, 500), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                           for e in exc.errors())
        message = Err.E194.value.format(detail=detail)
        if request.url.path.startswith("/api/"):
            return error_json("E194", message)
        if request.url.path == "/":  # the explorer keeps its form, with the error
            return form_error(request, message)
        return error_page(request, 422, "E194", message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Any:
        code, message = ("E196", Err.E196.value.format(path=request.url.path)) \
            if exc.status_code == 404 else (f"HTTP{exc.status_code}", str(exc.detail))
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"error": {"code": code, "message": message}},
                                status_code=exc.status_code)
        return error_page(request, exc.status_code, code, message)
