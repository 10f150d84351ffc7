"""What the knowledge base knows of a name: the actors it may refer to, and each one's code and
role on a date (``thucydides actors lookup``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thucydides.actors.folding import APOSTROPHES, normalise
from thucydides.actors.kb import KnowledgeBase


def lookup(kb: KnowledgeBase, name: str, date: dt.date | None = None) -> list[dict[str, Any]]:
    """Every actor with an alias equal to ``name`` (folded as the matcher folds it: case and
    typographic apostrophes, unless the alias is exact)."""
    name = name.strip()
    ids = dict.fromkeys(a.actor for a in kb.by_alias.get(normalise(name), ())
                        if not a.exact
                        or a.alias.translate(APOSTROPHES) == name.translate(APOSTROPHES))
    out = []
    for actor_id in ids:
        entry = kb.entries[actor_id]
        actor = kb.resolve(actor_id, date)
        out.append({
            "id": actor_id, "kind": entry.kind, "name": entry.name, "country": entry.country,
            "date": date.isoformat() if date else None, "code": actor.code, "role": actor.role,
            "aliases": sorted({a.alias for a in kb.aliases if a.actor == actor_id}),
            "roles": [{"office": r.office, "title": r.title, "code": r.code,
                       "start": r.start.isoformat(),
                       "end": r.end.isoformat() if r.end else None}
                      for r in kb.roles.get(actor_id, ())],
        })
    return out
