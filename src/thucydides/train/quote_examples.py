"""Training examples for the attribution model, from gold quote files parsed by the coder's own
stages.

A gold quote is aligned with the token that heads its cue span in a parsed sentence (the token
of the span whose syntactic head lies outside it). That token is a positive cue example; the
other tokens inside a gold cue are left out; every other cue candidate is a negative one. Each
aligned quote gives two ranking examples:

- content: the cue's content candidates, the one closest to the gold content (the Jaccard of
  their characters, at least 0.5: the scorer's rule) marked right;
- speaker: "none" and the sentence's noun phrases, those overlapping the gold speaker marked
  right ("none" when the gold names none).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thucydides.eval.quotes import read_gold
from thucydides.pipeline import Pipeline
from thucydides.quotes.attribution import jaccard, rules_of
from thucydides.quotes.extract import Article as Doc
from thucydides.quotes.extract import Pending, QuoteFinder
from thucydides.quotes.features import (
    Rules,
    content_features,
    contents,
    cue_features,
    is_cue_candidate,
    speaker_features,
    speaker_options,
)
from thucydides.quotes.lexicon import CueLexicon
from thucydides.records import Analysis, Article, Span

if TYPE_CHECKING:
    from thucydides.api import Coder

MATCH = 0.5  # the scorer's content threshold
CUE_WORD_MIN = 3  # a noun or adjective seen this often as a cue head becomes a cue candidate
CUE_WORD_SHARE = 0.05  # ... when at least this share of its occurrences are cues


@dataclass(frozen=True, slots=True)
class GoldQuote:
    cue: Span | None
    content: tuple[Span, ...]
    speaker: tuple[Span, ...] | None
    kind: str


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


def _spans(obj: dict[str, Any] | None) -> tuple[Span, ...] | None:
    if not obj or obj.get("start") is None:
        return None
    parts = obj.get("parts")
    if parts:
        return tuple(Span(a, b) for a, b in parts)
    return (Span(obj["start"], obj["end"]),)


def read_quotes(paths: Iterable[str | Path]) -> list[GoldArticle]:
    """The articles of gold quote files, in file order (quotes without a content dropped)."""
    out = []
    for path in paths:
        for row in read_gold(path):
            quotes = []
            for q in row.get("quotes") or ():
                content = _spans(q.get("content"))
                if content is None:
                    continue
                cue = _spans(q.get("cue"))
                quotes.append(GoldQuote(Span(cue[0].start, cue[-1].end) if cue else None,
                                        content, _spans(q.get("speaker")),
                                        str(q.get("kind") or "")))
            out.append(GoldArticle(str(row["id"]), row["text"], tuple(quotes)))
    return out


@dataclass(frozen=True)
class Parsed:
    """A gold article with its analysis up to the events stage and what the rules propose."""

    gold: GoldArticle
    doc: Doc
    pending: tuple[Pending, ...]
    rules: Rules


def parse(coder: Coder, finder: QuoteFinder, articles: Sequence[GoldArticle]) -> list[Parsed]:
    """The gold articles through the coder's stages up to ``events``, and the rules' quotes."""
    stages = [s for s in coder.pipeline.stages if s.name != "quotes"]
    items = (Analysis(Article(a.id, a.text)) for a in articles)
    out = []
    for gold, analysis in zip(articles, Pipeline(stages)(items), strict=True):
        doc, pending = finder.propose(analysis)
        out.append(Parsed(gold, doc, tuple(pending), rules_of(doc, pending)))
    return out


# --------------------------------------------------------------------------- alignment


def cue_head(doc: Doc, cue: Span) -> tuple[int, int] | None:
    """(sentence, token) heading the gold cue span, when its sentence is parsed."""
    k = doc.sentence_at(cue.start)
    view = doc.views.get(k) if k is not None else None
    if view is None:
        return None
    inside = [t.i for t in view.tokens if t.start < cue.end and cue.start < t.end]
    heads = [i for i in inside if view.tokens[i].head not in inside or view.tokens[i].head == i]
    return (k, heads[0]) if heads else None


def cue_words(parsed: Iterable[Parsed], lexicon: CueLexicon, min_count: int = CUE_WORD_MIN,
              ) -> frozenset[tuple[str, str]]:
    """The nouns and other non-verbs to take as cue candidates: the lexicon's nouns, and those
    the gold often has as a cue head (``min_count`` times, ``CUE_WORD_SHARE`` of their
    occurrences)."""
    seen: Counter[tuple[str, str]] = Counter()
    cued: Counter[tuple[str, str]] = Counter()
    for p in parsed:
        for view in p.doc.views.values():
            seen.update((t.lemma.lower(), t.pos) for t in view.tokens)
        for q in p.gold.quotes:
            head = cue_head(p.doc, q.cue) if q.cue else None
            if head is not None:
                t = p.doc.views[head[0]].tokens[head[1]]
                cued[(t.lemma.lower(), t.pos)] += 1
    return frozenset({(c.lemma, "NOUN") for c in lexicon.cues.values() if c.pos == "NOUN"}
                     | {w for w, n in cued.items() if w[1] not in ("VERB", "AUX")
                        and n >= min_count and n >= CUE_WORD_SHARE * seen[w]})


@dataclass
class Ranking:
    """One ranking example: the options' features, which are right."""

    options: list[list[str]]
    right: list[bool]


@dataclass
class Examples:
    cues: list[list[str]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)  # (lemma, pos) of each cue
    contents: list[Ranking] = field(default_factory=list)
    speakers: list[Ranking] = field(default_factory=list)
    unaligned: int = 0  # gold quotes whose cue heads no candidate

    def only(self, words: frozenset[tuple[str, str]]) -> Examples:
        """These examples with the cue candidates of ``words`` only (verbs, colons and
        "according" always)."""
        keep = [n for n, key in enumerate(self.keys)
                if key[1] in ("VERB", "AUX") or key in words or key[1] == "PUNCT"
                or key[0] == "according"]
        return Examples([self.cues[n] for n in keep], [self.labels[n] for n in keep],
                        [self.keys[n] for n in keep], self.contents, self.speakers,
                        self.unaligned)

    def extend(self, other: Examples) -> None:
        self.cues += other.cues
        self.labels += other.labels
        self.keys += other.keys
        self.contents += other.contents
        self.speakers += other.speakers
        self.unaligned += other.unaligned


def _heads(p: Parsed) -> tuple[dict[tuple[int, int], list[GoldQuote]], set[int]]:
    """Gold quotes by their cue's head token, and the character offsets of every gold cue."""
    by_head: dict[tuple[int, int], list[GoldQuote]] = {}
    inside: set[int] = set()
    for q in p.gold.quotes:
        if q.cue is None:
            continue
        inside.update(range(q.cue.start, q.cue.end))
        head = cue_head(p.doc, q.cue)
        if head is not None:
            by_head.setdefault(head, []).append(q)
    return by_head, inside


def examples(p: Parsed, lexicon: CueLexicon, words: frozenset[tuple[str, str]]) -> Examples:
    """The examples of one parsed gold article."""
    out = Examples()
    by_head, inside = _heads(p)
    doc = p.doc
    for k, view in doc.views.items():
        for tok in view.tokens:
            gold = by_head.get((k, tok.i))
            if not is_cue_candidate(tok, words):
                out.unaligned += len(gold or ())
                continue
            if gold is None and tok.start in inside:
                continue  # a word of a gold cue other than its head
            rule = p.rules.at(k, tok.i)
            out.cues.append(cue_features(view, tok.i, lexicon, rule, doc.marks))
            out.labels.append(gold is not None)
            out.keys.append((tok.lemma.lower(), tok.pos))
            for q in gold or ():
                out.extend(_rankings(p, k, tok.i, q, lexicon))
    return out


def _rankings(p: Parsed, k: int, i: int, q: GoldQuote, lexicon: CueLexicon) -> Examples:
    out = Examples()
    doc = p.doc
    view = doc.views[k]
    rule = p.rules.at(k, i)
    tok = view.tokens[i]
    cue = lexicon.get(tok.lemma.lower(), tok.pos)
    cls, lemma = (cue.cls if cue else "none"), tok.lemma.lower()
    cands = contents(view, i, rule)
    scores = [jaccard(c.parts, q.content) for c in cands]
    best = max(scores, default=0.0)
    parts = q.content
    if best >= MATCH:
        out.contents.append(Ranking(
            [content_features(view, i, c, doc.text, cls, lemma, rule, doc.marks)
             for c in cands], [s >= best - 1e-9 for s in scores]))
        parts = cands[scores.index(best)].parts
    options: list[int | None] = [None, *speaker_options(view, parts)]
    right = [_speaks(view.np_span(s) if s is not None else None, view.tokens[s].span
                     if s is not None else None, q.speaker) for s in options]
    if any(right):
        out.speakers.append(Ranking(
            [speaker_features(view, i, s, cls, lemma, rule, parts) for s in options], right))
    return out


def _speaks(np: Span | None, head: Span | None, gold: tuple[Span, ...] | None) -> bool:
    if np is None or head is None:
        return gold is None
    return gold is not None and any(np.overlaps(g) for g in gold)


def all_examples(parsed: Iterable[Parsed], lexicon: CueLexicon,
                 words: frozenset[tuple[str, str]]) -> Iterator[Examples]:
    for p in parsed:
        yield examples(p, lexicon, words)
