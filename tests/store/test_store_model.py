"""The store with the real coder (needs the spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import STORY

from thucydides.runner import ingest
from thucydides.store.export import export
from thucydides.store.queries import query, stats

pytestmark = pytest.mark.model


def test_real_coder_ingest_and_gdelt_export(tmp_path: Path, coder) -> None:
    db = tmp_path / "m.duckdb"
    report = ingest([str(STORY)], db, coder=coder)
    assert report.counts.articles_added == 6 and report.counts.events_added > 10
    s = stats(db)
    assert s["events"] < s["event_mentions"]  # the wire copy's events are counted once
    roots = query(db, "SELECT count(*) FROM events WHERE is_root").rows[0][0]
    assert 0 < roots < s["event_mentions"]
    n = export(db, "gdelt", tmp_path / "g.tsv")
    lines = (tmp_path / "g.tsv").read_text().splitlines()
    assert n == len(lines) > 0 and {len(line.split("\t")) for line in lines} == {61}
