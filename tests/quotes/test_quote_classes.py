"""What a quote attributes (speech, belief, evidence) and its kind, read from the cue, the
speaker and the content's text; a content cut free of its cue and speaker. No spaCy."""

from __future__ import annotations

import pytest
from quotekit import LEXICON, cue

from thucydides.quotes.classes import attribution_of, kind_of
from thucydides.records import ActorRef, Span

TEXT = "The report says the council told the envoy he believes it."


def ref(words: str) -> ActorRef:
    start = TEXT.index(words)
    span = Span(start, start + len(words))
    return ActorRef(span, Span(span.end - len(words.split()[-1]), span.end))


@pytest.mark.parametrize(("the_cue", "speaker", "attribution"), [
    (LEXICON.get("say", "VERB"), "the council", "speech"),
    (LEXICON.get("according to", "PREP"), "the council", "speech"),
    (LEXICON.get("believe", "VERB"), "the council", "belief"),
    (cue("find", cls="evidence"), "the council", "evidence"),
    (LEXICON.get("say", "VERB"), "The report", "evidence"),  # a document speaks: evidence
    (LEXICON.get("believe", "VERB"), "The report", "belief"),
    (cue("gloss", cls="none"), "the envoy", "speech"),  # a cue only the model knows
    (None, "the envoy", "speech"),  # a quote continuing a speaker
    (LEXICON.get("say", "VERB"), None, "speech"),
])
def test_attribution_of_each_class(the_cue, speaker, attribution) -> None:
    assert attribution_of(the_cue, ref(speaker) if speaker else None, TEXT) == attribution


def test_a_document_speaker_through_a_chain_is_evidence() -> None:
    said = ActorRef(ref("the council").span, ref("the council").head,
                    chain=(ref("The report").span,))
    assert attribution_of(LEXICON.get("say", "VERB"), said, TEXT) == "evidence"


QUOTED = "“We are ready,” he said. “Not at any price.” She called it “a trap” today."


def spans(*words: str) -> tuple[Span, ...]:
    out = []
    for w in words:
        k = QUOTED.index(w)
        out.append(Span(k, k + len(w)))
    return tuple(out)


@pytest.mark.parametrize(("parts", "kind"), [
    (spans("“We are ready,”"), "direct"),
    (spans("“Not at any price.”"), "direct"),
    (spans("“We are ready,”", "“Not at any price.”"), "mixed"),  # its text holds the cue
    (spans("it “a trap” today"), "mixed"),
    (spans("he said"), "indirect"),
])
def test_kind_is_read_from_the_whole_text(parts, kind) -> None:
    assert kind_of(QUOTED, parts) == kind
