"""Gold event files as training material: each gold event with the set of classes its label
allows (a PLOVER category, a CAMEO root, or only a penta class), and the scoring conventions of
its file.

A label can allow several classes: PLOVER ASSAULT is CAMEO 17 (1712, 175), 18, 19 or 20; a penta
class 3 is any of roots 09-13 and 16; PLV's YIELD (PLOVER left null, see the gold README) is
CONCEDE or RETREAT. Training resolves such labels (``thucydides.train.examples``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thucydides.eval.events import convention_of
from thucydides.eval.gold import read_gold
from thucydides.events.ontology import EventClass
from thucydides.records import Span

YIELD = frozenset({"CONCEDE", "RETREAT"})


@dataclass(frozen=True, slots=True)
class GoldActor:
    """A gold source or target: a span, or ``annotated`` False when the file marks none."""

    span: Span | None
    annotated: bool = True


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: GoldActor | None
    target: GoldActor | None
    allowed: frozenset[str]  # class names the label admits (empty: no usable label)


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    dataset: str
    events: tuple[GoldEvent, ...]
    level: str = "plover"  # the level its labels are given at (see eval.events.scoring_of)
    labelled: str = "all"  # "all" events of the sentence, its "main" one, or "weak": one label

    @property
    def statements(self) -> bool:
        """Does the record's labelling say what is a statement? PLOVER has no statement
        category (CAMEO 01, 02), so a PLOVER-labelled record leaves statements unlabelled."""
        return self.level != "plover"

    @property
    def group(self) -> str:
        """The fold group: the normalised text, so a sentence never sits on both sides."""
        return normalise(self.text)


def normalise(text: str) -> str:
    """Lower case, letters and digits only, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"\w+", text))


def allowed_classes(event: dict[str, Any], dataset: str,
                    classes: Sequence[EventClass]) -> frozenset[str]:
    """The classes a gold event's label admits."""
    cameo = event.get("cameo") or event.get("cameo_root")
    plover = event.get("plover")
    if cameo:
        hits = [c for c in classes if c.root == cameo[:2]]
        narrowed = [c for c in hits if plover and c.plover == plover]
        return frozenset(c.name for c in narrowed or hits)
    if plover:
        return frozenset(c.name for c in classes if c.plover == plover)
    if dataset.startswith("plv"):  # PLV YIELD, left null in the gold
        return frozenset(c.name for c in classes if c.plover in YIELD)
    if event.get("penta") is not None:
        return frozenset(c.name for c in classes if c.penta == event["penta"])
    return frozenset()


def _actor(obj: dict[str, Any] | None) -> GoldActor | None:
    if obj is None:
        return None
    if obj.get("start") is None:
        return GoldActor(None, annotated=obj.get("text") is not None)
    return GoldActor(Span(obj["start"], obj["end"]))


def read_events(paths: Iterable[str | Path], classes: Sequence[EventClass]) -> list[GoldRecord]:
    """The records of gold event files, in file order."""
    out = []
    for path in paths:
        for row in read_gold(path):
            dataset = str(row.get("dataset") or Path(path).stem)
            events = tuple(
                GoldEvent(_actor(e.get("source")), _actor(e.get("target")),
                          allowed_classes(e, dataset, classes))
                for e in row.get("events") or ())
            level, _, labelled = convention_of(path)
            out.append(GoldRecord(str(row["id"]), row["text"], dataset, events, level,
                                  labelled))
    return out
