"""Finding predications in a parsed sentence: which words carry an event, with which code, and
where its source and target are in the tree.

A ``Frame`` is an event before actor resolution. Three constructions yield one:
- a trigger pattern on a verb ("attacked", "imposed sanctions on") or an adjective;
- a support verb with an event noun ("launched an offensive", "held talks", "came under attack");
- a nominal event with its own source ("Russia's invasion of Ukraine", "talks between A and B").
A complement-taking word wraps the frame of its complement and changes its code and modality
("agreed to hold talks" -> 036, "refused to lift sanctions" -> 1244, "urged Kiev to negotiate").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from thucydides.events.lexicon import PARTITIVES, Complement, Lexicon, Pattern
from thucydides.events.modality import mood
from thucydides.nlp.syntax import NOMINAL, OBJ, PASSIVE_SUBJ, SUBJ, View
from thucydides.records import Token

VERBAL = frozenset({"VERB", "AUX"})
# Where a target is looked for when a pattern does not say; found this way, it must name an actor.
DEFAULT_TARGETS = {
    "VERB": ("obj", "prep:against", "prep:with", "prep:on", "prep:to", "prep:from", "prep:at",
             "prep:into", "prep:toward", "prep:towards", "prep:for"),
    "NOUN": ("prep:against", "prep:on", "prep:with", "prep:between", "prep:to", "prep:from",
             "prep:toward", "prep:towards", "prep:for"),
    "ADJ": ("prep:to", "prep:with", "prep:toward", "prep:towards", "prep:of"),
}
NOMINAL_SOURCE_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
OWNER_DEPS = NOMINAL_SOURCE_DEPS
ADJUNCT_PREPS = frozenset({"after", "during", "following", "before", "amid", "since"})
RECIPROCAL_ROOTS = frozenset({"03", "04", "06"})
REPORTING = frozenset({"say", "tell", "add", "report", "announce", "state", "claim", "note",
                       "confirm", "write", "told"})
# The code of a complement family when its complement holds no event of its own.
FAMILY_CODES = {"intent": "030", "request": "100", "appeal": "020", "reject": "120",
                "threaten": "130"}
# Roots whose trigger object is what the event acts on: reactions ("rejected the draft law",
# "condemned the decision") and material conflict ("torched houses", "seized a cargo ship") -
# unless the object is itself an event ("imposed martial law", "stepped up shelling").
OBJECT_TARGET_ROOTS = frozenset({"05", "10", "11", "12", "14", "17", "18", "19", "20"})
REACTION_ROOTS = frozenset({"05", "10", "11", "12"})
RECIPROCAL_CODES = frozenset({"190", "193", "036", "046", "057", "0311", "030"})


@dataclass(frozen=True, slots=True)
class Frame:
    """An event found in the tree. Indices are token indices of the sentence."""

    code: str
    pattern: Pattern
    trigger: tuple[int, int]  # first and last token of the trigger words
    pred: int  # the predicate whose subject, negation and modality count
    support: int | None = None  # the support verb of an event noun
    sources: tuple[int, ...] = ()
    targets: tuple[int, ...] = ()
    modality: str | None = None
    negated: bool = False
    family: str | None = None

    @property
    def reciprocal(self) -> bool:
        return self.code[:2] in RECIPROCAL_ROOTS or self.code in RECIPROCAL_CODES

    @property
    def claimed(self) -> frozenset[int]:
        """The tokens the frame accounts for (its predicate, trigger words and support verb),
        which yield no frame of their own."""
        support = () if self.support is None else (self.support,)
        return frozenset({self.pred, *range(self.trigger[0], self.trigger[1] + 1), *support})


def _slot(view: View, i: int, slot: str, skip_obj: bool) -> tuple[int, ...]:
    if slot == "obj" and not skip_obj:
        obj = view.child(i, OBJ)
        if obj is None and view.is_passive(i):
            obj = view.child(i, PASSIVE_SUBJ)
        if obj is not None and obj.lemma in PARTITIVES:  # "some of Iran's ports": the ports
            obj = next(view.prep_objects(obj.i, {"of"}), obj)
        return (obj.i,) if obj is not None and obj.pos in NOMINAL else ()
    if slot == "iobj":
        d = view.child(i, frozenset({"dative", "iobj"}))
        if d is not None and d.pos in NOMINAL:
            return (d.i,)
        return tuple(o.i for o in view.prep_objects(i, {"to"}) if o.pos in NOMINAL)[:1]
    if slot == "clause":
        subj = view.clause_subject(i)
        return (subj,) if subj is not None else ()
    if slot.startswith("prep:"):
        prep = slot[5:]
        hits = _prep_targets(view, i, prep)
        obj = view.child(i, OBJ)
        if not hits and obj is not None:
            hits = _prep_targets(view, obj.i, prep)
        return tuple(hits[:1])
    return ()


def _prep_targets(view: View, i: int, prep: str) -> list[int]:
    """Nominal objects of ``prep`` on ``i`` that are not times ("on *Tuesday*")."""
    return [o.i for o in view.prep_objects(i, {prep})
            if o.pos in NOMINAL and o.ent not in ("DATE", "TIME")]


def _acceptable(view: View, pattern: Pattern, slot: str, hit: int, in_trigger: bool,
                explicit: bool) -> bool:
    """May ``hit`` found in ``slot`` be the target?"""
    if slot == "obj" and in_trigger:
        # the object is part of the trigger ("imposed *sanctions*"): the target only if it names
        # an actor itself ("expelled *diplomats*"), or is what a reaction or an assault acts on
        # ("rejected *the referendum*", "torched *houses*")
        root = pattern.code[:2]
        if root in OBJECT_TARGET_ROOTS and view.tokens[hit].lemma not in view.event_nouns:
            return True
        return view.actor_like(hit)
    return explicit or slot == "obj" or view.actor_like(hit)


def target_of(view: View, i: int, pattern: Pattern, extra: int | None = None) -> tuple[int, ...]:
    """The target head(s) of the trigger ``i`` (and of its support verb ``extra``).

    The slots a pattern names are tried in order; without them, the default slots, where a
    candidate naming an actor wins over a thing found earlier ("handed *the files* to
    *Interpol*"). The owner of the object is the last resort ("welcomed *Poland's* decision")."""
    explicit = bool(pattern.target)
    slots = pattern.target or DEFAULT_TARGETS.get(pattern.pos, ())
    fallback: tuple[int, ...] = ()
    for slot in slots:
        if slot == "none":
            break
        if slot == "subj":
            continue
        for anchor in (i, extra) if extra is not None else (i,):
            in_trigger = bool(pattern.object) or anchor == extra
            hit = _slot(view, anchor, slot, skip_obj=False)
            if not hit or not _acceptable(view, pattern, slot, hit[0], in_trigger, explicit):
                continue
            reaction = slot == "obj" and pattern.code[:2] in REACTION_ROOTS
            if reaction and not view.actor_like(hit[0]) and (owner := _owner_of(view, hit[0])):
                return owner  # "condemned the shelling done *by the coalition*"
            if explicit or view.actor_like(hit[0]):
                return hit
            fallback = fallback or hit
    return fallback or _owner(view, i) or _nearest_actor(view, i, extra)


def _nearest_actor(view: View, i: int, extra: int | None) -> tuple[int, ...]:
    """As a last resort, the first actor named after the trigger in its own clause ("mobilized
    reservists for a campaign *against Eritrea*"), not inside a clause with a subject of its own."""
    top = extra if extra is not None else i
    inside = set(view.subtree(top, frozenset({"nsubj", "nsubjpass", "ccomp", "relcl", "advcl",
                                               "parataxis", "conj"})))
    start = view.tokens[i].end
    for k in sorted(inside):
        tok = view.tokens[k]
        if tok.start >= start and tok.pos == "PROPN" and view.is_mention(k):
            return (_phrase_head(view, k),)
    return ()


def _phrase_head(view: View, k: int) -> int:
    """Climb compound and flat-name links to the head of a proper name."""
    while view.tokens[k].dep in ("compound", "flat") and view.tokens[k].head != k:
        k = view.tokens[k].head
    return k


def _owner(view: View, i: int) -> tuple[int, ...]:
    """The actor a thing belongs to, as a last resort for the target: "welcomed *Poland's*
    decision", "condemned the *NATO* exercises", "rejected the *Turkish* proposal"."""
    obj = view.child(i, OBJ)
    if obj is None and view.is_passive(i):
        obj = view.child(i, PASSIVE_SUBJ)
    return _owner_of(view, obj.i) if obj is not None else ()


def _owner_of(view: View, k: int) -> tuple[int, ...]:
    """The actor owning or authoring the thing ``k``: its possessor or a named modifier, or the
    agent of a participle on it ("the shelling carried out *by the coalition*")."""
    if view.tokens[k].pos not in ("NOUN", "PROPN"):
        return ()
    for c in view.children(k, OWNER_DEPS):
        if c.pos == "PRON":
            continue  # "their weapons": mostly the subject's own
        if c.dep == "poss" or c.pos == "PROPN" or view.is_mention(c.i):
            return (c.i,)
    for part in view.children(k, frozenset({"acl"})):
        agent = [o.i for o in view.prep_objects(part.i, {"by"}) if o.pos in NOMINAL]
        if agent:
            return (agent[0],)
    return ()


def subject_of(view: View, i: int, depth: int = 0) -> tuple[int, ...]:
    """The source head of the predicate ``i``: its subject, the "by" agent of a passive, or the
    subject inherited from the clause it is coordinated with or subordinate to."""
    if view.is_passive(i):
        agent = [o.i for o in view.prep_objects(i, {"by"}) if o.pos in NOMINAL]
        return tuple(agent[:1])
    subj = view.child(i, SUBJ)
    if subj is None:  # a misparsed subject: "Azerbaijan massed troops" (npadvmod)
        subj = next((c for c in view.children(i, frozenset({"npadvmod"}))
                     if c.pos == "PROPN" and c.i < i), None)
    if subj is not None:
        if subj.lower in ("who", "that", "which") and view.tokens[i].dep == "relcl":
            return (view.tokens[i].head,)
        return (subj.i,)
    tok = view.tokens[i]
    if depth > 4 or tok.head == i:
        return ()
    head = view.tokens[tok.head]
    if tok.dep in ("conj", "xcomp", "advcl") and head.pos in VERBAL | {"ADJ"}:
        if tok.dep == "advcl" and head.lemma in REPORTING:
            return ()  # "..., officials said, killing 17": the officials did not kill
        return subject_of(view, tok.head, depth + 1)
    if tok.dep == "acomp" or (tok.dep == "xcomp" and view.tokens[tok.head].lemma == "be"):
        return subject_of(view, tok.head, depth + 1)
    if tok.dep in ("relcl", "acl") and view.tokens[tok.head].pos in NOMINAL:
        return (tok.head,)
    if tok.dep == "pcomp" and head.dep == "prep" and head.head != head.i:
        governor = view.tokens[head.head]  # "accused *Russian troops* of shelling"
        obj = view.child(governor.i, OBJ) if governor.pos in VERBAL else None
        if obj is not None:
            return (obj.i,)
    return ()


def _verb_frame(view: View, i: int, lex: Lexicon) -> Frame | None:
    pattern = lex.match(view, i)
    if pattern is not None and pattern.object:
        obj = view.child(i, OBJ)
        last = obj.i if obj is not None and obj.i > i else i
        return Frame(pattern.code, pattern, (i, last), i, targets=target_of(view, i, pattern),
                     sources=subject_of(view, i))
    support = lex.support(view, i)
    if support is not None:
        frame = _support_frame(view, i, lex, support.prep, support.subject == "target")
        if frame is not None:
            return frame
    if pattern is not None:
        passive_target = "subj" in pattern.target
        sources = () if passive_target else subject_of(view, i)
        targets = subject_of(view, i) if passive_target else target_of(view, i, pattern)
        return Frame(pattern.code, pattern, (i, i), i, sources=sources, targets=targets)
    return None


def _support_frame(view: View, i: int, lex: Lexicon, prep: str | None,
                   undergoer: bool) -> Frame | None:
    nouns = list(view.prep_objects(i, {prep})) if prep else [
        c for c in view.children(i, OBJ | {"attr"})]
    if not nouns and view.is_passive(i):
        nouns = list(view.children(i, PASSIVE_SUBJ))  # "talks were held"
    for noun in _with_compounds(view, nouns):
        pattern = lex.match(view, noun.i)
        if pattern is None or pattern.pos != "NOUN":
            continue
        first, last = min(i, noun.i), max(i, noun.i)
        trigger = (first, last) if last - first <= 4 else (noun.i, noun.i)
        grammatical = view.child(i, SUBJ | PASSIVE_SUBJ)
        nominal_src = _nominal_source(view, noun.i)
        if undergoer:  # "the town came under attack", "the regime was hit with an embargo"
            targets = (grammatical.i,) if grammatical is not None else subject_of(view, i)
            return Frame(pattern.code, pattern, trigger, noun.i, support=i,
                         sources=nominal_src, targets=targets)
        subj = subject_of(view, i) if not view.is_passive(i) or prep else ()
        if not subj and prep and grammatical is not None:
            subj = (grammatical.i,)  # "Lima and Quito have been engaged in talks"
        targets = target_of(view, noun.i, pattern, extra=i)
        return Frame(pattern.code, pattern, trigger, noun.i, support=i,
                     sources=subj or nominal_src, targets=targets)
    return None


def _with_compounds(view: View, nouns: list[Token]) -> list[Token]:
    """Support-verb objects and, after them, their compound modifiers: "began a *mediation*
    mission", "signed an *extradition* treaty"."""
    return nouns + [c for n in nouns for c in view.children(n.i, frozenset({"compound"}))
                    if c.pos == "NOUN"]


def _nominal_source(view: View, i: int) -> tuple[int, ...]:
    """Source of an event noun from inside its noun phrase: "Russia's attack", "US sanctions",
    "the Russian offensive", "an attack by rebels"."""
    for c in view.children(i, NOMINAL_SOURCE_DEPS):
        if c.dep == "poss" or c.pos == "PROPN" or (c.dep == "amod" and view.is_mention(c.i)):
            return (c.i,)
    agent = [o.i for o in view.prep_objects(i, {"by"}) if o.pos in NOMINAL]
    return tuple(agent[:1])


def _adjunct_source(view: View, i: int) -> tuple[int, ...]:
    """An event noun in a time adjunct takes the clause's subject: "The envoy, *after talks* with
    the rebels, said ..." -> the envoy."""
    tok = view.tokens[i]
    if tok.dep != "pobj":
        return ()
    prep = view.tokens[tok.head]
    if prep.lower not in ADJUNCT_PREPS or prep.head == prep.i:
        return ()
    verb = view.tokens[prep.head]
    return subject_of(view, verb.i) if verb.pos in VERBAL else ()


def _nominal_frame(view: View, i: int, lex: Lexicon) -> Frame | None:
    pattern = lex.match(view, i)
    if pattern is None or pattern.pos != "NOUN":
        return None
    between = [o.i for o in view.prep_objects(i, {"between", "among"}) if o.pos in NOMINAL]
    sources = _nominal_source(view, i) or tuple(between) or _adjunct_source(view, i)
    if not sources:
        return None
    targets = () if between and not _nominal_source(view, i) else target_of(view, i, pattern)
    return Frame(pattern.code, pattern, (i, i), i, sources=sources, targets=targets)


def complement_head(view: View, i: int, comp: Complement) -> int | None:
    """The head of the complement clause of the complement-taking word ``i``."""
    # an infinitive misparsed as a purpose clause counts ("call on Tokyo *to drop* tariffs": advcl)
    deps = {"xcomp"} if comp.frame != "clause" else {"ccomp", "xcomp"}
    deps |= {c.dep for c in view.children(i, frozenset({"advcl"}))
             if view.child(c.i, frozenset({"aux"})) is not None
             and view.child(c.i, frozenset({"aux"})).lower == "to"}
    if comp.pos == "NOUN":
        deps |= {"acl", "relcl"}
    for c in view.children(i, frozenset(deps)):
        if c.pos in VERBAL or c.pos == "ADJ":
            return c.i
    if comp.frame == "obj":  # "called on Russia to withdraw": the clause hangs off "Russia"
        for o in view.prep_objects(i, {"on", "upon"}):
            for c in view.children(o.i, frozenset({"acl", "relcl", "xcomp"})):
                if c.pos in VERBAL:
                    return c.i
        obj = view.child(i, OBJ)
        if obj is not None:
            for c in view.children(obj.i, frozenset({"acl", "xcomp", "ccomp"})):
                if c.pos in VERBAL:
                    return c.i
    return None


def addressee(view: View, i: int, comp: Complement, inner: int) -> tuple[int, ...]:
    """Who is asked, urged or told: the object, "on X", or the complement clause's subject."""
    if comp.frame == "clause":
        subj = view.child(inner, SUBJ | PASSIVE_SUBJ)
        return (subj.i,) if subj is not None and subj.pos in NOMINAL else ()
    obj = view.child(i, OBJ)
    if obj is not None and obj.pos in NOMINAL:
        return (obj.i,)
    hits = [o.i for o in view.prep_objects(i, {"on", "upon", "to"}) if o.pos in NOMINAL]
    if hits:
        return (hits[0],)
    head = view.tokens[inner].head
    if head != i and view.tokens[head].pos in NOMINAL:
        return (head,)
    return ()


@dataclass(frozen=True)
class FrameFinder:
    lexicon: Lexicon

    def clause(self, view: View, i: int) -> Frame | None:
        """The frame of the word ``i`` itself (no complement reading)."""
        tok = view.tokens[i]
        if tok.pos in VERBAL:
            return _verb_frame(view, i, self.lexicon)
        if tok.pos == "ADJ":
            pattern = self.lexicon.match(view, i)
            if pattern is not None:
                return Frame(pattern.code, pattern, (i, i), i, sources=subject_of(view, i),
                             targets=target_of(view, i, pattern))
        if tok.pos == "NOUN":
            return _nominal_frame(view, i, self.lexicon)
        return None

    def complement(self, view: View, i: int, depth: int = 0,
                   ) -> tuple[Frame, frozenset[int]] | None:
        """The frame of a complement-taking word ``i`` wrapping its complement, and the tokens
        that frame accounts for (so that they yield no frame of their own)."""
        tok = view.tokens[i]
        comp = self.lexicon.complement(tok.lemma, tok.pos)
        if comp is None or depth > 3:
            return None
        inner = complement_head(view, i, comp)
        if inner is None:
            return None
        nested = self.complement(view, inner, depth + 1)
        frame, used = nested if nested else (self.clause(view, inner), frozenset())
        if frame is None:
            return self._bare(view, i, comp, inner)
        used = used | {i, inner} | frame.claimed
        return self._wrap(view, i, comp, frame, inner), frozenset(used)

    def _bare(self, view: View, i: int, comp: Complement, inner: int,
              ) -> tuple[Frame, frozenset[int]] | None:
        """A complement that reports no event of its own: the family's general code ("agreed
        to open a library" -> 030, "refused to comment" is left to the lexicon)."""
        code = FAMILY_CODES.get(comp.family)
        tok = view.tokens[i]
        if code is None or self.lexicon.match(view, i) is not None:
            return None
        pattern = Pattern(code, tok.lemma, "VERB" if tok.pos == "AUX" else tok.pos, None, (), (),
                          (), None, None)
        if comp.family in ("request", "appeal"):
            targets = addressee(view, i, comp, inner)
        else:
            targets = target_of(view, inner, replace(pattern, pos="VERB"))
        if comp.pos == "NOUN":
            sources = _nominal_source(view, i) or subject_of(view, view.tokens[i].head)
        else:
            sources = subject_of(view, i)
        frame = Frame(code, pattern, (i, i), i, sources=sources, targets=targets,
                      modality=comp.modality, family=comp.family)
        return frame, frozenset({i})

    def _wrap(self, view: View, i: int, comp: Complement, frame: Frame, inner: int) -> Frame:
        code = self.lexicon.transform(comp.family, frame.code)  # none for aspect, attempt
        first = min(i, frame.trigger[0])
        last = max(i, frame.trigger[1])
        trigger = (first, last) if last - first <= 6 else frame.trigger
        modality = comp.modality or frame.modality
        negated = frame.negated or comp.negates or mood(view, frame.pred, frame.support).negated
        if comp.family in ("request", "appeal"):
            return replace(frame, code=code or frame.code, trigger=trigger, pred=i,
                           sources=subject_of(view, i), targets=addressee(view, i, comp, inner),
                           modality=modality, family=comp.family, support=None)
        if comp.pos == "NOUN":
            sources = _nominal_source(view, i) or subject_of(view, view.tokens[i].head)
        else:
            sources = subject_of(view, i)
        return replace(frame, code=code or frame.code, trigger=trigger, pred=i,
                       sources=sources or frame.sources, modality=modality, negated=negated,
                       family=comp.family, support=None)
