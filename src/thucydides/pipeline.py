"""The pipeline: an ordered list of named stages over a stream of ``Analysis`` records.

A stage declares the ``Analysis`` fields it requires and those it assigns; ``Pipeline`` checks the
order when it is built. Failure is per article: a stage that fails on one article records an
``ErrorRecord`` on it, later stages pass it through untouched, and the stream goes on.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from thucydides.errors import Err, ThucydidesError
from thucydides.records import Analysis, ErrorRecord

log = logging.getLogger(__name__)

BASE_FIELDS = frozenset({"article", "errors"})


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, items: Iterable[Analysis]) -> Iterator[Analysis]: ...


def with_error(item: Analysis, stage: str, code: str, message: str) -> Analysis:
    err = ErrorRecord(item.article.id, stage, code, message)
    return dataclasses.replace(item, errors=(*item.errors, err))


def failed_with(stage: str, item: Analysis, exc: Exception) -> Analysis:
    """``item`` with an error record for ``exc``: a ``ThucydidesError`` keeps its own code, any
    other failure (a bug, a library error) is logged and becomes E401. Call it in the ``except``
    block, so that the log has the traceback."""
    if isinstance(exc, ThucydidesError):
        return with_error(item, stage, exc.code, exc.message)
    log.exception("stage %s failed on article %s", stage, item.article.id)
    detail = f"{type(exc).__name__}: {exc}"
    return with_error(item, stage, Err.E401.name, Err.E401.value.format(stage=stage,
                                                                       detail=detail))


def guarded(stage: str, fn: Callable[[Analysis], Analysis], item: Analysis) -> Analysis:
    """Run ``fn`` on one article; turn any failure into an error record on that article."""
    try:
        return fn(item)
    except Exception as exc:  # a bug or a library failure must not end the batch
        return failed_with(stage, item, exc)


@dataclasses.dataclass(frozen=True)
class PerArticle:
    """A stage made of a function from one ``Analysis`` to the next."""

    name: str
    fn: Callable[[Analysis], Analysis]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for item in items:
            yield item if item.failed else guarded(self.name, self.fn, item)


class Pipeline:
    """Stages in order. Calling it maps the stages over a stream of analyses, lazily."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(BASE_FIELDS)
        for stage in stages:
            for field in stage.requires:
                if field not in available:
                    raise ThucydidesError(Err.E402, stage=stage.name, field=field)
            available |= set(stage.assigns)
        self.stages = tuple(stages)

    def __call__(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        stream: Iterable[Analysis] = items
        for stage in self.stages:
            stream = stage(stream)
        yield from stream
