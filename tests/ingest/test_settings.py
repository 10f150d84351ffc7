"""Settings are checked when built: a bad value is error E108, in the library and on the command
line (before any model is loaded), instead of a failure on every article."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from thucydides.errors import ThucydidesError
from thucydides.settings import Settings

BAD = [  # changes, the setting named in the message
    ({"batch_size": 0}, "batch_size"),
    ({"batch_size": -3}, "batch_size"),
    ({"batch_size": 2.5}, "batch_size"),
    ({"batch_size": True}, "batch_size"),
    ({"max_chars": 0}, "max_chars"),
    ({"min_chars": -1}, "min_chars"),
    ({"min_chars": 10, "max_chars": 5}, "min_chars"),
    ({"model": ""}, "model"),
    ({"kb_extra": "folder"}, "kb_extra"),
    ({"quote_decider": "both"}, "quote_decider"),
    ({"quote_attributions": "speech,gossip"}, "quote_attributions"),
    ({"quote_attributions": " , "}, "quote_attributions"),
]


@pytest.mark.parametrize(("changes", "name"), BAD)
def test_bad_settings_are_e108(changes, name):
    with pytest.raises(ThucydidesError) as caught:
        Settings(**changes)
    assert caught.value.code == "E108"
    assert caught.value.message.startswith(f"invalid setting {name}=")


@pytest.mark.parametrize("changes", [{}, {"batch_size": 1}, {"min_chars": 0},
                                     {"min_chars": 5, "max_chars": 5}, {"kb_extra": ("a", "b")},
                                     {"quote_decider": "rules"},
                                     {"quote_attributions": "Speech, belief"}])
def test_good_settings_pass(changes):
    assert Settings(**changes) == Settings(**changes)


@pytest.mark.parametrize("flags", [["--batch-size", "0"], ["--min-chars", "9", "--max-chars", "3"]])
def test_the_command_line_reports_e108(tmp_path, flags):
    from thucydides.cli import main

    path = tmp_path / "a.txt"
    path.write_text("Russia attacked Ukraine.", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path), *flags])
    assert result.exit_code == 2
    assert "error E108: invalid setting" in result.output


@pytest.mark.parametrize(("value", "kept"), [
    ("all", ("speech", "belief", "evidence")), ("speech", ("speech",)),
    ("Evidence, speech", ("evidence", "speech"))])
def test_quote_attributions_are_read_as_a_list(value, kept):
    assert Settings(quote_attributions=value).attributions() == kept
