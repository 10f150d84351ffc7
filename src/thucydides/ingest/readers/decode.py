"""Bytes to text, safely: capped reads, decompression, charset decoding, binary sniffing.

Charset order for a document (an HTML page, a plain text): a byte-order mark; strict UTF-8 (text
that decodes as UTF-8 is UTF-8, whatever a header claims); the declared charsets in order (HTTP
header, then the document's own declaration), with ISO-8859-1 read as windows-1252 as browsers
do; then charset-normalizer's guess, which is reported (``Decoded.guessed``, warning W103).

Line-oriented files (JSONL, CSV) are never guessed: they are UTF-8 (JSON's only charset), or
UTF-16/32 when a byte-order mark or the NUL pattern of UTF-16 says so. Each line is decoded on
its own, bytes that are not UTF-8 becoming lone surrogates (``surrogateescape``) that the record
reader replaces one for one, with a warning (``clean``): a bad byte spoils its own record at
most, and never the decoding of the others. Decompression is bounded by the size cap, so a small
gzip bomb cannot fill memory.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from thucydides.errors import Err, InputError

SNIFF_BYTES = 4096
SNIFF_CHARS = 20_000  # of a decoded text, for text_binary_reason
MAX_CONTROL_RATIO = 0.05  # more control characters than this (in the sniffed head): binary
ALLOWED_CONTROLS = "\n\r\t\f\x1b"  # control characters that plain text may carry
MAX_REPLACEMENT_RATIO = 0.02
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
MAGIC = ((b"%PDF", "a PDF file"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
         (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive"), (b"\x7fELF", "an executable"),
         (b"BZh", "bzip2 data"), (b"\xfd7zXZ", "xz data"), (b"RIFF", "a RIFF media file"),
         (b"OggS", "an Ogg media file"), (b"\x00\x00\x01\x00", "an icon"))
WIN1252 = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "l1", "us-ascii", "ascii"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


# --------------------------------------------------------------------------- reading


@contextlib.contextmanager
def open_binary(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for reading, gzip-decompressed when it is gzip data; E110 when it cannot
    be opened."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(Err.E110, source=path, detail=exc.strerror or str(exc)) from exc
    with raw:
        gz = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        if not gz:
            yield raw
            return
        with gzip.GzipFile(fileobj=raw) as unzipped:
            yield unzipped  # type: ignore[misc]


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, gzip files decompressed. E111 past ``limit``, E112 on a truncated
    or corrupt gzip stream, E110 when the file cannot be read."""
    with open_binary(path) as stream:
        return read_stream(stream, limit, str(path))


def read_head(path: Path, size: int = SNIFF_BYTES * 16) -> bytes:
    """The first ``size`` bytes of ``path`` (decompressed), for sniffing. A gzip stream that
    breaks off gives what came before the break (E112 only when that is nothing)."""
    head = b""
    with open_binary(path) as stream:
        try:
            while len(head) < size and (chunk := stream.read(SNIFF_BYTES)):
                head += chunk
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            if not head:
                raise InputError(Err.E112, source=path, detail=str(exc) or type(exc).__name__
                                 ) from exc
    return head[:size]


def read_stream(stream: BinaryIO, limit: int, source: str) -> bytes:
    """Read a stream to its end within ``limit`` bytes (E111 past it; E112 when compressed data
    breaks off)."""
    try:
        data = stream.read(limit + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(Err.E112, source=source, detail=str(exc) or type(exc).__name__) from exc
    if len(data) > limit:
        raise InputError(Err.E111, source=source, limit=limit)
    return data


def iter_lines(stream: BinaryIO, limit: int, source: str) -> Iterator[bytes | None]:
    """The lines of a stream; ``None`` stands for a line longer than ``limit`` (its bytes are
    read past, not kept). E112 when compressed data breaks off."""
    try:
        while line := stream.readline(limit + 1):
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                    pass
                yield None
            else:
                yield line
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(Err.E112, source=source, detail=str(exc) or type(exc).__name__) from exc


UTF8 = ("utf-8", "utf-8-sig")


def line_encoding(head: bytes) -> str:
    """The charset of a line-oriented file (JSONL, CSV) from its first bytes: a byte-order mark,
    else UTF-16 when every other byte is NUL, else UTF-8. Never a guessed legacy charset."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    sample = head[:512]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return "utf-8"


def iter_text_lines(stream: BinaryIO, encoding: str, limit: int, source: str,
                    ) -> Iterator[str | None]:
    """The lines of a line-oriented file, each decoded on its own; ``None`` for a line longer
    than ``limit`` (bytes, or characters for UTF-16/32), which is read past and not kept. UTF-8
    bytes that do not decode become lone surrogates (``surrogateescape``); UTF-16/32 ones
    U+FFFD."""
    if encoding in UTF8:
        for raw in iter_lines(stream, limit, source):
            yield None if raw is None else raw.decode(encoding, "surrogateescape")
        return
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="\n")
    while line := text.readline(limit + 1):
        if len(line) > limit and not line.endswith("\n"):
            while (rest := text.readline(limit)) and not rest.endswith("\n"):
                pass
            yield None
        else:
            yield line


def decompress(data: bytes, coding: str, limit: int, source: str) -> bytes:
    """Undo an HTTP Content-Encoding (gzip, deflate, br, or a chain of them), within ``limit``."""
    for step in reversed([c.strip() for c in coding.lower().split(",") if c.strip()]):
        if step in ("identity", "none"):
            continue
        try:
            data = _undo(step, data, limit, source)
        except InputError:
            raise
        except Exception as exc:  # zlib.error, brotli.error, EOFError: all "cannot decode"
            raise InputError(Err.E126, source=source, detail=f"{step}: {exc}") from exc
    return data


def _undo(step: str, data: bytes, limit: int, source: str) -> bytes:
    if step in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if step != "deflate" else (
            zlib.MAX_WBITS if data[:1] == b"\x78" else -zlib.MAX_WBITS)
        obj = zlib.decompressobj(wbits)
        out = obj.decompress(data, limit + 1)
        if len(out) > limit:
            raise InputError(Err.E111, source=source, limit=limit)
        if not obj.eof:
            raise InputError(Err.E126, source=source, detail=f"{step}: truncated stream")
        return out
    if step == "br":
        import brotli

        out = brotli.decompress(data)
        if len(out) > limit:
            raise InputError(Err.E111, source=source, limit=limit)
        return bytes(out)
    raise InputError(Err.E126, source=source, detail=f"unknown content encoding {step!r}")


# --------------------------------------------------------------------------- sniffing


def magic_reason(data: bytes) -> str | None:
    """What binary format ``data`` starts with (a PDF, an image, an archive), or None."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like binary data rather than text, or None."""
    head = data[:SNIFF_BYTES]
    if magic := magic_reason(head):
        return magic
    if any(head.startswith(bom) for bom, _ in BOMS):
        return None
    if b"\x00" in head:
        return "it contains NUL bytes"
    allowed = ALLOWED_CONTROLS.encode("ascii")
    control = sum(1 for b in head if b < 32 and b not in allowed)
    if head and control / len(head) > MAX_CONTROL_RATIO:
        return f"{control} of its first {len(head)} bytes are control characters"
    return None


def text_binary_reason(text: str) -> str | None:
    """Why decoded ``text`` looks like binary data rather than prose, or None: the same test as
    ``binary_reason`` on characters, counting U+FFFD (an undecodable byte) as a control."""
    if "\x00" in text:
        return "it contains NUL bytes"
    sample = text[:SNIFF_CHARS]
    control = sum(1 for c in sample
                  if (ord(c) < 32 and c not in ALLOWED_CONTROLS) or c == "\ufffd")
    if sample and control / len(sample) > MAX_CONTROL_RATIO:
        return f"{control} of its first {len(sample)} characters are control characters"
    return None


def sniff(data: bytes) -> str:
    """The kind of a document from its first bytes: warc, feed, html, json, or text."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head) and b"<html" not in head:
        return "feed"
    if re.search(rb"<(!doctype html|html|head|body|div|p|article)[\s>]", head):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


# --------------------------------------------------------------------------- decoding


def declared_charsets(data: bytes) -> list[str]:
    """Charsets the document declares itself (HTML meta, XML declaration)."""
    head = data[:SNIFF_BYTES * 4]
    found = [m.group(1).decode("ascii") for m in META_CHARSET.finditer(head)]
    found += [m.group(1).decode("ascii") for m in XML_ENCODING.finditer(head[:200])]
    return found


def _normal(name: str) -> str | None:
    name = name.strip().lower()
    if name in WIN1252:
        return "windows-1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded document: its text, the charset used, and whether that charset was guessed."""

    text: str
    encoding: str
    guessed: bool = False


def decode_text(data: bytes, declared: Iterable[str | None] = (), source: str = "") -> str:
    """The text of ``decode_document``."""
    return decode_document(data, declared, source).text


def decode_document(data: bytes, declared: Iterable[str | None] = (), source: str = "",
                    ) -> Decoded:
    """Decode ``data`` (see the module docstring for the order); raise E114 when no charset
    gives text."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for name in [*declared, *declared_charsets(data)]:
        codec = _normal(name) if name else None
        if codec and codec not in ("utf-8", "utf_8"):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                continue
    return _guess(data, source)


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess; among equally clean readings windows-1252 wins, as the most
    common legacy charset of web text (short Latin-1 texts read as well in cp1250)."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:1_000_000]))
    if not results:
        return None
    least = min(r.chaos for r in results)
    clean = [r.encoding for r in results if r.chaos <= least + 0.01]
    return "cp1252" if "cp1252" in clean else results[0].encoding


def _guess(data: bytes, source: str) -> Decoded:
    encoding = guess_encoding(data)
    if encoding is None:
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") / max(1, len(text)) > MAX_REPLACEMENT_RATIO:
            raise InputError(Err.E114, source=source, detail="no charset fits its bytes")
        return Decoded(text, "utf-8 (invalid bytes replaced)", guessed=True)
    return Decoded(data.decode(encoding, errors="replace"), encoding, guessed=True)
