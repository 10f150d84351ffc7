"""Weakly labelled training material beside the gold files: sentences with a category but no
actor spans. Each becomes a ``GoldRecord`` whose one event has unannotated actors, so it trains
the category classifier only, at a lower weight, and only on the candidate it aligns with (the
sentence's other candidates are not taken as negatives: the label says nothing of them).

Readers, by file:
- NGEC's synthetic stories (``gpt_synthetic_events_*.csv``: ``text``, ``label``): the first
  sentence of each story, with the story's PLOVER label (the prompt headline's: noisy);
- CASE 2021 task 2 snippets (``*_with_labels.tsv``: ``EventSnippet``, ``SubType``): ACLED-style
  event types mapped to PLOVER below; types with no clear PLOVER category are left out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from thucydides.errors import Err, ThucydidesError
from thucydides.events.ontology import EventClass
from thucydides.train.gold import GoldActor, GoldEvent, GoldRecord

# ACLED-style sub-event types of CASE 2021 -> PLOVER 2.0 (by the PLOVER manual's definitions).
CASE_TYPES = {
    "ABDUCT_DISSAP": "ASSAULT", "AGREEMENT": "AGREE", "AIR_STRIKE": "ASSAULT",
    "ARMED_CLASH": "ASSAULT", "ARREST": "COERCE", "ART_MISS_ATTACK": "ASSAULT",
    "ATTACK": "ASSAULT", "CHEM_WEAP": "ASSAULT", "FORCE_AGAINST_PROTEST": "COERCE",
    "GRENADE": "ASSAULT", "MOB_VIOL": "PROTEST", "PEACE_PROTEST": "PROTEST",
    "PROPERTY_DISTRUCT": "ASSAULT", "PROTEST_WITH_INTER": "PROTEST", "REM_EXPLOS": "ASSAULT",
    "SEX_VIOL": "ASSAULT", "SUIC_BOMB": "ASSAULT", "VIOL_DEMONSTR": "PROTEST",
}
UNANNOTATED = GoldActor(None, annotated=False)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z])")
MAX_CHARS = 400


def first_sentence(text: str) -> str:
    """The first sentence of a short story (a cheap split; the coder segments it again)."""
    head = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return head[:MAX_CHARS]


def _record(rid: str, text: str, dataset: str, plover: str,
            classes: Sequence[EventClass]) -> GoldRecord | None:
    allowed = frozenset(c.name for c in classes if c.plover == plover)
    if not allowed or not text.strip():
        return None
    event = GoldEvent(UNANNOTATED, UNANNOTATED, allowed)
    return GoldRecord(rid, text, dataset, (event,), "plover", complete=False)


def read_ngec(path: Path, classes: Sequence[EventClass]) -> list[GoldRecord]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f)):
            rec = _record(f"ngec:{n}", first_sentence(row.get("text") or ""), "ngec_synthetic",
                          (row.get("label") or "").strip().upper(), classes)
            if rec is not None:
                out.append(rec)
    return out


def read_case(path: Path, classes: Sequence[EventClass]) -> list[GoldRecord]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            plover = CASE_TYPES.get((row.get("SubType") or "").strip())
            text = first_sentence(row.get("EventSnippet") or "")
            rec = _record(f"case2021:{row.get('id')}", text, "case2021", plover or "", classes)
            if rec is not None:
                out.append(rec)
    return out


def read_extra(path: str | Path, classes: Sequence[EventClass]) -> list[GoldRecord]:
    """The records of one weakly labelled file, by its name; E306 for an unknown one."""
    path = Path(path)
    if path.suffix == ".csv" and "synthetic" in path.name:
        return read_ngec(path, classes)
    if path.suffix == ".tsv" and "labels" in path.name:
        return read_case(path, classes)
    raise ThucydidesError(Err.E306, detail=f"{path}: not a known weakly labelled file (NGEC "
                          "synthetic stories .csv or CASE 2021 task 2 .tsv)")
