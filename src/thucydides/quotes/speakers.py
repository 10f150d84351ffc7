"""Speakers as the quotes stage reports them. Who a speaker is (a name, a title, "he", "we" inside
a direct quote) is resolved by the actor layer's speaker chains (``thucydides.actors.speakers``);
a resolved reference keeps the local words in ``chain``: ``ref.span`` is the antecedent,
``chain[-1]`` the words in the sentence.
"""

from __future__ import annotations

from thucydides.actors.speakers import refers
from thucydides.nlp.pronouns import pronouns
from thucydides.records import ActorRef, Span


def local(ref: ActorRef) -> Span:
    """The words naming the speaker in its own sentence."""
    return ref.chain[-1] if ref.chain else ref.span


def speaker_name(ref: ActorRef | None, text: str) -> str | None:
    """A readable name of the speaker: a person's or an institution's name from the knowledge
    base, else the phrase naming the speaker (None for a bare pronoun)."""
    if ref is None:
        return None
    if ref.actor is not None and ref.actor.kind not in (None, "agent"):
        return ref.actor.name
    phrase = ref.span.of(text)
    if refers(pronouns().get(phrase)) is not None:
        return None
    return phrase
