"""The actor knowledge base: actors, their aliases, and time-bounded roles, as data.

The built-in base is ``data/actors/*.tsv``, ``data/aliases/*.tsv`` and ``data/roles/*.tsv``; a
user's own folders (each with any of ``actors.tsv``, ``aliases.tsv``, ``roles.tsv``) are merged
over it, validated by the same schemas. The base answers two questions: what an actor is on a date
(``resolve``) and who held an office on a date (``holder``). It also holds the sector table
(``data/sectors.tsv``), which its sector columns are checked against.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from thucydides.actors.folding import normalise
from thucydides.actors.sectors import Sectors
from thucydides.datafiles import Row, load_tables
from thucydides.errors import DataFileError, Err
from thucydides.records import Actor

PACKAGE = "thucydides.actors"
KB_FILES = ("actors", "aliases", "roles")


@dataclass(frozen=True, slots=True)
class Entry:
    """A row of actors.tsv."""

    id: str
    kind: str
    name: str
    code: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Alias:
    actor: str
    alias: str
    type: str
    sector: str | None
    exact: bool
    user: bool = False  # from a user's own tables: wins over a built-in reading of the same words


@dataclass(frozen=True, slots=True)
class Role:
    actor: str
    country: str | None
    org: str | None
    sector: str
    office: str
    title: str
    start: dt.date
    end: dt.date | None
    explicit_code: str | None = None

    def holds_on(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)

    @property
    def code(self) -> str:
        return self.explicit_code or f"{self.country or ''}{self.sector}"


def partial_date(value: str, last: bool) -> dt.date:
    """'2019' / '2019-05' / '2019-05-07' -> a date; a partial date is its first (or last) day."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        if not last:
            return dt.date(year, month, 1)
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)


def check_folders(folders: Sequence[str | Path]) -> None:
    """Raise E204 for a user folder that does not exist or holds none of the KB files (a
    mistyped ``--kb-extra`` would otherwise be ignored without a word)."""
    for f in folders:
        path = Path(f)
        if not path.is_dir():
            raise DataFileError(Err.E204, path=str(path),
                                detail="no such folder (expected a folder of actor tables)")
        if not any((path / f"{name}.tsv").is_file() for name in KB_FILES):
            raise DataFileError(Err.E204, path=str(path),
                                detail=f"none of {', '.join(n + '.tsv' for n in KB_FILES)} in "
                                       "the folder")


def _user_files(folders: Sequence[str | Path], name: str) -> list[str | Path]:
    return [Path(f) / f"{name}.tsv" for f in folders if (Path(f) / f"{name}.tsv").is_file()]


def _role(row: Row, entries: Mapping[str, Entry]) -> Role:
    """A role row, checked: dates, the organisation's id, an end not before the start."""
    def fail(detail: str) -> DataFileError:
        return DataFileError(Err.E201, path=row["_file"], line=row["_line"], detail=detail)

    try:
        role = _role_of(row)
    except ValueError as exc:
        raise fail(f"not a date: {exc}") from exc
    if role.org is not None and role.org not in entries:
        raise fail(f"unknown org id {role.org!r}")
    if role.end is not None and role.end < role.start:
        raise fail(f"end {row['end']} is before start {row['start']}")
    return role


def _on(roles: Sequence[Role], date: dt.date | None) -> Role | None:
    """Of roles sorted by start, the one held on ``date`` (the latest started, where several
    are); with no date, the latest of all."""
    if date is None:
        return roles[-1] if roles else None
    valid = [r for r in roles if r.holds_on(date)]
    return valid[-1] if valid else None


def _role_of(row: Row) -> Role:
    return Role(
        actor=row["actor"], country=row["country"], org=row["org"], sector=row["sector"],
        office=row["office"], title=row["title"], start=partial_date(row["start"], last=False),
        end=partial_date(row["end"], last=True) if row["end"] else None,
        explicit_code=row.get("code"),
    )


@dataclass(frozen=True)
class KnowledgeBase:
    entries: Mapping[str, Entry]
    aliases: tuple[Alias, ...]
    roles: Mapping[str, tuple[Role, ...]]
    holders: Mapping[tuple[str, str], tuple[Role, ...]]
    sectors: Sectors

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> KnowledgeBase:
        """The built-in base with the user folders ``extra`` merged over it; every row checked
        (E201 names the file and line; E204 a folder that is missing or holds no KB file)."""
        check_folders(extra)
        sectors = Sectors.load()
        actors = load_tables(PACKAGE, "actors", _user_files(extra, "actors"))
        entries = {r["id"]: Entry(r["id"], r["kind"], r["name"], r["code"], r["country"])
                   for r in actors}
        alias_rows = load_tables(PACKAGE, "aliases", _user_files(extra, "aliases"))
        role_rows = load_tables(PACKAGE, "roles", _user_files(extra, "roles"))
        for row in (*alias_rows, *role_rows):
            if row["actor"] not in entries:
                raise DataFileError(Err.E201, path=row["_file"], line=row["_line"],
                                    detail=f"unknown actor id {row['actor']!r}")
            sectors.check(row)
        builtin = f"{PACKAGE}/data/"
        aliases = tuple(Alias(r["actor"], r["alias"], r["type"], r["sector"], r["case"] == "exact",
                              user=not r["_file"].startswith(builtin)) for r in alias_rows)
        return cls.build(entries, aliases, [_role(r, entries) for r in role_rows], sectors)

    @classmethod
    def build(cls, entries: Mapping[str, Entry], aliases: Iterable[Alias],
              roles: Iterable[Role], sectors: Sectors | None = None) -> KnowledgeBase:
        """A base from records in memory (tests build small ones this way); the sector table
        is the built-in one unless given."""
        by_actor: dict[str, list[Role]] = defaultdict(list)
        by_office: dict[tuple[str, str], list[Role]] = defaultdict(list)
        for role in roles:
            by_actor[role.actor].append(role)
            for key in {role.country, role.org} - {None}:
                by_office[(key, role.office)].append(role)
        return cls(
            dict(entries), tuple(aliases),
            {k: tuple(sorted(v, key=lambda r: r.start)) for k, v in by_actor.items()},
            {k: tuple(sorted(v, key=lambda r: r.start)) for k, v in by_office.items()},
            sectors if sectors is not None else Sectors.load(),
        )

    @cached_property
    def by_alias(self) -> Mapping[str, tuple[Alias, ...]]:
        """Aliases by their folded text (``folding.normalise``)."""
        index: dict[str, list[Alias]] = defaultdict(list)
        for a in self.aliases:
            index[normalise(a.alias)].append(a)
        return {k: tuple(v) for k, v in index.items()}

    def role_on(self, actor_id: str, date: dt.date | None) -> Role | None:
        """The actor's role on ``date``; with no date, the latest role it ever held."""
        return _on(self.roles.get(actor_id, ()), date)

    def resolve(self, actor_id: str, date: dt.date | None, sector: str | None = None) -> Actor:
        """What ``actor_id`` is on ``date``. ``sector`` (from the alias used) refines the code."""
        e = self.entries[actor_id]
        role = self.role_on(actor_id, date)
        if role is not None:
            return Actor(code=self._role_code(role), name=e.name, id=e.id,
                         country=role.country, sector=role.sector, kind=e.kind, role=role.title)
        code = e.code or (e.country or "")
        roles = self.roles.get(actor_id, ())
        if e.kind == "person" and not e.code and e.country and roles and date is not None:
            # after an office: a former official (CAMEO ELI); before any: a national
            code = f"{e.country}ELI" if date > roles[0].start else e.country
        if sector and not code.endswith(sector):
            code += sector
        return Actor(code=code or None, name=e.name, id=e.id, country=e.country,
                     sector=sector, kind=e.kind)

    def _role_code(self, role: Role) -> str:
        """A role's code: its own, or country + sector, or the organisation's code for an office
        of an organisation without a country (the UN Secretary-General: IGOUNO)."""
        if role.explicit_code or role.country:
            return role.code
        org = self.entries.get(role.org or "")
        return (org.code or role.code) if org is not None else role.code

    def holder(self, key: str, office: str, date: dt.date | None) -> Role | None:
        """Who held ``office`` of country (ISO3) or organisation (id) ``key`` on ``date``."""
        return _on(self.holders.get((key, office), ()), date)
