"""``thucydides serve``: the dashboard and JSON API over a store (the lead registers
``serve_cmd`` in ``thucydides.cli``)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import click

from thucydides.errors import ThucydidesError
from thucydides.settings import Settings
from thucydides.store.db import DEFAULT_DB
from thucydides.web.app import LOOPBACK, WebOptions, create_app

log = logging.getLogger(__name__)


def serve(db: str | Path = DEFAULT_DB, host: str = "127.0.0.1", port: int = 8000,
          settings: Settings | None = None, options: WebOptions | None = None,
          access_log: bool = False) -> None:
    """Serve the store ``db`` on ``host:port`` until interrupted (uvicorn, one process).

    Loopback by default; on another address the app also accepts that host name, and the
    store's articles are readable by anyone who can reach it. ``access_log`` logs every
    request (off by default: a line per request on a busy dashboard)."""
    import uvicorn

    options = options or WebOptions()
    if host not in LOOPBACK:
        log.warning("serving on %s: reachable from other machines", host)
        options = replace(options, allowed_hosts=(*options.allowed_hosts, host))
    app = create_app(db, settings, options=options)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log,
                server_header=False, proxy_headers=False)


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
    from thucydides.cli_options import fail

    try:
        serve(db, host, port, access_log=access_log)
    except ThucydidesError as exc:  # the store cannot be served: exit 3 (E161, E173, ...)
        fail(exc)
