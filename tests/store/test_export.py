"""Counting an event once, and the exports: GDELT, PLOVER, Parquet, CSV, JSONL round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner
from store_fakes import FakeCoder
from store_helpers import STORY

from thucydides.cli import main
from thucydides.runner import ingest
from thucydides.store import StoreError
from thucydides.store.aggregate import components
from thucydides.store.export import FORMATS, count_rows, export
from thucydides.store.gdelt import COLUMNS, Segments
from thucydides.store.queries import query
from thucydides.store.selection import Selection


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    extra = folder / "extra.jsonl"
    extra.write_text(
        '{"id": "x1", "date": "2024-03-12", "url": "https://other.example/1", '
        '"text": "Serbia accused Kosovo again. Italy, Russia and Ukraine met."}\n'
        '{"id": "x2", "date": "2024-03-20", "url": "https://other.example/2", '
        '"text": "Serbia accused Kosovo, once more. Russia did not attack Ukraine."}\n')
    path = folder / "e.duckdb"
    ingest([str(STORY), str(extra)], path, coder=FakeCoder())
    return path


@pytest.mark.parametrize(("nodes", "same"), [
    # (what, cluster, day): same cluster -> same event, whatever the day
    ([("A|B|040", "c1", "2024-03-12"), ("A|B|040", "c1", "2024-03-13")], True),
    # same day, different clusters -> same event
    ([("A|B|040", "c1", "2024-03-12"), ("A|B|040", "c2", "2024-03-12")], True),
    # different day and cluster -> different events
    ([("A|B|040", "c1", "2024-03-12"), ("A|B|040", "c2", "2024-03-20")], False),
    # different actors or code -> different events
    ([("A|B|040", "c1", "2024-03-12"), ("B|A|040", "c1", "2024-03-12")], False),
    # no day: only the cluster links
    ([("A|B|040", "c1", None), ("A|B|040", "c2", None)], False),
])
def test_the_same_event(nodes: list[tuple[str, str, str | None]], same: bool) -> None:
    a, b = components(nodes)
    assert (a == b) is same


def test_transitive_same_event() -> None:
    nodes = [("A|B|040", "c1", "d1"), ("A|B|040", "c2", "d1"), ("A|B|040", "c2", "d2"),
             ("A|B|040", "c3", "d2"), ("A|B|040", "c4", "d9")]
    comp = components(nodes)
    assert len(set(comp[:4])) == 1 and comp[4] != comp[0]


def test_a_wire_copy_adds_articles_and_sources_not_events(db: Path) -> None:
    export(db, "plover", db.parent / "p.jsonl")
    rows = [json.loads(line) for line in (db.parent / "p.jsonl").read_text().splitlines()]
    attack = [r for r in rows if r["cameo"] == "190" and r["actor"]["text"] == "Belgrade"]
    assert len(attack) == 1  # reported in the original and its wire copy: one event
    counts = [attack[0][k] for k in ("num_mentions", "num_articles", "num_sources",
                                     "num_clusters")]
    assert counts == [2, 2, 2, 1]
    accuse = [r for r in rows if r["actor"]["code"] == "SRB" and r["recipient"]["code"] == "XKX"
              and r["provenance"]["article_id"] in ("x1", "x2")]
    # x1 (12 March) is the day of the original's report: the same event; x2 is a week later
    assert [r["provenance"]["article_id"] for r in accuse] == ["x2"]


EXPECTED = {  # format -> (loader, counted once?)
    "gdelt": (lambda p: duckdb.sql(
        f"SELECT * FROM read_csv('{p}', delim='\\t', header=false, quote='', escape='', "
        f"columns={dict(COLUMNS)!r})").df(), True),
    "plover": (lambda p: pd.read_json(p, lines=True), True),
    "csv": (lambda p: pd.read_csv(p), False),
    "jsonl": (lambda p: duckdb.sql(f"SELECT * FROM read_json_auto('{p}')").df(), False),
    "parquet": (lambda p: pd.read_parquet(p), False),
}


ROUND_TRIPS = [(fmt, unit) for fmt, (_, once) in EXPECTED.items()
               for unit in (("event",) if once else ("event", "mention"))]


@pytest.mark.parametrize("compound", ["pair", "group"])
@pytest.mark.parametrize(("fmt", "unit"), ROUND_TRIPS)
def test_exports_round_trip(db: Path, tmp_path: Path, fmt: str, unit: str,
                            compound: str) -> None:
    out = tmp_path / f"events.{fmt}"
    n = export(db, fmt, out, compound, unit=unit)
    loader, _ = EXPECTED[fmt]
    frame = loader(out)
    assert len(frame) == n == count_rows(db, fmt, compound, unit=unit) > 0
    mentions = query(db, "SELECT count(*) FROM events").rows[0][0]
    groups = query(db, "SELECT count(DISTINCT (article_key, coalesce(event_group, "
                       "'idx:' || idx))) FROM events").rows[0][0]
    if unit == "mention":
        assert n == (mentions if compound == "pair" else groups)
    else:
        assert n < mentions
    if fmt == "gdelt":
        assert list(frame.columns) == [c for c, _ in COLUMNS] and len(COLUMNS) == 61
        assert frame["GLOBALEVENTID"].is_unique
        assert (frame["NumArticles"] >= 1).all() and (frame["NumMentions"] >= 1).all()


@pytest.mark.parametrize("compound", ["pair", "group"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_tells_its_total_first(db: Path, tmp_path: Path, fmt: str,
                                      compound: str) -> None:
    seen: list[tuple[str, int]] = []
    n = export(db, fmt, tmp_path / "out", compound, on_row=lambda: seen.append(("row", 0)),
               on_total=lambda total: seen.append(("total", total)))
    assert seen[0] == ("total", n) and len(seen) == n + 1


@pytest.mark.parametrize(("fmt", "compound"), [("xml", "pair"), ("csv", "triple")])
def test_an_unknown_format_is_refused(db: Path, tmp_path: Path, fmt: str,
                                      compound: str) -> None:
    with pytest.raises(StoreError, match="E164"):
        export(db, fmt, tmp_path / "x", compound)
    assert not (tmp_path / "x").exists()


def test_an_unwritable_output_is_a_coded_error(db: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E165"):
        export(db, "csv", tmp_path / "no" / "such" / "folder" / "x.csv")
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "jsonl", "-o",
                                       str(tmp_path / "missing" / "x.jsonl")])
    assert result.exit_code == 3 and "E165" in result.output  # fatal


SELECTIONS = [  # a filter, and the events (counted once) it selects in the store of STORY
    (Selection(), "SELECT count(DISTINCT agg_id) FROM x"),
    (Selection(source="SRB"), "SELECT count(DISTINCT agg_id) FROM x WHERE starts_with("
                              "source_code, 'SRB')"),
    (Selection(negated=True), "SELECT count(DISTINCT agg_id) FROM x WHERE negated"),
    (Selection(q="serbia", cameo_root="19"),
     "SELECT count(DISTINCT agg_id) FROM x WHERE left(cameo, 2) = '19' "
     "AND contains(lower(sentence_text), 'serbia')"),
]


@pytest.fixture(scope="module")
def all_mentions(db: Path) -> Path:
    export(db, "parquet", db.parent / "all.parquet", unit="mention")
    return db.parent / "all.parquet"


@pytest.mark.parametrize(("selection", "check"), SELECTIONS)
@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_a_filtered_export_holds_the_selected_events(db: Path, all_mentions: Path,
                                                     tmp_path: Path, selection: Selection,
                                                     check: str, fmt: str) -> None:
    """Filtered exports count what the same filter over the whole mention export counts."""
    every = duckdb.read_parquet(str(all_mentions))  # noqa: F841 (read by name below)
    expected = duckdb.sql(check.replace("FROM x", "FROM every")).fetchall()[0][0]
    out = tmp_path / f"sel.{fmt}"
    n = export(db, fmt, out, selection=selection)
    assert n == expected == count_rows(db, fmt, selection=selection) > 0
    read = {"csv": "read_csv", "parquet": "read_parquet", "jsonl": "read_json_auto"}[fmt]
    assert duckdb.sql(f"SELECT count(*), count(DISTINCT agg_id) FROM {read}('{out}')"
                      ).fetchall()[0] == (n, n)


@pytest.mark.parametrize(("fmt", "unit", "sort"), [("gdelt", "mention", "store"),
                                                   ("csv", "events", "store"),
                                                   ("csv", "event", "random")])
def test_unknown_units_and_orders_are_refused(db: Path, tmp_path: Path, fmt: str, unit: str,
                                              sort: str) -> None:
    with pytest.raises(StoreError, match="E164"):
        export(db, fmt, tmp_path / "x", unit=unit, sort=sort)


def test_exports_carry_the_events_day(db: Path, tmp_path: Path) -> None:
    export(db, "jsonl", tmp_path / "d.jsonl", unit="mention")
    rows = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text().splitlines()]
    assert all(r["day"] == (r["date_value"] or r["published"]) for r in rows)


def test_group_exports_hold_actor_lists(db: Path, tmp_path: Path) -> None:
    """A group's row lists the distinct actors of the stored event group ("Italy, Russia and
    Ukraine met.": Italy -> Russia, Italy -> Ukraine), in every format."""
    export(db, "jsonl", tmp_path / "g.jsonl", "group")
    rows = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text().splitlines()]
    assert all(isinstance(r["source_code"], list) for r in rows)
    met = [r for r in rows if r["article_id"] == "x1" and "ITA" in r["source_code"]]
    assert [(r["source_code"], r["target_code"]) for r in met] == [(["ITA"], ["RUS", "UKR"])]
    assert query(db, "SELECT kind, events FROM event_groups").rows == [("compound", [1, 2])]
    export(db, "plover", tmp_path / "p.jsonl", "group")
    plover = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert [[a["code"] for a in r["recipient"]] for r in plover
            if r["actor"][0]["code"] == "ITA"] == [["RUS", "UKR"]]
    export(db, "gdelt", tmp_path / "g.tsv", "group")
    assert "\tRUS;UKR\tRussia;Ukraine\t" in (tmp_path / "g.tsv").read_text()


def test_gdelt_never_exports_negated_events(db: Path, tmp_path: Path) -> None:
    export(db, "gdelt", tmp_path / "g.tsv")
    lines = (tmp_path / "g.tsv").read_text().splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    negated = query(db, "SELECT count(*) FROM events WHERE negated").rows[0][0]
    assert negated > 0
    # "Russia did not attack Ukraine" is the only RUS -> UKR event
    assert not any("\tRUS\t" in line and "\t190\t" in line for line in lines)
    plover = tmp_path / "p.jsonl"
    export(db, "plover", plover)
    assert '"negated": true' in plover.read_text()


@pytest.mark.parametrize(("code", "country", "expected"), [
    ("RUSGOV", "RUS", ("RUS", None, None, "GOV", None)),
    ("USAMILREB", None, ("USA", None, None, "MIL", "REB")),
    ("IGOUNOHRI", None, (None, "UNO", None, "IGO", "HRI")),
    ("IGOWSTNAT", None, (None, "NAT", None, "IGO", None)),
    ("EUR", None, ("EUR", None, None, None, None)),
    ("IRQMOSSHI", "IRQ", ("IRQ", None, "MOS", None, None)),
    ("GOV", None, (None, None, None, "GOV", None)),
    (None, None, (None, None, None, None, None)),
])
def test_gdelt_actor_columns(code: str | None, country: str | None,
                             expected: tuple[str | None, ...]) -> None:
    s = Segments.load().split(code, country)
    got = (s["CountryCode"], s["KnownGroupCode"], s["Religion1Code"], s["Type1Code"],
           s["Type2Code"])
    assert got == expected


def test_cli_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "c.duckdb")
    result = runner.invoke(main, ["stats", "--db", db])
    assert result.exit_code == 3 and "E161" in result.output  # fatal
    from thucydides.runner import ingest as ingest_fn

    ingest_fn([str(STORY)], db, coder=FakeCoder())
    result = runner.invoke(main, ["stats", "--db", db, "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["articles"] == 6
    result = runner.invoke(main, ["query", "--db", db, "SELECT id FROM articles ORDER BY seq"])
    assert result.output.splitlines()[:3] == ["id", "orig", "wire-copy"]
    result = runner.invoke(main, ["query", "--db", db, "DELETE FROM articles"])
    assert result.exit_code == 2 and "E162" in result.output
    out = tmp_path / "x.csv"
    result = runner.invoke(main, ["export", "--db", db, "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0 and out.exists()


@pytest.mark.model
def test_cli_ingest_exit_status_says_whether_records_failed(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.jsonl", tmp_path / "good.jsonl"
    bad.write_text('{"id": "a", "text": "Serbia met Kosovo."}\n{broken\n{"id": "b"}\n')
    good.write_text('{"id": "c", "text": "Serbia met Kosovo."}\n')
    args = ["ingest", str(bad), "--db", str(tmp_path / "i.duckdb"), "--json"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1 and "2 records failed" in first.output
    report = json.loads(first.stdout)
    assert report["records_failed"] == 2 and report["errors_added"] == 2
    again = CliRunner().invoke(main, args)  # the same records fail again; no new error rows
    assert again.exit_code == 1 and json.loads(again.stdout)["errors_added"] == 0
    clean = CliRunner().invoke(main, ["ingest", str(good), "--db", str(tmp_path / "i.duckdb")])
    assert clean.exit_code == 0
    settings = CliRunner().invoke(main, ["ingest", str(good), "--batch-size", "0"])
    assert settings.exit_code == 2 and "E108" in settings.output  # a usage error
