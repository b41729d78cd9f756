"""What the situation report says: figures, key events, actors and sources, from event records.

Everything here is computed from :func:`eventcoder.queries.event_records`
(the record contract), :func:`eventcoder.queries.reuse_records` and article
metadata; nothing reads the database directly. The result is a plain
:class:`ReportContent` that the HTML and Markdown templates render.

Rules the numbers follow (tests and docs/report.md state the same):

* Counted events are those with modality ``occurred`` that pass the filters
  (country, period) and were not rejected by an analyst. Planned, threatened
  and other non-occurred events are listed apart and counted nowhere else.
* An event's fatalities are ``(low, best, high)`` from ``fatalities_low``,
  ``fatalities_best``, ``fatalities_high``; a missing best falls back to
  ``fatalities``, a missing low or high to the best, and the range is widened
  to hold the best (low <= best <= high). Totals are plain sums.
* The period is ``--since`` .. ``--until``; an open end takes the earliest /
  latest event date. The previous period has the same length and ends the day
  before the period starts; it is compared only when ``--since`` is given.
* An event "rests on a single source" when ``independent_sources <= 1`` and
  "rests on reused text only" when every one of its reports has ``reused_from``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from eventcoder import taxonomy
from eventcoder.queries import EventFilter, event_records, reuse_records
from eventcoder.store.repo import Store

KEY_EVENTS_EACH = 5  # most severe, and best corroborated
TOP_ACTORS = 10
LOG_LIMIT = 500  # events listed in the event log (all are counted)
UNKNOWN_OUTLET = "Unnamed outlet"

MODALITY_LABEL = {
    "planned": "Planned / announced", "threatened": "Threatened", "negated": "Reported as not having happened",
    "hypothetical": "Hypothetical",
}
PRECISION_NOTE = {2: "week of", 3: "month of"}


# -- small helpers -------------------------------------------------------------------------------
def figures_of(rec: dict, field: str) -> tuple[int, int, int]:
    """(low, best, high) of ``fatalities`` / ``injuries`` / ``arrests`` (see the module docstring for the rule)."""
    best = rec.get(f"{field}_best")
    if best is None:
        best = rec.get(field) or 0
    low = rec.get(f"{field}_low")
    high = rec.get(f"{field}_high")
    low = best if low is None else min(low, best)
    high = best if high is None else max(high, best)
    return low, best, high


def fatalities_of(rec: dict) -> tuple[int, int, int]:
    """(low, best, high) fatalities of one event record."""
    return figures_of(rec, "fatalities")


def figure_text(low: int, best: int, high: int) -> str:
    """"12" when the reports agree, "12 (range 9–20)" when they do not."""
    if low == best == high:
        return f"{best:,}"
    return f"{best:,} (range {low:,}–{high:,})"


def parse_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def nice_date(value: str | date | None, precision: int | None = None) -> str:
    d = parse_date(value)
    if d is None:
        return "date unknown"
    if precision == 3:
        return d.strftime("%B %Y")
    text = f"{d.day} {d.strftime('%b %Y')}"
    return f"week of {text}" if precision == 2 else text


def place_of(rec: dict) -> str:
    parts: list[str] = []
    for k in ("location", "admin1", "country"):
        v = rec.get(k)
        if v and v not in parts:
            parts.append(v)
    return ", ".join(parts) or "place unknown"


def is_single_source(rec: dict) -> bool:
    return (rec.get("independent_sources") or 0) <= 1


def is_reused_only(rec: dict) -> bool:
    reports = rec.get("reports") or []
    return bool(reports) and all(r.get("reused_from") for r in reports)


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def change(now: float, before: float) -> dict:
    """Absolute and relative change; ``pct`` is None when there is nothing to compare with."""
    diff = now - before
    pct = None if before == 0 else 100.0 * diff / before
    if pct is not None:
        text = f"{diff:+,} ({pct:+.0f}%)"
    elif now == 0:
        text = "no change (none in either period)"
    else:
        text = f"{diff:+,} (none in the previous period)"
    return {"now": now, "before": before, "diff": diff, "pct": pct, "text": text,
            "direction": "up" if diff > 0 else "down" if diff < 0 else "flat"}


# -- the content -------------------------------------------------------------------------------------
@dataclass
class Period:
    start: date | None
    end: date | None
    since: date | None = None  # as requested
    until: date | None = None

    @property
    def days(self) -> int | None:
        if self.start and self.end:
            return (self.end - self.start).days + 1
        return None

    def previous(self) -> Period | None:
        """The period of the same length just before this one (None when the start is open)."""
        if not self.since or not self.days:
            return None
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    @property
    def text(self) -> str:
        if self.start and self.end:
            return f"{nice_date(self.start)} – {nice_date(self.end)}"
        if self.start:
            return f"from {nice_date(self.start)}"
        if self.end:
            return f"until {nice_date(self.end)}"
        return "no dated events"


@dataclass
class ReportContent:
    title: str
    generated: str
    filters: dict[str, Any]
    period: Period
    previous: Period | None
    events: list[dict]  # counted (occurred) events, chronological
    other_modalities: list[dict]  # planned / threatened / ... (not counted)
    headline: dict
    comparison: dict | None
    by_type: list[dict]
    key_points: list[str]
    key_events: list[dict]
    actors: dict
    sources: dict
    method: dict
    log: list[dict] = field(default_factory=list)
    log_truncated: int = 0
    charts: dict[str, str] = field(default_factory=dict)  # name -> SVG text (filled by the renderer)
    chart_notes: dict[str, str] = field(default_factory=dict)


def type_colour(event_type: str) -> str:
    """A fixed colour per event type, the same in every chart and badge."""
    palette = ["#c0392b", "#d35400", "#8e44ad", "#2c7fb8", "#e6a117", "#5d6d7e",
               "#16a085", "#7f8c8d", "#a04000", "#1f618d", "#6c3483"]
    try:
        i = taxonomy.EVENT_TYPES.index(event_type)
    except ValueError:
        i = len(taxonomy.EVENT_TYPES) + sum(map(ord, event_type)) % 3  # stable across runs, unlike hash()
    return palette[i % len(palette)]


def _outlet(report: dict, articles: dict) -> str:
    a = articles.get(report.get("article_id"))
    return report.get("source") or (a.source if a else None) or UNKNOWN_OUTLET


def _article_label(article_id: str | None, articles: dict) -> dict:
    a = articles.get(article_id)
    if a is None:
        return {"article_id": article_id, "outlet": UNKNOWN_OUTLET, "title": None, "published": None, "url": None,
                "author": None, "date_text": "date unknown", "in_store": False}
    return {"article_id": article_id, "outlet": a.source or UNKNOWN_OUTLET, "title": a.title,
            "published": a.published.isoformat() if a.published else None, "url": a.url, "author": a.author,
            "date_text": nice_date(a.published), "in_store": True}


def _event_view(rec: dict, articles: dict) -> dict:
    """One event as the templates show it."""
    low, best, high = fatalities_of(rec)
    figures = []
    if high:
        figures.append(("Fatalities", figure_text(low, best, high)))
    for f, label in (("injuries", "Injured"), ("arrests", "Arrested")):
        lo, b, hi = figures_of(rec, f)
        if hi:
            figures.append((label, figure_text(lo, b, hi)))
    if rec.get("crowd_size"):
        figures.append(("Crowd", str(rec["crowd_size"])))
    quotes = []
    for r in rec.get("reports") or []:
        origin = _article_label(r.get("reused_from"), articles) if r.get("reused_from") else None
        quotes.append({
            "text": r.get("quote") or "", "outlet": _outlet(r, articles), "published": nice_date(r.get("published")),
            "article_id": r.get("article_id"), "independent": bool(r.get("independent", True)),
            "reused_from": origin,
        })
    actors1 = [a for a in (rec.get("actor1"), rec.get("assoc_actor_1")) if a]
    actors2 = [a for a in (rec.get("actor2"), rec.get("assoc_actor_2")) if a]
    flags = []
    if is_reused_only(rec):
        flags.append(("reused", "Rests on reused text only"))
    if is_single_source(rec):
        flags.append(("single", "Single independent source"))
    else:
        flags.append(("corroborated", f"{rec['independent_sources']} independent sources"))
    if rec.get("review_status") in ("verified", "edited", "accepted"):
        flags.append(("reviewed", f"Analyst: {rec['review_status']}"))
    return {
        "id": rec["event_id"], "anchor": "ev-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in rec["event_id"]),
        "date": nice_date(rec.get("event_date"), rec.get("time_precision")), "iso_date": rec.get("event_date"),
        "date_note": rec.get("date_note"),
        "event_type": rec.get("event_type") or "", "sub_event_type": rec.get("sub_event_type") or "",
        "colour": type_colour(rec.get("event_type") or ""),
        "place": place_of(rec), "actor1": "; ".join(actors1) or None, "actor2": "; ".join(actors2) or None,
        "fatalities": (low, best, high), "fatalities_text": figure_text(low, best, high), "figures": figures,
        "notes": rec.get("notes") or "", "quotes": quotes, "flags": flags,
        "single_source": is_single_source(rec), "reused_only": is_reused_only(rec),
        "independent_sources": rec.get("independent_sources") or 0, "reports": len(rec.get("reports") or []),
        "outlets": sorted({q["outlet"] for q in quotes}), "modality": rec.get("modality"),
        "modality_label": MODALITY_LABEL.get(rec.get("modality") or "", rec.get("modality") or ""),
        "confidence": rec.get("confidence"),
    }


def _headline(recs: list[dict]) -> dict:
    lows, bests, highs = zip(*(fatalities_of(r) for r in recs)) if recs else ((), (), ())
    return {
        "events": len(recs),
        "undated": sum(1 for r in recs if not r.get("event_date")),
        "fatalities_low": sum(lows), "fatalities_best": sum(bests), "fatalities_high": sum(highs),
        "fatal_events": sum(1 for h in highs if h),
        "single_source": sum(1 for r in recs if is_single_source(r)),
        "reused_only": sum(1 for r in recs if is_reused_only(r)),
        "places": len({(r.get("location"), r.get("country")) for r in recs if r.get("location")}),
        "countries": sorted({r["country"] for r in recs if r.get("country")}),
    }


def _by_type(recs: list[dict], prev: list[dict] | None) -> list[dict]:
    rows: dict[str, dict] = {}
    for r in recs:
        row = rows.setdefault(r["event_type"], {"event_type": r["event_type"], "events": 0, "low": 0, "best": 0,
                                                 "high": 0, "sub": Counter()})
        low, best, high = fatalities_of(r)
        row["events"] += 1
        row["low"] += low
        row["best"] += best
        row["high"] += high
        row["sub"][r.get("sub_event_type") or ""] += 1
    prev_counts = Counter(r["event_type"] for r in prev or [])
    for t in prev_counts:
        rows.setdefault(t, {"event_type": t, "events": 0, "low": 0, "best": 0, "high": 0, "sub": Counter()})
    total = len(recs) or 1
    out = []
    for row in rows.values():
        row["share"] = 100.0 * row["events"] / total
        row["fatalities_text"] = figure_text(row["low"], row["best"], row["high"])
        row["sub_text"] = ", ".join(f"{k} {v}" for k, v in row["sub"].most_common() if k)
        row["colour"] = type_colour(row["event_type"])
        row["change"] = change(row["events"], prev_counts.get(row["event_type"], 0)) if prev is not None else None
        out.append(row)
    order = {t: i for i, t in enumerate(taxonomy.EVENT_TYPES)}
    return sorted(out, key=lambda r: (-r["events"], order.get(r["event_type"], 99), r["event_type"]))


def _severity_key(rec: dict) -> tuple:
    low, best, high = fatalities_of(rec)
    return (best, high, low, rec.get("injuries_best") or rec.get("injuries") or 0, rec.get("independent_sources") or 0)


def _key_events(recs: list[dict], articles: dict) -> list[dict]:
    severe = [r for r in sorted(recs, key=_severity_key, reverse=True) if fatalities_of(r)[2] > 0][:KEY_EVENTS_EACH]
    corroborated = [r for r in sorted(recs, key=lambda r: (r.get("independent_sources") or 0, len(r.get("reports") or []),
                                                            _severity_key(r)), reverse=True)
                    if (r.get("independent_sources") or 0) >= 2][:KEY_EVENTS_EACH]
    chosen: dict[str, dict] = {}
    for why, group in (("Most severe", severe), ("Best corroborated", corroborated)):
        for r in group:
            view = chosen.get(r["event_id"])
            if view is None:
                view = chosen[r["event_id"]] = _event_view(r, articles)
                view["why"] = []
            view["why"].append(why)
    return list(chosen.values())


def _actors(recs: list[dict]) -> dict:
    def table(name_key: str, inter_key: str) -> list[dict]:
        rows: dict[str, dict] = {}
        for r in recs:
            name = r.get(name_key)
            if not name:
                continue
            row = rows.setdefault(name, {"actor": name, "events": 0, "fatalities": 0, "types": Counter(),
                                         "kind": taxonomy.INTER_CODES.get(r.get(inter_key) or 0, "")})
            row["events"] += 1
            row["fatalities"] += fatalities_of(r)[1]
            row["types"][r.get("event_type") or ""] += 1
        out = sorted(rows.values(), key=lambda x: (-x["events"], -x["fatalities"], x["actor"]))
        for row in out:
            row["types_text"] = ", ".join(f"{k} {v}" for k, v in row["types"].most_common() if k)
        return out

    initiators, targets = table("actor1", "inter1"), table("actor2", "inter2")
    pairs = Counter((r["actor1"], r["actor2"]) for r in recs if r.get("actor1") and r.get("actor2"))
    return {
        "initiators": initiators[:TOP_ACTORS], "targets": targets[:TOP_ACTORS],
        "initiators_more": max(0, len(initiators) - TOP_ACTORS), "targets_more": max(0, len(targets) - TOP_ACTORS),
        "no_actor1": sum(1 for r in recs if not r.get("actor1")),
        "no_actor2": sum(1 for r in recs if not r.get("actor2")),
        "pairs": [{"actor1": a, "actor2": b, "events": n} for (a, b), n in pairs.most_common(5)],
    }


def _sources(recs: list[dict], articles: dict, reuse: list[dict]) -> dict:
    outlets: dict[str, dict] = {}
    used_articles: set[str] = set()
    for r in recs:
        for rep in r.get("reports") or []:
            name = _outlet(rep, articles)
            row = outlets.setdefault(name, {"outlet": name, "articles": set(), "reports": 0, "events": set(),
                                            "independent": 0, "reused": 0, "sole": 0})
            row["articles"].add(rep.get("article_id"))
            row["reports"] += 1
            row["events"].add(r["event_id"])
            if rep.get("reused_from"):
                row["reused"] += 1
            if rep.get("independent", True):
                row["independent"] += 1
            used_articles.add(rep.get("article_id"))
        names = {_outlet(rep, articles) for rep in r.get("reports") or []}
        if len(names) == 1:
            outlets[next(iter(names))]["sole"] += 1
    rows = []
    for row in outlets.values():
        row["articles"] = len(row["articles"])
        row["events"] = len(row["events"])
        rows.append(row)
    rows.sort(key=lambda x: (-x["reports"], x["outlet"]))

    pairs = []
    outlet_pairs: Counter = Counter()
    for p in reuse:
        if p["article_id"] not in used_articles and p["reused_from"] not in used_articles:
            continue
        later, origin = _article_label(p["article_id"], articles), _article_label(p["reused_from"], articles)
        n = len(p.get("passages") or [])
        pairs.append({"later": later, "origin": origin, "passages": n, "direction_known": bool(p["direction_known"]),
                      "example": ((p.get("passages") or [{}])[0] or {}).get("quote")})
        if p["direction_known"]:
            outlet_pairs[(later["outlet"], origin["outlet"])] += n
    pairs.sort(key=lambda x: (-x["passages"], x["later"]["outlet"]))
    article_list = sorted((_article_label(a, articles) for a in used_articles),
                          key=lambda x: (x["published"] or "9999", x["outlet"], x["title"] or ""))
    return {
        "outlets": rows, "reuse": pairs,
        "outlet_reuse": [{"later": a, "origin": b, "passages": n} for (a, b), n in outlet_pairs.most_common()],
        "articles": article_list,
    }


def _key_points(h: dict, cmp: dict | None, by_type: list[dict], key_events: list[dict], actors: dict,
                period: Period, scope: str) -> list[str]:
    pts = []
    if not h["events"]:
        return [f"No events were recorded in {scope} for this period."]
    fat = figure_text(h["fatalities_low"], h["fatalities_best"], h["fatalities_high"])
    s = f"{h['events']:,} event{'s' if h['events'] != 1 else ''} recorded in {scope}"
    s += f", with {fat} reported fatalities" if h["fatalities_high"] else ", with no fatalities reported"
    pts.append(s + ".")
    if cmp:
        ev, fa = cmp["events"], cmp["fatalities"]
        trend = {"up": "up from", "down": "down from", "flat": "the same as"}[ev["direction"]]
        s = f"Events are {trend} {ev['before']:,} in the previous {period.days} days"
        s += f" ({ev['pct']:+.0f}%)" if ev["pct"] is not None and ev["diff"] else ""
        s += f"; fatalities {fa['now']:,} against {fa['before']:,}."
        pts.append(s)
    top = by_type[0]
    if top["events"]:
        pts.append(f"{top['event_type']} were the most frequent type ({top['events']} of {h['events']}, "
                   f"{top['share']:.0f}%).")
    severe = [k for k in key_events if "Most severe" in k["why"]]
    if severe:
        k = severe[0]
        pts.append(f"Deadliest: {k['sub_event_type'].lower()} in {k['place']}, {k['date']} "
                   f"({k['fatalities_text']} killed).")
    if actors["initiators"]:
        a = actors["initiators"][0]
        pts.append(f"Most active initiating actor: {a['actor']} ({a['events']} event{'s' if a['events'] != 1 else ''}).")
    if h["single_source"]:
        pts.append(f"{h['single_source']} of {h['events']} events rest on a single independent source"
                   + (f", {h['reused_only']} only on reused text" if h["reused_only"] else "") + ".")
    return pts


def _chronological(recs: list[dict]) -> list[dict]:
    """Oldest first, undated events last (the store's order puts them first)."""
    return sorted(recs, key=lambda r: (r.get("event_date") is None, r.get("event_date") or "", r["event_id"]))


def build_content(store: Store, *, country: str | None = None, since: date | None = None,
                  until: date | None = None, title: str | None = None, now: datetime | None = None) -> ReportContent:
    """Gather everything the report shows for the events matching the filters."""
    if since and until and since > until:
        raise ValueError(f"--since {since} is after --until {until}")
    selected = _chronological(event_records(store, EventFilter(country=country, since=since, until=until,
                                                                 modality=None)))
    recs = [r for r in selected if r.get("modality") == "occurred"]
    others = [r for r in selected if r.get("modality") != "occurred"]
    dates = [d for d in (parse_date(r.get("event_date")) for r in recs) if d]
    period = Period(since or (min(dates) if dates else None), until or (max(dates) if dates else None), since, until)
    prev_period = period.previous()
    prev = event_records(store, EventFilter(country=country, since=prev_period.start, until=prev_period.end)) \
        if prev_period else None

    ids = {rep.get("article_id") for r in recs + others for rep in r.get("reports") or []}
    reuse = reuse_records(store)
    ids |= {p["reused_from"] for p in reuse if p["article_id"] in ids} | {p["article_id"] for p in reuse if p["reused_from"] in ids}
    articles = store.get_articles(i for i in ids if i)

    head = _headline(recs)
    cmp = None
    if prev is not None:
        ph = _headline(prev)
        cmp = {"events": change(head["events"], ph["events"]),
               "fatalities": change(head["fatalities_best"], ph["fatalities_best"]), "previous": ph}
        older = event_records(store, EventFilter(country=country, until=prev_period.start, modality=None), limit=1)
        cmp["coverage_note"] = None if older else (
            f"The store holds no event on or before {nice_date(prev_period.start)}: the previous period may be "
            "covered only in part.")
    by_type = _by_type(recs, prev)
    key_events = _key_events(recs, articles)
    actors = _actors(recs)
    scope = country or (head["countries"][0] if len(head["countries"]) == 1 else "all countries")
    log = [_event_view(r, articles) for r in recs[:LOG_LIMIT]]
    now = now or datetime.now(timezone.utc)
    return ReportContent(
        title=title or scope[:1].upper() + scope[1:],
        generated=now.strftime("%d %b %Y, %H:%M UTC"),
        filters={"country": country, "since": since.isoformat() if since else None,
                 "until": until.isoformat() if until else None},
        period=period, previous=prev_period, events=recs,
        other_modalities=[_event_view(r, articles) for r in others[:LOG_LIMIT]],
        headline=head, comparison=cmp, by_type=by_type,
        key_points=_key_points(head, cmp, by_type, key_events, actors, period, scope),
        key_events=key_events, actors=actors, sources=_sources(recs, articles, reuse),
        method={"articles": len({rep.get("article_id") for r in recs for rep in r.get("reports") or []}), "reports": sum(len(r.get("reports") or []) for r in recs),
                "rejected_excluded": True, "other_modalities": len(others),
                "sub_event_types": len(taxonomy.SUB_EVENT_TYPES)},
        log=log, log_truncated=max(0, len(recs) - LOG_LIMIT),
    )


def weekly_series(recs: list[dict], period: Period) -> tuple[list[date], dict[str, list[int]], dict[str, list[int]]]:
    """Weeks (Mondays) of the period and, per event type, events and best fatalities per week."""
    dated = [(parse_date(r.get("event_date")), r) for r in recs]
    dated = [(d, r) for d, r in dated if d]
    if not dated:
        return [], {}, {}
    start = week_start(period.start or min(d for d, _ in dated))
    end = week_start(period.end or max(d for d, _ in dated))
    weeks = []
    w = start
    while w <= end:
        weeks.append(w)
        w += timedelta(days=7)
    index = {w: i for i, w in enumerate(weeks)}
    events: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    deaths: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    for d, r in dated:
        i = index.get(week_start(d))
        if i is None:
            continue
        events[r["event_type"]][i] += 1
        deaths[r["event_type"]][i] += fatalities_of(r)[1]
    return weeks, dict(events), dict(deaths)


def places(recs: list[dict]) -> list[dict]:
    """Events grouped by mapped place: name, lon/lat, events, best fatalities, main event type."""
    out: dict[tuple, dict] = {}
    for r in recs:
        if r.get("latitude") is None or r.get("longitude") is None:
            continue
        key = (round(float(r["longitude"]), 3), round(float(r["latitude"]), 3))
        p = out.setdefault(key, {"name": r.get("location") or "", "country": r.get("country"), "lon": key[0],
                                 "lat": key[1], "events": 0, "fatalities": 0, "types": Counter(), "iso": r.get("iso")})
        p["events"] += 1
        p["fatalities"] += fatalities_of(r)[1]
        p["types"][r.get("event_type") or ""] += 1
    for p in out.values():
        p["main_type"] = p["types"].most_common(1)[0][0]
    return sorted(out.values(), key=lambda p: (-p["events"], -p["fatalities"], p["name"]))
