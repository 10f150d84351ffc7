"""What the attribution model looks at: the candidates of one parsed sentence and their features.

Three kinds of candidate, each scored by one linear model (``quotes.model``):

- a **cue**: a token that may introduce an attribution: a verb (any: PolNeAR marks "focuses on",
  "glosses over" and "wants" as cues), a noun or adjective the model saw as a cue, a colon, or
  the first word of a source phrase ("according to");
- a **content** of a cue: a clause or phrase hanging from it (its subtrees), the clause it
  interrupts ("Y, X said"), the rest of the sentence on either side, and what the rules found
  for it (which carries their handling of quotation marks over sentence boundaries);
- a **speaker** of a cue: a noun phrase of the sentence, or none.

The rules' decisions are features: the model learns where to trust them (``Rules``).
Features are plain strings; a model knows the weights of those it was trained on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from thucydides.nlp.syntax import View
from thucydides.quotes.clauses import runs
from thucydides.quotes.lexicon import CueLexicon
from thucydides.quotes.marks import SENTENCE_LIKE, Marked
from thucydides.records import Span, Token

CUE_POS = frozenset({"VERB", "AUX"})
AUX_SKIP = frozenset({"aux", "auxpass"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NOT_CONTENT = frozenset({"nsubj", "nsubjpass", "csubjpass", "aux", "auxpass", "neg", "punct",
                         "cc", "det", "prt", "expl", "case", "predet", "quantmod", "nummod",
                         "poss", "compound", "amod", "advmod", "npadvmod"})
ARG_PREPS = frozenset({"prep", "agent", "dative"})
MAX_SPAN_DEPTH = 4
NONE = "none"


@dataclass(frozen=True, slots=True)
class RuleQuote:
    """What the rules decided for one cue token: the content and speaker token, and the kind."""

    content: tuple[Span, ...]
    speaker: int | None
    kind: str


@dataclass(frozen=True)
class Rules:
    """The rules' attributions of an article, by (sentence, cue token)."""

    by_cue: Mapping[tuple[int, int], RuleQuote] = field(default_factory=dict)

    def at(self, sentence: int, token: int) -> RuleQuote | None:
        return self.by_cue.get((sentence, token))


@dataclass(frozen=True, slots=True)
class Content:
    """A content candidate: its parts (character spans) and how it was found."""

    parts: tuple[Span, ...]
    kinds: tuple[str, ...]

    @property
    def span(self) -> Span:
        return Span(self.parts[0].start, self.parts[-1].end)


def _bucket(n: int) -> str:
    for top in (1, 2, 4, 8, 16, 32, 64):
        if n <= top:
            return str(top)
    return "more"


def _inside_marks(tok: Token, marks: Sequence[Marked]) -> bool:
    return any(m.level == 1 and m.span.start < tok.start and tok.end < m.span.end
               for m in marks)


# --------------------------------------------------------------------------- cues


def is_cue_candidate(tok: Token, cue_words: frozenset[tuple[str, str]]) -> bool:
    """May ``tok`` be a cue? Verbs (an auxiliary only as a main verb), a colon, and the nouns and
    adjectives of ``cue_words`` (lemma, pos)."""
    if tok.pos in CUE_POS:
        return tok.dep not in AUX_SKIP
    if tok.text == ":":
        return True
    return (tok.lemma, tok.pos) in cue_words or tok.lower == "according"


def cue_features(view: View, i: int, lexicon: CueLexicon, rule: RuleQuote | None,
                 marks: Sequence[Marked]) -> list[str]:
    """The features of token ``i`` as a cue."""
    toks = view.tokens
    tok = toks[i]
    lemma = tok.lemma.lower()
    cue = lexicon.get(lemma, tok.pos)
    cls = cue.cls if cue is not None else NONE
    head = toks[tok.head]
    kids = [c for c in view.children(i)]
    deps = sorted({c.dep for c in kids})
    out = [f"lemma={lemma}", f"pos={tok.pos}", f"tag={tok.tag}", f"dep={tok.dep}",
           f"lemma|dep={lemma}|{tok.dep}", f"class={cls}", f"class|dep={cls}|{tok.dep}",
           f"head={head.lemma.lower()}", f"head_dep={head.dep}",
           f"rule={rule.kind if rule else NONE}", f"rule|class={rule is not None}|{cls}",
           f"prev={toks[i - 1].lower if i else '<s>'}",
           f"next={toks[i + 1].lower if i + 1 < len(toks) else '</s>'}",
           f"lemma|next={lemma}|{toks[i + 1].lower if i + 1 < len(toks) else '</s>'}"]
    out += [f"child={d}" for d in deps]
    out += [f"lemma|child={lemma}|{d}" for d in deps if d in ("ccomp", "xcomp", "dobj", "prep")]
    out += [f"prep={c.lower}" for c in kids if c.dep == "prep"]
    out += [f"lemma|prep={lemma}|{c.lower}" for c in kids if c.dep == "prep"]
    subj = view.child(i, frozenset({"nsubj", "nsubjpass"}))
    if subj is not None:
        actor = view.actor_like(subj.i)
        word = subj.pos if subj.pos == "PROPN" else subj.lemma.lower()
        out += [f"subj={subj.pos}|{subj.ent or '-'}|{view.is_mention(subj.i)}",
                f"lemma|subj={lemma}|{subj.pos}", f"subj_actor={actor}",
                f"lemma|subj_actor={lemma}|{actor}", f"subj_word={word}"]
    else:
        out.append("subj=none")
        out.append(f"lemma|subj=none|{lemma}")
    for c in kids:
        if c.dep in ("aux", "neg"):
            out.append(f"aux={c.lower}")
        elif c.dep in ("dobj", "xcomp", "ccomp"):
            out.append(f"{c.dep}_word={c.lemma.lower() if c.pos != 'PROPN' else 'PROPN'}")
    if view.is_passive(i):
        out.append("passive")
    if _inside_marks(tok, marks):
        out.append("in_quote")
        out.append(f"in_quote|class={cls}")
    return out


# --------------------------------------------------------------------------- contents


def _span_parts(view: View, idx: set[int]) -> tuple[Span, ...]:
    return runs(view, idx)


def _subtree(view: View, i: int) -> set[int]:
    return set(view.subtrees[i])


LOOSE = frozenset({"conj", "cc", "advcl", "parataxis", "punct", "mark", "npadvmod",
                   "advmod", "relcl"})  # children cut from a trimmed clause


def _trimmed(view: View, i: int) -> set[int]:
    """The subtree of ``i`` without its loose children (conjuncts, adverbial clauses): "the
    mayor backs the plan" of "the mayor backs the plan and thanks the council ..."."""
    out = {i}
    for c in view.children(i):
        if c.dep not in LOOSE or (c.dep == "mark" and c.i < i):
            out |= _subtree(view, c.i)
    return out


def _arguments(view: View, i: int) -> set[int]:
    """The cue's arguments after it, together: "Trump as unqualified", "her for her victory"."""
    out: set[int] = set()
    for c in view.children(i):
        if c.i > i and c.dep not in NOT_CONTENT and c.dep not in LOOSE:
            out |= _subtree(view, c.i)
    return out


def _syntactic(view: View, i: int) -> Iterator[tuple[str, set[int]]]:
    """Token sets around cue ``i``, each with how it was found."""
    toks = view.tokens
    yield "args", _arguments(view, i)
    for ch in view.children(i):
        if ch.dep in NOT_CONTENT:
            continue
        yield f"dep:{ch.dep}", _subtree(view, ch.i)
        if ch.dep in ("ccomp", "xcomp", "dobj", "advcl", "parataxis"):
            yield f"trim:{ch.dep}", _trimmed(view, ch.i)
        if ch.dep in ARG_PREPS:
            for o in view.children(ch.i, frozenset({"pobj", "pcomp"})):
                yield f"pobj:{ch.lower}", _subtree(view, o.i)
        elif ch.dep in ("dobj", "attr", "acomp", "xcomp"):
            for p in view.children(ch.i, frozenset({"prep"})):
                for o in view.children(p.i, frozenset({"pobj", "pcomp"})):
                    yield f"{ch.dep}-pobj:{p.lower}", _subtree(view, o.i)
    yield from _deeper(view, i)
    for c in view.children(i, frozenset({"nsubjpass", "csubj", "csubjpass"})):
        yield f"subj:{c.dep}", _subtree(view, c.i)  # "This is tweeted"
    head = toks[i].head
    if head != i:
        own = _subtree(view, i)
        yield "host", _subtree(view, head) - own
        if toks[head].head != head:
            yield "host2", _subtree(view, toks[head].head) - _subtree(view, head)
    subj: set[int] = set()
    for c in view.children(i, frozenset({"nsubj", "nsubjpass"})):
        subj |= _subtree(view, c.i)
    yield "right", set(range(i + 1, len(toks))) - subj
    yield "left", set(range(0, i)) - subj


DEEP_DEPS = frozenset({"dobj", "pobj", "ccomp", "xcomp", "attr"})
DEEP_REACH = 6  # tokens after the cue a multi-word cue ("took to Twitter to say") may span


def _deeper(view: View, i: int) -> Iterator[tuple[str, set[int]]]:
    """The arguments of words a few tokens into the cue's own phrase ("voiced the hope *that
    ...*", "went on radio to announce *a recount*"), and nominal arguments without their
    trailing modifiers ("posted *the figures* on its website")."""
    toks = view.tokens
    for d in view.subtrees[i]:
        if d == i or not 0 < d - i <= DEEP_REACH:
            continue
        for c in view.children(d, DEEP_DEPS):
            if c.i > d:
                yield f"deep:{c.dep}", _subtree(view, c.i)
    for c in view.children(i, frozenset({"dobj", "pobj", "attr"})):
        core = {c.i} | {k for g in view.children(c.i) if g.i < c.i for k in view.subtrees[g.i]}
        if len(core) < len(view.subtrees[c.i]):
            yield f"core:{toks[c.i].dep}", core


def contents(view: View, i: int, rule: RuleQuote | None) -> list[Content]:
    """The content candidates of cue ``i`` (each distinct span list once, with all its
    origins)."""
    found: dict[tuple[Span, ...], list[str]] = {}
    for kind, idx in _syntactic(view, i):
        idx.discard(i)
        parts = _span_parts(view, idx)
        if parts:
            found.setdefault(parts, []).append(kind)
    if rule is not None and rule.content:
        found.setdefault(rule.content, []).append("rule")
    return [Content(parts, tuple(kinds)) for parts, kinds in found.items()]


def _words(text: str, span: Span) -> int:
    return len(span.of(text).split())


def content_features(view: View, i: int, cand: Content, text: str, cls: str, lemma: str,
                     rule: RuleQuote | None, marks: Sequence[Marked]) -> list[str]:
    """The features of ``cand`` as the content of cue ``i`` (``cls``: the cue's lexicon
    class)."""
    tok = view.tokens[i]
    span = cand.span
    n = sum(_words(text, p) for p in cand.parts)
    side = "after" if span.start >= tok.end else "before" if span.end <= tok.start else "around"
    out = [f"len={_bucket(n)}", f"side={side}", f"parts={min(len(cand.parts), 3)}"]
    for kind in cand.kinds:
        out += [f"kind={kind}", f"kind|lemma={kind}|{lemma}", f"kind|class={kind}|{cls}",
                f"kind|len={kind}|{_bucket(n)}", f"kind|dep={kind}|{tok.dep}"]
    if rule is not None and "rule" in cand.kinds:
        out.append(f"rule_kind={rule.kind}")
    first = text[span.start:span.end].split(maxsplit=1)
    out.append(f"first={first[0].lower() if first else ''}")
    after = text[span.end:span.end + 2].strip()[:1]
    before = text[span.start - 1:span.start].strip()
    ratio = _bucket(round(8 * n / max(1, len(view.tokens))))
    out += [f"last={text[span.end - 1]}", f"after={after}", f"before={before}",
            f"side|after={side}|{after}", f"ratio={ratio}"]
    out += _coverage(view, i, cand, cls)
    sent = view.sentence.span
    if not sent.contains(span):
        out.append("crosses_sentence")
    hit = [m for m in marks if m.level == 1 and m.span.overlaps(span)]
    if hit:
        exact = any(m.span == span or m.inner == span for m in hit)
        shape = "|".join(sorted({quote_shape(text, m) for m in hit}))
        out += ["marks=exact" if exact else "marks=some",
                f"marks|shape={'exact' if exact else 'some'}|{shape}"]
        if any(m.span.contains(tok.span) for m in hit):
            out.append("cue_in_marks")
    else:
        out.append("marks=none")
    return out


def quote_shape(text: str, m: Marked) -> str:
    """``sentence`` for a marked quote that reads as a sentence of its own (a capital first,
    closing punctuation), ``fragment`` for a quoted phrase ("a “fair deal” for both")."""
    first = text[m.inner.start:m.inner.start + 3].lstrip()[:1]
    tail = text[max(m.inner.start, m.span.end - 5):m.span.end]  # closing punctuation and marks
    return "sentence" if first.isupper() and SENTENCE_LIKE.search(tail) else "fragment"


UNCOUNTED = frozenset({"punct", "aux", "auxpass", "neg", "det", "cc", "prt"})


def _coverage(view: View, i: int, cand: Content, cls: str) -> list[str]:
    """How much of each dependent of the cue the candidate takes: all, some or none."""
    out = []
    toks = view.tokens
    for c in view.children(i):
        if c.dep in UNCOUNTED:
            continue
        idx = view.subtrees[c.i]
        lo, hi = toks[idx[0]].start, toks[idx[-1]].end
        inside = sum(max(0, min(hi, p.end) - max(lo, p.start)) for p in cand.parts)
        state = "all" if inside >= 0.9 * (hi - lo) else "some" if inside else "none"
        side = "L" if c.i < i else "R"
        out += [f"cover:{c.dep}{side}={state}", f"cover|class:{c.dep}{side}={state}|{cls}"]
    return out


# --------------------------------------------------------------------------- speakers


def speakers(view: View) -> list[int]:
    """The speaker candidates of a sentence: the heads of its noun phrases."""
    return [t.i for t in view.tokens if t.pos in NOMINAL and t.dep not in ("compound", "nummod")]


def speaker_options(view: View, content: tuple[Span, ...]) -> list[int]:
    """The speaker candidates of a cue whose content is ``content``: those outside each of its
    pieces (a speaker between the pieces of "A," she said, "B." is one)."""
    return [s for s in speakers(view) if not inside(view.tokens[s].span, content)]


def inside(span: Span, parts: tuple[Span, ...]) -> bool:
    return any(p.contains(span) for p in parts)


def _ancestors(view: View, i: int) -> list[int]:
    out = [i]
    toks = view.tokens
    while toks[out[-1]].head != out[-1] and len(out) < 50:
        out.append(toks[out[-1]].head)
    return out


def path(view: View, cue: int, i: int) -> str:
    """The dependency path from the cue to ``i``: ``^dep`` going up, ``/dep`` going down."""
    up = _ancestors(view, cue)
    down = _ancestors(view, i)
    common = next((a for a in up if a in set(down)), None)
    if common is None:
        return "far"
    ups = up[:up.index(common)]
    downs = down[:down.index(common)]
    if len(ups) + len(downs) > MAX_SPAN_DEPTH:
        return "far"
    toks = view.tokens
    steps = [f"^{toks[k].dep}" for k in ups] + [f"/{toks[k].dep}" for k in reversed(downs)]
    return "".join(steps) or "self"


def speaker_features(view: View, cue: int, i: int | None, cls: str, lemma: str,
                     rule: RuleQuote | None, content: tuple[Span, ...]) -> list[str]:
    """The features of token ``i`` (None: no speaker) as the speaker of ``cue``."""
    if i is None:
        passive = view.is_passive(cue)
        has_subj = view.child(cue, frozenset({"nsubj"})) is not None
        out = [NONE, f"none|class={cls}", f"none|lemma={lemma}", f"none|passive={passive}",
               f"none|subj={has_subj}", f"none|dep={view.tokens[cue].dep}"]
        if rule is not None:
            out.append(f"none|rule={rule.speaker is None}")
        return out
    toks = view.tokens
    tok = toks[i]
    p = path(view, cue, i)
    dist = i - cue
    out = [f"path={p}", f"path|class={p}|{cls}", f"path|lemma={p}|{lemma}",
           f"side={'before' if dist < 0 else 'after'}", f"dist={_bucket(abs(dist))}",
           f"pos={tok.pos}", f"ent={tok.ent or '-'}", f"dep={tok.dep}",
           f"mention={view.is_mention(i)}", f"path|pos={p}|{tok.pos}"]
    if tok.pos == "PRON":
        out.append(f"pron={tok.lower}")
    if tok.lemma in view.agent_words:
        out.append("agent_word")
    if rule is not None:
        if rule.speaker == i:
            out.append("rule_speaker")
        elif rule.speaker is not None and view.np_span(rule.speaker).overlaps(tok.span):
            out.append("rule_speaker_np")
    whole = Span(content[0].start, content[-1].end) if content else None
    if whole is not None and whole.contains(tok.span):
        out.append("between_parts")
    return out
