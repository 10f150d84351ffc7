"""Compare two folders of ``thucydides code`` outputs (JSON lines), file by file.

    python scripts/compare_outputs.py BEFORE_DIR AFTER_DIR [--ignore KEY ...]

Records are matched by line number and compared as parsed JSON, without the top-level keys to
ignore (default: ``groups``, the event-group record added by the one output schema). Prints, per
``*.jsonl`` file of BEFORE_DIR, the number of records and how many differ (a file missing from
AFTER_DIR, or a different number of lines, counts every unmatched record as differing), then
the first difference of each file that has one. Exit status 0 when nothing differs, else 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_IGNORE = ("groups",)


def records(path: Path, ignore: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out.append({k: v for k, v in record.items() if k not in ignore})
    return out


def compare(before: Path, after: Path, ignore: tuple[str, ...]) -> tuple[int, int, str | None]:
    """(records, records that differ, the first difference) of one file."""
    old = records(before, ignore)
    new = records(after, ignore) if after.exists() else []
    differ, first = abs(len(old) - len(new)), None
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            differ += 1
            if first is None:
                keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
                first = f"line {i + 1} (id {a.get('id')!r}): keys {keys} differ"
    if first is None and len(old) != len(new):
        first = f"{len(old)} records before, {len(new)} after"
    return max(len(old), len(new)), differ, first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--ignore", nargs="*", default=list(DEFAULT_IGNORE),
                        help="top-level keys left out of the comparison")
    args = parser.parse_args(argv)
    ignore = tuple(args.ignore)
    total_differ, notes = 0, []
    print(f"{'file':40} {'records':>8} {'differ':>7}")
    for path in sorted(args.before.glob("*.jsonl")):
        n, differ, first = compare(path, args.after / path.name, ignore)
        total_differ += differ
        print(f"{path.name:40} {n:>8} {differ:>7}")
        if first:
            notes.append(f"{path.name}: {first}")
    for note in notes:
        print(note)
    return 0 if total_differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
