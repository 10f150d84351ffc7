"""Compare predictions with gold event files, for error analysis (not a scorer).

    thucydides eval GOLD --predictions PRED.jsonl --level plover
    python scripts/eval_diff.py GOLD PRED [--level plover] [--show N]

Prints a category confusion table (gold category -> predicted categories in the same sentence)
and N sample sentences per error type.
"""

from __future__ import annotations

import argparse
import collections
import json
import random

from thucydides.eval.gold import read_gold


def category(e: dict, level: str) -> str | None:
    if level == "plover":
        return e.get("plover")
    if level == "penta":
        return str(e["penta"]) if e.get("penta") is not None else None
    c = e.get("cameo")
    return c[:2] if c else None


def overlaps(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.get("start") is None or b.get("start") is None:
        return True
    return a["start"] < b["end"] and b["start"] < a["end"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--level", default="plover")
    ap.add_argument("--show", type=int, default=5)
    a = ap.parse_args()
    gold = read_gold(a.gold)
    with open(a.pred, encoding="utf-8") as f:
        pred = {r["id"]: r["events"] for r in (json.loads(x) for x in f if x.strip())}
    confusion: collections.Counter = collections.Counter()
    kinds: dict[str, list] = collections.defaultdict(list)
    for g in gold:
        gevs = [e for e in g["events"] if category(e, a.level)]
        pevs = [e for e in pred.get(g["id"], []) if category(e, a.level)]
        for ge in gevs:
            cats = sorted({category(p, a.level) for p in pevs}) or ["-"]
            confusion[(category(ge, a.level), ",".join(cats))] += 1
            same = [p for p in pevs if category(p, a.level) == category(ge, a.level)]
            if not pevs:
                kind = "no prediction"
            elif not same:
                kind = "wrong category"
            elif not any(overlaps(ge["source"], p["source"]) for p in same):
                kind = "wrong source"
            elif not any(overlaps(ge["target"], p["target"]) for p in same):
                kind = "wrong target"
            else:
                continue
            kinds[kind].append((g["text"], ge, pevs))
    print("gold -> predicted categories (top 40):")
    for (gc, pc), n in confusion.most_common(40):
        print(f"  {n:4d}  {gc:<10} -> {pc}")
    rnd = random.Random(0)
    for kind, items in kinds.items():
        print(f"\n== {kind}: {len(items)}")
        for text, ge, pevs in rnd.sample(items, min(a.show, len(items))):
            def fmt(e: dict) -> str:
                s = (e.get("source") or {}).get("text")
                t = (e.get("target") or {}).get("text")
                return f"{category(e, a.level)} [{s}] -> [{t}]"
            print(f"  {text[:200]}\n    gold {fmt(ge)}\n    pred " +
                  "; ".join(fmt(p) for p in pevs))


if __name__ == "__main__":
    main()
