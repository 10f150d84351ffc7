"""The web dashboard and JSON API over a store (``thucydides serve``).

    from thucydides.api import Service
    from thucydides.web import create_app, serve
    app = create_app("thucydides.duckdb", Service(settings))   # a FastAPI app
    serve("thucydides.duckdb", Service(settings), port=8000)   # or served with uvicorn

Pages: ``/`` events, ``/articles/{key}``, ``/dyads``, ``/network``, ``/map``, ``/actors``,
``/actors/{id}``, ``/code``. API: ``/api/...``, described at ``/api/openapi.json``. See
``docs/web.md``.
"""

from thucydides.web.app import create_app
from thucydides.web.server import serve
from thucydides.web.state import ServiceLike, WebOptions

__all__ = ["ServiceLike", "WebOptions", "create_app", "serve"]
