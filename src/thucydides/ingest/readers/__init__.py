"""Readers: one module per input format, each yielding ``Article``, ``ErrorRecord`` or ``Skipped``
records (see ``base``). ``thucydides.ingest.extract`` picks the reader for each input."""

from thucydides.ingest.readers.base import Context, ReadItem, Skipped

__all__ = ["Context", "ReadItem", "Skipped"]
