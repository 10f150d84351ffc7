"""What the app's routes share (``WebState``), the knobs of the app (``WebOptions``) and what
it asks of the library (``ServiceLike``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import jinja2

from thucydides.errors import Err, ThucydidesError
from thucydides.web.pool import Pool, ResponseCache
from thucydides.web.security import RateLimiter

if TYPE_CHECKING:
    from thucydides.actors.kb import KnowledgeBase

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


class ServiceLike(Protocol):
    """What the app asks of the library (``thucydides.api.Service``)."""

    def code(self, text: str, date: str | None = None, id: str = "doc") -> dict[str, Any]: ...

    def knowledge_base(self) -> KnowledgeBase: ...


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
    """What the routes share: the store's connections, the library's service (none: no coding,
    no knowledge base), the templates, the limits and the answer cache."""

    pool: Pool
    service: ServiceLike | None
    options: WebOptions
    templates: jinja2.Environment
    limiter: RateLimiter
    responses: ResponseCache

    def knowledge_base(self) -> KnowledgeBase:
        if self.service is None:
            raise ThucydidesError(Err.E197)
        return self.service.knowledge_base()

    def code(self, text: str, date: str | None) -> dict[str, Any]:
        if self.service is None:
            raise ThucydidesError(Err.E197)
        return self.service.code(text, date=date, id="posted")
