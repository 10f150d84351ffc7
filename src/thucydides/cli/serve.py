"""``thucydides serve``: the dashboard and JSON API over a store (``thucydides.web.serve``)."""

from __future__ import annotations

import click

from thucydides.errors import ThucydidesError
from thucydides.settings import Settings
from thucydides.store.db import DEFAULT_DB


@click.command("serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="the store to serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on (loopback by default)")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="port to listen on")
@click.option("--access-log/--no-access-log", default=False, show_default=True,
              help="log every request")
def serve_cmd(db: str, host: str, port: int, access_log: bool) -> None:
    """Open the dashboard and JSON API over a store: event explorer, article view, dyad
    timeline, actor network, actor pages, map, and live coding of pasted text
    (http://127.0.0.1:8000/ by default; the API is described at /api/openapi.json)."""
    from thucydides.api import Service
    from thucydides.cli.options import fail
    from thucydides.web import serve

    try:
        serve(db, Service(Settings()), host, port, access_log=access_log)
    except ThucydidesError as exc:  # the store cannot be served: exit 3 (E161, E173, ...)
        fail(exc)
