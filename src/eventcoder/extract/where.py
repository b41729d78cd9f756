"""Where: find place names in a sentence and resolve them offline (provisional minimal version)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from eventcoder.geo.geocoder import Geocoder, fold
from eventcoder.model import Place, Span

CAPS = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|de|du|el|al))*")
STOP = {"The", "A", "An", "On", "In", "At", "But", "And", "It", "He", "She", "They", "We", "President", "Police", "Security"}


class PlaceFinder:
    def __init__(self, geocoder: Geocoder | None = None):
        self.geo = geocoder or Geocoder()

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> "PlaceFinder":
        return PlaceFinder()

    def _candidates(self, text: str):
        for m in CAPS.finditer(text):
            words = m.group(0).split()
            while words and words[0] in STOP:
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            start = m.start() + m.group(0).index(words[0])
            yield name, start, start + len(name)

    def article_country(self, text: str, title: str | None = None) -> str | None:
        votes: Counter[str] = Counter()
        for name, _, _ in self._candidates((title or "") + "\n" + text):
            c = self.geo.country(name)
            if c:
                votes[c["iso"]] += 2
        return votes.most_common(1)[0][0] if votes else None

    def find(self, text: str, *, country: str | None, offset: int = 0, article_id: str = "") -> list[tuple[Place, Span]]:
        out = []
        for name, s, e in self._candidates(text):
            if self.geo.country(name):
                continue
            p = self.geo.resolve(name, country_hint=country)
            if p and p.geonameid and (country is None or p.iso3 and self.geo.country(country) and p.iso3 == self.geo.country(country)["iso3"]):
                out.append((p, Span(article_id, offset + s, offset + e, text[s:e])))
        return out

    def country_place(self, iso2: str) -> Place | None:
        c = self.geo.country(iso2)
        if not c:
            return None
        return Place(location=c["name"], country=c["name"], iso=c["isonumeric"], iso3=c["iso3"], geo_precision=3)

    def country_name(self, iso2: str | None) -> str | None:
        c = self.geo.country(iso2) if iso2 else None
        return c["name"] if c else None
