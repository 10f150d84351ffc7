"""Serving the app with uvicorn (``thucydides serve`` calls ``serve``)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from thucydides.web.app import create_app
from thucydides.web.state import LOOPBACK, ServiceLike, WebOptions

log = logging.getLogger(__name__)


def serve(db: str | Path, service: ServiceLike | None = None, host: str = "127.0.0.1",
          port: int = 8000, options: WebOptions | None = None, access_log: bool = False,
          ) -> None:
    """Serve the store ``db`` on ``host:port`` until interrupted (uvicorn, one process);
    ``service`` (``thucydides.api.Service``) codes posted text and holds the knowledge base.

    Loopback by default; on another address the app also accepts that host name, and the
    store's articles are readable by anyone who can reach it. ``access_log`` logs every
    request (off by default: a line per request on a busy dashboard)."""
    import uvicorn

    options = options or WebOptions()
    if host not in LOOPBACK:
        log.warning("serving on %s: reachable from other machines", host)
        options = replace(options, allowed_hosts=(*options.allowed_hosts, host))
    app = create_app(db, service, options=options)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log,
                server_header=False, proxy_headers=False)
