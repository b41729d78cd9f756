"""Hand-made mentions for the linking tests: every field the linker looks at, nothing from the extractor."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.model import EventMention, Place, Span

PLACES = {
    # town: (admin1, latitude, longitude)
    "Kadara": ("North", 10.0, 10.0),
    "Belmo": ("North", 10.5, 10.2),
    "Sorrel": ("South", 5.0, 9.0),
}


def place(location: str = "Kadara", *, precision: int = 1, country: str = "Testland", iso3: str = "TST",
          admin1: str | None = None) -> Place:
    if location in PLACES:
        a1, lat, lon = PLACES[location]
        return Place(location=location, country=country, iso3=iso3, admin1=admin1 or a1, latitude=lat, longitude=lon,
                     geo_precision=precision)
    return Place(location=location, country=country, iso3=iso3, admin1=admin1, geo_precision=precision)


def make_mention(article: str = "A", start: int = 0, text: str = "Thousands marched in Kadara on Monday.", *,
                 event_type: str = "Protests", sub_event_type: str = "Peaceful protest",
                 day: date | None = date(2024, 5, 6), precision: int | None = 1, where: Place | None | str = "Kadara",
                 source: str | None = "default", published: date | None = date(2024, 5, 7),
                 sentence_start: int | None = None, **fields) -> EventMention:
    """One mention; ``source`` defaults to "Outlet <article>"; ``where`` a town name, a Place or None."""
    p = place(where) if isinstance(where, str) else where
    m = EventMention(
        mention_id=EventMention.make_id(article, start), article_id=article,
        quote=Span(article, start, start + len(text), text),
        event_type=event_type, sub_event_type=sub_event_type, confidence=fields.pop("confidence", 0.8),
        event_date=day, time_precision=precision if day else None, place=p,
        source=f"Outlet {article}" if source == "default" else source, published=published,
        sentence_start=start if sentence_start is None else sentence_start,
    )
    for k, v in fields.items():
        setattr(m, k, v)
    return m


@pytest.fixture
def mention():
    return make_mention


@pytest.fixture
def where():
    return place
