"""thucydides: news text to provenance-linked political event data (CAMEO and PLOVER)."""

import logging

from thucydides.api import Coder, code
from thucydides.settings import Settings

__version__ = "0.1.0"
__all__ = ["Coder", "Settings", "__version__", "code"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
