"""The CAMEO table and its PLOVER 2.0 mapping, including the documented departures."""

from __future__ import annotations

import pytest

from thucydides.events.ontology import Ontology


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("163", "COERCE", "restrict"),  # the 2021 table and the PLV coders; see docs/ontology.md
        ("010", None, None),  # statements: no PLOVER event
        ("0241", None, None),  # appeals: no PLOVER event
        ("080", None, None),  # bare yield is ambiguous between CONCEDE and RETREAT
        ("081", "CONCEDE", None),
        ("0841", "RETREAT", "release"),
        ("0871", "RETREAT", "ceasefire"),
        ("1712", "ASSAULT", None),
        ("175", "ASSAULT", None),
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("041", "CONSULT", "phone"),
        ("112", "ACCUSE", "allege"),
        ("116", "ACCUSE", "disapprove"),  # the 2021 table
        ("186", "ASSAULT", "targeted"),
        ("1056", "REQUEST", "yield"),
        ("173", "COERCE", "arrest"),
        ("195", "ASSAULT", "aerial"),  # 2.0 mode; the 2021 table said heavy-weapons
        ("2042", "ASSAULT", "unconventional"),
    ],
)
def test_plover(ontology, code, plover, mode):
    info = ontology.info(code)
    assert (info.plover, info.mode) == (plover, mode)


@pytest.mark.parametrize(
    ("code", "goldstein", "quad", "penta"),
    [
        ("040", 1.0, 1, 1),
        ("057", 8.0, 1, 1),
        ("073", 7.4, 2, 2),
        ("112", -2.0, 3, 3),
        ("145", -7.5, 3, 4),  # GDELT quad: 14 is verbal conflict; Multi-CoPED penta: material
        ("163", -8.0, 4, 3),
        ("190", -10.0, 4, 4),
        ("1213", -4.0, 3, 3),  # missing from GDELT's table: ICEWS's value
    ],
)
def test_scores(ontology, code, goldstein, quad, penta):
    info = ontology.info(code)
    assert (info.goldstein, info.quad_class, info.penta) == (goldstein, quad, penta)


def test_every_code_has_a_root(ontology):
    roots = {c for c in ontology.codes if len(c) == 2}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert all(c[:2] in roots for c in ontology.codes)


def test_complement_map_inner_must_be_a_cameo_code_or_prefix(ontology, tmp_path, monkeypatch):
    from thucydides.datafiles import load_tables
    from thucydides.errors import DataFileError
    from thucydides.events import lexicon

    bad = tmp_path / "complement_map.tsv"
    bad.write_text("family\tinner\tcode\nintent\t99\t036\n", encoding="utf-8")

    def with_bad_row(package, name, extra=None):
        return load_tables(package, name, [bad] if name == "complement_map" else extra)

    monkeypatch.setattr(lexicon, "load_tables", with_bad_row)
    with pytest.raises(DataFileError) as exc:
        lexicon.Lexicon.load(ontology)
    assert exc.value.code == "E201" and f"{bad}:2" in str(exc.value)
    assert "'99' is no CAMEO code" in str(exc.value)


def test_every_refusal_has_a_code(ontology):
    """The coder turns a negated future cooperation into the 'reject' family's code; the
    map's 'reject *' row makes sure there always is one."""
    from thucydides.events.lexicon import Lexicon

    lex = Lexicon.load(ontology)
    assert ("reject", "*") in lex.code_map
    assert lex.transform("reject", "0874") is not None
