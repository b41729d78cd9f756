"""What the API shows, assembled from the store: event detail, article marks, aggregates, map points.

Every function here takes a :class:`Store` and returns JSON-ready structures; the routes only
add HTTP. Text offsets are always offsets into the article's cleaned text, so a client can
highlight by slicing (and must escape what it slices: article text is untrusted).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from eventcoder.export.records import event_record
from eventcoder.link.reuse import ReusePair
from eventcoder.model import Article, Event, EventMention
from eventcoder.queries import EventFilter
from eventcoder.store import schema as t
from eventcoder.store.repo import Store

CONTEXT_CHARS = 500  # at most this much text on each side of a quote
MAX_FILLED_WEEKS = 5200  # a timeline longer than ~100 years keeps its gaps unfilled


# -- marks --------------------------------------------------------------------------------------
def mention_marks(m: EventMention, event_id: str | None = None) -> list[dict]:
    """The quote and per-field evidence spans of one mention."""
    out = [{"kind": "quote", "start": m.quote.start, "end": m.quote.end, "mention_id": m.mention_id,
            "event_id": event_id}]
    for name, span in sorted(m.evidence.items()):
        if span is None or (span.article_id and span.article_id != m.article_id):
            continue
        out.append({"kind": "evidence", "field": name, "start": span.start, "end": span.end,
                    "mention_id": m.mention_id, "event_id": event_id})
    return out


def reuse_marks(article: Article, pairs: list[ReusePair]) -> list[dict]:
    """Passages of ``article`` copied from another article ("reuse") or copied by one ("reused_by")."""
    out = []
    for p in pairs:
        for passage in p.passages:
            if p.article_id == article.article_id:
                start, end = int(passage.get("start", 0)), int(passage.get("end", 0))
                if 0 <= start < end <= len(article.text):
                    out.append({"kind": "reuse", "start": start, "end": end, "other_article": p.reused_from,
                                "similarity": passage.get("similarity")})
            elif p.reused_from == article.article_id:
                src = passage.get("source_quote") or ""
                at = article.text.find(src) if src else -1
                if at >= 0:
                    out.append({"kind": "reused_by", "start": at, "end": at + len(src), "other_article": p.article_id,
                                "similarity": passage.get("similarity")})
    return out


def context_window(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[int, int]:
    """A stretch around [start, end): the enclosing paragraph, cut at word boundaries to ``chars`` each side."""
    lo = text.rfind("\n", 0, start) + 1
    if start - lo > chars:
        lo = start - chars
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    if hi - end > chars:
        hi = end + chars
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi


# -- events -------------------------------------------------------------------------------------
def events_by_id(store: Store, ids) -> dict[str, tuple[Event, str]]:
    ids = sorted(set(ids))
    out: dict[str, tuple[Event, str]] = {}
    for i in range(0, len(ids), 500):
        for e, status in store.events(where=[t.events.c.event_id.in_(ids[i:i + 500])]):
            out[e.event_id] = (e, status)
    return out


def event_detail(store: Store, event_id: str) -> dict | None:
    """The event record plus each report placed in its article, with quote, evidence and reuse marks."""
    got = store.get_event(event_id)
    if got is None:
        return None
    event, status = got
    article_ids = {r.article_id for r in event.reports}
    articles = store.get_articles(article_ids)
    wanted = {r.mention_id for r in event.reports}
    mentions = {m.mention_id: m for m in store.mentions_for_articles(article_ids) if m.mention_id in wanted}
    pairs = store.reuse_pairs(article_ids)
    reports = []
    for r in event.reports:
        a = articles.get(r.article_id)
        text = a.text if a else r.quote
        start, end = (r.start, r.end) if a else (0, len(r.quote))
        lo, hi = context_window(text, start, end)
        marks = mention_marks(mentions[r.mention_id], event_id) if r.mention_id in mentions else [
            {"kind": "quote", "start": start, "end": end, "mention_id": r.mention_id, "event_id": event_id}]
        if a:
            marks += reuse_marks(a, pairs)
        marks = [m for m in marks if m["end"] > lo and m["start"] < hi]
        reports.append({
            "mention_id": r.mention_id, "article_id": r.article_id, "title": a.title if a else None,
            "source": r.source, "published": r.published, "url": a.url if a else None,
            "independent": r.independent, "reused_from": r.reused_from, "quote": r.quote,
            "start": start, "end": end, "context": text[lo:hi], "context_start": lo, "marks": marks,
        })
    return {"event": event_record(event, status), "reports": reports}


def article_view(store: Store, article_id: str) -> dict | None:
    """An article's text with every event span and reused passage marked."""
    a = store.get_article(article_id)
    if a is None:
        return None
    mentions = store.mentions_for_articles([article_id])
    events = events_by_id(store, store.event_ids_for_mentions(m.mention_id for m in mentions))
    event_of = {r.mention_id: e.event_id for e, _ in events.values() for r in e.reports}
    marks: list[dict] = []
    for m in sorted(mentions, key=lambda m: m.quote.start):
        marks += mention_marks(m, event_of.get(m.mention_id))
    marks += reuse_marks(a, store.reuse_pairs([article_id]))
    return {**article_summary(a), "text": a.text, "marks": marks, "events": sorted(events)}


def article_summary(a: Article) -> dict:
    return {"article_id": a.article_id, "title": a.title, "source": a.source, "author": a.author,
            "published": a.published, "url": a.url, "language": a.language, "chars": len(a.text)}


def reuse_view(store: Store, article_id: str | None = None) -> list[dict]:
    pairs = store.reuse_pairs([article_id] if article_id else None)
    arts = store.get_articles({p.article_id for p in pairs} | {p.reused_from for p in pairs})

    def side(aid: str) -> dict | None:
        a = arts.get(aid)
        return {"article_id": a.article_id, "title": a.title, "source": a.source, "published": a.published} if a else None

    return [{"article_id": p.article_id, "reused_from": p.reused_from, "direction_known": p.direction_known,
             "passages": p.passages, "article": side(p.article_id), "source_article": side(p.reused_from)}
            for p in pairs]


def map_points(store: Store, flt: EventFilter, limit: int) -> dict:
    where = flt.clauses()
    located = where + [t.events.c.latitude.isnot(None), t.events.c.longitude.isnot(None)]
    cols = ["event_id", "latitude", "longitude", "event_type", "sub_event_type", "fatalities", "event_date", "status",
            "location", "country"]
    rows = store.event_columns(cols, where=located, limit=limit + 1)
    truncated = len(rows) > limit
    rows = rows[:limit]
    return {
        "total": store.count_events(where),
        "located": store.count_events(located) if truncated else len(rows),
        "truncated": truncated,
        "points": [{"event_id": i, "lat": lat, "lon": lon, "event_type": et, "sub_event_type": st,
                    "fatalities": f or 0, "event_date": d.isoformat() if d else None, "review_status": s,
                    "location": loc, "country": cty}
                   for i, lat, lon, et, st, f, d, s, loc, cty in rows],
    }


# -- aggregates -----------------------------------------------------------------------------------
def week_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _buckets(counts: dict) -> list[dict]:
    return sorted(({"key": k, "events": n, "fatalities": f} for k, (n, f) in counts.items()),
                  key=lambda b: (-b["events"], str(b["key"])))


def aggregates(store: Store, flt: EventFilter) -> dict:
    """Events and fatalities per ISO week, per type, per country and per admin1, for the filter.

    Two grouped scans — by date, and by type x sub-type x country x admin1 — folded here.
    """
    where = flt.clauses()
    weeks: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    undated = [0, 0]
    for d, n, f in store.event_counts(["event_date"], where=where):
        slot = weeks[week_of(d)] if d else undated
        slot[0] += n
        slot[1] += int(f or 0)
    folds: dict[str, dict] = {k: defaultdict(lambda: [0, 0]) for k in ("event_type", "sub_event_type", "country", "admin1")}
    for et, st, country, admin1, n, f in store.event_counts(["event_type", "sub_event_type", "country", "admin1"], where=where):
        for slot in (folds["event_type"][et], folds["sub_event_type"][st], folds["country"][country],
                     folds["admin1"][(country, admin1)]):
            slot[0] += n
            slot[1] += int(f or 0)
    if weeks:
        first, last = min(weeks), max(weeks)
        if (last - first).days // 7 <= MAX_FILLED_WEEKS:
            w = first
            while w <= last:
                weeks[w]  # noqa: B018 - fills the gap with zeros
                w += timedelta(days=7)
    weekly = [{"key": w.isoformat(), "events": n, "fatalities": f} for w, (n, f) in sorted(weeks.items())]
    admin = sorted(({"country": c, "admin1": a, "events": n, "fatalities": f} for (c, a), (n, f) in folds["admin1"].items()),
                   key=lambda b: (-b["events"], str(b["country"]), str(b["admin1"])))
    return {
        "total_events": sum(b["events"] for b in weekly) + undated[0],
        "total_fatalities": sum(b["fatalities"] for b in weekly) + undated[1],
        "weekly": weekly,
        "undated": {"key": None, "events": undated[0], "fatalities": undated[1]},
        "by_event_type": _buckets(folds["event_type"]),
        "by_sub_event_type": _buckets(folds["sub_event_type"]),
        "by_country": _buckets(folds["country"]),
        "by_admin1": admin,
    }


def facets(store: Store) -> dict:
    """Values to offer in filter menus: countries and admin1 regions present, and the date range."""
    where = EventFilter(modality=None, include_rejected=True).clauses()
    dates = [d for d, *_ in store.event_counts(["event_date"], where=where) if d]
    countries: dict = defaultdict(lambda: [0, 0])
    admin = []
    for country, admin1, n, f in store.event_counts(["country", "admin1"], where=where):
        countries[country][0] += n
        countries[country][1] += int(f or 0)
        if admin1:
            admin.append({"country": country, "admin1": admin1, "events": n, "fatalities": int(f or 0)})
    return {
        "countries": sorted(({"key": k, "events": n, "fatalities": f} for k, (n, f) in countries.items() if k),
                            key=lambda b: b["key"]),
        "admin1": sorted(admin, key=lambda b: (str(b["country"]), str(b["admin1"]))),
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
    }


# -- audit --------------------------------------------------------------------------------------------
def event_audit(store: Store, event_id: str, limit: int = 200) -> list[dict] | None:
    """The audit entries of an event, including those made under its earlier ids.

    Merges, splits and re-linking can give an event a new id; the reviews are anchored on its
    mentions, so the history follows the mentions. None when neither the event nor any entry exists.
    """
    got = store.get_event(event_id)
    ids = {event_id}
    if got is not None:
        anchors = {r.mention_id for r in got[0].reports}
        ids |= {rv["event_id"] for rv in store.reviews(anchors=anchors)}
    entries = {row["id"]: row for i in sorted(ids) for row in store.audit_log(i, limit=limit)}
    if got is None and not entries:
        return None
    return [entries[k] for k in sorted(entries, reverse=True)][:limit]
