"""Actor matching and composition: the KB test tables (one row per alias or agent phrase) and the
composition rules on a small base built in memory."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from support import DATA
from thucydides.actors.compose import mentions_from_hits
from thucydides.actors.kb import Alias, Entry, KnowledgeBase, Role, partial_date
from thucydides.actors.matcher import Agent, Matcher


def table(name: str) -> list[dict[str, str]]:
    with (DATA / "kb_cases" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))


def mentions(text, kb, matcher, date=None):
    return [(m.span.of(text), m.actor.code if m.actor else None)
            for m in mentions_from_hits(text, matcher.find(text), kb, date)]


@pytest.fixture(scope="module")
def real(kb):
    return kb, Matcher.load(kb)


@pytest.mark.parametrize("row", table("countries.tsv"), ids=lambda r: r["mention"])
def test_country_table(real, row):
    found = mentions(row["mention"], *real)
    assert len(found) == 1 and found[0][1].startswith(row["code"]), found


@pytest.mark.parametrize("row", table("agents.tsv"), ids=lambda r: r["phrase"])
def test_agent_table(real, row):
    found = mentions(row["phrase"], *real)
    assert found == [(row["phrase"], row["code"])] or (
        len(found) == 1 and found[0][1] == row["code"]), found


# ----------------------------------------------------------------- a base built in memory

ENTRIES = {
    "country:RUS": Entry("country:RUS", "state", "Russia", "RUS", "RUS"),
    "country:UKR": Entry("country:UKR", "state", "Ukraine", "UKR", "UKR"),
    "country:USA": Entry("country:USA", "state", "United States", "USA", "USA"),
    "person:a-b": Entry("person:a-b", "person", "Anna Bell", None, "UKR"),
}
ALIASES = [
    Alias("country:RUS", "Russia", "short", None, False),
    Alias("country:RUS", "Russian", "adjective", None, False),
    Alias("country:RUS", "Moscow", "capital", "GOV", False),
    Alias("country:UKR", "Ukraine", "short", None, False),
    Alias("country:UKR", "Kyiv", "capital", "GOV", False),
    Alias("country:USA", "US", "abbrev", None, True),
    Alias("person:a-b", "Anna Bell", "name", None, False),
]
ROLES = [Role("person:a-b", "UKR", None, "GOV", "foreign_minister", "Foreign Minister",
              dt.date(2020, 1, 1), dt.date(2021, 6, 30))]
AGENTS = [Agent("troops", "MIL", None), Agent("civilians", "CVL", None),
          Agent("foreign minister", "GOV", "foreign_minister"), Agent("rebels", "REB", None),
          Agent("government", "GOV", None), Agent("congress", "LEG", None)]


@pytest.fixture(scope="module")
def small():
    kb = KnowledgeBase.build(ENTRIES, ALIASES, ROLES)
    return kb, Matcher(kb.aliases, AGENTS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops", [("Russian troops", "RUSMIL")]),
        ("Russia's troops", [("Russia's troops", "RUSMIL")]),
        ("Russia’s troops", [("Russia’s troops", "RUSMIL")]),
        ("the government of Ukraine", [("government of Ukraine", "UKRGOV")]),
        ("US Congress", [("US Congress", "USALEG")]),
        ("Moscow", [("Moscow", "RUSGOV")]),
        ("us", []),  # case-exact alias
        ("Russians", []),  # whole words only
        # no composition across a verb, a conjunction or a preposition
        ("Russia attacked civilians", [("Russia", "RUS"), ("civilians", "CVL")]),
        ("Russia and the rebels", [("Russia", "RUS"), ("rebels", "REB")]),
        ("Ukraine with troops", [("Ukraine", "UKR"), ("troops", "MIL")]),
    ],
)
def test_composition(small, text, expected):
    assert mentions(text, *small) == expected


@pytest.mark.parametrize(
    ("date", "code", "name"),
    [
        (dt.date(2020, 5, 1), "UKRGOV", "Anna Bell"),  # the office holder on the date
        (dt.date(2023, 5, 1), "UKRGOV", "Ukraine government"),  # no holder known: the sector
    ],
)
def test_office_resolves_to_holder_on_date(small, date, code, name):
    kb, matcher = small
    text = "Ukraine's foreign minister"
    (m,) = mentions_from_hits(text, matcher.find(text), kb, date)
    assert (m.actor.code, m.actor.name) == (code, name)


def test_title_absorbs_name(small):
    kb, matcher = small
    text = "Ukrainian foreign minister Anna Bell"
    found = mentions(text, kb, matcher, dt.date(2020, 5, 1))
    assert found == [("foreign minister Anna Bell", "UKRGOV")]


@pytest.mark.parametrize(
    ("value", "last", "expected"),
    [("2019", False, dt.date(2019, 1, 1)), ("2019", True, dt.date(2019, 12, 31)),
     ("2019-02", True, dt.date(2019, 2, 28)), ("2019-12", True, dt.date(2019, 12, 31)),
     ("2019-05-07", True, dt.date(2019, 5, 7))],
)
def test_partial_dates(value, last, expected):
    assert partial_date(value, last) == expected


@pytest.mark.parametrize(
    ("name", "rows", "message"),
    [
        ("actors.tsv", "id\tkind\tname\tcode\ncountry:RUS\tstate\tRussia again\tRUS\n",
         "duplicate of thucydides.actors/data/actors/countries.tsv"),
        ("aliases.tsv", "actor\talias\ttype\tcase\nperson:nobody\tNobody\tname\tfold\n",
         "unknown actor id 'person:nobody'"),
        ("roles.tsv", "actor\tsector\toffice\ttitle\tstart\n"
                      "person:sergey-lavrov\tGOV\tforeign_minister\tMinister\t2004-13\n",
         "not a date"),
        ("roles.tsv", "actor\torg\tsector\toffice\ttitle\tstart\n"
                      "person:sergey-lavrov\tigo:nobody\tIGO\tchair\tChair\t2004\n",
         "unknown org id 'igo:nobody'"),
        ("roles.tsv", "actor\tcountry\tsector\toffice\ttitle\tstart\tend\n"
                      "person:sergey-lavrov\tRUS\tGOV\tforeign_minister\tMinister\t2004-03\t"
                      "2004-02\n",
         "end 2004-02 is before start 2004-03"),
    ],
)
def test_contradicting_user_rows_name_file_and_line(tmp_path, name, rows, message):
    from thucydides.errors import DataFileError

    (tmp_path / name).write_text(rows, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        KnowledgeBase.load([tmp_path])
    assert f"{tmp_path / name}:2" in str(exc.value) and message in str(exc.value)


def test_user_rows_win_over_built_in_readings(tmp_path):
    (tmp_path / "actors.tsv").write_text("id\tkind\tname\tcode\nmine:kremlin\torganization\t"
                                         "My Kremlin\tXYZGOV\n", encoding="utf-8")
    (tmp_path / "aliases.tsv").write_text("actor\talias\ttype\tcase\nmine:kremlin\tKremlin\t"
                                          "name\tfold\n", encoding="utf-8")
    kb = KnowledgeBase.load([tmp_path])
    assert mentions("the Kremlin said", kb, Matcher.load(kb))[0][1] == "XYZGOV"


@pytest.mark.parametrize(
    ("folder", "message"),
    [("missing", "no such folder"), ("empty", "none of actors.tsv, aliases.tsv, roles.tsv")],
)
def test_kb_extra_folder_must_hold_kb_files(tmp_path, folder, message):
    from thucydides.errors import DataFileError

    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a table", encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        KnowledgeBase.load([tmp_path / folder])
    assert exc.value.code == "E204"
    assert str(tmp_path / folder) in str(exc.value) and message in str(exc.value)


@pytest.mark.parametrize("name", ["Cote d'Ivoire", "Cote d’Ivoire", "Cote d‘Ivoire",
                                  "Cote dʼIvoire", "CÔTE D’IVOIRE"])
def test_lookup_folds_apostrophes_as_the_matcher_does(real, name):
    from thucydides.actors.lookup import lookup

    kb, matcher = real
    assert [a["id"] for a in lookup(kb, name)] == ["country:CIV"]
    assert [m[1] for m in mentions(name, kb, matcher)] == ["CIV"]
