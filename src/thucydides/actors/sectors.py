"""Actor sectors (``data/sectors.tsv``): the codes a sector column may hold, and the label an
agent actor is named by ("Ukrainian separatists" -> UKRSEP, "Ukraine separatists")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from thucydides.datafiles import Row, load_tables
from thucydides.errors import DataFileError, Err

PACKAGE = "thucydides.actors"


@dataclass(frozen=True)
class Sectors:
    """Sector code -> readable label."""

    labels: Mapping[str, str]

    @classmethod
    def load(cls) -> Sectors:
        return cls({r["code"]: r["label"] for r in load_tables(PACKAGE, "sectors")})

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def label(self, code: str) -> str:
        """The readable label of ``code`` (the code itself for a code the table lacks)."""
        return self.labels.get(code, code)

    def check(self, row: Row, column: str = "sector") -> None:
        """Raise E201 (file and line of ``row``) unless its ``column`` is empty or a known
        sector."""
        value = row[column]
        if value and value not in self.labels:
            raise DataFileError(Err.E201, path=row.get("_file", "?"), line=row["_line"],
                                detail=f"column {column}: {value!r} is not a sector of "
                                       "sectors.tsv")
