"""The people tables of the knowledge base (tests/data/kb_cases/people_*.tsv): a name as news
writes it, a date, and the code and office it must resolve to on that date (empty: no office)."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from support import DATA
from thucydides.actors.lookup import lookup

FILES = sorted(p.name for p in (DATA / "kb_cases").glob("people_*.tsv"))


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / "kb_cases" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))


def resolves(kb, row: dict[str, str]) -> bool:
    date = dt.date.fromisoformat(row["date"])
    found = lookup(kb, row["name"], date)
    offices = {a["id"]: {r["office"] for r in a["roles"]
                         if r["start"] <= row["date"] <= (r["end"] or "9999")} for a in found}
    for a in found:
        if not row["office"]:
            if not offices[a["id"]]:
                return True
        elif a["code"] == row["code"] and row["office"] in offices[a["id"]]:
            return True
    return False


@pytest.mark.parametrize("name", FILES)
def test_people_cases(kb, name):
    failures = [f"{r['name']} {r['date']}: expected {r['code']} {r['office']}"
                for r in rows(name) if not resolves(kb, r)]
    assert not failures, "\n".join(failures)
