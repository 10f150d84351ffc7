"""Shared by the store tests: article corpora written here and table dumps for comparing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from thucydides.store.rows import TABLES

FIXTURES = Path(__file__).parent / "fixtures"
HEADERS = 3 * 4096  # DuckDB's file header and its two database headers
STORY = FIXTURES / "story.jsonl"
ALL_TABLES = TABLES


def dump(db: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in a fixed order, without the run bookkeeping columns."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in ALL_TABLES:
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            keep = ", ".join(f'"{c}"' for c in cols if c != "run_id")
            out[table] = con.execute(f"SELECT {keep} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def count(db: str | Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    finally:
        con.close()


def corpus(path: Path, n: int) -> Path:
    """``n`` short articles on a few stories, with copies and rewrites among them."""
    stories = [json.loads(line) for line in STORY.read_text("utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            base = stories[i % len(stories)]
            text = base["text"] if i < len(stories) else (
                f"Update {i // len(stories)}: " + base["text"])
            f.write(json.dumps({"id": f"a{i}", "text": text, "date": base["date"],
                                "url": f"https://site{i % 4}.example.org/{i}"}) + "\n")
    return path


def damage(db: Path, table: str) -> None:
    """Overwrite the block holding ``table``'s first column segment (not its checksum)."""
    con = duckdb.connect(str(db), read_only=True)
    block_size = con.execute("SELECT block_size FROM pragma_database_size()").fetchall()[0][0]
    block = con.execute(f"SELECT block_id FROM pragma_storage_info('{table}') "
                        "WHERE block_id >= 0 LIMIT 1").fetchall()[0][0]
    con.close()
    with db.open("r+b") as f:
        for offset in range(64, block_size, 4096):
            f.seek(HEADERS + block * block_size + offset)
            f.write(b"\xde\xad\xbe\xef")
