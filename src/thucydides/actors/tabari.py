"""Importing TABARI / PETRARCH actor dictionaries into the knowledge base's tables.

A dictionary entry is a primary phrase with an optional default code, ``+`` synonyms, and
tab-indented date restrictions::

    JAMES_BYRNES_  ; CountryInfo.txt
    +JIMMY_BYRNES_
        [USAELI 18970101-450703]
        [USAGOV 450703-470121]

It becomes one actor (id ``tabari:<slug>``), one alias per phrase, and one role per restriction
(``<date``: until the date, ``>date``: from it, ``d1-d2``: between them, both included). Dates are
YYMMDD or YYYYMMDD; a two-digit year up to 30 is 20YY, else 19YY. Where restrictions overlap, the
one that started last applies, which is how the dictionaries use them ("this should override the
next restriction"). A role's sector is the code's letters 4-6 when they are a sector of
``data/sectors.tsv``, else UNK. What cannot be imported (several codes for one entry, a malformed
code or date, a restriction ending before it starts) is reported per line and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from thucydides.actors.sectors import Sectors

CODE = re.compile(r"^[A-Z0-9]{3,}$")
RESTRICTION = re.compile(
    r"^\[\s*(?P<code>[^\s\]<>]+)?\s*(?P<when>[<>]?\s*\d{6,8}(?:\s*-\s*\d{6,8})?)?\s*\]")
EARLIEST = "0001-01-01"


@dataclass
class Entry:
    phrases: list[str]
    line: int
    code: str | None = None
    roles: list[tuple[str, str, str | None]] = field(default_factory=list)  # code, start, end


@dataclass(frozen=True)
class Imported:
    actors: list[dict[str, str]]
    aliases: list[dict[str, str]]
    roles: list[dict[str, str]]
    skipped: list[str]


def _strip_comments(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Lines without comments (# ..., ; ..., <!-- ... -->), numbered from 1; blanks dropped."""
    in_block = False
    for n, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if in_block:
            if "-->" not in line:
                continue
            line, in_block = line.split("-->", 1)[1], False
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail.split("-->", 1)[1]
            else:
                line, in_block = head, True
        line = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if line.strip():
            yield n, line


def tabari_date(value: str) -> str:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD."""
    if len(value) == 6:
        yy = int(value[:2])
        value = f"{2000 + yy if yy <= 30 else 1900 + yy}{value[2:]}"
    if len(value) != 8:
        raise ValueError(value)
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"


def _span(when: str) -> tuple[str, str | None]:
    when = re.sub(r"\s+", "", when)
    if when.startswith("<"):
        return EARLIEST, tabari_date(when[1:])
    if when.startswith(">"):
        return tabari_date(when[1:]), None
    start, _, end = when.partition("-")
    return tabari_date(start), tabari_date(end) if end else None


def _code(raw: str | None) -> str | None:
    """A usable code, '' for the null code '---', None when malformed."""
    if raw is None or raw.strip("-") == "":
        return ""
    code = raw.upper()
    return code if CODE.match(code) else None


def phrase_text(phrase: str) -> str:
    """TABARI phrase -> alias text: underscores are spaces, a trailing one marks a word end."""
    return re.sub(r"\s+", " ", phrase.replace("_", " ")).strip()


def parse(lines: Iterable[str], skipped: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    for n, line in _strip_comments(lines):
        body = line.strip()
        if line[0] in " \t" and body.startswith("["):
            if not entries:
                skipped.append(f"line {n}: restriction before any entry")
                continue
            _restriction(entries[-1], body, n, skipped)
        elif body.startswith("+"):
            if entries:
                entries[-1].phrases.append(body[1:].split("[")[0].strip())
        else:
            phrase, _, rest = body.partition("[")
            entry = Entry([phrase.strip()], n)
            if rest:
                code = _code(rest.split("]")[0].strip())
                if code is None:
                    skipped.append(f"line {n}: code [{rest.split(']')[0]}] cannot be imported")
                entry.code = code or None
            entries.append(entry)
    return entries


def _restriction(entry: Entry, body: str, n: int, skipped: list[str]) -> None:
    m = RESTRICTION.match(body)
    if m is None:
        skipped.append(f"line {n}: restriction {body!r} not understood")
        return
    code = _code(m.group("code"))
    if code is None:
        skipped.append(f"line {n}: code in {body!r} cannot be imported")
        return
    if not m.group("when"):
        entry.code = code or None  # "[CODE]" alone: the default
        return
    try:
        start, end = _span(m.group("when"))
    except ValueError:
        skipped.append(f"line {n}: date in {body!r} not understood")
        return
    entry.roles.append((code, start, end))


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "entry"
    slug, k = base, 2
    while slug in used:
        slug, k = f"{base}-{k}", k + 1
    used.add(slug)
    return slug


def convert(entries: list[Entry], source: str, skipped: list[str],
            sectors: Sectors | None = None) -> Imported:
    sectors = sectors if sectors is not None else Sectors.load()
    actors, aliases, roles = [], [], []
    used: set[str] = set()
    for e in entries:
        names = [phrase_text(p) for p in e.phrases if phrase_text(p)]
        if not names:
            continue
        aid = f"tabari:{_slug(names[0], used)}"
        dated = [r for r in e.roles if r[0]]
        kind = "person" if e.roles else "organization"
        country = (e.code or (dated[0][0] if dated else ""))[:3] or ""
        actors.append({"id": aid, "kind": kind, "name": names[0].title(), "code": e.code or "",
                       "country": country if country.isalpha() else "",
                       "source": f"{source}:{e.line}", "as_of": ""})
        for name in dict.fromkeys(names):
            aliases.append({"actor": aid, "alias": name, "type": "name", "sector": "",
                            "case": "fold", "note": ""})
        starts: set[str] = set()
        for code, start, end in dated:
            if start in starts:
                skipped.append(f"line {e.line}: a second restriction starting {start} for "
                               f"{names[0]!r} was dropped")
                continue
            if end and end < start:
                skipped.append(f"line {e.line}: restriction [{code} {start}-{end}] of "
                               f"{names[0]!r} ends before it starts; dropped")
                continue
            starts.add(start)
            sector = code[3:6] if code[3:6] in sectors else "UNK"
            roles.append({"actor": aid, "country": code[:3] if code[:3].isalpha() else "",
                          "org": "", "sector": sector, "code": code, "office": "tabari",
                          "title": code, "start": start, "end": end or "",
                          "source": f"{source}:{e.line}", "as_of": ""})
    return Imported(actors, aliases, roles, skipped)


def import_files(paths: Iterable[str | Path]) -> Imported:
    """Read TABARI/PETRARCH actor dictionaries into rows of actors, aliases and roles."""
    skipped: list[str] = []
    entries: list[Entry] = []
    names = []
    for path in paths:
        p = Path(path)
        problems: list[str] = []
        with p.open(encoding="utf-8", errors="replace") as f:
            entries += parse(f, problems)
        skipped += [f"{p.name} {m}" for m in problems]
        names.append(p.name)
    return convert(entries, "+".join(names), skipped)


COLUMNS = {
    "actors": ("id", "kind", "name", "code", "country", "source", "as_of"),
    "aliases": ("actor", "alias", "type", "sector", "case", "note"),
    "roles": ("actor", "country", "org", "sector", "code", "office", "title", "start", "end",
              "source", "as_of"),
}


def write_folder(imported: Imported, folder: str | Path) -> dict[str, int]:
    """Write ``actors.tsv``, ``aliases.tsv``, ``roles.tsv`` for ``--kb-extra``; row counts."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, cols in COLUMNS.items():
        rows = getattr(imported, name)
        clean = ["\t".join(str(r[c]).replace("\t", " ") for c in cols) for r in rows]
        text = "# imported by thucydides kb import-tabari\n" + "\t".join(cols) + "\n"
        (out / f"{name}.tsv").write_text(text + "".join(x + "\n" for x in clean),
                                         encoding="utf-8")
        counts[name] = len(rows)
    return counts
