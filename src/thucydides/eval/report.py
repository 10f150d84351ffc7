"""A readable report of event scores at several levels."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _line(name: str, d: dict[str, Any]) -> str:
    return (f"  {name:<14} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
            f"   (tp {d['tp']}, fp {d['fp']}, fn {d['fn']}; {d['sentences']} sentences)")


def format_report(gold: str | Path, scores: dict[str, dict[str, Any]]) -> str:
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
