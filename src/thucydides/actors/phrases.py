"""What a phrase of a parsed sentence names: the actor mention it rests on, as an ``ActorRef``.

One rule for every reader of the parse (the mention chains, the event coder, the quote speakers):
a phrase is the noun phrase of its head token; it takes the mention at its head, else the first
specific mention inside it (a named actor before an agent term).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from thucydides.actors.compose import agent_actor
from thucydides.actors.sectors import Sectors
from thucydides.nlp.syntax import View
from thucydides.records import ActorRef, Mention, Span


def best_mention(mentions: Sequence[Mention], span: Span, head: Span) -> Mention | None:
    """The mention a phrase rests on: the one at its head, else the first specific one."""
    inside = [m for m in mentions if span.contains(m.span) or m.span.contains(head)]
    at_head = [m for m in inside if m.span.overlaps(head)]
    if at_head:
        return at_head[0]
    return min(inside, key=lambda m: (m.kind == "agent", m.span.start), default=None)


def _affiliated(m: Mention, mentions: Sequence[Mention], span: Span, head: Span,
                sectors: Sectors) -> Mention:
    """"a spokesman for President Ruto": an agent at the head without a country borrows the
    country of another mention in the phrase."""
    actor = m.actor
    if actor is None or actor.country or actor.id or not actor.sector:
        return m
    inside = [o for o in mentions if span.contains(o.span) or o.span.contains(head)]
    other = next((o for o in inside if o is not m and o.actor and o.actor.country), None)
    if other is None or other.actor is None:
        return m
    return replace(m, actor=agent_actor(actor.sector, sectors, base=other.actor.country or "",
                                        of=other.actor.name, country=other.actor.country,
                                        role=actor.role))


def phrase_ref(view: View, i: int, mentions: Sequence[Mention],
               sectors: Sectors | None = None) -> ActorRef:
    """The phrase headed by token ``i`` with the actor of the mention it rests on; ``chain`` is
    that mention's. With ``sectors``, an agent without a country at the head takes the country
    of another mention of the phrase ("a spokesman for President Ruto")."""
    tok = view.tokens[i]
    span = view.np_span(i)
    best = best_mention(mentions, span, tok.span)
    if best is None:
        return ActorRef(span, tok.span)
    if sectors is not None and best.span.overlaps(tok.span):
        best = _affiliated(best, mentions, span, tok.span, sectors)
    return ActorRef(span, tok.span, best.actor, best.span, best.chain)
