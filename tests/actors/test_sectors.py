"""The sector table (actors/data/sectors.tsv): one label per sector, the only list of sector
codes (agents, aliases, roles and the TABARI importer check against it), and the names agent
actors get from it."""

from __future__ import annotations

import pytest

from thucydides.actors.compose import agent_actor, mentions_from_hits
from thucydides.actors.kb import Alias, Entry, KnowledgeBase
from thucydides.actors.matcher import Agent, Matcher, load_agents
from thucydides.actors.sectors import Sectors
from thucydides.actors.tabari import import_files
from thucydides.datafiles import load_tables
from thucydides.errors import DataFileError


@pytest.fixture(scope="module")
def sectors():
    return Sectors.load()


def test_every_sector_has_a_label(sectors):
    assert len(sectors.labels) == 42
    for code, label in sectors.labels.items():
        assert label.strip() and label != code.lower(), code


def test_data_sectors_are_known(sectors):
    used = {a.sector for a in load_agents()}
    used |= {r["sector"] for name in ("aliases", "roles")
             for r in load_tables("thucydides.actors", name) if r["sector"]}
    assert used <= set(sectors.labels)


ENTRIES = {
    "country:UKR": Entry("country:UKR", "state", "Ukraine", "UKR", "UKR"),
    "country:ISR": Entry("country:ISR", "state", "Israel", "ISR", "ISR"),
}
ALIASES = [Alias("country:UKR", "Ukrainian", "adjective", None, False),
           Alias("country:ISR", "Israeli", "adjective", None, False)]
AGENTS = [Agent("separatists", "SEP", None), Agent("settlers", "SET", None),
          Agent("troops", "MIL", None)]


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("Ukrainian separatists", "UKRSEP", "Ukraine separatists"),
        ("Israeli settlers", "ISRSET", "Israel settlers"),
        ("Ukrainian troops", "UKRMIL", "Ukraine military"),
        ("separatists", "SEP", "separatists"),  # no country: the sector alone
    ],
)
def test_composed_agents_get_readable_names(text, code, name):
    kb = KnowledgeBase.build(ENTRIES, ALIASES, [])
    (m,) = mentions_from_hits(text, Matcher(kb.aliases, AGENTS).find(text), kb, None)
    assert (m.actor.code, m.actor.name) == (code, name)


def test_agent_actor(sectors):
    actor = agent_actor("SEP", sectors, base="UKR", of="Ukraine", actor_id="country:UKR",
                        country="UKR")
    assert (actor.code, actor.name, actor.id, actor.kind) == (
        "UKRSEP", "Ukraine separatists", "country:UKR", "agent")
    titled = agent_actor("GOV", sectors, base="IND", of="India", title="Foreign Minister")
    assert titled.name == "India Foreign Minister"


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("aliases.tsv", "actor\talias\ttype\tsector\tcase\n"
                        "country:RUS\tthe Russian navy\tname\tXYZ\tfold\n"),
        ("roles.tsv", "actor\tcountry\tsector\toffice\ttitle\tstart\n"
                      "person:sergey-lavrov\tRUS\tXYZ\tforeign_minister\tMinister\t2004\n"),
    ],
)
def test_unknown_sector_in_user_rows_names_file_and_line(tmp_path, name, rows):
    (tmp_path / name).write_text(rows, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        KnowledgeBase.load([tmp_path])
    assert exc.value.code == "E201"
    assert f"{tmp_path / name}:2" in str(exc.value) and "'XYZ' is not a sector" in str(exc.value)


def test_tabari_import_knows_every_sector(tmp_path):
    path = tmp_path / "d.actors.txt"
    path.write_text("GIDEON_\n\t[ISRSET 950101-990101]\n\t[ISRXYZ > 990102]\n"
                    "BACKWARDS_\n\t[ISRGOV 20000101-19990101]\n", encoding="utf-8")
    imported = import_files([path])
    assert [(r["code"], r["sector"]) for r in imported.roles] == [("ISRSET", "SET"),
                                                                  ("ISRXYZ", "UNK")]
    assert any("ends before it starts" in s for s in imported.skipped)
