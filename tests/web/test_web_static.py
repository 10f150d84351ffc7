"""Static files and templates: the vendored libraries are the ones recorded (with licences), every
file a template loads exists, and no template holds inline script, inline style or an event
handler attribute (the Content-Security-Policy would block them)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

WEB = Path(__file__).resolve().parents[2] / "src" / "thucydides" / "web"
VENDOR = WEB / "static" / "vendor"
TEMPLATES = sorted((WEB / "templates").glob("*.html"))
SCRIPTS = sorted((WEB / "static" / "js").glob("*.js"))


def recorded_hashes() -> dict[str, str]:
    table = (VENDOR / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", table, re.M))


def test_vendored_files_match_the_recorded_hashes() -> None:
    recorded = recorded_hashes()
    shipped = {p.name for p in VENDOR.iterdir() if p.suffix in (".js", ".json")}
    assert set(recorded) == shipped
    for name, digest in recorded.items():
        got = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert got == digest, f"{name}: {got}"


@pytest.mark.parametrize("licence", ["vega", "vega-lite", "vega-embed", "vega-interpreter",
                                     "world-atlas"])
def test_vendored_licences_are_shipped(licence: str) -> None:
    assert "Copyright" in (VENDOR / f"{licence}.LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_templates_hold_no_inline_code(template: Path) -> None:
    html = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), "inline script"
    assert "<style" not in html and not re.search(r"\sstyle=", html), "inline style"
    assert not re.search(r"\son[a-z]+\s*=", html), "event handler attribute"
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "a file from elsewhere"
    assert not re.search(r"\|\s*safe\b(?!_)", html), "escaping switched off"
    assert "autoescape false" not in html and "Markup(" not in html


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_scripts_build_no_markup_from_strings(script: Path) -> None:
    js = script.read_text(encoding="utf-8")
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                  "new Function", "setTimeout(\""):
        assert risky not in js, risky


def test_every_file_a_template_loads_is_served(client: TestClient) -> None:
    paths = {p for t in TEMPLATES for p in re.findall(r'(?:src|href)="(/static/[^"{]+)"',
                                                       t.read_text(encoding="utf-8"))}
    assert "/static/vendor/vega.min.js" in paths and "/static/app.css" in paths
    for path in sorted(paths):
        r = client.get(path)
        assert r.status_code == 200, path
    assert client.get("/static/vendor/countries-110m.json").json()["type"] == "Topology"


def test_static_files_do_not_list_folders_or_escape(client: TestClient) -> None:
    assert client.get("/static/").status_code == 404
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404
