"""Read-side queries shared by the CLI, the API and the report: filters -> records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func

from eventcoder.export.records import event_record
from eventcoder.store import schema as t
from eventcoder.store.repo import Store


@dataclass
class EventFilter:
    """What analysts filter on. ``None`` means no restriction."""

    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    q: str | None = None  # text search
    min_fatalities: int | None = None
    modality: str | None = "occurred"
    min_sources: int | None = None
    include_rejected: bool = False

    def clauses(self) -> list:
        c = t.events.c
        out = []
        if self.since:
            out.append(c.event_date >= self.since)
        if self.until:
            out.append(c.event_date <= self.until)
        if self.event_type:
            out.append(c.event_type == self.event_type)
        if self.sub_event_type:
            out.append(c.sub_event_type == self.sub_event_type)
        if self.country:
            out.append(func.lower(c.country) == self.country.lower())
        if self.admin1:
            out.append(func.lower(c.admin1) == self.admin1.lower())
        if self.actor:
            like = f"%{self.actor.lower()}%"
            out.append(func.lower(c.actor1).like(like) | func.lower(c.actor2).like(like))
        if self.q:
            out.append(c.search_text.like(f"%{self.q.lower()}%"))
        if self.min_fatalities is not None:
            out.append(c.fatalities >= self.min_fatalities)
        if self.modality:
            out.append(c.modality == self.modality)
        if self.min_sources is not None:
            out.append(c.independent_sources >= self.min_sources)
        if not self.include_rejected:
            out.append(c.status != "rejected")
        return out


SORTS = {
    "date": t.events.c.event_date, "fatalities": t.events.c.fatalities, "type": t.events.c.sub_event_type,
    "country": t.events.c.country, "location": t.events.c.location, "sources": t.events.c.independent_sources,
}


def event_records(store: Store, flt: EventFilter | None = None, *, sort: str = "date", desc: bool = False,
                  limit: int | None = None, offset: int = 0) -> list[dict]:
    flt = flt or EventFilter()
    col = SORTS.get(sort, t.events.c.event_date)
    # undated (null) values last on every backend: SQLite and PostgreSQL disagree by default
    order = [col.is_(None), col.desc() if desc else col, t.events.c.event_id]
    return [event_record(e, status) for e, status in store.events(where=flt.clauses(), order_by=order, limit=limit, offset=offset)]


def article_records(store: Store) -> list[dict]:
    return [{"article_id": a.article_id, "title": a.title, "author": a.author,
             "published": a.published.isoformat() if a.published else None, "source": a.source, "url": a.url,
             "text": a.text, "language": a.language, "content_hash": a.content_hash} for a in store.articles()]


def reuse_records(store: Store) -> list[dict]:
    return [{"article_id": p.article_id, "reused_from": p.reused_from, "direction_known": p.direction_known,
             "passages": p.passages} for p in store.reuse_pairs()]


def summary(store: Store, top: int = 5) -> dict:
    recs = event_records(store, EventFilter(modality=None))
    occurred = [r for r in recs if r["modality"] == "occurred"]
    return {
        "articles": store.count("articles"),
        "mentions": store.count("mentions"),
        "events": len(recs),
        "occurred": len(occurred),
        "by_type": Counter(r["event_type"] for r in occurred).most_common(),
        "top_locations": Counter(f"{r['location']} ({r['country']})" for r in occurred if r["location"]).most_common(top),
        "reuse_pairs": store.count("reuse"),
    }
