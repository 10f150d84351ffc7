"""Docs are code: the CLI reference is generated and current, every setting is documented, and the
README names every command and the two set-up commands."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from thucydides.cli import main
from thucydides.settings import SETTINGS, Settings, defaults_match

ROOT = Path(__file__).resolve().parent.parent


def test_settings_table_matches_settings():
    assert defaults_match()
    assert [n for n, _, _ in SETTINGS] == [f.name for f in fields(Settings)]
    assert all(help_.strip() for _, _, help_ in SETTINGS)


def test_cli_reference_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, "run: python scripts/gen_cli_docs.py"


def test_readme_names_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"thucydides {name}" in readme, name
    assert "make sample" in readme and "make test" in readme


def test_changelog_exists():
    assert "## " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
