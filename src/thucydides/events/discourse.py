"""Pronouns across sentences: what "he", "it" and "they" refer to when their sentence does not
say. The article is read in order; the discourse remembers the actors mentioned so far and the
sources of the last sentence's events (the most salient actors).

- "he", "she" (and "his", "her", "him"): the last person mentioned;
- "it", "its": the last state, organisation or group mentioned;
- "they", "them", "their": the sources of the previous sentence's events when there were several
  ("Chile and Peru signed the accord. They also agreed to ..."), else the last group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thucydides.records import ActorRef, Mention, Span

PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers"})
NEUTER = frozenset({"it", "its"})
PLURAL = frozenset({"they", "them", "their", "theirs"})
PRONOUNS = PERSONAL | NEUTER | PLURAL
GROUP_KINDS = frozenset({"state", "territory", "igo", "bloc", "party", "armed_group",
                         "organization", "ngo", "company", "media", "composed", "agent"})
WINDOW = 1500  # characters: how far back an antecedent may be


def _ref(m: Mention, pronoun: Span) -> ActorRef:
    head = m.parts[-1] if m.parts else m.span
    return ActorRef(m.span, head, m.actor, m.span, chain=(pronoun,))


@dataclass
class Discourse:
    """What has been said so far in one article (mutable, one per article being coded)."""

    mentions: list[Mention] = field(default_factory=list)
    last_sources: list[ActorRef] = field(default_factory=list)

    def add_sentence(self, mentions: list[Mention], sources: list[ActorRef]) -> None:
        self.mentions += mentions
        if sources:
            self.last_sources = sources

    def resolve(self, word: str, pronoun: Span) -> list[ActorRef]:
        """Antecedents of a pronoun that has none in its own sentence."""
        word = word.lower()
        recent = [m for m in self.mentions if m.actor is not None
                  and 0 <= pronoun.start - m.span.end <= WINDOW]
        if word in PERSONAL:
            people = [m for m in recent if m.actor and m.actor.kind == "person"]
            return [_ref(people[-1], pronoun)] if people else []
        if word in PLURAL and len(self.last_sources) > 1:
            return [ActorRef(s.span, s.head, s.actor, s.mention, (*s.chain, pronoun))
                    for s in self.last_sources]
        if word in NEUTER | PLURAL:
            groups = [m for m in recent if m.kind in GROUP_KINDS and m.actor
                      and m.actor.kind != "person"]
            return [_ref(groups[-1], pronoun)] if groups else []
        return []
