"""The cue lexicon as data: it validates, its cue words make sentence triage parse a cue's
sentence (as ``Resources`` feeds them), bad rows are caught."""

from __future__ import annotations

import pytest

from thucydides.api import load_irregular
from thucydides.datafiles import load_table, validate_file
from thucydides.errors import DataFileError
from thucydides.events.ontology import Ontology
from thucydides.nlp.triage import needs_parse, trigger_forms
from thucydides.quotes.lexicon import CueLexicon

HEADER = "lemma\tpos\tclass\tact\thedged\tcameo\tcontent\taddressee\tnote\n"


def test_built_in_cues_load_and_name_their_version() -> None:
    lex = CueLexicon.load()
    assert lex.version == "cues.v1"
    say = lex.get("say", "VERB")
    assert say is not None and (say.act, say.hedged, say.cameo) == ("assert", False, "010")
    claim = lex.get("claim", "VERB")
    assert claim is not None and claim.hedged
    assert lex.get("say", "AUX") == say  # "says" tagged as an auxiliary
    assert [c.lemma for c in lex.phrases] == ["according to"]


def test_cameo_codes_of_cues_are_in_the_ontology() -> None:
    ontology = Ontology.load()
    for cue in CueLexicon.load().cues.values():
        assert cue.cameo is None or cue.cameo in ontology, cue


def test_classes_can_be_left_out() -> None:
    speech = CueLexicon.load(classes=("speech", "source"))
    assert speech.get("believe", "VERB") is None
    assert speech.get("say", "VERB") is not None


@pytest.mark.parametrize("sentence, parsed", [
    ("according to the ministry , the talks resume", True),
    ("officials claimed the talks resume", True),
    ("the minister insisted", True),
    ("the weather was fine", False),
])
def test_cue_words_reach_triage(sentence: str, parsed: bool) -> None:
    forms = trigger_forms(CueLexicon.load().cue_words(), load_irregular())
    assert needs_parse(sentence.split(), forms) is parsed


@pytest.mark.parametrize("row, detail", [
    ("say\tVERB\tspeech\tshout\t0\t010\tclause\t\t\n", "act"),
    ("say\tVERB\tspeech\tassert\t0\t999\tclause\t\t\n", "cameo"),
    ("say\tVERB\tspeech\tassert\t0\t010\tsentence\t\t\n", "content"),
    ("say\tVERB\tspeech\tassert\t0\t010\t\t\t\n", "content"),
    ("Say\tVERB\tspeech\tassert\t0\t010\tclause\t\t\n", "lemma"),
])
def test_bad_rows_are_caught_with_file_and_line(tmp_path, row: str, detail: str) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("# a comment\n" + HEADER + row, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        validate_file(path, "thucydides.quotes", "cues")
    assert f"{path}:3" in str(err.value) and detail in str(err.value)


def test_duplicate_cue_is_caught(tmp_path) -> None:
    path = tmp_path / "cues.tsv"
    row = "say\tVERB\tspeech\tassert\t0\t010\tclause\t\t\n"
    path.write_text(HEADER + row + row, encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate"):
        load_table("thucydides.quotes", "cues", path)
