"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent (a user's fresh
clone has none); tests that need the spaCy model are marked ``model``."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def coder():
    from thucydides import Coder, Settings

    return Coder.load(Settings())


@pytest.fixture(scope="session")
def kb():
    from thucydides.actors.kb import KnowledgeBase

    return KnowledgeBase.load()
