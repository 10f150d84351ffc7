"""The event-case tables (tests/data/event_cases/*.tsv): one invented sentence per lexicon row
(the family files and core.tsv), with the code, source and target the coder must find. Run
through the full pipeline.

The parser gets some sentences wrong, so the gate is a pinned pass rate per table; a drop below it
fails with the list of sentences that no longer code.
"""

from __future__ import annotations

import csv

import pytest

from support import DATA
from thucydides.records import Article

pytestmark = pytest.mark.model

# Pinned floors (pass rates). Raise them when the coder improves; lowering one is an explained
# change in the commit that does it.
FLOORS = {"cooperation.tsv": 0.85, "conflict.tsv": 0.85, "core.tsv": 0.95}
# The decision layer on the same sentences (measured 0.849 / 0.777 / 0.903 with events.v1): it
# follows the gold coders where they depart from the codebook (imposed sanctions are COERCE).
MODEL_FLOORS = {"cooperation.tsv": 0.82, "conflict.tsv": 0.75, "core.tsv": 0.87}


def load(name: str) -> list[dict[str, str]]:
    with (DATA / "event_cases" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))


def covers(ref, text: str, expected: str) -> bool:
    if not expected:
        return True  # no target given: not checked
    if ref is None:
        return False
    start = text.find(expected)
    return ref.span.start < start + len(expected) and start < ref.span.end


@pytest.fixture(scope="module")
def rules():
    """The rules alone, keeping hypotheticals and unresolved actors: the tables test the rows
    the rules propose from."""
    from thucydides import Coder, Settings

    return Coder.load(Settings(decider="rules", emit_unresolved=True, emit_hypothetical=True))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_case_table(rules, name):
    assert_table(rules, name, FLOORS[name])


@pytest.mark.parametrize("name", sorted(MODEL_FLOORS))
def test_event_case_table_decided(coder, name):
    """The same invented sentences through the default coder: the decision layer keeps the
    rows' events (never trained on these sentences: they measure it out of sample)."""
    assert_table(coder, name, MODEL_FLOORS[name])


def assert_table(coder, name: str, floor: float) -> None:
    rows = load(name)
    articles = [Article(id=str(i), text=r["sentence"]) for i, r in enumerate(rows)]
    failures = []
    for row, result in zip(rows, coder.run(articles), strict=True):
        text = row["sentence"]
        ok = any(e.cameo == row["code"] and covers(e.source, text, row["source"])
                 and covers(e.target, text, row["target"]) for e in result.events)
        if not ok:
            got = [(e.cameo, e.source and e.source.span.of(text),
                    e.target and e.target.span.of(text)) for e in result.events]
            failures.append(f"{row['code']} {text!r}: got {got}")
    rate = 1 - len(failures) / len(rows)
    assert rate >= floor, f"{rate:.3f} < {floor}:\n" + "\n".join(failures)


def test_tables_cover_every_root():
    roots = {r["code"][:2] for name in FLOORS for r in load(name)}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}
