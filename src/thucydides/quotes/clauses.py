"""Attributions in one parsed sentence: a cue word, its speaker, its content and its addressee,
found on the dependency tree.

Three families:
- a reporting or cognition verb with a complement: "X said (that) Y", "Y, X said", "X urged Kyiv
  to Y", "X stressed the need for Y", "X accused Y of Z";
- a cue noun with a that-clause or to-infinitive: "Russia's claim that Y", "a call to Y";
- a source phrase: "according to X, Y".
The result names tokens of the sentence; speakers are resolved to actors later (``speakers``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from thucydides.nlp.syntax import PASSIVE_SUBJ, SUBJ, View
from thucydides.quotes.lexicon import Cue, CueLexicon
from thucydides.records import Span

VERBAL = frozenset({"VERB", "AUX"})
WORDLESS = frozenset({"PUNCT", "SPACE"})
EXPLETIVES = frozenset({"it", "there"})
RELATIVES = frozenset({"who", "that", "which"})
REFLEXIVES = frozenset({"itself", "himself", "herself", "themselves", "myself", "ourselves"})
# Links along which a cue inherits its subject: "Lavrov smiled and said", "Noting that ...,
# Lavrov said", "was quoted as saying".
INHERIT = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep"})
# Verbs whose object is a cue noun spoken by their subject: "Russia issued a statement that".
SUPPORT_VERBS = frozenset({"make", "issue", "repeat", "reiterate", "voice", "express", "deliver",
                           "release", "publish", "give", "renew", "send", "post"})
# Nouns that speak for their owner: "the ministry's statement saying", "a report saying".
DOCUMENTS = frozenset({"statement", "report", "letter", "post", "tweet", "message", "note",
                       "communique", "release", "document", "video", "interview", "speech",
                       "memo", "email", "ruling", "order", "decree", "resolution"})
MIN_WORDS = 2
CLAUSE_DEPS = frozenset({"ccomp"})


@dataclass(frozen=True, slots=True)
class Found:
    """An attribution before speaker resolution. Token indices are the sentence's; ``speaker`` is
    None when the sentence names no source ("it was reported that ...")."""

    cue: Cue
    cue_span: Span
    cue_token: int | None
    speaker: int | None
    content: tuple[Span, ...]
    addressee: int | None = None


def _words(view: View, idx: set[int] | list[int]) -> int:
    return sum(1 for k in idx if view.tokens[k].pos not in WORDLESS)


def runs(view: View, idx: set[int]) -> tuple[Span, ...]:
    """Character spans of the maximal runs of tokens ``idx`` (punctuation bridges a run but
    neither starts nor ends one)."""
    toks = view.tokens
    out: list[Span] = []
    run: list[int] = []

    def flush() -> None:
        while run and toks[run[-1]].pos in WORDLESS:
            run.pop()
        if run:
            out.append(Span(toks[run[0]].start, toks[run[-1]].end))
        run.clear()

    if not idx:
        return ()
    for k in range(min(idx), max(idx) + 1):  # no run starts before or goes on after these
        if k in idx:
            if run or toks[k].pos not in WORDLESS:
                run.append(k)
        elif run:
            if toks[k].pos in WORDLESS:
                run.append(k)
            else:
                flush()
    flush()
    return tuple(out)


def _subtree(view: View, i: int) -> set[int]:
    return set(view.subtree(i))


def _content(view: View, idx: set[int]) -> tuple[Span, ...]:
    return runs(view, idx) if _words(view, idx) >= MIN_WORDS else ()


def subject(view: View, i: int, depth: int = 0) -> int | None:
    """The speaker token of the cue verb ``i``."""
    tok = view.tokens[i]
    if view.is_passive(i):
        agent = [o.i for o in view.prep_objects(i, {"by"})]
        if agent:
            return agent[0]
        subj = view.child(i, PASSIVE_SUBJ)
        if subj is not None and tok.lemma == "quote" and subj.lower not in EXPLETIVES:
            return subj.i
        if subj is not None:
            return None
    subj = view.child(i, SUBJ)
    if subj is not None:
        if subj.lower in RELATIVES and tok.dep == "relcl":
            return tok.head
        return None if subj.lower in EXPLETIVES and view.child(i, {"ccomp"}) else subj.i
    if depth > 3 or tok.head == i:
        return None
    if tok.dep in INHERIT:
        return subject(view, tok.head, depth + 1)
    if tok.dep == "acl":
        return _owner(view, tok.head, itself=True)
    return None


def _owner(view: View, noun: int, itself: bool = False) -> int | None:
    """Who speaks through a noun: its possessor ("Russia's claim"), a nationality or name modifier
    ("Russian claims"), a "by"/"from" phrase, or the subject of a support verb ("Russia issued a
    statement"); with ``itself``, a noun that is not a document speaks for itself ("officials
    saying that ...")."""
    for c in view.children(noun, frozenset({"poss"})):
        return c.i
    for c in view.children(noun, frozenset({"compound", "amod", "nmod"})):
        if c.pos == "PROPN" or c.ent in ("NORP", "GPE", "ORG", "PERSON"):
            return c.i
    agents = [o.i for o in view.prep_objects(noun, {"by", "from"})]
    if agents:
        return agents[0]
    tok = view.tokens[noun]
    head = view.tokens[tok.head]
    if tok.dep in ("dobj", "obj") and head.lemma in SUPPORT_VERBS:
        return subject(view, head.i)
    if tok.lemma in DOCUMENTS or not itself:
        return None
    return noun if tok.pos in ("NOUN", "PROPN") else None


def _clausal(view: View, i: int) -> bool:
    """Is ``i`` the head of a clause (a verb, or a verbless clause with its own subject), not a
    small clause ("declares itself neutral")?"""
    if view.tokens[i].pos in VERBAL:
        return True
    subj = view.child(i, SUBJ)
    return subj is not None and subj.lower not in REFLEXIVES


def _slot(view: View, i: int, slot: str) -> set[int]:
    """Content tokens of the cue ``i`` in ``slot`` (empty when the slot is not filled)."""
    if slot == "clause":
        for deps in (CLAUSE_DEPS, frozenset({"parataxis"})):
            for c in view.children(i, deps):
                if _clausal(view, c.i):
                    return _subtree(view, c.i)
        for c in view.children(i, frozenset({"advcl"})):
            # "The plan will fail, he said" misparsed as an adverbial clause: one before the cue,
            # with its own subject and without a subordinator ("if", "when", "because")
            if (c.i < i and view.child(c.i, SUBJ) is not None
                    and view.child(c.i, frozenset({"mark"})) is None):
                return _subtree(view, c.i)
        return set()
    if slot == "inf":
        for c in view.children(i, frozenset({"xcomp", "ccomp"})):
            if c.pos in VERBAL and any(a.lower == "to" for a in view.children(c.i)):
                return _subtree(view, c.i)
        return set()
    if slot == "pred":  # an object with what it is called: "called the plan a disaster"
        obj = view.child(i, frozenset({"dobj", "obj"}))
        pred = view.child(i, frozenset({"oprd"})) or next(
            (p for p in view.children(i, frozenset({"prep"})) if p.lower == "as"), None)
        if obj is None or pred is None:
            return set()
        return _subtree(view, obj.i) | _subtree(view, pred.i)
    if slot == "obj":
        obj = view.child(i, frozenset({"dobj", "obj"}))
        if obj is None or obj.pos == "PRON":
            return set()
        return _subtree(view, obj.i)
    prep = slot.removeprefix("prep:")
    for p in view.children(i, frozenset({"prep"})):
        if p.lower == prep:
            for o in view.children(p.i, frozenset({"pobj", "pcomp"})):
                return _subtree(view, o.i)
    return set()


def _host(view: View, i: int) -> tuple[Span, ...]:
    """Content of a parenthetical cue ("Y, X said, Z"; "Y, according to X"): the clause it hangs
    from, without the cue's own words."""
    head = view.tokens[i].head
    if head == i:
        return ()
    idx = _subtree(view, head) - _subtree(view, i)
    return _content(view, idx)


def addressee(view: View, i: int, cue: Cue, content: set[int]) -> int | None:
    for slot in cue.addressee:
        if slot in ("obj", "dative"):
            deps = frozenset({"dobj", "obj"}) if slot == "obj" else frozenset({"dative", "iobj"})
            for c in view.children(i, deps):
                if c.i not in content and c.pos in ("NOUN", "PROPN", "PRON"):
                    return c.i
        else:
            for o in view.prep_objects(i, {slot.removeprefix("prep:")}):
                if o.i not in content:
                    return o.i
    return None


def _verb(view: View, i: int, cue: Cue) -> Found | None:
    tok = view.tokens[i]
    content: tuple[Span, ...] = ()
    idx: set[int] = set()
    for slot in cue.content:
        idx = _slot(view, i, slot)
        content = _content(view, idx)
        if content:
            break
    if not content and tok.dep == "parataxis":
        content = _host(view, i)
    if not content:
        return None
    return Found(cue, _cue_span(view, i), i, subject(view, i), content,
                 addressee(view, i, cue, idx))


def _cue_span(view: View, i: int) -> Span:
    """The cue verb with its particle ("pointed out") or the preposition of a phrasal cue
    ("called for")."""
    tok = view.tokens[i]
    end = tok.end
    for c in view.children(i, frozenset({"prt"})):
        if c.i == i + 1:
            end = c.end
    return Span(tok.start, end)


def _noun(view: View, i: int, cue: Cue) -> Found | None:
    for c in view.children(i, frozenset({"acl", "ccomp", "relcl"})):
        marks = {k.lower for k in view.children(c.i, frozenset({"mark", "aux"}))}
        wanted = ("that" in marks and "clause" in cue.content) or (
            "to" in marks and "inf" in cue.content)
        if not wanted:
            continue
        content = _content(view, _subtree(view, c.i))
        if content:
            return Found(cue, view.tokens[i].span, i, _owner(view, i), content)
    return None


def _according(view: View, i: int, cue: Cue) -> Found | None:
    """"according to X, Y": X is the speaker, the clause the phrase modifies is the content."""
    toks = view.tokens
    words = cue.words
    if tuple(t.lower for t in toks[i : i + len(words)]) != words:
        return None
    last = i + len(words) - 1
    objs = [o.i for o in view.children(last, frozenset({"pobj"}))] or [
        o.i for o in view.children(i, frozenset({"pobj"}))]
    head = toks[i].head
    while head != toks[head].head and toks[head].pos not in VERBAL:
        head = toks[head].head
    if head == i:
        return None
    idx = _subtree(view, head) - _subtree(view, i) - set(range(i, last + 1))
    content = _content(view, idx)
    if not content:
        return None
    return Found(cue, Span(toks[i].start, toks[last].end), i, objs[0] if objs else None, content)


def attributions(view: View, lexicon: CueLexicon) -> Iterator[Found]:
    """Every attribution of the parsed sentence, in order of the cue."""
    phrases = lexicon.phrase_starts
    for tok in view.tokens:
        if tok.lower in phrases:
            found = _according(view, tok.i, phrases[tok.lower])
            if found is not None:
                yield found
                continue
        cue = lexicon.get(tok.lemma, tok.pos)
        if cue is None:
            continue
        if cue.pos == "VERB" and tok.pos in VERBAL:
            found = _verb(view, tok.i, cue)
        elif cue.pos == "NOUN" and tok.pos == "NOUN":
            found = _noun(view, tok.i, cue)
        else:
            found = None
        if found is not None:
            yield found
