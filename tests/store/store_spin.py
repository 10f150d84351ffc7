"""A text spinner for the duplicate tests: substitutes synonyms and reorders clauses, the way
content farms rewrite wire stories (``../shared/samples/seed-article.txt`` is such a copy)."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

SYNONYMS = Path(__file__).parent / "data" / "synonyms.tsv"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
FRONTED = re.compile(r"^((?:After|When|While|Although|As|Because|Since|Before|Following|Despite|"
                     r"In|On|At|According to)\b[^,]{3,80}), (.+?)([.!?])$")
REPORTED = re.compile(r"^([A-Z][\w .'’-]{1,60}?) (said|says|told reporters|stated) (?:that )?"
                      r"(.{20,}?)([.!?])$")
COMMON = {"the", "a", "an", "both", "diplomats", "officials", "analysts"}


def load_synonyms(path: Path = SYNONYMS) -> dict[str, list[str]]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {r["phrase"]: r["replacements"].split("|") for r in rows}


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first.lower() in COMMON else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def reorder(sentence: str) -> str:
    """Move a fronted clause to the end, or a reporting clause behind what was reported."""
    m = FRONTED.match(sentence)
    if m:
        lead, main, end = m.groups()
        return f"{_upper_first(main)} {lead[0].lower()}{lead[1:]}{end}"
    m = REPORTED.match(sentence)
    if m:
        speaker, verb, content, end = m.groups()
        return f"{_upper_first(content)}, {_lower_first(speaker)} {verb}{end}"
    return sentence


def substitute(text: str, synonyms: dict[str, list[str]], rate: float,
               rng: random.Random) -> str:
    keys = sorted(synonyms, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", re.IGNORECASE)

    def repl(m: re.Match[str]) -> str:
        word = m.group()
        if rng.random() >= rate:
            return word
        new = rng.choice(synonyms[word.lower()])
        return _upper_first(new) if word[0].isupper() else new

    return pattern.sub(repl, text)


def spin(text: str, rate: float = 0.7, seed: int = 0,
         synonyms: dict[str, list[str]] | None = None) -> str:
    """A spun copy of ``text``: clauses reordered in every sentence that allows it, and each
    word or phrase of the synonym table replaced with probability ``rate``."""
    rng = random.Random(seed)
    table = synonyms if synonyms is not None else load_synonyms()
    paragraphs = []
    for para in text.split("\n\n"):
        sentences = [reorder(s) for s in SENTENCE.split(para)]
        paragraphs.append(substitute(" ".join(sentences), table, rate, rng))
    return "\n\n".join(paragraphs)
