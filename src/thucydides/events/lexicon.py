"""The event lexicon: trigger patterns, support verbs, complement-taking words and the complement
code map, loaded from the project's data files and checked against the ontology."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from thucydides.datafiles import Row, load_tables
from thucydides.errors import DataFileError, Err
from thucydides.events.ontology import Ontology
from thucydides.nlp.syntax import OBJ, PASSIVE_SUBJ, View

NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod"})
PARTITIVES = frozenset({"some", "many", "all", "most", "several", "one", "two", "three", "dozen",
                        "dozens", "hundreds", "thousands", "part", "number", "majority", "few",
                        "each", "any", "none", "rest"})

PACKAGE = "thucydides.events"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A row of verbs.tsv."""

    code: str
    lemma: str
    pos: str
    particle: str | None
    object: tuple[str, ...]
    prep: tuple[str, ...]
    target: tuple[str, ...]
    mode: str | None
    context: str | None

    @property
    def key(self) -> str:
        """A readable id of the row, recorded on events as their provenance."""
        k = f"{self.lemma}/{self.pos}"
        if self.particle:
            k += f"_{self.particle}"
        if self.object:
            k += "+" + "|".join(self.object)
        if self.prep:
            k += "@" + "|".join(self.prep)
        return f"{k}>{self.code}"

    @property
    def needs_clause(self) -> bool:
        """Rows whose target list starts with ``clause`` fire only on a clausal complement."""
        return bool(self.target) and self.target[0] == "clause"

    @property
    def specificity(self) -> int:
        return bool(self.particle) + bool(self.object) + bool(self.prep) + self.needs_clause


@dataclass(frozen=True, slots=True)
class Support:
    """A row of light_verbs.tsv."""

    lemma: str
    particle: str | None
    prep: str | None
    subject: str


@dataclass(frozen=True, slots=True)
class Complement:
    """A row of complements.tsv."""

    lemma: str
    pos: str
    family: str
    frame: str
    modality: str | None
    negates: bool


def _check_code(row: Row, code: str, ontology: Ontology) -> None:
    if code not in ontology:
        raise DataFileError(Err.E201, path=row["_file"], line=row["_line"],
                            detail=f"CAMEO code {code!r} is not in cameo.tsv")


def _check_prefix(row: Row, prefix: str, ontology: Ontology) -> None:
    """A complement_map ``inner`` value: '*', or a code or prefix of codes in cameo.tsv."""
    if prefix != "*" and not any(code.startswith(prefix) for code in ontology.codes):
        raise DataFileError(Err.E201, path=row["_file"], line=row["_line"],
                            detail=f"column inner: {prefix!r} is no CAMEO code nor a prefix of "
                                   "one in cameo.tsv")


@dataclass(frozen=True)
class Lexicon:
    patterns: Mapping[tuple[str, str], tuple[Pattern, ...]]
    supports: Mapping[str, tuple[Support, ...]]
    complements: Mapping[tuple[str, str], Complement]
    code_map: Mapping[tuple[str, str], str]

    @classmethod
    def load(cls, ontology: Ontology) -> Lexicon:
        pats: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for r in load_tables(PACKAGE, "verbs"):
            _check_code(r, r["code"], ontology)
            pats[(r["lemma"], r["pos"])].append(Pattern(
                r["code"], r["lemma"], r["pos"], r["particle"], r["object"], r["prep"],
                r["target"], r["mode"], r["context"]))
        supports: dict[str, list[Support]] = defaultdict(list)
        for r in load_tables(PACKAGE, "light_verbs"):
            supports[r["lemma"]].append(Support(r["lemma"], r["particle"], r["prep"],
                                                r["subject"]))
        comps = {(r["lemma"], r["pos"]): Complement(r["lemma"], r["pos"], r["family"], r["frame"],
                                                     r["modality"], bool(r["negates"]))
                 for r in load_tables(PACKAGE, "complements")}
        code_map = {}
        for r in load_tables(PACKAGE, "complement_map"):
            _check_code(r, r["code"], ontology)
            _check_prefix(r, r["inner"], ontology)
            code_map[(r["family"], r["inner"])] = r["code"]
        ordered = {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in pats.items()}
        return cls(ordered, {k: tuple(v) for k, v in supports.items()}, comps, code_map)

    @cached_property
    def event_nouns(self) -> frozenset[str]:
        """Nouns that name events ("sanctions", "talks", "offensive")."""
        return frozenset(lemma for lemma, pos in self.patterns if pos == "NOUN")

    def trigger_words(self) -> Iterable[tuple[str, str]]:
        """(lemma, pos) of every word that may start an event, for sentence triage."""
        yield from self.patterns
        for lemma in self.supports:
            yield lemma, "VERB"
        yield from self.complements

    def match(self, view: View, i: int) -> Pattern | None:
        """The most specific pattern whose constraints hold for token ``i``."""
        tok = view.tokens[i]
        pos = "VERB" if tok.pos == "AUX" else tok.pos
        candidates = self.patterns.get((tok.lemma, pos), ())
        if not candidates:
            return None
        particle = view.particle(i) if any(p.particle for p in candidates) else None
        objects = self._objects(view, i, pos)
        preps = {c.lower for c in view.children(i, frozenset({"prep", "dative", "agent"}))}
        for p in candidates:
            if p.particle and p.particle != particle:
                continue
            if p.needs_clause and view.clause_subject(i) is None:
                continue
            if p.prep and not preps.intersection(p.prep):
                continue
            if p.object:
                seen = objects
                if p.prep:  # "agreed on a truce": the object may be the preposition's
                    seen = seen | {o.lemma for o in view.prep_objects(i, set(p.prep))}
                if not (seen and ("*" in p.object or seen & set(p.object))):
                    continue
            return p
        return None

    @staticmethod
    def _objects(view: View, i: int, pos: str) -> set[str]:
        """Lemmas an ``object`` constraint is checked against: the direct object of a verb (the
        passive subject in the passive), the modifiers of a noun ("air strike", "hunger
        strike")."""
        if pos == "NOUN":  # "air strike", "suspension of aid"
            return ({c.lemma for c in view.children(i, NOUN_MODIFIERS)}
                    | {o.lemma for o in view.prep_objects(i, {"of"})})
        obj = view.child(i, OBJ)
        if obj is None and view.is_passive(i):
            obj = view.child(i, PASSIVE_SUBJ)
        if obj is None:
            return set()
        if obj.lemma in PARTITIVES:  # "targeted some of Iran's ports": the ports
            return {obj.lemma} | {o.lemma for o in view.prep_objects(obj.i, {"of"})}
        return {obj.lemma}

    def support(self, view: View, i: int) -> Support | None:
        """The support-verb reading of token ``i``, if any."""
        tok = view.tokens[i]
        rows = self.supports.get(tok.lemma, ()) if tok.pos in ("VERB", "AUX") else ()
        if not rows:
            return None
        particle = view.particle(i)
        for s in sorted(rows, key=lambda s: -(bool(s.particle) + bool(s.prep))):
            if s.particle and s.particle != particle:
                continue
            return s
        return None

    def complement(self, lemma: str, pos: str) -> Complement | None:
        return self.complements.get((lemma, "VERB" if pos == "AUX" else pos))

    def transform(self, family: str, code: str) -> str | None:
        """The code of an event under a complement family, or None to keep ``code``."""
        for n in range(len(code), 1, -1):
            hit = self.code_map.get((family, code[:n]))
            if hit:
                return hit
        return self.code_map.get((family, "*"))
