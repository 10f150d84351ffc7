"""CAMEO codes and their PLOVER 2.0 counterparts, read from the project's own tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
