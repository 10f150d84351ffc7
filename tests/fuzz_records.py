"""A seeded generator of mixed JSONL records, good and bad, of many kinds (the project's own; no
outside fuzzer). Every record says what ``thucydides code`` must make of it: coded (perhaps with a
warning), or failed with a given error code, by the readers or by the ingest stage.

    cases = generate(seed=12, n=2000)
    path.write_bytes(b"".join(c.line for c in cases))

Texts are short (one or two sentences of made-up news), so that coding thousands stays quick.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass

MAX_CHARS = 3000  # run the fuzz files with --max-chars 3000: the too-long kind is just over it

ACTORS = ("Russia", "Ukraine", "France", "Germany", "China", "Japan", "Brazil", "Kenya", "Iran",
          "Turkey", "India", "Mexico", "Egypt", "Poland", "Canada", "Chile")
DEEDS = ("accused {b} of breaking the truce", "met officials from {b} in Vienna",
         "criticised {b} over the border dispute", "signed a trade deal with {b}",
         "threatened {b} with new tariffs", "praised {b} for its help with the talks",
         "condemned the missile test by {b}", "urged {b} to free the detained sailors",
         "sent aid to {b} after the floods", "expelled two diplomats from {b}")
WHEN = ("on Monday", "on Thursday", "last week", "earlier this month", "")
TAILS = ("", " Officials in the capital gave no further details.",
         " The foreign ministry confirmed the news in a short statement.")
FOREIGN = {  # written for this generator: one line of news in each script
    "arabic": ("قال المتحدث إن الوزيرين سيلتقيان الأسبوع المقبل لبحث التجارة.",
               "أعلنت الحكومة عن خطة جديدة لدعم المزارعين بعد موسم الجفاف."),
    "chinese": ("发言人说，两国部长将于下周会面，讨论贸易问题。",
                "政府宣布了一项帮助农民度过干旱季节的新计划。"),
    "russian": ("Представитель заявил, что министры встретятся на следующей неделе.",
                "Правительство объявило о новом плане помощи фермерам после засухи."),
    "hindi": ("प्रवक्ता ने कहा कि दोनों मंत्री अगले सप्ताह व्यापार पर चर्चा के लिए मिलेंगे।",
              "सरकार ने सूखे के बाद किसानों की मदद के लिए नई योजना की घोषणा की।"),
    "german": ("Die Regierung hat am Dienstag einen neuen Plan zur Unterstützung der Landwirte "
               "nach der langen Dürre vorgestellt, teilte ein Sprecher in Berlin mit.",),
}


@dataclass(frozen=True, slots=True)
class Case:
    """One generated record: its JSONL line (bytes, with its line end), its kind, and what
    ``code`` must make of it: ``error`` (a code, or None: coded), ``warning`` (a code the coded
    record carries, or None), ``read_error`` (the readers fail it: ``extract`` too)."""

    kind: str
    id: str
    line: bytes
    error: str | None = None
    warning: str | None = None
    read_error: bool = False


def news(rng: random.Random) -> str:
    a, b = rng.sample(ACTORS, 2)
    when = rng.choice(WHEN)
    deed = rng.choice(DEEDS).format(b=b)
    return f"{a} {deed}{' ' + when if when else ''}.{rng.choice(TAILS)}"


def record(rid: str, text: object, **extra: object) -> bytes:
    return json.dumps({"id": rid, "text": text, **extra}, ensure_ascii=False).encode()


def _good(rng: random.Random, rid: str) -> bytes:
    return record(rid, news(rng), date=f"2022-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")


def _bytes_in_text(rng: random.Random, rid: str, raw: bytes) -> bytes:
    """A good record with ``raw`` bytes put inside its text (in place of a space)."""
    line = _good(rng, rid)
    start = line.index(b'"text": "') + 9
    cut = line.index(b" ", start + 3)
    return line[:cut] + raw + line[cut + 1:]


Make = Callable[[random.Random, str], bytes]


def _foreign(texts: tuple[str, ...]) -> Make:
    return lambda rng, rid: record(rid, rng.choice(texts))


KINDS: dict[str, tuple[Make, str | None, str | None, bool]] = {
    # kind: (make the line, error, warning, read error)
    "good": (_good, None, None, False),
    "good_undated": (lambda r, i: record(i, news(r)), None, None, False),
    "good_with_fields": (lambda r, i: record(
        i, news(r), title="News of the day", url=f"https://news.example.org/{i}",
        language="en", tags=["world", {"region": ["x"]}], score=3.5), None, None, False),
    "good_astral": (lambda r, i: record(i, "\U0001F4F0 " + news(r) + " \u2014 São Paulo desk."),
                    None, None, False),
    "good_crlf": (lambda r, i: _good(r, i) + b"\r", None, None, False),
    "good_iso_datetime": (lambda r, i: record(i, news(r), date="2022-03-15T10:30:00Z"),
                          None, None, False),
    "lone_surrogate": (lambda r, i: _bytes_in_text(r, i, b"\\ud800"), None, "W101", False),
    "nul_byte": (lambda r, i: _bytes_in_text(r, i, b"\x00"), None, "W101", False),
    "nul_escape": (lambda r, i: _bytes_in_text(r, i, b"\\u0000"), None, "W101", False),
    "stray_byte": (lambda r, i: _bytes_in_text(r, i, b"\xff"), None, "W101", False),
    "surrogate_id": (lambda r, i: json.dumps({"id": i, "text": news(r)}).encode(), None,
                     "W101", False),  # its id ends in a lone surrogate (see ``generate``)
    "huge_int_id": (lambda r, i: b'{"id": ' + b"7" * 5000 + b', "text": "x"}', "E103", None,
                    True),
    "deep_nesting": (lambda r, i: record(i, news(r), meta=[]).replace(
        b"[]", b"[" * 500 + b"]" * 500), "E103", None, True),
    "broken_json": (lambda r, i: _good(r, i)[:-7], "E103", None, True),
    "not_an_object": (lambda r, i: json.dumps([i, news(r)]).encode(), "E109", None, True),
    "no_text": (lambda r, i: json.dumps({"id": i, "body": news(r)}).encode(), "E104", None,
                True),
    "text_not_a_string": (lambda r, i: record(i, 12345), "E104", None, True),
    "date_with_garbage": (lambda r, i: record(i, news(r), date="2022-03-15garbage"), "E107",
                          None, True),
    "date_zero": (lambda r, i: record(i, news(r), date=0), "E107", None, True),
    "date_impossible": (lambda r, i: record(i, news(r), date="2024-02-31"), "E107", None,
                        True),
    "empty_text": (lambda r, i: record(i, "  \n "), "E101", None, True),
    "binary_text": (lambda r, i: record(i, "".join(chr(r.randint(1, 8)) for _ in range(40))),
                    "E102", None, False),
    "too_long": (lambda r, i: record(i, " ".join(news(r) for _ in range(60))[:MAX_CHARS + 500]),
                 "E105", None, False),
    **{name: (_foreign(texts), "E106", None, False) for name, texts in FOREIGN.items()},
}
GOOD_KINDS = ("good", "good_undated", "good_with_fields", "good_astral", "good_crlf",
              "good_iso_datetime")


def generate(seed: int, n: int) -> list[Case]:
    """``n`` records: about half good, the rest spread over every other kind (each at least
    once), in a seeded random order."""
    rng = random.Random(seed)
    others = [k for k in KINDS if k not in GOOD_KINDS]
    kinds = others + [rng.choice(others) if rng.random() < 0.5 else rng.choice(GOOD_KINDS)
                      for _ in range(n - len(others))]
    rng.shuffle(kinds)
    cases = []
    for number, kind in enumerate(kinds):
        make, error, warning, read_error = KINDS[kind]
        rid = f"{kind}-{number}" + ("\ud800" if kind == "surrogate_id" else "")
        cases.append(Case(kind, rid, make(rng, rid) + b"\n", error, warning, read_error))
    return cases
