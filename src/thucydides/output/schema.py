"""The output records, described once: events, event groups, quotes, actors and actor references,
mentions, locations, dates, and the errors and warnings of an article.

Everything that writes or reads these records derives from the shapes below (see
``thucydides.output.fields`` for what a field means, docs/schema.md for how to add one): the
JSON lines of ``thucydides code`` (``output.jsonl``), the store's tables, DDL, Arrow schema and
rows (``store.rows``), the CSV/JSONL/Parquet and PLOVER exports (``store.export``,
``store.plover``), the dashboard API's models and SQL (``web.models``, ``web.sql``) and the
columns of the event explorer (fields marked ``shown``).

Readers look the shapes up here at call time (``schema.EVENT``), so a shape replaced in memory
(``schema.EVENT = schema.EVENT.adding(...)``) reaches every one of them.
"""

from __future__ import annotations

from typing import Any

from thucydides.output.fields import (
    BOOL,
    FLOAT,
    INT,
    STR,
    Context,
    Field,
    ListOf,
    Nested,
    PartsKind,
    Scalar,
    Shape,
    Show,
    SpanKind,
    SpansKind,
    list_of,
)
from thucydides.records import (
    Actor,
    ActorRef,
    ErrorRecord,
    Event,
    EventDate,
    EventGroup,
    Location,
    Mention,
    Quote,
)

# The output contract's version: bumped when a record gains, loses or changes a field.
VERSION = "thucydides.output.v3"

TEXT = Scalar(STR, str)
INTEGER = Scalar(INT, int)
NUMBER = Scalar(FLOAT, float)
FLAG = Scalar(BOOL, bool)
INTEGERS = Scalar(list_of(INT), list[int])
SPAN = SpanKind()
SPAN_WITH_TEXT = SpanKind(text_stored=True)
SPANS = SpansKind()


def _is_root(e: Event, ctx: Context) -> bool:
    return e.sentence.start < ctx.lead


def _speaker_name(q: Quote, ctx: Context) -> str | None:
    from thucydides.quotes.speakers import speaker_name

    return speaker_name(q.speaker, ctx.text)


def _content_text(q: Quote, ctx: Context) -> str:
    return " … ".join(c.of(ctx.text) for c in q.content)


ACTOR = Shape("Actor", Actor, (
    Field("code", TEXT, "CAMEO actor code: a country (ISO alpha-3) or IGO/bloc code, then "
          "sector codes (RUSGOV, USALEG, IGOWSTNAT)"),
    Field("name", TEXT, "the actor's name", optional=False),
    Field("actor_id", TEXT, "the knowledge base's id (country:RUS, person:...)", attr="id"),
    Field("country", TEXT, "the actor's country (ISO 3166 alpha-3)"),
    Field("sector", TEXT, "the sector codes of the actor's role or description"),
    Field("role", TEXT, "the role the actor held on the article's date"),
))
# the rows of the store's actors table: an actor as resolved on an article's date
ACTOR_ROW = ACTOR.adding(
    Field("kind", TEXT, "state, person, igo, party, armed_group, agent, ..."))

ACTOR_REF = Shape("ActorRef", ActorRef, (
    Field("span", SPAN_WITH_TEXT, "the noun phrase naming the participant", column="",
          flatten=True, optional=False),
    Field("actor", Nested(ACTOR), "the actor it resolved to (all null: unresolved)", column="",
          flatten=True),
    Field("head", SPAN, "the head word of the phrase", optional=False),
    Field("mention", SPAN, "the words naming it in its own clause or attribution ('he' of "
          "'he said'), where 'text' is the name-bearing phrase they resolved to"),
    Field("chain", SPANS, "the words on the way from a pronoun or a description to the phrase "
          "('it' in 'Hungary says it ...')"),
))

EVENT_DATE = Shape("EventDate", EventDate, (
    Field("value", TEXT, "YYYY-MM-DD, YYYY-MM or YYYY", optional=False, plover="date"),
    Field("precision", TEXT, "day, month or year", optional=False, plover="date_precision"),
    Field("basis", TEXT, "article (the publication date) or expression", optional=False),
    Field("expression", SPAN, "the temporal expression the date comes from", attr="span",
          column=""),
))

LOCATION = Shape("Location", Location, (
    Field("span", SPAN, "the place's name in the text", column="", flatten=True,
          optional=False),
    Field("name", TEXT, "the place's name in the gazetteer", optional=False),
    Field("country", TEXT, "its country (ISO 3166 alpha-3)", optional=False),
    Field("admin1", TEXT, "its first-level administrative division", column="adm1"),
    Field("lat", NUMBER, "latitude", optional=False),
    Field("lon", NUMBER, "longitude", optional=False),
    Field("feature", TEXT, "the gazetteer's feature class (city, country, ...)",
          optional=False),
))

EVENT = Shape("Event", Event, (
    Field("source", Nested(ACTOR_REF), "who acted", plover="actor"),
    Field("target", Nested(ACTOR_REF), "on whom (null: no target)", plover="recipient"),
    Field("cameo", TEXT, "CAMEO event code", optional=False, shown=Show("tag", "CAMEO"),
          plover="cameo"),
    Field("plover", TEXT, "PLOVER event type", shown=Show("tag", "PLOVER"),
          plover="event_type"),
    Field("mode", TEXT, "PLOVER mode", plover="mode"),
    Field("context", TEXT, "PLOVER context", plover="context"),
    Field("goldstein", NUMBER, "Goldstein score of the CAMEO code, -10 (conflict) to +10",
          optional=False, shown=Show("goldstein", "Goldstein"), plover="goldstein"),
    Field("quad_class", INTEGER, "GDELT's quad class: 1 verbal cooperation, 2 material "
          "cooperation, 3 verbal conflict, 4 material conflict", optional=False,
          shown=Show("quad", "quad class"), plover="quad_class"),
    Field("penta", INTEGER, "penta class (0-4) of the CAMEO root", optional=False,
          plover="penta"),
    Field("negated", FLAG, "the text says the event did not happen", optional=False,
          shown=Show("flag", "negated"), plover="negated"),
    Field("modality", TEXT, "future, hypothetical, ... (null: asserted)", plover="modality"),
    Field("trigger", SPAN_WITH_TEXT, "the words that express the event", optional=False),
    Field("sentence", SPAN, "the event's sentence", optional=False),
    Field("date", Nested(EVENT_DATE), "when the event happened", plover="."),
    Field("group", TEXT, "the event group (compound or reciprocal) it belongs to (see groups)",
          column="event_group"),
    Field("reported_by", SPAN, "the speaker whose statement reports the event"),
    Field("location", Nested(LOCATION), "where the event took place",
          shown=Show("place", "location")),
    Field("pattern", TEXT, "the lexicon pattern (and decision) that coded it"),
    Field("is_root", FLAG, "the sentence is in the lead (title and first paragraph)",
          get=_is_root, output=False),
    Field("confidence", NUMBER, "the decision layer's calibrated confidence (rules: null)"),
    Field("quote", INTEGER, "the article's quote holding a statement's content (its index)"),
))

EVENT_GROUP = Shape("EventGroup", EventGroup, (
    Field("id", TEXT, "the group id its events carry in 'group'", column="group_id",
          optional=False),
    Field("kind", TEXT, "compound (one event per source-target pair) or reciprocal (the "
          "actors act on each other)", optional=False),
    Field("events", INTEGERS, "its events (indexes into the article's events)",
          optional=False),
    Field("sources", ListOf(ACTOR_REF), "the distinct sources of its events"),
    Field("targets", ListOf(ACTOR_REF), "the distinct targets of its events"),
))

QUOTE = Shape("Quote", Quote, (
    Field("speaker", Nested(ACTOR_REF), "who spoke: the name-bearing phrase it resolved to; "
          "'mention' is the words in the attribution itself ('he' of 'he said')"),
    Field("speaker_name", TEXT, "a readable name for the speaker", get=_speaker_name,
          stored=False),
    Field("cue", SPAN_WITH_TEXT, "the verb or phrase that introduces the quote"),
    Field("content", PartsKind(), "what was said: one span covering it all; a quote in "
          "pieces ('A,' he said, 'B.') adds 'parts', one span per piece", optional=False),
    Field("content_text", TEXT, "the content's text, pieces joined by ' … '",
          get=_content_text, output=False),
    Field("kind", TEXT, "direct, indirect, mixed, ...", optional=False),
    Field("speech_act", TEXT, "statement, accusation, denial, ..."),
    Field("hedged", FLAG, "the speaker hedges ('may', 'reportedly')", optional=False),
    Field("addressee", Nested(ACTOR_REF), "to whom it was said"),
    Field("events", INTEGERS, "the events coded from it (indexes into the article's events)",
          optional=False),
    Field("attribution", TEXT, "what is attributed: speech (said, told), belief (believes, "
          "wants, fears) or evidence (a study or report finds); null only in a store an older "
          "version wrote"),
    Field("confidence", NUMBER, "the attribution model's calibrated probability that the "
          "quote is right (rules: null)"),
))

MENTION = Shape("Mention", Mention, (
    Field("span", SPAN_WITH_TEXT, "the words naming or describing an actor", column="",
          flatten=True, optional=False),
    Field("sentence", INTEGER, "its sentence (index)", optional=False),
    Field("kind", TEXT, "name, description, agent, pronoun, ...", optional=False),
    Field("actor", Nested(ACTOR), "what it resolved to (the store: actors, by actor_key)",
          stored=False),
    Field("parts", SPANS, "the spans the resolution rests on"),
    Field("chain", SPANS, "the mentions coreference linked it to"),
))

# an article's errors and warnings (``ErrorRecord``, ``WarningRecord``): the same fields
ISSUE = Shape("Issue", ErrorRecord, (
    Field("stage", TEXT, "the stage that raised it", optional=False),
    Field("code", TEXT, "its code in the catalogue (E1xx..., W1xx)", optional=False),
    Field("message", TEXT, "what happened", optional=False),
))


def shown() -> list[dict[str, Any]]:
    """The event fields the explorer shows, in order: ``{"name", "style", "label"}``."""
    return [{"name": f.name, "style": f.shown.style, "label": f.shown.label}
            for f in EVENT.fields if f.shown is not None]
