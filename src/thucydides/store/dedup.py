"""Duplicates: exact copies by a hash of the normalised content, near copies by MinHash/LSH.

Normalisation (``normalise``) folds what copying changes without changing the story: Unicode
compatibility forms, typographic quotes and dashes, case, punctuation and whitespace; the
stretches the ingest stage marked as boilerplate (``Article.skip``) are left out first, so a copy
that differs only by a pasted "Related Articles" footer is an exact duplicate.

Near duplicates are compared on word shingles (``SHINGLE`` consecutive words of the normalised
text) through MinHash signatures: the share of equal signature slots estimates the Jaccard
similarity of two shingle sets. Syndicated wire copies share nearly all shingles; a spun rewrite
(synonyms substituted, clauses reordered) keeps the words the spinner left alone, and with them
far more shingles than an independent article on the same story, which shares names and perhaps a
quoted sentence but little running text. LSH finds the candidates; a candidate joins when its
estimated similarity reaches ``NEAR_THRESHOLD``.

A new article joins the cluster of its best match (exact first, then the most similar near
duplicate, ties to the earliest stored); otherwise it founds a cluster named by its own key.
Clusters never merge and never move an article already stored: ingestion only adds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from thucydides.records import Span

DEDUP_VERSION = "thucydides.dedup.v1"
NUM_PERM = 256
SHINGLE = 2
NEAR_THRESHOLD = 0.16
MIN_SHINGLES = 8  # fewer shingles than this: too short to call a near duplicate
SEED = 1
SCHEME = "affine32"  # 32-bit values (stored as UINTEGER[])

_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                       "–": "-", "—": "-", "‐": "-", "\u00ad": None})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def visible(text: str, skip: Iterable[Span] = ()) -> str:
    """``text`` without the boilerplate stretches ``skip`` (each replaced by a line break)."""
    out, last = [], 0
    for span in sorted(skip):
        if span.start >= last:
            out.append(text[last : span.start])
            out.append("\n")
            last = span.end
    out.append(text[last:])
    return "".join(out)


def words(text: str) -> list[str]:
    """The normalised words of ``text``: folded, lower-cased, without punctuation."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _WORD.findall(folded)


def normalise(text: str, skip: Iterable[Span] = ()) -> str:
    return " ".join(words(visible(text, skip)))


def content_hash(text: str, skip: Iterable[Span] = ()) -> str:
    """SHA-256 of the normalised content: equal for exact copies up to formatting."""
    return hashlib.sha256(normalise(text, skip).encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """SHA-256 of the text exactly as read (part of an article's identity)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shingles(tokens: list[str], size: int = SHINGLE) -> set[str]:
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True)
class Hasher:
    """MinHash signatures with fixed permutations (the same on every worker)."""

    template: MinHash

    @classmethod
    def create(cls, num_perm: int = NUM_PERM, seed: int = SEED) -> Hasher:
        return cls(MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME))

    def signature(self, text: str, skip: Iterable[Span] = ()) -> list[int] | None:
        """The signature of a text, or None when it has too few shingles to compare."""
        grams = shingles(words(visible(text, skip)))
        if len(grams) < MIN_SHINGLES:
            return None
        m = MinHash(num_perm=len(self.template.hashvalues), seed=self.template.seed,
                    permutations=self.template.permutations, scheme=SCHEME)
        m.update_batch([g.encode("utf-8") for g in grams])
        return [int(v) for v in m.hashvalues]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


@dataclass(frozen=True, slots=True)
class Match:
    """Where a new article belongs: its cluster, the article it matched and how."""

    cluster: str
    dup_of: str | None
    kind: str  # "exact", "near" or "new"
    similarity: float | None


@dataclass
class ClusterIndex:
    """Content hashes and signatures of the stored articles, for assigning new ones."""

    threshold: float = NEAR_THRESHOLD
    num_perm: int = NUM_PERM
    by_hash: dict[str, tuple[str, str]] = field(default_factory=dict)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)
    clusters: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    lsh: MinHashLSH | None = None

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)

    def add(self, key: str, seq: int, chash: str, cluster: str,
            signature: list[int] | np.ndarray | None) -> None:
        self.by_hash.setdefault(chash, (key, cluster))
        self.clusters[key] = cluster
        self.order[key] = seq
        if signature is not None and len(signature) == self.num_perm:
            sig = np.asarray(signature, dtype=np.uint32)
            self.signatures[key] = sig
            assert self.lsh is not None
            self.lsh.insert(key, MinHash(hashvalues=sig, scheme=SCHEME))

    def match(self, key: str, chash: str, signature: list[int] | None) -> Match:
        if chash in self.by_hash:
            other, cluster = self.by_hash[chash]
            return Match(cluster, other, "exact", 1.0)
        best = self._nearest(signature)
        if best is None:
            return Match(key, None, "new", None)
        other, score = best
        return Match(self.clusters[other], other, "near", score)

    def _nearest(self, signature: list[int] | None) -> tuple[str, float] | None:
        if signature is None or self.lsh is None:
            return None
        sig = np.asarray(signature, dtype=np.uint32)
        found = self.lsh.query(MinHash(hashvalues=sig, scheme=SCHEME))
        scored = [(similarity(sig, self.signatures[k]), -self.order[k], k) for k in found]
        scored = [s for s in scored if s[0] >= self.threshold]
        if not scored:
            return None
        score, _, key = max(scored)
        return key, score
