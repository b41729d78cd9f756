"""Synthetic mentions with a known truth, for the merge benchmark and property tests.

A fixed world (``countries`` x 6 provinces x 5 towns, ``days`` of calendar)
holds ``n / reports_per_event`` events. Each event is told by a few reports
from different articles; most reports are exact (day precision, the town),
some are vague in date (week or month precision) or in place (province or
country), some carry a casualty figure that differs a little from the others.
Wording shares an event-specific vocabulary, so similar-wording evidence works
as it does on real text. The density of events per country and month grows
with ``n``: the benchmark shows the cost stays near-linear anyway.

Deterministic for a given ``seed``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from eventcoder.model import EventMention, Place, Span

TYPES = [
    ("Protests", "Peaceful protest", 0.35),
    ("Protests", "Protest with intervention", 0.12),
    ("Riots", "Violent demonstration", 0.08),
    ("Battles", "Armed clash", 0.15),
    ("Violence against civilians", "Attack", 0.12),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.05),
    ("Strategic developments", "Arrests", 0.08),
    ("Strategic developments", "Change to group/activity", 0.05),
]
VOCAB = [f"w{i}" for i in range(5000)]  # neutral tokens: event-specific wording
FILLER = ["the", "said", "reported", "witnesses", "local", "officials", "on", "in", "after", "during"]
GROUPS = [f"Group {i}" for i in range(400)]


def world(countries: int) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(iso3, name, [(province, [towns])])"""
    out = []
    for c in range(countries):
        iso3 = f"C{c:02d}"
        provinces = [(f"{iso3}-P{p}", [f"{iso3}-P{p}-T{t}" for t in range(5)]) for p in range(6)]
        out.append((iso3, f"Country {iso3}", provinces))
    return out


def synthetic_mentions(n: int, *, countries: int = 40, days: int = 730, reports_per_event: float = 3.0,
                       seed: int = 0, start: date = date(2022, 1, 1)) -> list[EventMention]:
    """``n`` mentions (exactly) of about ``n / reports_per_event`` events. ``mention.date_note`` holds the true event id."""
    rnd = random.Random(seed)
    places = world(countries)
    types, weights = zip(*[((t, s), w) for t, s, w in TYPES])
    out: list[EventMention] = []
    article_n = 0
    event_n = 0
    while len(out) < n:
        event_n += 1
        iso3, cname, provinces = rnd.choice(places)
        province, towns = rnd.choice(provinces)
        town = rnd.choice(towns)
        day = start + timedelta(days=rnd.randrange(days))
        etype, sub = rnd.choices(types, weights)[0]
        words = rnd.sample(VOCAB, 8)
        fatal = rnd.choice([0, 0, 0, 1, 2, 3, 5, 8, 12, 20]) if etype not in ("Protests", "Strategic developments") else 0
        group = rnd.choice(GROUPS) if etype in ("Battles", "Violence against civilians", "Explosions/Remote violence") else None
        k = max(1, min(8, int(rnd.expovariate(1 / reports_per_event)) + 1))
        for _ in range(k):
            if len(out) >= n:
                break
            article_n += 1
            aid = f"art{article_n:07d}"
            r = rnd.random()
            d, prec = day, 1
            place = Place(town, cname, iso3=iso3, admin1=province, geo_precision=1)
            if r < 0.08:
                d, prec = day + timedelta(days=rnd.randint(-3, 3)), 2
            elif r < 0.13:
                d, prec = day.replace(day=1), 3
            elif r < 0.18:
                place = Place(province, cname, iso3=iso3, admin1=province, geo_precision=3)
            elif r < 0.20:
                place = Place(cname, cname, iso3=iso3, geo_precision=3)
            text = " ".join(rnd.sample(words, 5) + rnd.sample(FILLER, 4))
            published = day + timedelta(days=rnd.randint(0, 3))
            m = EventMention(
                mention_id=EventMention.make_id(aid, 0), article_id=aid, quote=Span(aid, 0, len(text), text),
                event_type=etype, sub_event_type=sub, confidence=0.8, event_date=d, time_precision=prec,
                date_note=f"E{event_n}", place=place, actor1=group,
                fatalities=(max(0, fatal + rnd.choice([-1, 0, 0, 1])) if fatal else 0), source=f"Outlet {rnd.randrange(200)}",
                published=published, sentence_start=0,
            )
            if m.fatalities:
                m.evidence["fatalities"] = Span(aid, 0, 1, text[:1])
            out.append(m)
    return out
