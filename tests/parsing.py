"""Hand-built parses for tests that exercise the coder's logic, not the parser.

A sentence is written one token per whitespace-separated item, ``word|lemma|POS|dep|head``, with
``head`` the 0-based index of the head token (the root points at itself). Optional sixth field:
entity type. The text is the words joined by single spaces; a token written ``~word`` follows
the previous one without a space ("said ~." -> "said.").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from thucydides.records import Actor, Analysis, Article, Mention, Sentence, Span, Token


def parse(spec: str, index: int = 0, offset: int = 0) -> tuple[str, Sentence]:
    tokens = []
    text = ""
    for i, item in enumerate(spec.split()):
        glued = item.startswith("~")
        fields = item.lstrip("~").split("|")
        word, lemma, upos, dep, head = fields[:5]
        ent = fields[5] if len(fields) > 5 else ""
        word = word.replace("_", " ")
        if text and not glued:
            text += " "
        start = offset + len(text)
        tokens.append(Token(i, word, lemma.lower(), upos, upos, dep, int(head), start,
                            start + len(word), ent, "B" if ent else "O"))
        text += word
    return text, Sentence(index, Span(offset, offset + len(text)), tuple(tokens))


def _kind(actor: Actor) -> str:
    if actor.kind == "agent" and actor.country:
        return "composed"
    return actor.kind or "state"


def article(*specs: str, actors: Mapping[str, Actor] | None = None,
            date: dt.date | None = None) -> Analysis:
    """An article of hand-parsed sentences joined by single spaces, with a mention of
    ``actors[phrase]`` on every occurrence of each phrase (a composed agent's parts are its first
    and last words: "Indian counterpart" -> "Indian", "counterpart")."""
    sentences: list[Sentence] = []
    text = ""
    for k, spec in enumerate(specs):
        text += " " if text else ""
        part, sentence = parse(spec, index=k, offset=len(text))
        text += part
        sentences.append(sentence)
    mentions: list[Mention] = []
    for phrase, actor in sorted((actors or {}).items(), key=lambda pa: -len(pa[0])):
        start = text.find(phrase)
        while start >= 0:
            span = Span(start, start + len(phrase))
            owner = next(s.index for s in sentences if s.span.contains(span))
            parts = (span,)
            if _kind(actor) == "composed" and " " in phrase:
                last = phrase.rindex(" ") + 1
                parts = (Span(start, start + phrase.index(" ")), Span(start + last, span.end))
            if not any(m.span.overlaps(span) for m in mentions):  # the longest phrase wins
                mentions.append(Mention(span, owner, actor, _kind(actor), parts))
            start = text.find(phrase, start + 1)
    mentions.sort(key=lambda m: m.span.start)
    return Analysis(Article("t", text, date), tuple(sentences), tuple(mentions))
