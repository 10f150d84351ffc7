"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent (a user's fresh
clone has none); tests that need the spaCy model are marked ``model``."""

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


@pytest.fixture(scope="session")
def coder():
    from thucydides import Coder, Settings

    return Coder.load(Settings())


@pytest.fixture(scope="session")
def kb():
    from thucydides.actors.kb import KnowledgeBase

    return KnowledgeBase.load()
