"""Fixtures of the command tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """An empty store (the schema, no rows)."""
    from thucydides.store.db import connect

    path = tmp_path / "empty.duckdb"
    connect(path).close()
    return path
