"""Read-only views over a parsed sentence: children, subjects, objects, noun-phrase spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from thucydides.nlp.pronouns import pronouns
from thucydides.records import Sentence, Span, Token

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
SUBJ = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ = frozenset({"nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "obj"})
# Dependents cut from an argument's noun phrase: clauses and loose attachments.
NP_CUT = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "appos", "parataxis",
                    "dep", "mark"})

ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
TIME_ENTS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True)
class View:
    """A parsed sentence with its dependency tree indexed, and what is known of its actors: the
    spans of actor mentions and the words that name kinds of actors ("troops", "ministry")."""

    sentence: Sentence
    mentions: tuple[Span, ...] = ()
    agent_words: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    @cached_property
    def kids(self) -> tuple[tuple[int, ...], ...]:
        out: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                out[t.head].append(t.i)
        return tuple(tuple(k) for k in out)

    @cached_property
    def depths(self) -> tuple[int, ...]:
        """How many links separate each token from the root of the sentence."""
        toks = self.tokens
        out = []
        for t in toks:
            d, k = 0, t.i
            while toks[k].head != k and d < 50:
                k = toks[k].head
                d += 1
            out.append(d)
        return tuple(out)

    @cached_property
    def outer_first(self) -> tuple[int, ...]:
        """Token indices, outer clauses first (by depth, then position)."""
        depths = self.depths
        return tuple(sorted(range(len(depths)), key=lambda k: (depths[k], k)))

    def children(self, i: int, deps: frozenset[str] | set[str] | None = None) -> Iterator[Token]:
        for k in self.kids[i]:
            if deps is None or self.tokens[k].dep in deps:
                yield self.tokens[k]

    def child(self, i: int, deps: frozenset[str] | set[str]) -> Token | None:
        return next(self.children(i, deps), None)

    @cached_property
    def subtrees(self) -> tuple[tuple[int, ...], ...]:
        """The subtree of every token (``subtree(i)`` without cuts), computed once."""
        out: list[tuple[int, ...] | None] = [None] * len(self.tokens)
        for k in sorted(range(len(self.tokens)), key=lambda k: -self.depths[k]):
            below = [k]
            for c in self.kids[k]:
                below.extend(out[c] or ())
            out[k] = tuple(sorted(below))
        return tuple(t or () for t in out)

    def subtree(self, i: int, cut: frozenset[str] = frozenset(), temporal: bool = False,
                ) -> list[int]:
        """Indices of the subtree of ``i``, not descending into children with a ``cut`` label
        (nor, with ``temporal``, into time expressions: "the envoy on Monday")."""
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(c for c in self.kids[k]
                         if (self.tokens[c].dep not in cut and
                             not (temporal and self.is_temporal(c))) or c == i)
        return sorted(out)

    def is_temporal(self, i: int) -> bool:
        """Is ``i`` a time modifier: a DATE/TIME word or a preposition governing one?"""
        tok = self.tokens[i]
        if tok.ent in TIME_ENTS and tok.dep in ("npadvmod", "tmod", "advmod", "appos", "nmod"):
            return True
        if tok.dep == "prep":
            return any(self.tokens[c].ent in TIME_ENTS for c in self.kids[i]
                       if self.tokens[c].dep == "pobj")
        return False

    def span_of(self, indices: list[int]) -> Span:
        toks = [self.tokens[k] for k in indices if self.tokens[k].pos not in ("PUNCT", "SPACE")]
        toks = toks or [self.tokens[k] for k in indices]
        return Span(toks[0].start, toks[-1].end)

    def np_span(self, i: int) -> Span:
        """The noun phrase headed by token ``i``: its subtree without clauses, conjuncts and
        appositions; contiguous around the head (computed once per token)."""
        spans = self._np_spans
        if i not in spans:
            spans[i] = self._np_span(i)
        return spans[i]

    @cached_property
    def _np_spans(self) -> dict[int, Span]:
        return {}

    @cached_property
    def _mention_tokens(self) -> frozenset[int]:
        """The tokens that overlap an actor mention."""
        return frozenset(t.i for t in self.tokens
                         if any(t.start < m.end and m.start < t.end for m in self.mentions))

    def _np_span(self, i: int) -> Span:
        idx = self.subtree(i, NP_CUT, temporal=True)
        # keep the contiguous run containing the head
        lo = hi = idx.index(i)
        while lo > 0 and idx[lo - 1] == idx[lo] - 1:
            lo -= 1
        while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
            hi += 1
        run = idx[lo : hi + 1]
        while len(run) > 1 and self.tokens[run[0]].pos in ("PUNCT", "CCONJ", "ADP", "SPACE"):
            run = run[1:]
        while len(run) > 1 and self.tokens[run[-1]].pos in ("PUNCT", "CCONJ", "ADP", "SPACE",
                                                            "PART"):
            run = run[:-1]
        return self.span_of(run)

    def is_mention(self, i: int) -> bool:
        """Is token ``i`` part of an actor mention?"""
        return i in self._mention_tokens

    def actor_like(self, i: int) -> bool:
        """Does the noun phrase of ``i`` name an actor (not a thing or an idea)?"""
        tok = self.tokens[i]
        if tok.pos == "PRON":
            return tok.lower in pronouns().actor_like
        if tok.lemma in self.agent_words or tok.lower in self.agent_words:
            return True
        span = self.np_span(i)
        if any(span.overlaps(m) for m in self.mentions):
            return True
        return any(t.pos == "PROPN" or t.ent in ACTOR_ENTS for t in self.tokens
                   if span.start <= t.start and t.end <= span.end)

    def clause_subject(self, i: int) -> int | None:
        """The actor-like subject of the clausal complement of ``i`` ("claimed that *the West*
        ...")."""
        for c in self.children(i, frozenset({"ccomp"})):
            subj = self.child(c.i, SUBJ | PASSIVE_SUBJ)
            if subj is not None and subj.pos != "PRON" and self.actor_like(subj.i):
                return subj.i
        return None

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the tokens coordinated with it ("the US, Canada and the EU")."""
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(c.i for c in self.children(k, frozenset({"conj"}))
                         if c.pos in NOMINAL)
        return sorted(out)

    def is_passive(self, i: int) -> bool:
        return any(c.dep in PASSIVE_SUBJ or c.dep == "auxpass" for c in self.children(i))

    def prep_objects(self, i: int, preps: frozenset[str] | set[str]) -> Iterator[Token]:
        """Objects of the prepositions ``preps`` attached to ``i``."""
        for p in self.children(i, frozenset({"prep", "agent", "dative"})):
            if p.lower in preps:
                yield from self.children(p.i, frozenset({"pobj", "pcomp"}))

    def particle(self, i: int) -> str | None:
        for c in self.children(i, frozenset({"prt", "advmod"})):
            if c.pos in ("ADP", "ADV", "PART") and c.dep == "prt":
                return c.lower
        for c in self.children(i, frozenset({"advmod"})):
            if c.lower in ("back", "down", "off", "out", "up", "away", "over"):
                return c.lower
        return None
