"""What the benchmark and load-test scripts share: the project root, the default corpus (the
article texts of ../shared/gold/dev/quotes_polnear_dev.jsonl) and writing a corpus as plain
id/text records. Scripts import it by name (``from _corpus import ...``): Python puts a
script's own folder on ``sys.path``."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "gold" / "dev" / "quotes_polnear_dev.jsonl"


def texts_only(src: Path, dst: Path) -> int:
    """The corpus as id/text records (gold annotations dropped); the number written. A bad
    line of ``src`` raises E405 naming it."""
    from thucydides.eval.gold import read_gold

    rows = read_gold(src)
    with dst.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"id": row["id"], "text": row["text"]}) + "\n")
    return len(rows)
