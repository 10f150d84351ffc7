"""How names are folded for matching and lookup: lower case, typographic apostrophes made plain.
One function, so that the matcher, the alias index, ``lookup`` and the gazetteer agree on what
"the same name" is ("Côte d’Ivoire", "Côte d‘Ivoire" and "Côte d'Ivoire")."""

from __future__ import annotations

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalise(text: str) -> str:
    """Lower case with typographic apostrophes made plain, keeping every offset."""
    low = text.lower().translate(APOSTROPHES)
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text).translate(APOSTROPHES)
