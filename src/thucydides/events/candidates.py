"""Event candidates: what the rules propose in one parsed sentence, for the decision layer.

Two kinds of candidate:
- a *rule* candidate is a frame the lexicon found (a trigger pattern, a support verb with an
  event noun, a nominal event, a complement wrapping its clause), with the rule's code after
  negation and modality, and the rule's source and target heads;
- a *clause* candidate is a main-clause verb no rule claimed ("The two armies held joint drills"
  when no row covers "hold drills"). It has no code: the decision layer may still find an event
  in it, so that an unlisted verb costs precision at worst, not recall.

Candidates also carry their argument candidates (``Argument``): every noun phrase of the sentence
that could be the source or the target, each with its dependency path to the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.events.frames import DEFAULT_TARGETS, Frame, subject_of, target_of
from thucydides.events.lexicon import Pattern
from thucydides.nlp.syntax import NOMINAL, View
from thucydides.records import Span

# Clause links under which a verb no rule claimed is still a candidate of its own.
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "xcomp", "parataxis"})
# Verbs that carry no event by themselves.
EMPTY_VERBS = frozenset({"be", "have", "do", "become", "seem", "appear", "get"})
MAX_CLAUSES = 4
MAX_ARGUMENTS = 24
# Dependents whose noun is a modifier of a larger phrase, not a phrase of its own, unless it
# names an actor itself ("*US* sanctions", "*Russian* troops", "*Ukraine's* army").
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "npadvmod"})
PATH_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed event. ``frame.code`` is the rule's code ("" for a clause candidate),
    ``negated`` its polarity, ``reporter`` the source head of a speech frame that reports it
    ("..., Lavrov said"), and ``reports`` whether it is a statement whose content is another
    candidate ("said that Russia attacked ...")."""

    frame: Frame
    negated: bool = False
    reporter: int | None = None
    reports: bool = False

    @property
    def rule(self) -> bool:
        return bool(self.frame.code)

    @property
    def anchor(self) -> int:
        """The token the event hangs on: the support verb of an event noun, else the
        predicate."""
        return self.frame.support if self.frame.support is not None else self.frame.pred

    @property
    def key(self) -> str:
        """Provenance: the lexicon row, or ``clause:<lemma>`` for a clause candidate."""
        pattern = self.frame.pattern
        return pattern.key if self.rule else f"clause:{pattern.lemma}"


@dataclass(frozen=True, slots=True)
class Argument:
    """A noun phrase that may be an event's source or target: its head token and its span."""

    head: int
    span: Span


def _clause_verb(view: View, i: int) -> bool:
    tok = view.tokens[i]
    if tok.pos != "VERB" or tok.dep not in CLAUSE_DEPS or tok.lemma in EMPTY_VERBS:
        return False
    return any(c.dep in ("nsubj", "nsubjpass", "dobj", "obj", "prep", "agent", "dative")
               for c in view.children(i))


def clause_candidates(view: View, claimed: frozenset[int]) -> list[Candidate]:
    """Main-clause verbs no frame accounts for, outer clauses first, at most ``MAX_CLAUSES``."""
    out: list[Candidate] = []
    for i in view.outer_first:
        if i in claimed or not _clause_verb(view, i):
            continue
        tok = view.tokens[i]
        pattern = Pattern("", tok.lemma, "VERB", None, (), (), (), None, None)
        targets = target_of(view, i, Pattern("", tok.lemma, "VERB", None, (), (),
                                             DEFAULT_TARGETS["VERB"], None, None))
        frame = Frame("", pattern, (i, i), i, sources=subject_of(view, i), targets=targets)
        out.append(Candidate(frame))
        if len(out) == MAX_CLAUSES:
            break
    return out


def depth(view: View, i: int) -> int:
    """How many links separate token ``i`` from the root of its sentence."""
    return view.depths[i]


def arguments(view: View) -> list[Argument]:
    """The noun phrases of the sentence that could be a source or a target, in text order:
    nominal heads, modifiers that name an actor of their own, and adjectives that name one
    ("*Russian* troops")."""
    out: list[Argument] = []
    for tok in view.tokens:
        if tok.pos not in NOMINAL and not (tok.pos == "ADJ" and view.is_mention(tok.i)):
            continue
        if tok.pos in ("NUM", "X") and not view.is_mention(tok.i):
            continue
        if not any(ch.isalpha() for ch in tok.text) or tok.text[0] in "'’":
            continue
        if tok.dep in MODIFIER_DEPS and not _names_actor(view, tok.i):
            continue
        span = view.np_span(tok.i) if tok.dep not in MODIFIER_DEPS else _own_span(view, tok.i)
        out.append(Argument(tok.i, span))
        if len(out) == MAX_ARGUMENTS:
            break
    return out


def _names_actor(view: View, i: int) -> bool:
    tok = view.tokens[i]
    if tok.dep in ("compound", "flat") and view.tokens[tok.head].pos == "PROPN":
        return False  # "Sergei" of "Sergei Lavrov": the name's head speaks for it
    return view.is_mention(i) or tok.pos == "PROPN" or tok.dep == "poss"


def _own_span(view: View, i: int) -> Span:
    """A modifier's own phrase: its mention when it is one, else its subtree."""
    span = view.tokens[i].span
    for m in view.mentions:
        if m.overlaps(span) and m.end <= view.tokens[view.tokens[i].head].start:
            return Span(min(m.start, span.start), max(m.end, span.end))
    return view.span_of(view.subtree(i))


def path(view: View, anchor: int, head: int) -> str:
    """The dependency path from the trigger's ``anchor`` to an argument's ``head``: the links
    up from the anchor (``^dep``) to the lowest common ancestor, then down to the head
    (prepositions by their word: ``prep:against>pobj``); ``far`` beyond ``PATH_DEPTH`` links."""
    if head == anchor:
        return "self"
    toks = view.tokens
    up = _ancestors(view, anchor)
    down: list[str] = []
    k = head
    for _ in range(PATH_DEPTH + 1):
        if k in up:
            steps = up.index(k)
            if steps + len(down) > PATH_DEPTH:
                return "far"
            rise = ["^" + toks[a].dep for a in up[:steps]]
            return ">".join(rise + list(reversed(down))) or "self"
        tok = toks[k]
        down.append(f"{tok.dep}:{tok.lower}" if tok.dep in ("prep", "agent", "dative")
                    and tok.pos == "ADP" else tok.dep)
        if tok.head == k:
            break
        k = tok.head
    return "far"


def _ancestors(view: View, i: int) -> list[int]:
    out = [i]
    k = i
    for _ in range(PATH_DEPTH):
        parent = view.tokens[k].head
        if parent == k:
            break
        out.append(parent)
        k = parent
    return out


def dateline_end(view: View) -> int:
    """The index of the dash ending a dateline ("MOSCOW, March 3 (Reuters) -"), or -1."""
    for tok in view.tokens[:12]:
        if tok.text in ("-", "--", "—", "–") or (tok.pos == "PUNCT" and tok.text == ":"):
            return tok.i
    return -1
