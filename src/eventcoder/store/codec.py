"""Dataclasses <-> JSON-ready dicts, for the store's JSON columns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from eventcoder.model import Article, Claim, Event, EventMention, Place, Report, Span, to_jsonable


def _date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def span_from(d: dict | None, article_id: str = "") -> Span | None:
    if not d:
        return None
    return Span(d.get("article_id", article_id), int(d["start"]), int(d["end"]), d.get("text", ""))


def place_from(d: dict | None) -> Place | None:
    return Place(**d) if d else None


def mention_to_dict(m: EventMention) -> dict:
    return to_jsonable(m)


def mention_from_dict(d: dict) -> EventMention:
    d = dict(d)
    d["quote"] = span_from(d["quote"], d["article_id"])
    d["place"] = place_from(d.get("place"))
    d["event_date"] = _date(d.get("event_date"))
    d["published"] = _date(d.get("published"))
    d["evidence"] = {k: span_from(v, d["article_id"]) for k, v in (d.get("evidence") or {}).items()}
    return EventMention(**d)


def event_to_dict(e: Event) -> dict:
    return to_jsonable(e)


def event_from_dict(d: dict) -> Event:
    d = dict(d)
    d["event_date"] = _date(d.get("event_date"))
    d["place"] = place_from(d.get("place"))
    d["reports"] = [Report(**{**r, "published": _date(r.get("published"))}) for r in d.get("reports", [])]
    d["claims"] = [Claim(**c) for c in d.get("claims", [])]
    d["evidence"] = {k: span_from(v) for k, v in (d.get("evidence") or {}).items()}
    return Event(**d)


def article_from_row(row: Any) -> Article:
    m = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    return Article(
        article_id=m["article_id"], content_hash=m["content_hash"], text=m["text"], raw=m.get("raw") or "",
        title=m.get("title"), author=m.get("author"), published=_date(m.get("published")), source=m.get("source"),
        url=m.get("url"), language=m.get("language"), origin=m.get("origin"),
        ingested_at=m.get("ingested_at") if isinstance(m.get("ingested_at"), datetime) else None,
    )
