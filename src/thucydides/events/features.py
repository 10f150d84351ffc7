"""Features of event candidates and their arguments, for the decision layer.

Every feature is a string ("rule=190", "path=nsubj", "kind=state"); the model maps the strings it
knows to weights and ignores the others. The same functions serve training and coding, so a model
scores at run time exactly what it was trained on. The sentence's words come as lemma uni- and
bigrams (``sentence_terms``), weighted by TF-IDF in the model.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from thucydides.events.candidates import (
    Argument,
    Candidate,
    arguments,
    dateline_end,
    depth,
    path,
)
from thucydides.nlp.syntax import OBJ, View
from thucydides.records import Mention, Span

WINDOW = 2
SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "NUM", "SYM"})


def _bucket(n: int, edges: Sequence[int] = (0, 1, 2, 3, 5, 8, 12)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


@dataclass(frozen=True)
class SentenceFacts:
    """What the features read off one sentence: its view, its mentions by token, the
    candidates and their arguments."""

    view: View
    mentions: Sequence[Mention]
    candidates: Sequence[Candidate]
    arguments: Sequence[Argument] | None  # None: found when first needed (``args``)
    classes: Mapping[str, str]  # CAMEO code -> class name
    is_city: Callable[[str], bool] | None = None  # a gazetteer's city (not a country)

    @cached_property
    def args(self) -> Sequence[Argument]:
        """The sentence's argument candidates (``candidates.arguments``)."""
        return self.arguments if self.arguments is not None else arguments(self.view)

    @cached_property
    def kinds(self) -> dict[int, str]:
        """Token index -> what the mention over it names (a KB kind, "agent", "unresolved")."""
        out: dict[int, str] = {}
        for m in self.mentions:
            kind = m.actor.kind if m.actor is not None and m.actor.kind else m.kind
            for t in self.view.tokens:
                if m.span.start <= t.start and t.end <= m.span.end:
                    out.setdefault(t.i, kind or "unresolved")
        return out

    @cached_property
    def codable(self) -> bool:
        """Can an actor of the sentence resolve to a code: a mention with one, or a pronoun
        (resolved across sentences)?"""
        return any(m.actor is not None and m.actor.code for m in self.mentions) or any(
            t.pos == "PRON" for t in self.view.tokens)

    @cached_property
    def dateline(self) -> int:
        return dateline_end(self.view)

    @cached_property
    def terms(self) -> list[str]:
        return sentence_terms(self.view)

    def passive(self, n: int) -> bool:
        """Is candidate ``n``'s anchor in the passive voice?"""
        return self._passive[n]

    @cached_property
    def _passive(self) -> tuple[bool, ...]:
        return tuple(self.view.is_passive(c.anchor) for c in self.candidates)

    def conjunct_root(self, i: int) -> int:
        """The first member of the coordination ``i`` belongs to (``i`` itself if none)."""
        return self._conjunct_roots[i]

    @cached_property
    def _conjunct_roots(self) -> tuple[int, ...]:
        toks = self.view.tokens
        out = []
        for t in toks:
            i = t.i
            for _ in range(12):
                if toks[i].dep != "conj" or toks[i].head == i:
                    break
                i = toks[i].head
            out.append(i)
        return tuple(out)

    def rule_args(self, n: int, role: str) -> frozenset[int]:
        """The heads of the arguments the rule of candidate ``n`` chose for ``role`` (found
        when first asked: candidates the gate drops never need them)."""
        cache = self._rule_args
        if n not in cache:
            frame = self.candidates[n].frame
            cache[n] = (self._chosen(frame.sources), self._chosen(frame.targets))
        return cache[n][0 if role == "source" else 1]

    @cached_property
    def _rule_args(self) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
        return {}

    @cached_property
    def _arg_spans(self) -> tuple[tuple[int, int, int], ...]:
        return tuple((a.head, a.span.start, a.span.end) for a in self.args)

    def _chosen(self, heads: Iterable[int]) -> frozenset[int]:
        """The arguments a rule head is the head of, or lies inside."""
        toks = self.view.tokens
        spans = [(h, toks[h].start, toks[h].end) for h in heads]
        return frozenset(a for a, s, e in self._arg_spans
                         if any(h == a or (s <= hs and he <= e) for h, hs, he in spans))

    def kind(self, i: int) -> str:
        """The kind of the phrase headed by ``i``: a mention's kind, a pronoun, a proper noun,
        a common noun."""
        if i in self.kinds:
            return self.kinds[i]
        tok = self.view.tokens[i]
        if tok.pos == "PRON":
            return "pron"
        return "propn" if tok.pos == "PROPN" else "noun"


def sentence_terms(view: View) -> list[str]:
    """Lemma unigrams and bigrams of the sentence (punctuation and numbers left out)."""
    words = [t.lemma for t in view.tokens if t.pos not in ("PUNCT", "SPACE", "NUM", "SYM")]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def candidate_features(facts: SentenceFacts, n: int) -> list[str]:
    """Features of candidate ``n`` of the sentence: what it says, not where it sits (whether it
    is the sentence's main event is ``salience_features``'s business)."""
    view, cand = facts.view, facts.candidates[n]
    frame, toks = cand.frame, facts.view.tokens
    anchor = toks[cand.anchor]
    code = frame.code
    out = ["bias", f"rule={code or '-'}", f"rroot={code[:2] or '-'}",
           f"rcls={facts.classes.get(code, '-')}", f"pat={cand.key}", f"fam={frame.family}",
           f"pred={toks[frame.pred].lemma}", f"predpos={toks[frame.pred].pos}",
           f"dep={anchor.dep}", f"mod={frame.modality}", f"neg={cand.negated}",
           f"passive={view.is_passive(cand.anchor)}"]
    out += [f"trig={toks[k].lemma}" for k in range(frame.trigger[0], frame.trigger[1] + 1)]
    if anchor.head != anchor.i:
        out.append(f"head={toks[anchor.head].lemma}")
    if cand.reporter is not None:
        out.append("reported")
    if cand.reports:
        out.append("reports")
    obj = view.child(frame.pred, OBJ)
    if obj is not None:
        out.append(f"obj={obj.lemma}")
    for prep in view.children(cand.anchor, frozenset({"prep", "agent", "dative"})):
        out.append(f"prep={prep.lower}")
    out.append(f"src={facts.kind(frame.sources[0]) if frame.sources else '-'}")
    out.append(f"tgt={facts.kind(frame.targets[0]) if frame.targets else '-'}")
    lo, hi = frame.trigger
    for k in range(max(0, lo - WINDOW), min(len(toks), hi + WINDOW + 1)):
        if (k < lo or k > hi) and toks[k].pos not in SKIP_POS:
            out.append(f"win={toks[k].lemma}")
    out += [f"other={c.frame.code[:2]}" for c in facts.candidates if c.rule and c is not cand]
    return out


def salience_features(facts: SentenceFacts, n: int) -> list[str]:
    """Features of candidate ``n`` as the sentence's main event (for ``main_event``): where it
    sits in the sentence, not what it says."""
    view, cand = facts.view, facts.candidates[n]
    anchor = view.tokens[cand.anchor]
    kind = f"rule={cand.frame.code[:2]}" if cand.rule else "clause"
    out = [kind, f"dep={anchor.dep}", f"depth={min(depth(view, cand.anchor), 4)}",
           f"pos={anchor.pos}", f"nth={min(n, 3)}", f"fam={cand.frame.family}",
           f"mod={cand.frame.modality}", f"neg={cand.negated}"]
    if cand.reporter is not None:
        out.append("reported")
    if cand.reports:
        out.append("reports")
    if anchor.head != anchor.i:
        out.append(f"head={view.tokens[anchor.head].pos}")
    return out


def argument_features(facts: SentenceFacts, n: int, arg: Argument | None, role: str,
                      source: Argument | None = None) -> list[str]:
    """Features of ``arg`` as the ``role`` ("source" or "target") of candidate ``n``;
    ``arg`` None is the "no such actor" choice. The features of the phrase itself
    (``argument_own_features``) come first, then those of its relation to the candidate (and,
    for a target, to the ``source`` chosen before it)."""
    if arg is None:
        return none_features(facts, n, role, source)
    return (argument_own_features(facts, arg)
            + argument_link_features(facts, n, arg, role, source))


def none_features(facts: SentenceFacts, n: int, role: str, source: Argument | None = None,
                  ) -> list[str]:
    """Features of the "no such actor" choice for the ``role`` of candidate ``n``."""
    frame = facts.candidates[n].frame
    root = frame.code[:2] or "clause"
    passive = facts.passive(n)
    rule_heads = frame.sources if role == "source" else frame.targets
    out = ["NONE", f"NONE|root={root}", f"NONE|passive={passive}",
           f"NONE|rulearg={bool(rule_heads)}", f"NONE|fam={frame.family}",
           f"NONE|nargs={_bucket(len(facts.args))}"]
    if source is not None and len(facts.view.conjuncts(facts.conjunct_root(source.head))) > 1:
        out.append(f"NONE|compound_source|root={root}")
    return out


def argument_own_features(facts: SentenceFacts, arg: Argument) -> list[str]:
    """Features of a noun phrase that do not depend on the candidate."""
    view = facts.view
    tok = view.tokens[arg.head]
    out = ["ARG", f"kind={facts.kind(arg.head)}", f"pos={tok.pos}", f"ent={tok.ent or '-'}",
           f"lemma={tok.lemma}", f"dep={tok.dep}"]
    if tok.pos == "PRON":
        out.append(f"pron={tok.lower}")
    if view.is_temporal(arg.head):
        out.append("time")
    if arg.head < facts.dateline:
        out.append("dateline")
    if tok.text.isupper() and len(tok.text) > 1:
        out.append("caps")
    if tok.dep == "pobj" and tok.head != tok.i:
        out.append(f"under={view.tokens[tok.head].lower}")
    if (tok.pos == "PROPN" and facts.is_city is not None and arg.head not in facts.kinds
            and facts.is_city(_words(view, arg.span))):
        out.append("city")
    return out


def argument_link_features(facts: SentenceFacts, n: int, arg: Argument, role: str,
                           source: Argument | None = None) -> list[str]:
    """Features of a noun phrase's relation to candidate ``n`` in the ``role``: those of any
    role (``shared_link_features``), then the role's own."""
    return shared_link_features(facts, n, arg) + role_link_features(facts, n, arg, role, source)


def shared_link_features(facts: SentenceFacts, n: int, arg: Argument) -> list[str]:
    """Features of a noun phrase's relation to candidate ``n``, whatever its role: the
    dependency path from the trigger, side, distance, kind."""
    cand = facts.candidates[n]
    frame = cand.frame
    view = facts.view
    toks = view.tokens
    root = frame.code[:2] or "clause"
    passive = facts.passive(n)
    p = path(view, cand.anchor, arg.head)
    kind = facts.kind(arg.head)
    side = "L" if toks[arg.head].start < toks[frame.trigger[0]].start else "R"
    out = [f"path={p}", f"path|root={p}|{root}", f"path|passive={p}|{passive}", f"side={side}",
           f"dist={_bucket(abs(arg.head - cand.anchor))}", f"kind|root={kind}|{root}",
           f"side|kind={side}|{kind}"]
    if frame.pred != cand.anchor:
        out.append(f"ppath={path(view, frame.pred, arg.head)}")
    return out


def role_link_features(facts: SentenceFacts, n: int, arg: Argument, role: str,
                       source: Argument | None = None) -> list[str]:
    """Features of a noun phrase as the ``role`` of candidate ``n``: whether the rule chose it
    for this role or the other, and, for a target, whether it is coordinated with the chosen
    ``source`` ("*Moscow* and *Kiev* held talks")."""
    root = facts.candidates[n].frame.code[:2] or "clause"
    out = []
    if arg.head in facts.rule_args(n, role):
        out += ["rule", f"rule|root={root}"]
    if arg.head in facts.rule_args(n, "target" if role == "source" else "source"):
        out.append("rule_other")
    if source is not None and facts.conjunct_root(arg.head) == facts.conjunct_root(
            source.head):
        out += ["source_conjunct", f"source_conjunct|root={root}"]
    return out


def _words(view: View, span: Span) -> str:
    """The words of the sentence inside ``span``, single-spaced."""
    return " ".join(t.text for t in view.tokens if span.start <= t.start and t.end <= span.end)

