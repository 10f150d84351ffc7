"""Scoring the quotes stage on gold quote files with the project-independent scorer
(``score_quotes.py`` of the gold folder), run as a separate process.

A predicted quote is the output record: its speaker's ``mention`` is the words naming it in the
quote's own sentence ("he", "the minister"), which is what the gold files mark, and the scorer
matches it as well as the name-bearing span; the resolved name is ``speaker_name``.
Discontinuous contents ("Y, X said, Z") carry ``parts``, which the scorer honours.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from thucydides.errors import Err
from thucydides.eval.gold import default_scorer, prediction_file, run_scorer
from thucydides.eval.gold import read_gold as read_any_gold
from thucydides.output.jsonl import quote
from thucydides.records import Analysis, Quote

SCORER = "score_quotes.py"


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The quote gold file's records (each with an ``id`` and a ``text``); E140 names a bad
    line."""
    return read_any_gold(path, Err.E140)


def predicted_quote(q: Quote, text: str) -> dict[str, Any]:
    """One quote in the scorer's format: the output record's (``content`` with its ``parts``,
    ``speaker`` with its local ``mention`` and ``head``, ``speaker_name``, ``kind``,
    ``attribution``)."""
    return quote(q, text)


def prediction(item: Analysis) -> dict[str, Any]:
    """One prediction line in the scorer's format."""
    text = item.article.text
    return {"id": item.article.id,
            "quotes": [predicted_quote(q, text) for q in item.quotes or () if q.content]}


def of_kind(line: dict[str, Any], kind: str | None) -> dict[str, Any]:
    """A gold or prediction line with only the quotes of ``kind`` (None: all of them)."""
    if kind is None:
        return line
    return {**line, "quotes": [q for q in line.get("quotes") or () if q.get("kind") == kind]}


@contextlib.contextmanager
def _gold_of_kind(gold: str | Path, kind: str | None) -> Iterator[Path]:
    """``gold`` itself, or a temporary copy holding only its quotes of ``kind``."""
    if kind is None:
        yield Path(gold)
        return
    with prediction_file(of_kind(r, kind) for r in read_gold(gold)) as path:
        yield path


def evaluate(results: Iterable[Analysis], gold: str | Path, scorer: str | Path | None = None,
             predictions_out: str | Path | None = None, kind: str | None = None,
             ) -> dict[str, Any]:
    """Score analysed gold articles; returns the scorer's JSON. ``kind``: score only the gold
    and predicted quotes of this kind (``direct``, ``indirect``, ``mixed``)."""
    scorer = scorer or default_scorer(gold, SCORER)
    lines = (of_kind(prediction(r), kind) for r in results)
    with _gold_of_kind(gold, kind) as gold_file, prediction_file(lines, predictions_out) as pred:
        return run_scorer(scorer, gold_file, pred)
