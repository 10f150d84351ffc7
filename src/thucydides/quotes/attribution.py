"""The trained attribution model at work: the rules propose, the model decides.

For each parsed sentence, every cue candidate (``features.is_cue_candidate``) gets the model's
probability of being a cue; those above the model's gate get their likeliest content and speaker
(each ranked among the candidates ``features`` proposes, the rules' own choice among them), and
a calibrated confidence that the quote is right. Quotes above the model's threshold are kept;
of two that report nearly the same content, the more confident one.

Direct quotes may stay with the rules (``QuoteModel.meta["direct"] == "rules"``): the rules'
quotes whose content is a marked quote (and their floating continuations) are kept as they are,
and the model decides the rest.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from thucydides.nlp.syntax import View
from thucydides.quotes.classes import kind_of
from thucydides.quotes.extract import NO_ACT, Article, Attribution, Pending, classify
from thucydides.quotes.features import (
    Content,
    RuleQuote,
    Rules,
    content_features,
    contents,
    cue_features,
    is_cue_candidate,
    speaker_features,
    speaker_options,
)
from thucydides.quotes.lexicon import Cue, CueLexicon
from thucydides.quotes.marks import Marked
from thucydides.quotes.model import QuoteModel, sigmoid
from thucydides.records import Span

ONE_SIDED = 10.0  # the content margin of a cue with a single content candidate


@dataclass(frozen=True, slots=True)
class Decision:
    """One cue the model decided on: its content, its speaker token (None: no speaker), the
    raw scores the calibrator reads, and the calibrated confidence."""

    sentence: int
    cue: int
    cue_span: Span
    content: tuple[Span, ...]
    speaker: int | None
    raw: dict[str, float] = field(default_factory=dict)
    confidence: float = 0.0

    @property
    def span(self) -> Span:
        return Span(self.content[0].start, self.content[-1].end)


def rules_of(doc: Article, pending: Sequence[Pending]) -> Rules:
    """The rules' quotes by (sentence, cue token)."""
    out: dict[tuple[int, int], RuleQuote] = {}
    for p in pending:
        if p.by is None or p.sentence not in doc.views:
            continue
        view = doc.views[p.sentence]
        token = next((t.i for t in view.tokens if t.start == p.by.cue_span.start), None)
        if token is not None:
            out.setdefault((p.sentence, token), RuleQuote(p.content, p.by.speaker, p.kind))
    return Rules(out)


def _cue_span(view: View, i: int) -> Span:
    tok = view.tokens[i]
    end = tok.end
    for c in view.children(i, frozenset({"prt"})):
        if c.i == i + 1:
            end = c.end
    if tok.lower == "according" and i + 1 < len(view.tokens) and view.tokens[i + 1].lower == "to":
        end = view.tokens[i + 1].end
    return Span(tok.start, end)


def _best(scores: Sequence[float]) -> tuple[int, float]:
    """The index of the best score and its margin over the second."""
    order = sorted(range(len(scores)), key=lambda k: -scores[k])
    top = order[0]
    margin = scores[top] - scores[order[1]] if len(order) > 1 else ONE_SIDED
    return top, margin


@dataclass(frozen=True)
class Attributor:
    """The model and the cue lexicon its features read."""

    model: QuoteModel
    lexicon: CueLexicon

    def cue_class(self, view: View, i: int) -> tuple[str, str]:
        tok = view.tokens[i]
        cue = self.lexicon.get(tok.lemma.lower(), tok.pos)
        return (cue.cls if cue is not None else "none"), tok.lemma.lower()

    def content(self, view: View, i: int, text: str, rule: RuleQuote | None,
                marks: Sequence[Marked]) -> tuple[Content, float, float] | None:
        """The likeliest content of cue ``i``, its score and its margin over the next."""
        cands = contents(view, i, rule)
        if not cands:
            return None
        cls, lemma = self.cue_class(view, i)
        scores = [self.model.score("content", content_features(
            view, i, c, text, cls, lemma, rule, marks)) for c in cands]
        k, margin = _best(scores)
        return cands[k], scores[k], margin

    def speaker(self, view: View, i: int, rule: RuleQuote | None, content: tuple[Span, ...],
                ) -> tuple[int | None, float]:
        """The likeliest speaker token of cue ``i`` (None: no speaker) and its score; no word
        of the ``content`` speaks (the words between its pieces may)."""
        cls, lemma = self.cue_class(view, i)
        options: list[int | None] = [None, *speaker_options(view, content)]
        scores = [self.model.score("speaker", speaker_features(
            view, i, s, cls, lemma, rule, content)) for s in options]
        k, _ = _best(scores)
        return options[k], scores[k]

    def sentence(self, doc: Article, k: int, rules: Rules) -> Iterator[Decision]:
        """Every cue of sentence ``k`` above the gate, decided."""
        view = doc.views[k]
        model = self.model
        for tok in view.tokens:
            if not is_cue_candidate(tok, model.cue_words):
                continue
            rule = rules.at(k, tok.i)
            z = model.score("cue", cue_features(view, tok.i, self.lexicon, rule, doc.marks))
            if sigmoid(z) < model.gate:
                continue
            found = self.content(view, tok.i, doc.text, rule, doc.marks)
            if found is None:
                continue
            content, zc, margin = found
            speaker, zs = self.speaker(view, tok.i, rule, content.parts)
            raw = {"cue": z, "content": zc, "content_margin": min(margin, ONE_SIDED),
                   "speaker": zs}
            cue = _cue_span(view, tok.i)
            parts = trimmed(doc, content.parts, [cue] + (
                [view.np_span(speaker)] if speaker is not None else []))
            if parts:
                yield Decision(k, tok.i, cue, parts, speaker, raw, model.confidence(raw))

    def decide(self, doc: Article, pending: Sequence[Pending]) -> list[Decision]:
        """Every decision of the article above the gate (no threshold), in reading order."""
        rules = rules_of(doc, pending)
        return [d for k in sorted(doc.views) for d in self.sentence(doc, k, rules)]

    def pending(self, doc: Article, pending: Sequence[Pending],
                threshold: float | None = None) -> list[Pending]:
        """The article's quotes before speaker resolution: the model's decisions at
        ``threshold`` (default: the model's), with the rules' direct quotes when the model
        leaves those to them. In reading order."""
        return self.assemble(doc, pending, self.decide(doc, pending), threshold)

    def assemble(self, doc: Article, pending: Sequence[Pending], decisions: Sequence[Decision],
                 threshold: float | None = None) -> list[Pending]:
        """``pending`` from the model's ``decisions`` and the rules' quotes (``pending``)."""
        cut = self.model.threshold if threshold is None else threshold
        above = widened([d for d in decisions if d.confidence >= cut],
                        [p for p in pending if p.by is None])
        kept = [p for p in pending if self.rules_keep(doc, p) and (p.by is not None or not any(
            jaccard(p.content, d.content) >= SAME for d in above))]
        chosen = select(above, [(p.content, p.by.cue_span if p.by else None) for p in kept])
        out = [*kept, *(self.as_pending(doc, d) for d in chosen)]
        return sorted(out, key=lambda p: (p.start, -p.end))

    def rules_keep(self, doc: Article, p: Pending) -> bool:
        """Is ``p`` a rule quote kept as it is: a floating quote, or (when the model leaves
        direct quotes to the rules) a direct one?"""
        if p.by is None:
            return True  # kept where no other quote takes its words
        return (self.model.meta.get("direct") == "rules"
                and kind_of(doc.text, p.content) == "direct")

    def lexicon_cue(self, view: View, i: int) -> Cue | None:
        """The lexicon's row of cue token ``i``: its lemma, or the phrase it opens with the next
        word ("according to")."""
        tok = view.tokens[i]
        found = self.lexicon.get(tok.lemma.lower(), tok.pos)
        if found is None and i + 1 < len(view.tokens):
            found = self.lexicon.get(f"{tok.lower} {view.tokens[i + 1].lower}", "PREP")
        return found

    def as_pending(self, doc: Article, d: Decision) -> Pending:
        view = doc.views[d.sentence]
        tok = view.tokens[d.cue]
        cue = self.lexicon_cue(view, d.cue) or Cue(
            tok.lemma.lower(), tok.pos, "none", NO_ACT, False, None, ())
        return Pending(d.sentence, Attribution(cue, d.cue_span, d.speaker), d.content,
                       kind_of(doc.text, d.content), d.confidence)


EDGE = " \t\n,;:—–-"  # what a content does not begin or end with once its speaker is cut


def trimmed(doc: Article, parts: Sequence[Span], cut: Sequence[Span]) -> tuple[Span, ...]:
    """A content without its cue and its speaker's phrase ("“A,” the envoy said" -> "“A,”"),
    its pieces stripped of spaces and loose punctuation, then read against the quotation marks
    as the rules read theirs (a piece inside a marked quote it mostly fills becomes the quote)."""
    pieces = list(parts)
    for c in cut:
        pieces = [q for p in pieces for q in _minus(p, c)]
    text = doc.text
    out = []
    for p in pieces:
        start, end = p.start, p.end
        while start < end and text[start] in EDGE:
            start += 1
        while end > start and text[end - 1] in EDGE:
            end -= 1
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            out.append(Span(start, end))
    return classify(tuple(out), doc.marks)[0] if out else ()


def _minus(span: Span, cut: Span) -> list[Span]:
    if not span.overlaps(cut):
        return [span]
    before = Span(span.start, max(span.start, min(cut.start, span.end)))
    after = Span(min(span.end, max(cut.end, span.start)), span.end)
    return [s for s in (before, after) if s.end > s.start]


def widened(decisions: Sequence[Decision], floating: Sequence[Pending]) -> list[Decision]:
    """``decisions`` where a content that lies inside a marked quote the rules left floating
    (its cue outside it) takes the whole quote: "He said:" and a quote of several sentences
    after it, or ", she said" after one."""
    out = list(decisions)
    for p in floating:
        inner = [n for n, d in enumerate(out) if all(_within(c, p.content) for c in d.content)
                 and not any(c.overlaps(d.cue_span) for c in p.content)]
        if inner:
            best = max(inner, key=lambda n: out[n].confidence)
            out[best] = dataclasses.replace(out[best], content=p.content)
    return out


def _within(span: Span, parts: Sequence[Span]) -> bool:
    return any(p.contains(span) for p in parts)


def _chars(parts: Sequence[Span]) -> set[int]:
    out: set[int] = set()
    for p in parts:
        out.update(range(p.start, p.end))
    return out


def jaccard(a: Sequence[Span], b: Sequence[Span]) -> float:
    x, y = _chars(a), _chars(b)
    return len(x & y) / len(x | y) if x and y else 0.0


SAME = 0.5  # a floating quote the model attributes (this alike) is the model's


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return any(x.overlaps(y) for x in a for y in b)


def select(decisions: Sequence[Decision],
           taken: Sequence[tuple[tuple[Span, ...], Span | None]] = ()) -> list[Decision]:
    """The decisions to keep, most confident first, as the gold marks statements: no content
    overlaps another, no cue lies inside another's content. ``taken``: (content, cue) of
    quotes kept already."""
    contents = [c for c, _ in taken]
    cues = [q for _, q in taken if q is not None]
    kept: list[Decision] = []
    for d in sorted(decisions, key=lambda d: (-d.confidence, d.span.start, d.cue)):
        if (any(_overlap(d.content, c) for c in contents)
                or any(_overlap((d.cue_span,), c) for c in contents)
                or any(_overlap((q,), d.content) for q in cues)):
            continue
        kept.append(d)
        contents.append(d.content)
        cues.append(d.cue_span)
    return sorted(kept, key=lambda d: (d.span.start, -d.span.end))
