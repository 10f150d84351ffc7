"""Scoring the quotes stage on gold quote files with the project-independent scorer
(``score_quotes.py`` of the gold folder), run as a separate process.

A predicted speaker is the words naming it in the quote's own sentence ("he", "the minister"),
which is what the gold files mark; its resolved name goes in ``speaker_name``. Discontinuous
contents ("Y, X said, Z") are written with ``parts``, which the scorer honours.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from thucydides.errors import Err, ThucydidesError
from thucydides.quotes.speakers import local, speaker_name
from thucydides.records import Analysis, Article, Quote, Span


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold file's records (each with an ``id`` and a ``text``); E140 names a bad line."""
    rows = []
    with Path(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ThucydidesError(Err.E140, path=path, line=n, detail=str(exc)) from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
                raise ThucydidesError(Err.E140, path=path, line=n,
                                      detail="expected an object with 'id' and 'text'")
            rows.append(row)
    return rows


def is_quote_gold(path: str | Path) -> bool:
    """Is ``path`` a quote gold file (its first record has "quotes")?"""
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                return "quotes" in json.loads(line)
    return False


def gold_articles(rows: Iterable[dict[str, Any]]) -> Iterator[Article]:
    """The gold file's articles, without their quotes."""
    for r in rows:
        yield Article(id=r["id"], text=r["text"], date=None)


def _span(s: Span | None, text: str) -> dict[str, Any] | None:
    return None if s is None else {"text": s.of(text), "start": s.start, "end": s.end}


def _content(parts: tuple[Span, ...], text: str) -> dict[str, Any]:
    whole = Span(parts[0].start, parts[-1].end)
    out = _span(whole, text) or {}
    if len(parts) > 1:
        out["parts"] = [[p.start, p.end] for p in parts]
    return out


def predicted_quote(q: Quote, text: str) -> dict[str, Any]:
    """One quote in the scorer's format."""
    return {
        "speaker": _span(local(q.speaker), text) if q.speaker else None,
        "speaker_name": speaker_name(q.speaker, text),
        "cue": _span(q.cue, text),
        "content": _content(q.content, text),
        "kind": q.kind,
    }


def prediction(item: Analysis) -> dict[str, Any]:
    """One prediction line in the scorer's format."""
    text = item.article.text
    return {"id": item.article.id,
            "quotes": [predicted_quote(q, text) for q in item.quotes or () if q.content]}


def default_scorer(gold: str | Path) -> Path:
    return Path(gold).resolve().parent.parent / "tools" / "score_quotes.py"


def run_scorer(gold: str | Path, pred: str | Path, scorer: str | Path) -> dict[str, Any]:
    """The scorer's JSON result for a prediction file."""
    if not Path(scorer).is_file():
        raise ThucydidesError(Err.E403, path=scorer)
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout.splitlines()[0]))


def evaluate(results: Iterable[Analysis], gold: str | Path, scorer: str | Path | None = None,
             predictions_out: str | Path | None = None) -> dict[str, Any]:
    """Score analysed gold articles; returns the scorer's JSON."""
    scorer = scorer or default_scorer(gold)
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(predictions_out or Path(tmp) / "pred.jsonl")
        with pred_path.open("w", encoding="utf-8") as f:
            for item in results:
                f.write(json.dumps(prediction(item), ensure_ascii=False) + "\n")
        return run_scorer(gold, pred_path, scorer)


def format_report(gold: str | Path, scores: dict[str, Any]) -> str:
    """A readable summary of the scorer's result."""
    c = scores["content"]
    lines = [
        f"gold: {gold} ({scores['articles']} articles)",
        f"  content   P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}"
        f"   (tp {c['tp']}, fp {c['fp']}, fn {c['fn']}; exact {scores['matched_exact_content']})",
        f"  speaker   accuracy {scores['speaker_accuracy']}"
        f"   ({scores['speaker_correct']}/{scores['speaker_evaluated']})",
        f"  cue       accuracy {scores['cue_accuracy']}"
        f"   ({scores['cue_correct']}/{scores['cue_evaluated']})",
    ]
    return "\n".join(lines)
