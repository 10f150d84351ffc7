"""Content features of the attribution model: the shape of a marked quote."""

from __future__ import annotations

import pytest

from thucydides.quotes.features import quote_shape
from thucydides.quotes.marks import quoted

# a marked quote -> "sentence" (a capital first, closing punctuation) or "fragment" (a phrase)
CASES = [
    ("“We are ready,” he said.", "sentence"),
    ("He said: “We will not retreat.”", "sentence"),
    ("''It is over,'' she said.", "sentence"),
    ("She called the offer a “fair deal” for both sides.", "fragment"),
    ("the so-called “peace plan”", "fragment"),
    ("the ministers felt “quite hopeful.”", "fragment"),
]


@pytest.mark.parametrize("text, shape", CASES)
def test_quote_shape(text: str, shape: str) -> None:
    (m,) = quoted(text)
    assert quote_shape(text, m) == shape
