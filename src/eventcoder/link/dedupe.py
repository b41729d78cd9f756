"""Merge event mentions that describe the same real event into one Event.

**Sameness.** Two mentions *may* be one event (:func:`compatible`) when all of:

* same country (mentions without a country only meet each other);
* compatible types: the same family (protests and riots are one family; battles,
  explosions and violence against civilians another; a strategic development
  only matches its own sub-type; every other type itself);
* both occurred, or both did not (a planned march is not the march);
* dates agree within each mention's precision: two day-precise dates on the
  same day; otherwise closer than the looser mention's window (a week for
  precision 2, a month for precision 3); undated only meets undated;
* places the same or nested: the same town, or a town inside the province (or
  country) that the other, region-level mention names;
* not two clauses of one sentence (the extractor split them as two events);
* no conflict of named actors: when both name a specific group as actor1 or
  actor2 and the names share nothing, they are different events;
* fatality figures not wildly apart (8 vs 10 is one event, 2 vs 40 is not).

A mention joins a cluster only if it is compatible with *every* member
(complete link) and the match is *strict* for some member — same day, both day
precise, same town, same type — or else backed by *evidence*: similar wording,
a shared named actor, a shared casualty figure, or reused text between the two
reports. So a vague "protests across Mali in June" does not swallow whichever
protest happens to come first. Among several clusters the best score wins
(strict matches, same sub-type, wording, actors, reuse), ties to the oldest.

**Cost.** Mentions are blocked by country and date; inside a block an inverted
index by (family, occurrence, place, precision, week) returns only mentions
that could be compatible (:class:`MentionIndex`), so each new mention looks at
a handful of candidates instead of the whole block: near-linear overall (see
``benchmarks/bench_merge.py``).

**Order independence.** Mentions are visited in a canonical order
(publication date, article id, offset). A cluster never spans two connected
components of the :func:`compatible` graph, so the clusters of a component
depend only on that component's mentions. Re-linking the whole components
touched by new articles (:func:`expand`) therefore gives exactly the result of
linking everything at once, whatever the ingest order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from eventcoder import taxonomy
from eventcoder.link.reconcile import claims_of, reconcile
from eventcoder.model import Event, EventMention, Report

FAMILIES = {
    "Protests": "demonstration",
    "Riots": "demonstration",
    "Battles": "armed violence",
    "Explosions/Remote violence": "armed violence",
    "Violence against civilians": "armed violence",
}
PRECISION_DAYS = {1: 1, 2: 7, 3: 31, None: 31}  # two dates agree when |difference| < the looser window
MAX_WINDOW = 31
BLOCK_DAYS = 32
WEEK = 7
WORDING_EVIDENCE = 0.25
FATALITY_RATIO = 3  # max > 3 * min + 5: different events
GENERIC_ACTOR = re.compile(
    r"^(?:Protesters|Rioters|Civilians|Unidentified|Unknown|Military Forces of|Police Forces of|Government of|"
    r"Mutiny of|Prison Guards|Private Security)\b", re.I)
ACTOR_STOP = frozenset({"of", "the", "and", "for", "in", "group", "forces", "force", "armed", "militia", "movement",
                        "party", "front", "national", "people", "peoples", "union"})


def canonical_order(m: EventMention) -> tuple:
    return (m.published or date.max, m.article_id, m.quote.start, m.mention_id)


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


def country_of(m: EventMention) -> str:
    return (m.place.iso3 if m.place and m.place.iso3 else None) or "?"


def block_key(m: EventMention) -> tuple[str, int | None]:
    """Country and a 32-day bucket of the date: the coarse block a mention is compared within."""
    bucket = m.event_date.toordinal() // BLOCK_DAYS if m.event_date else None
    return country_of(m), bucket


def family(m: EventMention) -> str:
    if m.event_type == "Strategic developments":
        return f"SD:{m.sub_event_type}"
    return FAMILIES.get(m.event_type, m.event_type)


# -- features: what compatibility looks at, computed once per mention -------------------------------
_WORD = re.compile(r"[a-z]{4,}")
_ACTOR_WORD = re.compile(r"[a-z0-9]{2,}")


@dataclass(frozen=True, slots=True)
class Features:
    mention_id: str
    article_id: str
    country: str
    family: str
    event_type: str
    occurred: bool
    place: tuple  # ("L", town, admin1) | ("A", admin1) | ("C",)
    day: int | None  # date ordinal
    window: int  # days: dates agree when |difference| < the larger window
    sentence: tuple | None
    words: frozenset
    main_actors: tuple  # token sets of specific actor1/actor2
    all_actors: tuple  # ... of every specific actor, associated ones included
    fatalities: int | None
    figures: frozenset  # ("fatalities", 8), ("arrests", 5)... stated figures


def _place_key(m: EventMention) -> tuple:
    p = m.place
    if p is None or not p.location:
        return ("C",)
    admin1 = _fold(p.admin1) if p.admin1 else None
    loc = _fold(p.location)
    if p.geo_precision == 3:
        if p.geonameid is None and loc not in (admin1, _fold(p.country or "")):
            return ("L", loc, admin1)  # a named village the gazetteer lacks: coarse coordinates, exact name
        if admin1 and loc != _fold(p.country or ""):
            return ("A", admin1)
        return ("C",)
    return ("L", loc, admin1)


@lru_cache(maxsize=65536)
def _actor_tokens(name: str | None) -> tuple[frozenset, ...]:
    out = []
    for part in (name or "").split(";"):
        part = part.strip()
        if not part or GENERIC_ACTOR.match(part):
            continue
        toks = frozenset(t for t in _ACTOR_WORD.findall(_fold(part)) if t not in ACTOR_STOP)
        if toks:
            out.append(toks)
    return tuple(out)


def features(m: EventMention) -> Features:
    window = PRECISION_DAYS.get(m.time_precision, MAX_WINDOW)
    figures = frozenset((f, getattr(m, f)) for f in ("fatalities", "injuries", "arrests") if getattr(m, f))
    return Features(
        mention_id=m.mention_id,
        article_id=m.article_id,
        country=country_of(m),
        family=family(m),
        event_type=m.event_type,
        occurred=m.modality == "occurred",
        place=_place_key(m),
        day=m.event_date.toordinal() if m.event_date else None,
        window=window,
        sentence=(m.article_id, m.sentence_start) if m.sentence_start is not None else None,
        words=frozenset(_WORD.findall(m.quote.text.lower())),
        main_actors=_actor_tokens(m.actor1) + _actor_tokens(m.actor2),
        all_actors=(_actor_tokens(m.actor1) + _actor_tokens(m.actor2) + _actor_tokens(m.assoc_actor_1)
                    + _actor_tokens(m.assoc_actor_2)),
        fatalities=m.fatalities or None,
        figures=figures,
    )


# -- the pairwise rules -------------------------------------------------------------------------
def _dates_agree(a: Features, b: Features) -> bool:
    if a.day is None or b.day is None:
        return a.day is None and b.day is None
    return abs(a.day - b.day) < max(a.window, b.window)


def _places_agree(a: Features, b: Features) -> bool:
    pa, pb = a.place, b.place
    if pa[0] == "C" or pb[0] == "C":
        return True
    if pa[0] == "A" and pb[0] == "A":
        return pa[1] == pb[1]
    if pa[0] == "A":
        return pb[2] == pa[1]
    if pb[0] == "A":
        return pa[2] == pb[1]
    return pa[1] == pb[1]


def _actors_overlap(xs: tuple, ys: tuple) -> bool:
    return any(x & y for x in xs for y in ys)


def _compatible(a: Features, b: Features) -> bool:
    if a.mention_id == b.mention_id or a.country != b.country or a.family != b.family or a.occurred != b.occurred:
        return False
    if a.sentence is not None and a.sentence == b.sentence:
        return False  # two clauses of one sentence are two events
    if not _dates_agree(a, b) or not _places_agree(a, b):
        return False
    if a.main_actors and b.main_actors and not _actors_overlap(a.main_actors, b.main_actors):
        return False
    if a.fatalities and b.fatalities:
        lo, hi = sorted((a.fatalities, b.fatalities))
        if hi > FATALITY_RATIO * lo + 5:
            return False
    return True


def _wording(a: Features, b: Features) -> float:
    return len(a.words & b.words) / max(1, len(a.words | b.words))


def _strict(a: Features, b: Features) -> bool:
    """Same day (both day-precise), same town, same type: no further evidence needed."""
    return (a.window == 1 and b.window == 1 and a.day is not None and a.day == b.day
            and a.place[0] == "L" and a.place == b.place
            and (a.event_type == b.event_type or a.family == "demonstration"))


def _reuse_link(a: Features, b: Features, reused_from: Mapping[str, str]) -> bool:
    return reused_from.get(a.mention_id) == b.article_id or reused_from.get(b.mention_id) == a.article_id


def _evidence(a: Features, b: Features, reused_from: Mapping[str, str]) -> bool:
    return (_wording(a, b) >= WORDING_EVIDENCE or _actors_overlap(a.all_actors, b.all_actors)
            or bool(a.figures & b.figures) or _reuse_link(a, b, reused_from))


def compatible(a: EventMention, b: EventMention) -> bool:
    """May ``a`` and ``b`` be reports of one event? (hard constraints only, see the module docstring)"""
    return _compatible(features(a), features(b))


def dates_agree(a: EventMention, b: EventMention) -> bool:
    return _dates_agree(features(a), features(b))


def places_agree(a: EventMention, b: EventMention) -> bool:
    return _places_agree(features(a), features(b))


def wording(a: EventMention, b: EventMention) -> float:
    return _wording(features(a), features(b))


# -- the index ------------------------------------------------------------------------------------
def _precision_class(f: Features) -> int:
    return 0 if f.day is None else {1: 1, 7: 2}.get(f.window, 3)


_CLASS_WINDOW = {1: 1, 2: 7, 3: MAX_WINDOW}
_CLASS_BUCKET = {0: 1, 1: WEEK, 2: WEEK, 3: BLOCK_DAYS}  # days per time bucket: weeks, months for vague dates


class MentionIndex:
    """Inverted index returning every indexed mention that may be compatible with a query (a superset).

    Keys: (country, family, occurred, place bucket, precision class, time
    bucket: a week, or 32 days for month-precision dates). A
    town-level mention is filed under its town, its province ("PA") and the
    whole country ("ALL"); a province-level one under "A" and "ALL"; a
    country-level one under "C" and "ALL". A query reads only the buckets its
    place can nest with, and only the weeks its date window reaches.
    """

    def __init__(self) -> None:
        self._buckets: dict[tuple, list[int]] = defaultdict(list)
        self.items: list[Features] = []

    def add(self, f: Features) -> int:
        n = len(self.items)
        self.items.append(f)
        p = f.place
        if p[0] == "L":
            places = [("L", p[1]), ("ALL",)] + ([("PA", p[2])] if p[2] else [])
        elif p[0] == "A":
            places = [("A", p[1]), ("ALL",)]
        else:
            places = [("C",), ("ALL",)]
        cls = _precision_class(f)
        slot = f.day // _CLASS_BUCKET[cls] if f.day is not None else None
        for pk in places:
            self._buckets[(f.country, f.family, f.occurred, pk, cls, slot)].append(n)
        return n

    def query(self, f: Features) -> Iterable[int]:
        """Positions of indexed mentions that may be compatible with ``f`` (each once)."""
        p = f.place
        if p[0] == "L":
            places = [("L", p[1]), ("C",)] + ([("A", p[2])] if p[2] else [])
        elif p[0] == "A":
            places = [("PA", p[1]), ("A", p[1]), ("C",)]
        else:
            places = [("ALL",)]
        base = (f.country, f.family, f.occurred)
        if f.day is None:
            for pk in places:
                yield from self._buckets.get((*base, pk, 0, None), ())
            return
        items = self.items
        for cls in (1, 2, 3):
            reach = max(f.window, _CLASS_WINDOW[cls]) - 1
            size = _CLASS_BUCKET[cls]
            for slot in range((f.day - reach) // size, (f.day + reach) // size + 1):
                for pk in places:
                    for n in self._buckets.get((*base, pk, cls, slot), ()):
                        if abs(items[n].day - f.day) <= reach:
                            yield n


# -- clustering -------------------------------------------------------------------------------------
def cluster(mentions: Sequence[EventMention], reused_from: Mapping[str, str] | None = None) -> list[list[EventMention]]:
    """Group mentions into events. A deterministic function of the *set* of mentions (and their reuse).

    Args:
        mentions: any mentions (any countries, any dates).
        reused_from: mention_id -> article_id its text was reused from (evidence of sameness).
    Returns:
        clusters, each in canonical order; clusters ordered by their first mention.
    """
    reused_from = reused_from or {}
    ordered = sorted(mentions, key=canonical_order)
    feats = [features(m) for m in ordered]
    index = MentionIndex()
    cluster_of: list[int] = []  # index position -> cluster
    clusters: list[list[int]] = []  # cluster -> positions in ``ordered``
    for pos, f in enumerate(feats):
        cands = sorted({cluster_of[n] for n in index.query(f)})
        best, best_score = None, 0.0
        for ci in cands:
            members = [feats[x] for x in clusters[ci]]
            if not all(_compatible(f, o) for o in members):
                continue
            strict = any(_strict(f, o) for o in members)
            if not strict and not any(_evidence(f, o, reused_from) for o in members):
                continue
            score = (1.0 if strict else 0.0) + max(_wording(f, o) for o in members)
            score += 0.5 if any(ordered[x].sub_event_type == ordered[pos].sub_event_type for x in clusters[ci]) else 0.0
            score += 0.5 if any(_actors_overlap(f.all_actors, o.all_actors) for o in members) else 0.0
            score += 1.0 if any(_reuse_link(f, o, reused_from) for o in members) else 0.0
            if best is None or score > best_score:
                best, best_score = ci, score
        if best is None:
            best = len(clusters)
            clusters.append([])
        clusters[best].append(pos)
        index.add(f)
        cluster_of.append(best)
    return [[ordered[x] for x in c] for c in clusters]


def expand(seeds: Iterable[EventMention],
           fetch: Callable[[str, date | None, date | None], Iterable[EventMention]]) -> dict[str, EventMention]:
    """The connected components of the compatibility graph that contain ``seeds``.

    Args:
        seeds: the mentions whose events must be (re)built.
        fetch: ``fetch(country, start, end)`` -> stored mentions of that country
            (``"?"``: no country) dated within [start, end]; ``start = end = None``
            asks for the undated ones.
    Returns:
        mention_id -> mention for every mention connected to a seed. Linking
        exactly this set gives the same events for it as linking the whole store.
    """
    scope: dict[str, EventMention] = {}
    frontier = []
    for m in seeds:
        if m.mention_id not in scope:
            scope[m.mention_id] = m
            frontier.append(m)
    while frontier:
        fetched: dict[str, EventMention] = {}
        for country, ranges in _windows(frontier).items():
            for start, end in ranges:
                for m in fetch(country, start, end):
                    if m.mention_id not in scope:
                        fetched[m.mention_id] = m
        if not fetched:
            break
        index = MentionIndex()
        pool = sorted(fetched.values(), key=canonical_order)
        pool_feats = [features(m) for m in pool]
        for pf in pool_feats:
            index.add(pf)
        new = []
        for m in frontier:
            f = features(m)
            for n in index.query(f):
                c = pool[n]
                if c.mention_id not in scope and _compatible(f, pool_feats[n]):
                    scope[c.mention_id] = c
                    new.append(c)
        frontier = new
    return scope


def _windows(mentions: Iterable[EventMention]) -> dict[str, list[tuple[date | None, date | None]]]:
    """Per country, the merged date ranges [d - 31, d + 31] around the mentions (``(None, None)``: undated)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    undated: set[str] = set()
    for m in mentions:
        c = country_of(m)
        if m.event_date is None:
            undated.add(c)
        else:
            d = m.event_date.toordinal()
            spans[c].append((d - MAX_WINDOW, d + MAX_WINDOW))
    out: dict[str, list[tuple[date | None, date | None]]] = defaultdict(list)
    for c, ss in spans.items():
        merged: list[list[int]] = []
        for lo, hi in sorted(ss):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        out[c] = [(date.fromordinal(lo), date.fromordinal(hi)) for lo, hi in merged]
    for c in undated:
        out[c].append((None, None))
    return out


# -- events --------------------------------------------------------------------------------------------
def event_id_for(members: Sequence[EventMention]) -> str:
    first = min(members, key=canonical_order)
    iso3 = (first.place.iso3 if first.place and first.place.iso3 else "XXX")
    return iso3 + hashlib.sha1(first.mention_id.encode()).hexdigest()[:10].upper()


def outlet_of(m: EventMention) -> str:
    """The outlet a report counts as: its source, or its article when the source is unknown."""
    return m.source or f"article:{m.article_id}"


def derivative_reports(members: Sequence[EventMention], reused_from: Mapping[str, str]) -> set[str]:
    """Mention ids whose text was reused from *another report of the same event*."""
    article_ids = {m.article_id for m in members}
    return {m.mention_id for m in members
            if reused_from.get(m.mention_id) not in (None, m.article_id) and reused_from[m.mention_id] in article_ids}


def independent_outlets(members: Sequence[EventMention], reused_from: Mapping[str, str]) -> set[str]:
    """Outlets with at least one report of the event that is not reused from another of its reports."""
    derived = derivative_reports(members, reused_from)
    return {outlet_of(m) for m in members if m.mention_id not in derived}


def build_event(members: Sequence[EventMention], reused_from: Mapping[str, str] | None = None) -> Event:
    """Merge one cluster into an Event.

    Args:
        members: the mentions of one event.
        reused_from: mention_id -> article_id it was copied from (see ``link.reuse``).
    """
    reused_from = reused_from or {}
    members = sorted(members, key=canonical_order)

    # the richest mention speaks for the event: day precision, a place of precision 1, stated figures
    def richness(m: EventMention) -> tuple:
        return (
            -(m.time_precision or 9),
            -((m.place.geo_precision or 9) if m.place else 9),
            len(m.evidence),
            m.confidence,
        )

    lead = max(members, key=richness)
    type_votes: dict[str, float] = defaultdict(float)
    for m in members:
        type_votes[m.sub_event_type] += m.confidence
    sub = max(sorted(type_votes), key=lambda k: type_votes[k])
    derived = derivative_reports(members, reused_from)
    reports = [Report(
        article_id=m.article_id, mention_id=m.mention_id, source=m.source, published=m.published,
        quote=m.quote.text, start=m.quote.start, end=m.quote.end,
        reused_from=reused_from.get(m.mention_id), independent=m.mention_id not in derived,
    ) for m in members]
    independent_ids = {m.mention_id for m in members if m.mention_id not in derived}
    figures = reconcile(members, independent_ids)
    actor_src = next((m for m in [lead, *members] if m.actor1), lead)
    # each field from the report that states it most precisely
    date_src = min(members, key=lambda m: (m.time_precision or 9, m.event_date is None, canonical_order(m)))
    placed = [m for m in members if m.place is not None]
    place_src = min(placed, key=lambda m: (m.place.geo_precision or 9, m is not lead, canonical_order(m))) if placed else lead
    evidence = dict(lead.evidence)
    for field_name, src in (("event_date", date_src), ("location", place_src)):
        evidence.pop(field_name, None)
        if field_name in src.evidence:
            evidence[field_name] = src.evidence[field_name]
    ev = Event(
        event_id=event_id_for(members),
        event_type=taxonomy.event_type_of(sub),
        sub_event_type=sub,
        event_date=date_src.event_date,
        time_precision=date_src.time_precision,
        date_note=date_src.date_note,
        place=place_src.place,
        actor1=actor_src.actor1, assoc_actor_1=actor_src.assoc_actor_1, inter1=actor_src.inter1,
        actor2=actor_src.actor2, assoc_actor_2=actor_src.assoc_actor_2, inter2=actor_src.inter2,
        modality=lead.modality,
        confidence=round(max(m.confidence for m in members), 4),
        reports=reports,
        claims=claims_of(members),
        evidence=evidence,
        independent_sources=max(1, len(independent_outlets(members, reused_from))),
        **figures,
    )
    ev.notes = lead.quote.text
    return ev


def link(mentions: Iterable[EventMention], reused_from: Mapping[str, str] | None = None) -> list[Event]:
    """Mentions -> events: the whole linking step for a set of mentions (closed under compatibility)."""
    return [build_event(c, reused_from) for c in cluster(list(mentions), reused_from)]
