"""``thucydides serve``: a thin shell over ``serve``, on loopback unless told otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from thucydides.cli import serve as cli


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_binds_to_loopback_by_default(runs: list[dict[str, Any]], store: Path) -> None:
    result = CliRunner().invoke(cli.serve_cmd, ["--db", str(store)])
    assert result.exit_code == 0, result.output
    (call,) = runs
    assert (call["host"], call["port"], call["access_log"]) == ("127.0.0.1", 8000, False)
    hosts = call["app"].state.web.options.allowed_hosts
    assert "127.0.0.1" in hosts and "0.0.0.0" not in hosts


def test_another_address_is_also_an_allowed_host(runs: list[dict[str, Any]],
                                                 store: Path) -> None:
    result = CliRunner().invoke(cli.serve_cmd, ["--db", str(store), "--host", "10.1.2.3",
                                                "--port", "9000"])
    assert result.exit_code == 0, result.output
    assert runs[0]["host"] == "10.1.2.3" and runs[0]["port"] == 9000
    assert "10.1.2.3" in runs[0]["app"].state.web.options.allowed_hosts


def test_a_missing_store_is_a_clear_error(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.serve_cmd, ["--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3 and "E161" in result.output and not runs  # fatal


def test_help_names_the_options() -> None:
    out = CliRunner().invoke(cli.serve_cmd, ["--help"]).output
    for option in ("--db", "--host", "--port", "127.0.0.1"):
        assert option in out
