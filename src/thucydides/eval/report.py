"""Readable reports of the scorers' results: events at several levels, and quotes."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _line(name: str, d: dict[str, Any]) -> str:
    return (f"  {name:<14} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
            f"   (tp {d['tp']}, fp {d['fp']}, fn {d['fn']}; {d['sentences']} sentences)")


def format_report(gold: str | Path, scores: dict[str, dict[str, Any]]) -> str:
    """Event scores per level (``thucydides.eval.events.evaluate``)."""
    lines = [f"gold: {gold}"]
    for level, res in scores.items():
        lines.append(f"level {level}:")
        lines.append(_line("full match", res["full"]))
        lines.append(_line("category-only", res["category_only"]))
        lines.append(_line("actors-only", res["actors_only"]))
        per = res.get("per_category") or {}
        if per:
            lines.append("  per category (full match):")
            for cat, d in per.items():
                lines.append(f"    {cat:<12} F1 {d['f1']:.3f}  P {d['precision']:.3f}  "
                             f"R {d['recall']:.3f}  (gold {d['gold']})")
    return "\n".join(lines)


def format_quotes_report(gold: str | Path, scores: dict[str, Any],
                         kind: str | None = None) -> str:
    """Quote scores (``thucydides.eval.quotes.evaluate``): content P/R/F1, speaker and cue
    accuracy (``kind``: of the quotes of that kind only)."""
    c = scores["content"]
    only = f"; {kind} quotes only" if kind else ""
    lines = [
        f"gold: {gold} ({scores['articles']} articles{only})",
        f"  content   P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}"
        f"   (tp {c['tp']}, fp {c['fp']}, fn {c['fn']}; exact {scores['matched_exact_content']})",
        f"  speaker   accuracy {scores['speaker_accuracy']}"
        f"   ({scores['speaker_correct']}/{scores['speaker_evaluated']})",
        f"  cue       accuracy {scores['cue_accuracy']}"
        f"   ({scores['cue_correct']}/{scores['cue_evaluated']})",
    ]
    return "\n".join(lines)
