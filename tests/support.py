"""Paths and skips shared by the tests (a plain module: ``from support import shared_path``;
conftest modules are not imported by name, since every test folder may have its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is absent (it is only in the project's "
                    "development checkout, not in a fresh clone)")
    return path
