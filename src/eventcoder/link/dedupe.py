"""Merge event mentions that describe the same real event into one Event.

Sameness needs every one of: compatible types (same event type, or the
protest/riot family), dates that agree within each mention's precision,
places that are the same or nested (or unknown), and not two different
events of one sentence. Similar wording and shared actors add evidence,
reused text decides ties.

Cost stays near-linear: mentions are blocked by country and date window
(``block_key``) and only compared inside a block.

Clustering is a deterministic function of the *set* of mentions: mentions
are visited in a canonical order, so ingesting A then B gives the same
events as B then A.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from eventcoder import taxonomy
from eventcoder.link.reconcile import claims_of, reconcile
from eventcoder.model import Event, EventMention, Report

FAMILIES = {
    "Protests": "demonstration", "Riots": "demonstration",
}
PRECISION_DAYS = {1: 1, 2: 7, 3: 31, None: 31}
BLOCK_DAYS = 32


def canonical_order(m: EventMention) -> tuple:
    return (m.published or date.max, m.article_id, m.quote.start)


def block_key(m: EventMention) -> tuple[str, int | None]:
    """Country and a 32-day bucket of the date: mentions are compared within neighbouring blocks only."""
    country = (m.place.iso3 if m.place and m.place.iso3 else None) or "?"
    bucket = m.event_date.toordinal() // BLOCK_DAYS if m.event_date else None
    return country, bucket


def _family(m: EventMention) -> str:
    return FAMILIES.get(m.event_type, m.event_type)


def dates_agree(a: EventMention, b: EventMention) -> bool:
    """Same day for two day-precise dates; otherwise within the looser precision's window."""
    if a.event_date is None or b.event_date is None:
        return a.event_date is None and b.event_date is None
    diff = abs((a.event_date - b.event_date).days)
    if a.time_precision == 1 and b.time_precision == 1:
        return diff == 0
    return diff < max(PRECISION_DAYS.get(a.time_precision, 31), PRECISION_DAYS.get(b.time_precision, 31))


def places_agree(a: EventMention, b: EventMention) -> bool:
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return True
    if pa.iso3 and pb.iso3 and pa.iso3 != pb.iso3:
        return False
    if pa.geo_precision == 3 and pb.geo_precision == 3 and pa.location != pb.location and pa.admin1 and pb.admin1 and pa.admin1 != pb.admin1:
        return False
    if pa.location == pb.location:
        return True
    if pa.geo_precision == 3 and (pa.location in (pb.country, pb.admin1) or not pa.admin1 or pa.admin1 == pb.admin1):
        return True
    if pb.geo_precision == 3 and (pb.location in (pa.country, pa.admin1) or not pb.admin1 or pb.admin1 == pa.admin1):
        return True
    return False


_WORD = re.compile(r"[a-z]{4,}")


def wording(a: EventMention, b: EventMention) -> float:
    wa, wb = set(_WORD.findall(a.quote.text.lower())), set(_WORD.findall(b.quote.text.lower()))
    return len(wa & wb) / max(1, len(wa | wb))


def compatible(a: EventMention, b: EventMention) -> bool:
    if a.mention_id == b.mention_id:
        return False
    if a.article_id == b.article_id and _same_sentence(a, b):
        return False
    if _family(a) != _family(b):
        return False
    if (a.modality == "occurred") != (b.modality == "occurred"):
        return False
    if not dates_agree(a, b) or not places_agree(a, b):
        return False
    if a.event_date is None and wording(a, b) < 0.3:
        return False
    if a.fatalities and b.fatalities and max(a.fatalities, b.fatalities) > 3 * max(1, min(a.fatalities, b.fatalities)) + 5:
        return False
    return True


def _same_sentence(a: EventMention, b: EventMention) -> bool:
    """Two clauses of one sentence report two different events."""
    return a.sentence_start is not None and a.sentence_start == b.sentence_start


def cluster(mentions: Sequence[EventMention]) -> list[list[EventMention]]:
    """Group mentions into events. Deterministic for a given set of mentions."""
    ordered = sorted(mentions, key=canonical_order)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    clusters: list[list[EventMention]] = []
    for m in ordered:
        country, bucket = block_key(m)
        candidates: list[int] = []
        for b in ((bucket - 1, bucket, bucket + 1) if bucket is not None else (None,)):
            candidates.extend(blocks.get((country, b), []))
        best, best_score = None, 0.0
        for ci in sorted(set(candidates)):
            members = clusters[ci]
            if not all(compatible(m, o) for o in members):
                continue
            s = max(wording(m, o) for o in members) + sum(
                1.0 for o in members if o.event_date == m.event_date and o.time_precision == 1 == m.time_precision) * 0.5
            s += 0.5 if any(o.sub_event_type == m.sub_event_type for o in members) else 0.0
            if best is None or s > best_score:
                best, best_score = ci, s
        if best is None:
            clusters.append([m])
            best = len(clusters) - 1
        else:
            clusters[best].append(m)
        blocks[(country, bucket)].append(best)
    return clusters


def event_id_for(members: Sequence[EventMention]) -> str:
    first = min(members, key=canonical_order)
    iso3 = (first.place.iso3 if first.place and first.place.iso3 else "XXX")
    return iso3 + hashlib.sha1(first.mention_id.encode()).hexdigest()[:10].upper()


def build_event(members: Sequence[EventMention], reused_from: dict[str, str] | None = None) -> Event:
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
    article_ids = {m.article_id for m in members}
    reports = []
    independent_ids: set[str] = set()
    for m in members:
        origin = reused_from.get(m.mention_id)
        origin_in_event = origin is not None and origin in article_ids
        reports.append(Report(
            article_id=m.article_id, mention_id=m.mention_id, source=m.source, published=m.published,
            quote=m.quote.text, start=m.quote.start, end=m.quote.end,
            reused_from=origin, independent=not origin_in_event,
        ))
        if not origin_in_event:
            independent_ids.add(m.mention_id)
    independent_outlets = {(r.source or r.article_id) for r in reports if r.independent}
    figures = reconcile(members, independent_ids)
    actor_src = next((m for m in [lead, *members] if m.actor1), lead)
    ev = Event(
        event_id=event_id_for(members),
        event_type=taxonomy.event_type_of(sub),
        sub_event_type=sub,
        event_date=lead.event_date,
        time_precision=lead.time_precision,
        date_note=lead.date_note,
        place=lead.place,
        actor1=actor_src.actor1, assoc_actor_1=actor_src.assoc_actor_1, inter1=actor_src.inter1,
        actor2=actor_src.actor2, assoc_actor_2=actor_src.assoc_actor_2, inter2=actor_src.inter2,
        modality=lead.modality,
        confidence=round(max(m.confidence for m in members), 4),
        reports=reports,
        claims=claims_of(members),
        evidence=dict(lead.evidence),
        independent_sources=max(1, len(independent_outlets)),
        **figures,
    )
    ev.notes = lead.quote.text
    return ev


def link(mentions: Iterable[EventMention], reused_from: dict[str, str] | None = None) -> list[Event]:
    """Mentions -> events, the whole of the linking step for one block of mentions."""
    return [build_event(c, reused_from) for c in cluster(list(mentions))]
