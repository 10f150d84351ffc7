"""Files written whole or not at all: through a temporary file beside the target, renamed over it
only once everything is written. A failure (or a kill) leaves the old file as it was; a full disk
is named as such (E174), any other write failure gets the caller's code.

    with atomic_text(Path("events.csv"), Err.E165, newline="") as f:
        f.write(...)
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from thucydides.errors import Err, ThucydidesError

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def write_error(path: Path, exc: OSError, err: Err,
                kind: type[ThucydidesError] = ThucydidesError) -> ThucydidesError:
    """The coded error (of class ``kind``) for a failed write: E174 when the disk is full,
    else ``err``."""
    detail = exc.strerror or str(exc)
    if exc.errno in DISK_FULL:
        return kind(Err.E174, path=path, detail=f"{detail}; the old file, if any, is unchanged")
    return kind(err, path=path, detail=detail)


def temporary(path: Path) -> Path:
    """A fresh hidden name beside ``path`` (same folder, so the rename is atomic)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


@contextlib.contextmanager
def atomic_path(path: Path, err: Err, kind: type[ThucydidesError] = ThucydidesError,
                ) -> Iterator[Path]:
    """A temporary path to write; renamed to ``path`` when the block ends without error, else
    removed. ``OSError`` becomes ``write_error(path, exc, err, kind)``."""
    tmp = temporary(path)
    try:
        yield tmp
        _sync(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise write_error(path, exc, err, kind) from exc
    except BaseException:
        _remove(tmp)
        raise


@contextlib.contextmanager
def atomic_text(path: Path, err: Err, newline: str | None = None,
                kind: type[ThucydidesError] = ThucydidesError) -> Iterator[TextIO]:
    """``atomic_path`` opened for writing UTF-8 text."""
    with atomic_path(path, err, kind) as tmp, tmp.open("x", encoding="utf-8",
                                                       newline=newline) as f:
        yield f


def _sync(path: Path) -> None:
    """Flush ``path`` to the disk, so that the rename never shows an unwritten file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
