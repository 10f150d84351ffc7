"""The public library API: build a coder once, code many articles.

    from thucydides import Coder, code
    coder = Coder.load()                       # loads the model, lexicons and actor base once
    for result in coder.run(articles): ...     # a stream of Analysis records
    code("Russia attacked Ukraine.", date="2022-02-24")   # one text -> the output record
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from thucydides.actors.chains import Chains
from thucydides.actors.kb import KnowledgeBase
from thucydides.actors.matcher import Agent, load_agents
from thucydides.actors.places import Gazetteer
from thucydides.actors.stage import Actors
from thucydides.events.coder import EventCoder, Policy
from thucydides.events.decide import Decider
from thucydides.events.lexicon import Lexicon
from thucydides.events.model import load as load_event_model
from thucydides.events.ontology import Ontology
from thucydides.events.stage import Events
from thucydides.ingest.inputs import Item, parse_date
from thucydides.ingest.stage import Ingest
from thucydides.nlp.model import load_model
from thucydides.nlp.stage import Parse, load_lemma_fixes
from thucydides.nlp.triage import trigger_forms
from thucydides.output.jsonl import record
from thucydides.output.schema import VERSION as OUTPUT_VERSION
from thucydides.pipeline import Pipeline
from thucydides.quotes.lexicon import CueLexicon
from thucydides.quotes.model import QuoteModel
from thucydides.quotes.model import load as load_quote_model
from thucydides.quotes.stage import Quotes
from thucydides.records import Analysis, Article
from thucydides.settings import Settings

log = logging.getLogger(__name__)

# The coder's own version: bumped whenever the code changes what it outputs. The data tables
# and the model carry versions of their own; ``content_versions`` lists them all.
CODER_VERSION = "thucydides.coder.v4"
DATA_PACKAGES = ("thucydides.ingest", "thucydides.nlp", "thucydides.actors", "thucydides.events",
                 "thucydides.quotes")


def content_versions(settings: Settings | None = None) -> dict[str, Any]:
    """What the output of a coder with ``settings`` depends on, by version name: the coder,
    the decision layer's model (``rules`` without one), the output schema and every data
    table."""
    import json
    from importlib import resources

    settings = settings or Settings()
    model = "rules"
    if settings.decider == "model":
        from thucydides.events.model import load as load_model_file

        model = load_model_file(settings.event_model or None).name
    data = {}
    for package in DATA_PACKAGES:
        for path in sorted(resources.files(package).joinpath("data").iterdir(),
                           key=lambda p: p.name):
            if path.name.endswith(".schema.json"):
                data[path.name.removesuffix(".schema.json")] = json.loads(
                    path.read_text(encoding="utf-8"))["version"]
    quote_model = "rules"
    if settings.quote_decider == "model":
        quote_model = load_quote_model(settings.quote_model or None).name
    return {"coder": CODER_VERSION, "model": model, "quote_model": quote_model,
            "output": OUTPUT_VERSION, "data": data,
            "kb_extra": list(settings.kb_extra)}


def load_irregular() -> dict[str, tuple[str, ...]]:
    from thucydides.datafiles import load_tables

    return {r["lemma"]: r["forms"] for r in load_tables("thucydides.nlp", "irregular_verbs")}


@dataclass(frozen=True)
class Resources:
    """Everything the stages read, loaded once."""

    ontology: Ontology
    lexicon: Lexicon
    kb: KnowledgeBase
    forms: frozenset[str]
    agents: tuple[Agent, ...]
    gazetteer: Gazetteer
    cues: CueLexicon
    decider: Decider | None
    quote_model: QuoteModel | None = None

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        ontology = Ontology.load()
        lexicon = Lexicon.load(ontology)
        kb = KnowledgeBase.load(settings.kb_extra)
        cues = CueLexicon.load()
        irregular = load_irregular()
        forms = trigger_forms((*lexicon.trigger_words(), *cues.cue_words()), irregular)
        agents = load_agents(kb.sectors)
        decider = None
        if settings.decider == "model":
            decider = Decider(load_event_model(settings.event_model or None), ontology)
        quote_model = None
        if settings.quote_decider == "model":
            quote_model = load_quote_model(settings.quote_model or None)
        return cls(ontology, lexicon, kb, forms, agents, Gazetteer.load(kb), cues, decider,
                   quote_model)

    @property
    def agent_words(self) -> frozenset[str]:
        """The one-word agent terms ("spokesman", "troops"), which syntax treats as heads."""
        return frozenset(a.term for a in self.agents if " " not in a.term)


def analyses(items: Iterable[Item]) -> Iterator[Analysis]:
    """Input items (articles, or records that failed to read) as analyses, in order."""
    for item in items:
        if isinstance(item, Article):
            yield Analysis(item)
        else:
            yield Analysis(Article(item.article_id, ""), errors=(item,))


class Coder:
    """The pipeline ingest -> nlp -> actors -> chains -> events -> quotes, with its resources."""

    def __init__(self, settings: Settings, resources: Resources, pipeline: Pipeline) -> None:
        self.settings = settings
        self.resources = resources
        self.pipeline = pipeline

    @classmethod
    def load(cls, settings: Settings | None = None) -> Coder:
        settings = settings or Settings()
        res = Resources.load(settings)
        nlp = load_model(settings.model)
        stages = [
            Ingest.load(settings).stage(),
            Parse(nlp, res.forms, settings, load_lemma_fixes()),
            Actors.load(res.kb, res.agents).stage(),
            Chains.load(res.kb, res.agents).stage(),
            Events(EventCoder.load(res.lexicon, res.ontology, res.agent_words,
                                   Policy.of(settings), res.gazetteer, res.kb.sectors,
                                   res.decider)).stage(),
            Quotes.load(res.agent_words, res.cues, res.quote_model,
                        settings.attributions()).stage(),
        ]
        return cls(settings, res, Pipeline(stages))

    def run(self, items: Iterable[Item | Analysis]) -> Iterator[Analysis]:
        """Code a stream of articles (or read errors); results come back in input order."""

        def prepared() -> Iterator[Analysis]:
            for item in items:
                if isinstance(item, Analysis):
                    yield item
                else:
                    yield from analyses([item])

        return self.pipeline(prepared())

    def code(self, text: str, date: str | dt.date | None = None, id: str = "doc",
             ) -> dict[str, Any]:
        """Code one text; returns the output record (see ``thucydides.output.jsonl``)."""
        day = date if isinstance(date, dt.date) or date is None else parse_date(date)
        result = next(self.run([Article(id=id, text=text, date=day)]))
        return record(result)


def code_inputs(inputs: Iterable[str], date: str | dt.date | None = None,
                settings: Settings | None = None) -> Iterator[Analysis]:
    """Code the records of ``inputs`` (files, folders, URLs or ``-``, as ``thucydides code``
    reads them), in order; ``date`` is the publication date of inputs that carry none."""
    from thucydides.ingest.inputs import read_inputs

    day = date if isinstance(date, dt.date) or date is None else parse_date(date)
    coder = Coder.load(settings or Settings())
    return coder.run(read_inputs(tuple(inputs), day))


class Service:
    """The library for a long-running shell (the dashboard): a coder and the knowledge base,
    each loaded on first use and once; the coder codes one text at a time."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._coder: Coder | None = None
        self._kb: KnowledgeBase | None = None
        self._lock = threading.Lock()
        self._code_lock = threading.Lock()

    def knowledge_base(self) -> KnowledgeBase:
        with self._lock:
            if self._kb is None:
                self._kb = KnowledgeBase.load(self.settings.kb_extra)
            return self._kb

    def code(self, text: str, date: str | dt.date | None = None, id: str = "doc",
             ) -> dict[str, Any]:
        with self._code_lock:
            if self._coder is None:
                log.info("loading the coder")
                self._coder = Coder.load(self.settings)
            return self._coder.code(text, date=date, id=id)


@functools.cache
def default_coder(settings: Settings) -> Coder:
    """One coder per settings per process (the convenience ``code`` function uses it)."""
    return Coder.load(settings)


def code(text: str, date: str | dt.date | None = None, id: str = "doc",
         settings: Settings | None = None) -> dict[str, Any]:
    """Code one article's text: ``{"id", "events", "quotes", "errors"}``."""
    return default_coder(settings or Settings()).code(text, date=date, id=id)
