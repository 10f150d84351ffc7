"""The cue lexicon: reporting verbs and nouns (and source phrases such as "according to"), loaded
from ``data/cues.tsv`` and validated by its schema.

A cue says what kind of speech act it performs, whether it hedges its content ("claims",
"alleged"), the CAMEO code of the act when the act itself is an event, and where its content and
addressee are found in the parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from thucydides.datafiles import Row, load_tables

PACKAGE = "thucydides.quotes"
CLASSES = frozenset({"speech", "cognition", "evidence", "source"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A row of cues.tsv."""

    lemma: str
    pos: str
    cls: str
    act: str
    hedged: bool
    cameo: str | None
    content: tuple[str, ...]
    addressee: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.lemma.split())


def _cue(row: Row) -> Cue:
    return Cue(row["lemma"], row["pos"], row["class"], row["act"], bool(row["hedged"]),
               row["cameo"], row["content"], row["addressee"])


@dataclass(frozen=True)
class CueLexicon:
    """Cues by (lemma, pos); ``phrases`` are the multi-word source cues ("according to"),
    ``phrase_starts`` the same by their first word (both built once, with the lexicon)."""

    cues: Mapping[tuple[str, str], Cue]
    version: str = "cues.v1"
    phrases: tuple[Cue, ...] = field(init=False, repr=False, compare=False)
    phrase_starts: Mapping[str, Cue] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases = tuple(c for c in self.cues.values() if c.pos == "PREP")
        object.__setattr__(self, "phrases", phrases)
        object.__setattr__(self, "phrase_starts", {c.words[0]: c for c in phrases})

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), classes: Iterable[str] = CLASSES,
             ) -> CueLexicon:
        """The built-in cues (plus ``extra`` TSV files in the same schema), keeping only the
        cue ``classes`` asked for (e.g. without "cognition" for speech alone)."""
        table = load_tables(PACKAGE, "cues", list(extra))
        keep = frozenset(classes)
        cues = {(r["lemma"], r["pos"]): _cue(r) for r in table if r["class"] in keep}
        return cls(cues, table.schema.version)

    @classmethod
    def of(cls, cues: Iterable[Cue]) -> CueLexicon:
        """A lexicon from records in memory (tests build small ones this way)."""
        return cls({(c.lemma, c.pos): c for c in cues})

    def get(self, lemma: str, pos: str) -> Cue | None:
        return self.cues.get((lemma, "VERB" if pos == "AUX" else pos))

    def speech_verb(self, lemma: str, pos: str) -> Cue | None:
        """The cue of a word when it is a speech verb ("say", "tell"), else None."""
        cue = self.get(lemma, pos)
        return cue if cue is not None and cue.pos == "VERB" and cue.cls == "speech" else None

    def cue_words(self) -> Iterator[tuple[str, str]]:
        """(lemma, pos) of every word that may start a cue, for sentence triage. A phrase cue
        contributes its first word ("according")."""
        for (lemma, pos), cue in self.cues.items():
            yield (cue.words[0], "ADP") if pos == "PREP" else (lemma, pos)
