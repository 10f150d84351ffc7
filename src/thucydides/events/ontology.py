"""CAMEO codes and their PLOVER 2.0 counterparts, read from the project's own tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from thucydides.datafiles import load_tables

PACKAGE = "thucydides.events"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    penta: int
    plover: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class EventClass:
    """A category of the decision layer: a CAMEO root with the PLOVER category its codes map to
    (``"19"``/``ASSAULT``, ``"19"``/``COERCE``). ``base`` is the code an event of the class takes
    when no rule proposed a code of the class: the class's shortest code, the lowest first."""

    name: str
    root: str
    plover: str | None
    base: str
    penta: int


@dataclass(frozen=True)
class Ontology:
    codes: Mapping[str, CodeInfo]

    @classmethod
    def load(cls) -> Ontology:
        plover = {r["cameo"]: r for r in load_tables(PACKAGE, "plover")}
        codes = {}
        for r in load_tables(PACKAGE, "cameo"):
            code = r["code"]
            p = next((plover[code[:n]] for n in range(len(code), 1, -1) if code[:n] in plover),
                     None)
            codes[code] = CodeInfo(
                code=code, name=r["name"], goldstein=r["goldstein"], quad_class=r["quad_class"],
                penta=r["penta"], plover=p["plover"] if p else None, mode=p["mode"] if p else None,
                context=p["context"] if p else None,
            )
        return cls(codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def info(self, code: str) -> CodeInfo:
        return self.codes[code]

    @cached_property
    def classes(self) -> tuple[EventClass, ...]:
        """The event classes, in code order. A root whose bare code maps to no PLOVER category
        while its sub-codes do (CAMEO 08: CONCEDE or RETREAT) has no class of its own."""
        members: dict[tuple[str, str | None], list[str]] = {}
        for code, info in self.codes.items():
            members.setdefault((code[:2], info.plover), []).append(code)
        split = {root for root, plover in members if plover is not None}
        out = []
        for (root, plover), codes in sorted(members.items(), key=lambda kv: min(kv[1])):
            if plover is None and root in split:
                continue
            base = min(codes, key=lambda c: (len(c), c))
            name = root if plover is None else f"{root}-{plover}"
            out.append(EventClass(name, root, plover, base, self.codes[base].penta))
        return tuple(out)

    def class_of(self, code: str) -> EventClass | None:
        """The class of a CAMEO code (none for a bare code of a split root, e.g. "08")."""
        return self._class_of.get(code)

    @cached_property
    def _class_of(self) -> dict[str, EventClass]:
        out = {}
        for code, info in self.codes.items():
            cls = next((c for c in self.classes
                        if c.root == code[:2] and c.plover == info.plover), None)
            if cls is not None:
                out[code] = cls
        return out
