"""``ExtractSettings``: how ``extract`` reads and fetches (timeouts, caps, politeness, the
address guard), with the table its command-line flags and docs come from. A module of its own
so the readers and the fetcher can name it without importing ``extract``, which imports them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import metadata
from typing import Any

from thucydides.ingest.readers.html import DEFAULT_MODE, MODES
from thucydides.settings import table_matches


def _version() -> str:
    try:
        return metadata.version("thucydides")
    except metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"thucydides/{_version()} (political event data from news; honours robots.txt)"

# name, default, help
EXTRACT_SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("timeout", 20.0, "seconds a network request may take in all (connecting, headers and "
     "body; robots.txt and each redirect are requests of their own) before it fails with E120"),
    ("max_bytes", 10_000_000, "size cap per document (a page, a WARC payload, a fetched body, "
     "a JSONL line); larger ones are not read past the cap and become error E111"),
    ("max_redirects", 5, "HTTP redirects followed per fetch"),
    ("fetch_links", True, "fetch and extract the page a feed item links to when the item has "
     "only a summary"),
    ("fetch_delay", 1.0, "seconds between two requests to the same host (a site's robots.txt "
     "Crawl-delay wins when longer)"),
    ("user_agent", USER_AGENT, "User-Agent sent with every request"),
    ("html_mode", DEFAULT_MODE, f"main-text extraction for HTML: {' or '.join(MODES)}"),
    ("fetch_private", False, "fetch URLs whose host is a loopback, private, link-local or "
     "cloud-metadata address (off: they are refused with E129, a guard against server-side "
     "request forgery; turn on for an intranet crawl)"),
)


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    fetch_links: bool = True
    fetch_delay: float = 1.0
    user_agent: str = USER_AGENT
    html_mode: str = DEFAULT_MODE
    fetch_private: bool = False

    def with_(self, **changes: Any) -> ExtractSettings:
        return replace(self, **changes)


def documented() -> dict[str, str]:
    return {name: help_ for name, _, help_ in EXTRACT_SETTINGS}


def defaults_match() -> bool:
    """True when EXTRACT_SETTINGS and ExtractSettings agree on names and defaults."""
    return table_matches(EXTRACT_SETTINGS, ExtractSettings)
