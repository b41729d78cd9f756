"""Resolve place names to GeoNames places, offline, and express them in ACLED's terms.

``Geocoder()`` answers from the bundled gazetteer; ``Geocoder(engine)`` also
consults the GeoNames dumps loaded into that store (a place of the store
replaces the bundled place with the same geonameid).

Ranking a name's candidates (:meth:`Geocoder.rank`): a place in the article's
country first, then one in an admin1 area the text mentions, then by
population (a capital counts as a big place), an exact name over an alternate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from eventcoder.geo import countries as countries_mod
from eventcoder.geo.countries import Country
from eventcoder.geo.gazetteer import Admin1, Bundle, GeoRecord, StoreGazetteer, bundled, clean_admin_name
from eventcoder.geo.names import ascii_name, fold, fold_cached
from eventcoder.model import Place

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Engine

__all__ = ["Geocoder", "fold"]


class Geocoder:
    """Gazetteer lookups and :class:`~eventcoder.model.Place` construction.

    Args:
        engine: a store whose ``gazetteer`` tables hold loaded GeoNames dumps (optional).
    """

    def __init__(self, engine: "Engine | None" = None):
        self.engine = engine
        self.store = StoreGazetteer(engine) if engine is not None else None

    @property
    def bundle(self) -> Bundle:
        return bundled()

    # -- lookups ---------------------------------------------------------------------------------
    def lookup_many(self, keys: Iterable[str]) -> dict[str, list[GeoRecord]]:
        """Folded key -> candidate places (bundle and store; store rows win on the same geonameid)."""
        return self.lookup_names(keys)[0]

    def lookup_names(self, keys: Iterable[str]) -> tuple[dict[str, list[GeoRecord]], dict[str, list[Admin1]]]:
        """Places and admin1 areas called by each folded key, with one query of the store."""
        keys = list(dict.fromkeys(keys))
        b = self.bundle
        places: dict[str, list[GeoRecord]] = {}
        areas: dict[str, list[Admin1]] = {}
        for k in keys:
            recs, hits = b.names(k)
            if recs:
                places[k] = list(recs)
            if hits:
                areas[k] = list(hits)
        if self.store is not None:
            for k, recs in self.store.lookup_many(keys).items():
                found = [r for r in recs if r.feature_class == "P"]
                if found:
                    ids = {r.geonameid for r in found}
                    places[k] = [r for r in places.get(k, []) if r.geonameid not in ids] + found
                for r in recs:
                    if r.feature_code != "ADM1" or not r.admin1_code:
                        continue
                    a = self.admin1(r.country_code, r.admin1_code) or Admin1(
                        r.country_code, r.admin1_code, r.admin1 or r.asciiname, r.latitude, r.longitude)
                    lst = areas.setdefault(k, [])
                    if all((x.country_code, x.code) != (a.country_code, a.code) for x in lst):
                        lst.append(a)
        return places, areas

    def lookup(self, name: str) -> list[GeoRecord]:
        key = fold(name)
        return self.lookup_many([key]).get(key, [])

    def admin1_lookup_many(self, keys: Iterable[str]) -> dict[str, list[Admin1]]:
        """Folded key -> admin1 areas so named (bundle, plus ADM1 rows of the store)."""
        return self.lookup_names(keys)[1]

    def admin1(self, country_code: str, code: str) -> Admin1 | None:
        """The admin1 area of a country and admin1 code; a name from the store's ADM1 rows wins."""
        a = self.bundle.admin1(country_code, code)
        name = self.store.admin1_name(country_code, code) if self.store is not None else None
        if name and a is not None:
            return Admin1(a.country_code, a.code, name, a.latitude, a.longitude, a.population, a.largest_geonameid)
        return a

    def admin1_of(self, rec: GeoRecord) -> Admin1 | None:
        return self.admin1(rec.country_code, rec.admin1_code) if rec.admin1_code else None

    def country(self, name_or_code: str | None) -> Country | None:
        """A country by ISO code or name (``"ML"``, ``"Mali"``, ``"DRC"``)."""
        return countries_mod.get(name_or_code)

    def capital(self, iso2: str) -> GeoRecord | None:
        """The capital of a country (None when the gazetteer lacks it)."""
        c = countries_mod.countries().get(iso2)
        if c is None:
            return None
        cands = [r for r in self.bundle.lookup(fold(c.capital)) if r.country_code == iso2] if c.capital else []
        if cands:
            return max(cands, key=lambda r: (r.is_capital, r.population))
        return None

    # -- ranking -----------------------------------------------------------------------------------
    @staticmethod
    def score(rec: GeoRecord, *, key: str | None = None, country: str | None = None,
              admin1s: Iterable[tuple[str, str]] = ()) -> float:
        s = math.log10(rec.population + 10)
        if rec.is_capital:
            s += 2.0
        if country and rec.country_code == country:
            s += 100.0
        if (rec.country_code, rec.admin1_code) in (admin1s if isinstance(admin1s, (set, frozenset)) else set(admin1s)):
            s += 20.0
        if key is not None and key in (fold_cached(rec.name), fold_cached(rec.asciiname)):
            s += 1.5
        return s

    def rank(self, cands: Iterable[GeoRecord], *, key: str | None = None, country: str | None = None,
             admin1s: Iterable[tuple[str, str]] = ()) -> list[GeoRecord]:
        admin1s = set(admin1s)
        return sorted(cands, key=lambda r: (-self.score(r, key=key, country=country, admin1s=admin1s), r.geonameid))

    def resolve(self, name: str, *, country_hint: str | None = None, admin1_hint: str | None = None) -> Place | None:
        """The best place called ``name`` (a city or town; an admin1 area or a country at precision 3)."""
        key = fold(name)
        admin1s: set[tuple[str, str]] = set()
        if admin1_hint:
            admin1s = {(a.country_code, a.code) for a in self.admin1_lookup_many([fold(admin1_hint)]).get(fold(admin1_hint), [])}
        cands = self.lookup_many([key]).get(key, [])
        if cands:
            return self.place(self.rank(cands, key=key, country=country_hint, admin1s=admin1s)[0])
        areas = self.admin1_lookup_many([key]).get(key, [])
        if areas:
            areas.sort(key=lambda a: (a.country_code != country_hint, -a.population))
            return self.admin1_place(areas[0])
        c = self.country(name)
        return self.country_place(c.iso2) if c else None

    # -- places -----------------------------------------------------------------------------------
    def _country_fields(self, iso2: str) -> dict:
        c = countries_mod.countries().get(iso2)
        if c is None:
            return {"country": None, "iso": None, "iso3": None, "region": None}
        return {"country": c.name, "iso": c.iso, "iso3": c.iso3, "region": c.region}

    def place(self, rec: GeoRecord, *, precision: int = 1, location: str | None = None) -> Place:
        """A :class:`Place` for a gazetteer record (``location`` overrides its name)."""
        a1 = self.admin1_of(rec)
        admin1 = a1.name if a1 is not None and a1.name else rec.admin1
        admin1 = clean_admin_name(admin1) if admin1 else admin1
        return Place(
            location=location or rec.asciiname or ascii_name(rec.name),
            admin1=admin1 or None,
            admin2=rec.admin2,
            latitude=round(rec.latitude, 5),
            longitude=round(rec.longitude, 5),
            geo_precision=precision,
            geonameid=rec.geonameid if location is None else None,
            **self._country_fields(rec.country_code),
        )

    def admin1_place(self, a: Admin1, *, location: str | None = None, precision: int = 3) -> Place:
        """A place standing for an admin1 area (its centroid), or for something unknown inside it."""
        name = clean_admin_name(a.name) if a.name else a.name
        return Place(
            location=location or name,
            admin1=name or None,
            latitude=round(a.latitude, 5),
            longitude=round(a.longitude, 5),
            geo_precision=precision,
            **self._country_fields(a.country_code),
        )

    def country_place(self, iso2: str, *, location: str | None = None) -> Place | None:
        """A country-level place: ACLED codes it at the capital, precision 3."""
        c = countries_mod.countries().get(iso2 or "")
        if c is None:
            return None
        cap = self.capital(iso2)
        if cap is not None:
            return self.place(cap, precision=3, location=location) if location else self._capital_place(cap)
        return Place(location=location or c.name, geo_precision=3, **self._country_fields(iso2))

    def _capital_place(self, cap: GeoRecord) -> Place:
        p = self.place(cap, precision=3)
        p.geonameid = cap.geonameid
        return p
