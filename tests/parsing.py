"""Hand-built parses for tests that exercise the coder's logic, not the parser.

A sentence is written one token per whitespace-separated item, ``word|lemma|POS|dep|head``, with
``head`` the 0-based index of the head token (the root points at itself). Optional sixth field:
entity type. The text is the words joined by single spaces.
"""

from __future__ import annotations

from thucydides.records import Sentence, Span, Token


def parse(spec: str, index: int = 0, offset: int = 0) -> tuple[str, Sentence]:
    tokens = []
    pos = offset
    words = []
    for i, item in enumerate(spec.split()):
        fields = item.split("|")
        word, lemma, upos, dep, head = fields[:5]
        ent = fields[5] if len(fields) > 5 else ""
        word = word.replace("_", " ")
        tokens.append(Token(i, word, lemma.lower(), upos, upos, dep, int(head), pos,
                            pos + len(word), ent, "B" if ent else "O"))
        words.append(word)
        pos += len(word) + 1
    text = " ".join(words)
    return text, Sentence(index, Span(offset, offset + len(text)), tuple(tokens))
