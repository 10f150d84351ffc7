"""The web app: ``create_app(db_path, settings)`` builds a FastAPI app over one store.

It only reads the store (a read-only connection, see ``thucydides.web.pool``); ``/api/code``
codes posted text with a coder loaded once per app on first use (or the one given) and stores
nothing. Pages are Jinja2 templates with autoescaping and static scripts; the JSON API is
described at ``/api/openapi.json``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from thucydides.actors.kb import KnowledgeBase
from thucydides.errors import Err, ThucydidesError
from thucydides.settings import Settings
from thucydides.web.pool import Pool, ResponseCache
from thucydides.web.security import BodyLimit, RateLimiter, SecurityHeaders

log = logging.getLogger(__name__)

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
STATUS = {"E190": 413, "E191": 429, "E192": 404, "E193": 404, "E194": 422, "E195": 500,
          "E196": 404}  # other catalogued errors (a store or model failure): 500


class CoderLike(Protocol):
    def code(self, text: str, date: str | None = None, id: str = "doc") -> dict[str, Any]: ...


@dataclass(frozen=True)
class WebOptions:
    """Knobs of the app (the coder's own settings are ``thucydides.settings.Settings``)."""

    pool_size: int = 4
    cache_bytes: int = 64_000_000  # JSON answers kept (the store cannot change while served)
    code_max_bytes: int = 200_000
    code_per_minute: float = 30
    code_burst: int = 5
    allowed_hosts: tuple[str, ...] = LOOPBACK


@dataclass
class WebState:
    """What the routes share: the store's connections, the knowledge base and the coder, each
    loaded once."""

    pool: Pool
    settings: Settings
    options: WebOptions
    templates: jinja2.Environment
    limiter: RateLimiter
    responses: ResponseCache
    coder: CoderLike | None = None
    kb: KnowledgeBase | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _code_lock: threading.Lock = field(default_factory=threading.Lock)

    def knowledge_base(self) -> KnowledgeBase:
        with self._lock:
            if self.kb is None:
                self.kb = KnowledgeBase.load(self.settings.kb_extra)
            return self.kb

    def code(self, text: str, date: str | None) -> dict[str, Any]:
        """Code one text; the coder is loaded on first use, and codes one text at a time."""
        with self._code_lock:
            if self.coder is None:
                from thucydides.api import Coder

                log.info("loading the coder for /api/code")
                self.coder = Coder.load(self.settings)
            return self.coder.code(text, date=date, id="posted")


def templates() -> jinja2.Environment:
    from thucydides.web import render

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("thucydides.web", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    render.install(env)
    return env


def static_dir() -> Path:
    return Path(str(resources.files("thucydides.web").joinpath("static")))


def create_app(db_path: str | Path, settings: Settings | None = None, *,
               options: WebOptions | None = None, coder: CoderLike | None = None) -> FastAPI:
    """The app over the store ``db_path``. ``coder`` (default: ``Coder.load(settings)`` on the
    first ``/api/code`` request) codes posted text; tests pass a fake one."""
    from thucydides.web import api, pages

    options = options or WebOptions()
    state = WebState(Pool(db_path, options.pool_size), settings or Settings(), options,
                     templates(), RateLimiter(options.code_per_minute, options.code_burst),
                     ResponseCache(options.cache_bytes), coder)
    app = FastAPI(title="thucydides", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Events, quotes and actors of a thucydides store; `/api/code` "
                              "codes posted text without storing it.")
    app.state.web = state
    app.include_router(api.router)
    app.include_router(pages.router)
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
    from thucydides.web import pages

    @app.exception_handler(ThucydidesError)
    async def catalogued(request: Request, exc: ThucydidesError) -> Any:
        headers = getattr(exc, "headers", None)
        if request.url.path.startswith("/api/"):
            return error_json(exc.code, exc.message, headers)
        return pages.error_page(request, STATUS.get(exc.code, 500), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                           for e in exc.errors())
        message = Err.E194.value.format(detail=detail)
        if request.url.path.startswith("/api/"):
            return error_json("E194", message)
        return pages.error_page(request, 422, "E194", message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Any:
        code, message = ("E196", Err.E196.value.format(path=request.url.path)) \
            if exc.status_code == 404 else (f"HTTP{exc.status_code}", str(exc.detail))
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"error": {"code": code, "message": message}},
                                status_code=exc.status_code)
        return pages.error_page(request, exc.status_code, code, message)
