"""Quotes of one article: attributions from the parse, quotation marks from the text, speakers
resolved in reading order, and the events each quote reports.

1. Every parsed sentence yields its attributions (``clauses``).
2. Quotation marks (``marks``) decide the kind: a content that is a marked quote becomes the whole
   marked stretch, over sentence boundaries and across the cue ("A," he said, "B.") -> direct; a
   content that holds marks -> mixed; otherwise indirect.
3. A marked quote no attribution claimed takes the nearest unused cue of its sentence, or the
   cue of a preceding sentence that ends with a colon; failing that it is a floating quote that
   continues the previous speaker, when there is one close before it.
4. Speakers are resolved in reading order by the actor layer's speaker chains
   (``thucydides.actors.speakers``); events whose trigger lies inside a quote's content are
   linked to it. ``link`` is the one writer of ``Event.reported_by``: the speaker of the quote
   holding the event, else the reporting clause the event coder found (``Event.reporter``).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from thucydides.actors.speakers import Speakers
from thucydides.nlp.syntax import View
from thucydides.quotes.classes import attribution_of, kind_of
from thucydides.quotes.clauses import Found, attributions, subject
from thucydides.quotes.lexicon import Cue, CueLexicon
from thucydides.quotes.marks import SENTENCE_LIKE, Marked, quoted, words
from thucydides.quotes.speakers import local
from thucydides.records import ActorRef, Analysis, Event, Quote, Sentence, Span

DIRECT_SHARE = 0.5  # a content is a marked quote when it covers this share of the marks
CONTINUE_WORDS = 10  # most words between the two halves of a quote split by its cue
FLOATING_WORDS = 3  # fewest words of a floating quote that continues a speaker
ORPHAN_WORDS = 8  # fewest words of a marked quote kept with no speaker at all
FLOATING_REACH = 2  # sentences a floating quote may be away from the previous quote
TAIL_TOKENS = 12  # longest sentence read as the attribution tail of the quote before it


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a quote is attributed to, before resolution: its cue and the speaker and addressee
    tokens of the cue's sentence (a ``Found`` without its content: the quote holds that)."""

    cue: Cue
    cue_span: Span
    speaker: int | None
    addressee: int | None = None

    @classmethod
    def of(cls, found: Found) -> Attribution:
        return cls(found.cue, found.cue_span, found.speaker, found.addressee)


@dataclass(frozen=True, slots=True)
class Pending:
    """A quote before speaker resolution: where it was found and what it holds."""

    sentence: int
    by: Attribution | None  # None: a floating quote, continuing the previous speaker
    content: tuple[Span, ...]
    kind: str
    confidence: float | None = None  # the attribution model's (None: the rules decided)

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def classify(content: tuple[Span, ...], marks: Sequence[Marked],
             ) -> tuple[tuple[Span, ...], str, tuple[Marked, ...]]:
    """The content, kind and marks used of an attribution's content. Each part inside a marked
    quote it mostly fills -> direct (the content becomes the marked quotes); a mark reaching
    into the content -> mixed; a content inside a much longer marked quote is speech reported
    within that quote: indirect, using no mark."""
    hits = [m for m in marks if m.level == 1 and any(m.span.overlaps(c) for c in content)]
    if not hits:
        return content, "indirect", ()
    holders = [_holder(c, hits) for c in content]
    if all(h is not None for h in holders):
        direct = sorted({h for h in holders if h is not None}, key=lambda m: m.span.start)
        return tuple(m.span for m in direct), "direct", tuple(direct)
    mixed = [m for m in hits if not any(m.span.contains(c) for c in content)]
    if not mixed:
        return content, "indirect", ()
    parts = list(content)  # a mark cut off by the content's edge is taken whole
    parts[0] = Span(min(parts[0].start, mixed[0].span.start), parts[0].end)
    parts[-1] = Span(parts[-1].start, max(parts[-1].end, mixed[-1].span.end))
    return tuple(parts), "mixed", tuple(mixed)


def _holder(part: Span, marks: Sequence[Marked]) -> Marked | None:
    """The marked quote that ``part`` lies in and mostly fills."""
    for m in marks:
        if m.span.contains(part) and _overlap(m.inner, part) >= DIRECT_SHARE * len(m.inner):
            return m
    return None


@dataclass
class Article:
    """One article's text, sentences, views and marks, with lookups by offset."""

    item: Analysis
    views: dict[int, View]
    marks: list[Marked]
    starts: list[int] = field(init=False, repr=False)  # where each sentence starts

    def __post_init__(self) -> None:
        self.starts = [s.span.start for s in self.sentences]

    @property
    def text(self) -> str:
        return self.item.article.text

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.item.sentences or ()

    def sentence_at(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k if k >= 0 and offset <= self.sentences[k].span.end else None

    def within_reach(self, before: Pending, k: int) -> bool:
        """Is sentence ``k`` at most ``FLOATING_REACH`` sentences after the end of ``before``?"""
        return k - (self.sentence_at(max(before.end - 1, 0)) or 0) <= FLOATING_REACH


def _views(item: Analysis, agent_words: frozenset[str]) -> dict[int, View]:
    spans: dict[int, list[Span]] = {}
    for m in item.mentions or ():
        spans.setdefault(m.sentence, []).append(m.span)
    return {k: View(s, tuple(spans.get(s.index, ())), agent_words)
            for k, s in enumerate(item.sentences or ()) if s.parsed}


def _parsed(doc: Article, lexicon: CueLexicon) -> tuple[list[Pending], set[Marked]]:
    pending: list[Pending] = []
    used: set[Marked] = set()
    for k, view in doc.views.items():
        for found in attributions(view, lexicon):
            if any(m.level == 1 and m.span.contains(found.cue_span) for m in doc.marks):
                continue  # "I think", "you know" inside a direct quote: part of its content
            content, kind, marks = classify(found.content, doc.marks)
            if kind == "direct":
                content, marks = _split_quote(doc, view, found, marks, used)
            used |= set(marks)
            pending.append(Pending(k, Attribution.of(found), content, kind))
    return _dedupe(pending), used


def _split_quote(doc: Article, view: View, found: Found, marks: tuple[Marked, ...],
                 used: set[Marked]) -> tuple[tuple[Span, ...], tuple[Marked, ...]]:
    """A direct quote split by its cue ("A," he said, "B."): the other half joins."""
    cue = found.cue_span
    out = list(marks)
    for m in doc.marks:
        if m.level != 1 or m in used or m in out or not view.sentence.span.overlaps(m.span):
            continue
        near = min(out, key=lambda o: abs(o.span.start - m.span.start))
        gap = Span(min(near.span.end, m.span.end), max(near.span.start, m.span.start))
        if gap.contains(cue) and words(doc.text, gap) <= CONTINUE_WORDS:
            out.append(m)
    out.sort(key=lambda m: m.span.start)
    return tuple(m.span for m in out), tuple(out)


def _dedupe(pending: list[Pending]) -> list[Pending]:
    seen: set[tuple[Span, ...]] = set()
    out = []
    for p in pending:
        if p.content not in seen:
            seen.add(p.content)
            out.append(p)
    return out


def _nearest_cue(doc: Article, m: Marked, lexicon: CueLexicon, taken: set[Span],
                 ) -> Pending | None:
    """A marked quote's cue in its own sentence(s) (", he said"), or in the sentence before
    when that one ends with a colon."""
    first, last = doc.sentence_at(m.span.start), doc.sentence_at(m.span.end - 1)
    options: list[tuple[int, int, int]] = []
    tail = _tail(doc, m, last)
    for k in {first, last, tail} - {None}:
        assert k is not None
        view = doc.views.get(k)
        for tok in view.tokens if view is not None else ():
            if (lexicon.speech_verb(tok.lemma, tok.pos) is None or m.span.overlaps(tok.span)
                    or tok.span in taken):
                continue
            dist = tok.start - m.span.end if tok.start >= m.span.end else m.span.start - tok.end
            options.append((dist, k, tok.i))
    starts = first is not None and not doc.text[doc.sentences[first].span.start:
                                                 m.span.start].strip()
    if not options and starts and first and first - 1 in doc.views:
        # "Lavrov told reporters on Friday." / "... said:" and then the quote: a speech cue
        # that reported nothing in the sentence just before
        view = doc.views[first - 1]
        for tok in reversed(view.tokens):
            if (lexicon.speech_verb(tok.lemma, tok.pos) is not None
                    and tok.span not in taken and not _quotes_in(doc, first - 1)):
                options.append((0, first - 1, tok.i))
                break
    if not options:
        return None
    _, k, i = min(options)
    view = doc.views[k]
    cue = lexicon.speech_verb(view.tokens[i].lemma, view.tokens[i].pos)
    assert cue is not None
    return Pending(k, Attribution(cue, view.tokens[i].span, subject(view, i)), (m.span,),
                   "direct")


def _taken(pending: list[Pending]) -> set[Span]:
    """The cues the quotes found so far are attributed by."""
    return {p.by.cue_span for p in pending if p.by is not None}


def _after_colon(doc: Article, lexicon: CueLexicon, pending: list[Pending],
                 ) -> tuple[list[Pending], set[Marked]]:
    """"X told reporters:" and the next sentence as what was said (marked or not); with the
    marks those quotes use."""
    taken = _taken(pending)
    out = []
    used: set[Marked] = set()
    for k, view in doc.views.items():
        if not view.tokens or view.tokens[-1].text != ":" or k + 1 >= len(doc.sentences):
            continue
        nxt = doc.sentences[k + 1].span
        if any(c.overlaps(nxt) for p in pending for c in p.content):
            continue
        for tok in reversed(view.tokens):
            cue = lexicon.speech_verb(tok.lemma, tok.pos)
            if cue is None or tok.span in taken:
                continue
            content, kind, marks = classify((nxt,), doc.marks)
            used |= set(marks)
            out.append(Pending(k, Attribution(cue, tok.span, subject(view, tok.i)), content,
                               kind))
            break
    return out, used


def _quotes_in(doc: Article, k: int) -> bool:
    """Does sentence ``k`` hold a marked quote (then its cue is that quote's)?"""
    span = doc.sentences[k].span
    return any(m.level == 1 and span.overlaps(m.span) for m in doc.marks)


def _tail(doc: Article, m: Marked, last: int | None) -> int | None:
    """The sentence that a quote ending in "?" or "!" runs on into ("“Why?” he asked."): it
    starts right after the closing mark, in lower case or short."""
    if last is None or last + 1 >= len(doc.sentences) or last + 1 not in doc.views:
        return None
    nxt = doc.sentences[last + 1]
    between = doc.text[m.span.end : nxt.span.start]
    toks = doc.views[last + 1].tokens
    runs_on = toks[0].text.islower() or len(toks) <= TAIL_TOKENS
    return last + 1 if not between.strip() and "\n" not in between and runs_on else None


def _orphans(doc: Article, lexicon: CueLexicon, pending: list[Pending], used: set[Marked],
             ) -> list[Pending]:
    """Marked quotes no attribution claimed: by a nearby cue, or floating."""
    taken = _taken(pending)
    out: list[Pending] = []
    for m in doc.marks:
        if m.level != 1 or m in used or any(m.span.overlaps(p.content[0]) for p in out):
            continue
        if any(_inside(m.span, p) for p in pending):
            continue  # marks inside a quote's content: a quote within a quote, or scare quotes
        near = _nearest_cue(doc, m, lexicon, taken)
        if near is not None and near.by is not None:
            taken.add(near.by.cue_span)
            out.append(near)
            continue
        floating = _floating(doc, m, [*pending, *out])
        if floating is not None:
            out.append(floating)
    return out


def _inside(span: Span, p: Pending) -> bool:
    return any(c.contains(span) for c in p.content)


def _floating(doc: Article, m: Marked, before: list[Pending]) -> Pending | None:
    """A marked sentence that continues the previous quote's speaker, or stands alone."""
    k = doc.sentence_at(m.span.start)
    n = words(doc.text, m.span)
    if k is None or (not m.closed and doc.text[doc.sentences[k].span.start : m.span.start]
                     .strip()):
        return None  # an odd mark inside a sentence of the writer's
    if m.closed and not SENTENCE_LIKE.search(m.inner.of(doc.text)):
        return None  # a closed quote without sentence punctuation: a title or a phrase
    prev = [p for p in before if p.end <= m.span.start]
    if prev and n >= FLOATING_WORDS and doc.within_reach(max(prev, key=lambda p: p.end), k):
        return Pending(k, None, (m.span,), "direct")
    if n >= ORPHAN_WORDS:
        return Pending(k, None, (m.span,), "direct")
    return None


@dataclass(frozen=True)
class QuoteFinder:
    """Finds the quotes of an analysed article (sentences, mentions and events present)."""

    lexicon: CueLexicon
    agent_words: frozenset[str] = frozenset()

    def find(self, item: Analysis) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
        """The article's quotes in reading order, and its events with ``reported_by`` set for
        those inside a quote."""
        doc, pending = self.propose(item)
        return finish(doc, pending)

    def propose(self, item: Analysis) -> tuple[Article, list[Pending]]:
        """The article as the rules read it, and their quotes before speaker resolution, in
        reading order (what the attribution model takes as features)."""
        text = item.article.text
        marks = [m for m in quoted(text) if not any(m.span.overlaps(s)
                                                      for s in item.article.skip)]
        doc = Article(item, _views(item, self.agent_words), marks)
        pending, used = _parsed(doc, self.lexicon)
        colon, colon_used = _after_colon(doc, self.lexicon, pending)
        pending += colon
        pending += _orphans(doc, self.lexicon, pending, used | colon_used)
        pending.sort(key=lambda p: (p.start, -p.end))
        return doc, pending


def finish(doc: Article, pending: list[Pending],
           attributions: Sequence[str] = ("speech", "belief", "evidence"),
           ) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
    """Quotes from pending ones in reading order (``joined``: a floating quote right after a
    quote joins it), their speakers resolved, those whose attribution is one of
    ``attributions`` linked to the article's events."""
    statements = joined(doc, pending)
    quotes = [dataclasses.replace(q, confidence=p.confidence, kind=kind_of(doc.text, q.content),
                                  attribution=attribution_of(p.by.cue if p.by else None,
                                                             q.speaker, doc.text),
                                  speech_act=q.speech_act if q.speech_act != NO_ACT else None)
              for q, p in zip(_resolve(doc, statements), statements, strict=True)]
    return link([q for q in quotes if q.attribution in attributions], doc.item.events or ())


NO_ACT = "unknown"  # the act of a cue the lexicon does not know (the model found it)


def continued(doc: Article, pending: list[Pending]) -> list[Pending]:
    """A floating quote right after a quote continues it: one statement, its content in parts
    ("'A,' said X. 'B.'" is one quote of X with the parts A and B). It continues the latest of
    the last few quotes that ends in a marked quote (skipping quotes found in the words between:
    "'A,' she said, *adding* that ... 'B.'"), else the quote right before it. Across a
    paragraph break only from one marked quote straight into the next (a speaker quoted over
    paragraphs)."""
    out: list[Pending] = []
    level1 = [m.span for m in doc.marks if m.level == 1]
    bounds = ({m.start for m in level1}, {m.end for m in level1})
    for p in pending:
        k = _continues(doc, out, p, bounds) if p.by is None else None
        if k is None:
            out.append(p)
        else:
            out[k] = dataclasses.replace(out[k], content=(*out[k].content, *p.content))
    return out


CONTINUE_BACK = 3  # quotes back a floating quote looks for the marked quote it continues
Bounds = tuple[set[int], set[int]]  # where the article's marked quotes start, and where they end


def _continues(doc: Article, out: Sequence[Pending], p: Pending, bounds: Bounds) -> int | None:
    """The index in ``out`` of the quote that floating quote ``p`` continues, if any: the latest
    of the last few that ends in marks, else the one right before it."""
    right_before = None
    for k in range(len(out) - 1, max(-1, len(out) - 1 - CONTINUE_BACK), -1):
        before = out[k]
        if (before.end > p.start or not doc.within_reach(before, p.sentence)
                or not _runs_on(doc, before, p, bounds)):
            break
        if before.end in bounds[1]:
            return k
        if right_before is None:
            right_before = k
    return right_before


def _runs_on(doc: Article, prev: Pending, nxt: Pending, bounds: Bounds) -> bool:
    """Does ``nxt`` carry on from ``prev``: in the same paragraph, or across a paragraph break
    from a marked quote that ends ``prev`` (and the rest of its sentence: "“A,” the envoy said.")
    into a marked quote that opens the next paragraph?"""
    gap = doc.text[prev.end : nxt.start]
    if "\n" not in gap:
        return True
    starts, ends = bounds
    if prev.end not in ends or nxt.start not in starts or gap[gap.index("\n"):].strip():
        return False
    words = gap[: gap.index("\n")].rstrip()
    return not words or doc.sentence_at(prev.end - 1) == doc.sentence_at(prev.end + len(words) - 1)


def whole_quotes(doc: Article, pending: list[Pending]) -> list[Pending]:
    """Each content piece inside a marked quote that its cue is outside of becomes that whole
    quote: the parser's sentence may end inside the quote ("“The talks failed. We will try
    again,” the envoy said." reports both sentences)."""
    out: list[Pending] = []
    for p in pending:
        if p.by is not None:
            cue = p.by.cue_span
            pieces = [next((m.span for m in doc.marks if m.level == 1 and m.span.contains(c)
                            and not m.span.overlaps(cue)), c) for c in p.content]
            content = _merged(pieces)
            if content != p.content:
                p = dataclasses.replace(p, content=content, kind=kind_of(doc.text, content))
        out.append(p)
    return out


def _merged(spans: Sequence[Span]) -> tuple[Span, ...]:
    """``spans`` in order, those that overlap or touch joined."""
    out: list[Span] = []
    for s in sorted(set(spans), key=lambda s: (s.start, -s.end)):
        if out and out[-1].end >= s.start:
            out[-1] = Span(out[-1].start, max(out[-1].end, s.end))
        else:
            out.append(s)
    return tuple(out)


def joined(doc: Article, pending: list[Pending]) -> list[Pending]:
    """The article's quotes as one statement each: floating quotes join the quote they continue
    (``continued``), and contents cut off by a sentence end inside a quote take the whole quote
    (``whole_quotes``)."""
    return whole_quotes(doc, continued(doc, pending))


def _resolve(doc: Article, pending: list[Pending]) -> list[Quote]:
    resolver = Speakers(sorted(doc.item.mentions or (), key=lambda m: m.span.start))
    quotes: list[Quote] = []
    for p in pending:
        f = p.by
        if f is None:
            prev = resolver.last()
            quotes.append(Quote(prev.local() if prev else None, None, p.content, p.kind))
            continue
        view = doc.views[p.sentence]
        quoting = _enclosing(quotes, f.cue_span)
        speaker = None if f.speaker is None else speaker_of(resolver, view, f.speaker, quoting)
        addressee = None if f.addressee is None else resolver.ref(view, f.addressee)
        quotes.append(Quote(speaker, f.cue_span, p.content, p.kind, f.cue.act, f.cue.hedged,
                            addressee))
    return quotes


def speaker_of(resolver: Speakers, view: View, i: int, quoting: ActorRef | None) -> ActorRef:
    """The speaker token ``i`` of ``view`` resolved (the one seam between quotes and the
    resolution of pronouns and descriptions), its ``mention`` the words in the quote's own
    sentence."""
    ref = resolver.speaker(view, i, quoting).local()
    return ref if ref.mention is not None else dataclasses.replace(ref, mention=ref.span)


def _enclosing(quotes: Sequence[Quote], span: Span) -> ActorRef | None:
    """The speaker of the direct quote that ``span`` is inside of."""
    for q in reversed(quotes):
        if q.kind == "direct" and any(c.contains(span) for c in q.content):
            return q.speaker
    return None


def link(quotes: Sequence[Quote], events: Sequence[Event],
         ) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
    """Link each quote to the events inside its content; an event inside quotes is reported by
    the speaker of the innermost one (the words naming the speaker in its sentence), another by
    the subject of the clause that reports it, if the coder found one ("*Lavrov* accused Kyiv of
    shelling ..."). An event
    whose trigger is a quote's cue (a statement: "Lavrov *said* that ...") points at that
    quote, which holds what was said."""
    inside: list[tuple[int, ...]] = []
    for q in quotes:
        inside.append(tuple(k for k, e in enumerate(events)
                            if any(c.contains(e.trigger) for c in q.content)))
    out_events = list(events)
    for k, e in enumerate(events):
        said = next((n for n, q in enumerate(quotes)
                     if q.cue is not None and q.cue.overlaps(e.trigger)), None)
        if said is not None:
            e = out_events[k] = dataclasses.replace(e, quote=said)
        holders = [q for q, idx in zip(quotes, inside, strict=True) if k in idx]
        inner = min(holders, key=lambda q: sum(len(c) for c in q.content), default=None)
        by = e.reporter if inner is None or inner.speaker is None else local(inner.speaker)
        if by != e.reported_by:
            out_events[k] = dataclasses.replace(e, reported_by=by)
    out_quotes = tuple(dataclasses.replace(q, events=idx)
                       for q, idx in zip(quotes, inside, strict=True))
    return out_quotes, tuple(out_events)
