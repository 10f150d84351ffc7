"""Readers: one module per input format, each yielding ``Article``, ``ErrorRecord`` or ``Skipped``
records (see ``base``). ``thucydides.ingest.extract`` picks the reader for each input."""

from thucydides.ingest.readers.base import Context, Item, Skipped

__all__ = ["Context", "Item", "Skipped"]
