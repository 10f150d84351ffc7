"""An actor as the knowledge base knows it (aliases, roles over time, the holders of its offices)
joined with what the store holds about it."""

from __future__ import annotations

from typing import Any

import thucydides.web.queries as queries
from thucydides.actors.kb import KnowledgeBase, Role
from thucydides.actors.lookup import lookup
from thucydides.web.pool import Pool

OFFICE_KINDS = ("state", "country")


def role_row(r: Role, kb: KnowledgeBase, holder: bool = False) -> dict[str, Any]:
    row = {"office": r.office, "title": r.title, "code": kb.resolve(r.actor, r.start).code,
           "start": r.start.isoformat(), "end": r.end.isoformat() if r.end else None}
    if holder:
        entry = kb.entries.get(r.actor)
        row.update(holder=r.actor, holder_name=entry.name if entry else r.actor)
    return row


def kb_actor(kb: KnowledgeBase, actor_id: str) -> dict[str, Any] | None:
    """Name, aliases, own roles and office holders of ``actor_id`` (None: not in the base)."""
    entry = kb.entries.get(actor_id)
    if entry is None:
        return None
    found = [a for a in lookup(kb, entry.name) if a["id"] == actor_id]
    aliases = found[0]["aliases"] if found else sorted(
        {a.alias for a in kb.aliases if a.actor == actor_id})
    key = entry.country if entry.kind in OFFICE_KINDS else actor_id
    offices = sorted((r for (k, _), roles in kb.holders.items() if k == key for r in roles),
                     key=lambda r: (r.office, r.start))
    return {"id": actor_id, "name": entry.name, "kind": entry.kind, "country": entry.country,
            "code": entry.code, "aliases": aliases,
            "roles": [role_row(r, kb) for r in kb.roles.get(actor_id, ())],
            "offices": [role_row(r, kb, holder=True) for r in offices if r.actor != actor_id]}


def actor_detail(kb: KnowledgeBase, pool: Pool, actor_id: str) -> dict[str, Any] | None:
    """The knowledge base's view and the store's; None when neither knows ``actor_id``."""
    stored = queries.actor(pool, actor_id)
    known = kb_actor(kb, actor_id)
    if known is None and stored is None:
        return None
    if known is None:
        known = {"id": actor_id, "name": stored["name"], "kind": stored["kind"],
                 "country": stored["country"], "code": None, "aliases": [], "roles": [],
                 "offices": []}
    return {**known, "store": stored}
