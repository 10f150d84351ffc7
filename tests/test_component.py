"""The spaCy face: ``nlp.add_pipe("thucydides")`` writes the output record onto the ``Doc``."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("thucydides", config={"settings": {"main_event": False}})  # by entry point
    return nlp


def test_events_quotes_and_actors_on_the_doc(nlp, coder) -> None:
    text = "Russia attacked Ukraine on Friday. Lavrov said talks would go on."
    doc = nlp.make_doc(text)
    doc._.date = dt.date(2022, 3, 4)
    doc = nlp(doc)
    expected = coder.code(text, date="2022-03-04", id="doc")  # the same stages, the same record
    assert doc._.events == expected["events"] and doc._.quotes == expected["quotes"]
    assert any(e["cameo"].startswith("19") for e in doc._.events)
    russia = doc.char_span(0, 6)
    assert russia._.actor["code"] == "RUS" and doc[1:2]._.actor is None
    assert doc._.errors == []


def test_settings_reach_the_coder(nlp) -> None:
    import spacy

    rules = spacy.blank("en")
    rules.add_pipe("thucydides", config={"settings": {"decider": "rules"}})
    doc = rules("Russia attacked Ukraine.")
    assert doc._.events and all(e["confidence"] is None for e in doc._.events)


def test_a_bad_setting_is_a_coded_error() -> None:
    import spacy

    from thucydides.errors import ThucydidesError

    with pytest.raises(ThucydidesError) as err:
        spacy.blank("en").add_pipe("thucydides", config={"settings": {"decider": "oracle"}})
    assert err.value.code == "E108"
