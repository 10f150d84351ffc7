"""Where an event happened: the place attached to it in its own sentence ("talks *in New
Delhi*", "struck a depot *near Kharkiv*", "the city *of Odesa*"), never a place from elsewhere in
the article."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from thucydides.actors.places import Gazetteer
from thucydides.nlp.syntax import OBJ, View
from thucydides.records import Location, Span

# Roots whose events may act on a place ("attacked the city of Odesa", "protests in Kyiv"):
# their object may be a place. Any other event's target is an actor, never where it happened.
PLACE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout",
                      "along", "off"})
CONTAINERS = frozenset({"city", "town", "capital", "region", "province", "village", "district",
                        "area", "port", "state", "county", "enclave", "border", "outskirts",
                        "suburb", "suburbs"})
NAME_DEPS = frozenset({"compound", "nmod"})


def place_span(view: View, i: int) -> Span | None:
    """The proper name of the place headed by ``i`` ("New Delhi"; "the city of Odesa" ->
    "Odesa"), or None."""
    tok = view.tokens[i]
    if tok.pos != "PROPN":
        if tok.lemma in CONTAINERS:
            inner = next(view.prep_objects(i, {"of"}), None)
            return place_span(view, inner.i) if inner is not None else None
        return None
    names = [c.i for c in view.children(i, NAME_DEPS) if c.pos == "PROPN" and c.i < i] + [i]
    first = min(names)
    while first > 0 and view.tokens[first - 1].pos == "PROPN":
        first -= 1
    return Span(view.tokens[first].start, tok.end)


@dataclass(frozen=True)
class LocationFinder:
    gazetteer: Gazetteer

    def locate(self, view: View, anchors: Iterable[int], text: str, countries: Iterable[str],
               on_place: bool = False) -> Location | None:
        """The place of a locative phrase on the anchors or their objects; with ``on_place``
        (events acting on a place) the object itself when it is a place."""
        countries = tuple(countries)
        heads = self._anchors(view, anchors)
        candidates = [o.i for a in heads for o in view.prep_objects(a, LOCATIVE)]
        if on_place:
            candidates += [o.i for a in anchors for o in view.children(a, OBJ)]
        for i in candidates:
            span = place_span(view, i)
            place = self.gazetteer.find(span.of(text), countries) if span else None
            if span is not None and place is not None:
                return Location(span, place.name, place.country, place.admin1, place.lat,
                                place.lon, place.feature)
        return None

    @staticmethod
    def _anchors(view: View, anchors: Iterable[int]) -> list[int]:
        out = []
        for a in anchors:
            out.append(a)
            obj = view.child(a, OBJ)
            if obj is not None:
                out.append(obj.i)
        return list(dict.fromkeys(out))
