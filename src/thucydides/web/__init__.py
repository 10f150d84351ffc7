"""The web dashboard and JSON API over a store (``thucydides serve``).

    from thucydides.web import create_app
    app = create_app("thucydides.duckdb", settings)     # a FastAPI app; serve it with uvicorn

Pages: ``/`` events, ``/articles/{key}``, ``/dyads``, ``/network``, ``/map``, ``/actors``,
``/actors/{id}``, ``/code``. API: ``/api/...``, described at ``/api/openapi.json``. See
``docs/web.md``.
"""

from thucydides.web.app import WebOptions, create_app

__all__ = ["WebOptions", "create_app"]
