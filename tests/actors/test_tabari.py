"""The TABARI/PETRARCH actor-dictionary importer: the format table-driven, and PETRARCH's own
date-restricted unit tests (../shared) through the importer and the knowledge base."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from support import shared_path
from thucydides.actors.compose import mentions_from_hits
from thucydides.actors.kb import KnowledgeBase
from thucydides.actors.matcher import Matcher
from thucydides.actors.tabari import import_files, tabari_date, write_folder

DICTIONARY = """\
<!-- a comment block
     over two lines -->
ARNOR_  [ARN]  # a comment
+ARNORIAN
JAMES_BYRNES_  ; CountryInfo.txt
\t[USAELI 18970101-450703]
\t[USAGOV 450703-470121]
SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
THE_SHIRE  [FRO/BIL/SAM]
NOBODY [---]
"""


@pytest.fixture()
def imported(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return import_files([path])


def test_entries_synonyms_and_defaults(imported):
    names = {a["id"]: a for a in imported.actors}
    assert names["tabari:arnor"]["code"] == "ARN"
    assert {a["alias"] for a in imported.aliases if a["actor"] == "tabari:arnor"} == {
        "ARNOR", "ARNORIAN"}
    assert names["tabari:nobody"]["code"] == ""  # the null code


def test_date_restrictions_become_roles(imported):
    roles = [(r["code"], r["start"], r["end"]) for r in imported.roles
             if r["actor"] == "tabari:smeagol"]
    assert roles == [("HOB", "0001-01-01", "1995-06-01"), ("HOBGOV", "1995-06-01", "1999-08-15"),
                     ("HOBREB", "1999-08-16", "")]


def test_unimportable_entries_are_reported(imported):
    assert any("FRO/BIL/SAM" in s for s in imported.skipped)


@pytest.mark.parametrize(("raw", "iso"), [("450703", "1945-07-03"), ("070723", "2007-07-23"),
                                          ("300101", "2030-01-01"), ("19950601", "1995-06-01")])
def test_two_and_four_digit_years(raw, iso):
    assert tabari_date(raw) == iso


def test_written_folder_loads_into_the_knowledge_base(imported, tmp_path):
    counts = write_folder(imported, tmp_path / "kb")
    assert counts["roles"] == 5
    kb = KnowledgeBase.load([tmp_path / "kb"])
    assert kb.resolve("tabari:james-byrnes", dt.date(1946, 1, 1)).code == "USAGOV"
    assert kb.resolve("tabari:james-byrnes", dt.date(1940, 1, 1)).code == "USAELI"


def petrarch_date_records():
    xml = shared_path("data", "petrarch_tests", "PETR.UnitTest.records.xml").read_text(
        encoding="utf-8")
    for m in re.finditer(r'<Sentence date="(\d+)" id="(DATE-\d+)"[^>]*>(.*?)</Sentence>', xml,
                         re.S):
        date = dt.date(int(m[1][:4]), int(m[1][4:6]), int(m[1][6:]))
        codes = set(re.findall(r'(?:source|target)code="([^"]+)"', m[3])) - {"---", "---GOV"}
        text = " ".join(re.search(r"<Text>(.*?)</Text>", m[3], re.S)[1].split())
        yield m[2], date, text, codes


def test_petrarch_date_restricted_unit_tests(tmp_path):
    dictionary = shared_path("data", "petrarch_tests", "PETR.Validate.actors.txt")
    write_folder(import_files([dictionary]), tmp_path / "petr")
    kb = KnowledgeBase.load([tmp_path / "petr"])
    matcher = Matcher.load(kb)
    failures = []
    records = list(petrarch_date_records())
    assert len(records) == 21
    for rid, date, text, expected in records:
        found = {m.actor.code for m in mentions_from_hits(text, matcher.find(text), kb, date)
                 if m.actor}
        if not expected <= found:
            failures.append(f"{rid} {date}: expected {expected}, found {found}")
    assert not failures, "\n".join(failures)
