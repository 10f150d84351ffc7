"""Helpers the templates use. Everything a template prints goes through Jinja2's autoescaping;
these only shape values (they never return markup)."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping
from typing import Any

import jinja2

from thucydides.output import schema
from thucydides.web.highlight import sentence_pieces

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}


def safe_url(url: str | None) -> str | None:
    """A link target only for http(s) URLs: ``javascript:`` and the like are never linked."""
    if not url:
        return None
    scheme = urllib.parse.urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def query(values: Mapping[str, Any], **changes: Any) -> str:
    """A query string from ``values`` with ``changes`` applied (None drops a key)."""
    merged = {**values, **changes}
    return urllib.parse.urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def period_range(name: str, period: str) -> dict[str, str]:
    """The explorer's date filters of one period of a timeline: ``2024-03`` -> from and to
    ``2024-03`` (a month, a year or a day is its own range); a week, named by its Monday, ->
    from that day to the Sunday after it."""
    if period != "week":
        return {"date_from": name, "date_to": name}
    monday = dt.date.fromisoformat(name)
    return {"date_from": name, "date_to": (monday + dt.timedelta(days=6)).isoformat()}


def path_part(value: str) -> str:
    """A value quoted for use as one path segment (actor ids hold ':')."""
    return urllib.parse.quote(value, safe=":")


def goldstein(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def tone(value: float | None) -> str:
    """A CSS class for a Goldstein score: conflict, neutral or cooperation."""
    if value is None:
        return "neutral"
    return "conflict" if value < -0.5 else "coop" if value > 0.5 else "neutral"


def label(facet: str, value: Any) -> str:
    """A facet value with its name: ``046 Engage in negotiation``, ``RUS Russia``."""
    from thucydides.web.names import names

    n = names()
    name = {"cameo_root": n.event, "cameo": n.event, "country": n.country,
            "quad_class": lambda v: QUAD_CLASSES.get(int(v)) if v else None,
            "actor": n.actor}.get(facet, lambda v: None)(value)
    return f"{value} {name}" if name and name != value else str(value)


def code_name(code: str | None) -> str:
    """The name of an actor code, '' when it has none."""
    from thucydides.web.names import names

    return names().actor(code) or ""


def event_name(code: str | None) -> str:
    from thucydides.web.names import names

    return names().event(code) or ""


def outlet(value: str | None) -> str:
    """An outlet as shown: a host name as it is, a local file by its name only (never a
    path)."""
    if not value:
        return ""
    return value.replace("\\", "/").rsplit("/", 1)[-1]


def install(env: jinja2.Environment) -> None:
    env.filters.update(safe_url=safe_url, path_part=path_part, goldstein=goldstein, tone=tone,
                       code_name=code_name, event_name=event_name, outlet=outlet)
    env.globals.update(label=label, period_range=period_range)
    env.globals.update(query=query, sentence_pieces=sentence_pieces, quad_classes=QUAD_CLASSES,
                       shown_fields=schema.shown)
