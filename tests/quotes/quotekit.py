"""Hand-built articles for the quotes tests: sentences as hand-written parses, actors placed on
words of the text, and a small cue lexicon in memory.

A parse is written as in ``tests/parsing.py`` (``word|lemma|POS|dep|head[|ent]``, heads 0-based;
``~word`` follows the previous token without a space), whose ``parse`` this module hands on.
"""

from __future__ import annotations

import datetime as dt

from parsing import parse
from thucydides.quotes.lexicon import Cue, CueLexicon
from thucydides.records import Actor, Analysis, Article, Mention, Sentence, Span

LAVROV = Actor("RUSGOV", "Sergey Lavrov", "person:sergey-lavrov", "RUS", "GOV", "person",
               "Minister of Foreign Affairs")
RUSSIA = Actor("RUS", "Russia", "country:RUS", "RUS", None, "state")
UKRAINE = Actor("UKRGOV", "Ukraine", "country:UKR", "UKR", "GOV", "state")
MINISTER = Actor("GOV", "government", None, None, "GOV", "agent", "minister")


def cue(lemma: str, pos: str = "VERB", act: str = "assert", content: tuple[str, ...] = ("clause",),
        addressee: tuple[str, ...] = (), hedged: bool = False, cls: str = "speech") -> Cue:
    return Cue(lemma, pos, cls, act, hedged, None, content, addressee)


LEXICON = CueLexicon.of([
    cue("say", addressee=("prep:to",)),
    cue("tell", content=("clause", "inf"), addressee=("obj", "dative")),
    cue("add"),
    cue("note"),
    cue("claim", act="claim", hedged=True),
    cue("urge", act="appeal", content=("inf", "clause"), addressee=("obj",)),
    cue("stress", content=("clause", "obj")),
    cue("accuse", act="accuse", content=("prep:of",), addressee=("obj",)),
    cue("believe", act="believe", cls="cognition"),
    cue("report", act="report"),
    cue("quote"),
    cue("claim", pos="NOUN", act="claim", hedged=True),
    cue("according to", pos="PREP", cls="source"),
])


def article(*specs: str, actors: dict[str, Actor] | None = None,
            date: dt.date | None = None) -> Analysis:
    """An analysed article of hand-parsed sentences (joined by single spaces, or by a line
    break where a spec starts with ``\\n``). ``actors`` maps a phrase to the actor of every
    occurrence of it."""
    sentences: list[Sentence] = []
    text = ""
    for k, spec in enumerate(specs):
        sep = "\n" if spec.startswith("\n") else " "
        text += sep if text else ""
        part, sent = parse(spec.lstrip("\n"), index=k, offset=len(text))
        text += part
        sentences.append(sent)
    mentions = []
    for phrase, actor in (actors or {}).items():
        start = text.find(phrase)
        while start >= 0:
            span = Span(start, start + len(phrase))
            owner = next(s.index for s in sentences if s.span.contains(span))
            mentions.append(Mention(span, owner, actor, actor.kind or "state", (span,)))
            start = text.find(phrase, start + 1)
    mentions.sort(key=lambda m: m.span.start)
    return Analysis(Article("t", text, date), tuple(sentences), tuple(mentions), ())


def texts(item: Analysis, spans: tuple[Span, ...]) -> tuple[str, ...]:
    return tuple(s.of(item.article.text) for s in spans)
