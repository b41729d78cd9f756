"""Analyst review: accept, reject, edit, merge, split — and why they survive re-ingest.

A review is stored against the *mentions* of the event it was made on, not
only its id, because linking may rebuild events when new articles arrive.
After every automatic (re)linking, :func:`apply_reviews` replays the human
decisions in order: splits and merges reshape the clusters, then edits and
accept/reject set fields and status. A later machine pass never overwrites a
human decision. Every action also writes the audit log (who, when, before,
after).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from eventcoder import taxonomy
from eventcoder.link import dedupe
from eventcoder.model import Event, EventMention, Place, to_jsonable

EDITABLE = {
    "event_type", "sub_event_type", "event_date", "time_precision", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "fatalities", "injuries", "arrests", "crowd_size", "modality", "notes",
    "location", "admin1", "admin2", "country", "latitude", "longitude", "geo_precision",
}
PLACE_FIELDS = {"location", "admin1", "admin2", "country", "latitude", "longitude", "geo_precision"}


class ReviewError(ValueError):
    """A review action that cannot be applied (unknown event, bad field or value)."""


def mention_ids(e: Event) -> list[str]:
    return [r.mention_id for r in e.reports]


def apply_edit(e: Event, changes: Mapping[str, Any]) -> Event:
    """A copy of ``e`` with the analyst's field changes applied (validated)."""
    bad = set(changes) - EDITABLE
    if bad:
        raise ReviewError(f"not editable: {', '.join(sorted(bad))}")
    e = replace(e)
    place_changes = {k: v for k, v in changes.items() if k in PLACE_FIELDS}
    for k, v in changes.items():
        if k in PLACE_FIELDS:
            continue
        if k == "sub_event_type":
            if v not in taxonomy.SUB_EVENT_TYPES:
                raise ReviewError(f"unknown sub_event_type {v!r}")
            e.event_type = taxonomy.event_type_of(v)
        if k == "event_type" and v not in taxonomy.EVENT_TYPES:
            raise ReviewError(f"unknown event_type {v!r}")
        if k == "modality" and v not in ("occurred", "planned", "threatened", "negated", "hypothetical"):
            raise ReviewError(f"unknown modality {v!r}")
        if k == "event_date" and v is not None and not isinstance(v, date):
            try:
                v = date.fromisoformat(str(v))
            except ValueError as exc:
                raise ReviewError(f"event_date must be YYYY-MM-DD, got {v!r}") from exc
        if k in ("fatalities", "injuries", "arrests", "inter1", "inter2", "time_precision") and v is not None:
            try:
                v = int(v)
            except (TypeError, ValueError) as exc:
                raise ReviewError(f"{k} must be a whole number") from exc
            if v < 0:
                raise ReviewError(f"{k} must not be negative")
        setattr(e, k, v)
        if k == "fatalities":
            e.fatalities_low = e.fatalities_best = e.fatalities_high = v
    if place_changes:
        base = e.place or Place(location=str(place_changes.get("location", "")))
        e.place = replace(base, **place_changes)
    return e


def apply_reviews(store, events: Sequence[Event], mentions: Mapping[str, EventMention]) -> tuple[list[Event], dict[str, str]]:
    """Replay stored human decisions on freshly linked ``events``.

    Returns the events and a status per event id (machine / accepted / rejected / edited).
    """
    reviews = store.reviews(anchors=mentions.keys())
    status: dict[str, str] = {}
    if not reviews:
        return list(events), status
    clusters = [mention_ids(e) for e in events]
    reused = {r.mention_id: r.reused_from for e in events for r in e.reports if r.reused_from}
    changed = False
    for rv in reviews:
        p = rv["payload"]
        if rv["action"] == "split":
            target = p["split"]
            for c in clusters:
                if target in c and len(c) > 1:
                    c.remove(target)
                    clusters.append([target])
                    changed = True
                    break
        elif rv["action"] == "merge":
            wanted = set(p["mentions"])
            hit = [c for c in clusters if wanted & set(c)]
            if len(hit) > 1:
                merged = sorted({m for c in hit for m in c})
                clusters = [c for c in clusters if c not in hit] + [merged]
                changed = True
    if changed:
        events = [dedupe.build_event([mentions[m] for m in c if m in mentions], reused) for c in clusters if c]
    by_mention = {m: e for e in events for m in mention_ids(e)}
    out = {e.event_id: e for e in events}
    for rv in reviews:
        p = rv["payload"]
        anchor = next((m for m in p.get("mentions", []) if m in by_mention), None)
        if anchor is None or rv["action"] in ("merge", "split"):
            continue
        e = out[by_mention[anchor].event_id]
        if rv["action"] == "edit":
            e = apply_edit(e, p["changes"])
            status[e.event_id] = "edited"
        elif rv["action"] in ("accept", "reject"):
            status[e.event_id] = "accepted" if rv["action"] == "accept" else "rejected"
        out[e.event_id] = e
        for m in mention_ids(e):
            by_mention[m] = e
    return list(out.values()), status


# -- actions (used by the API and the CLI) -------------------------------------------------
def _load(store, event_id: str) -> tuple[Event, str]:
    got = store.get_event(event_id)
    if got is None:
        raise ReviewError(f"no event {event_id}")
    return got


def review(store, event_id: str, action: str, who: str, *, changes: Mapping[str, Any] | None = None,
           other: str | None = None, mention: str | None = None) -> dict:
    """Apply one analyst action now, record it for replay, and write the audit log.

    Args:
        action: accept | reject | edit | merge | split.
        changes: field -> value, for edit.
        other: the second event id, for merge.
        mention: the report's mention id to split off, for split.
    Returns:
        ``{"event_id": ..., "status": ...}`` of the resulting event (the first one for split).
    """
    e, status = _load(store, event_id)
    before = to_jsonable(e)
    if action in ("accept", "reject"):
        new_status = "accepted" if action == "accept" else "rejected"
        store.add_review(event_id, action, {"mentions": mention_ids(e)}, who)
        store.update_event(e, new_status)
        store.audit(who, action, event_id, {"status": status}, {"status": new_status})
        return {"event_id": event_id, "status": new_status}
    if action == "edit":
        if not changes:
            raise ReviewError("edit needs at least one field change")
        edited = apply_edit(e, changes)
        store.add_review(event_id, "edit", {"mentions": mention_ids(e), "changes": to_jsonable(dict(changes))}, who)
        store.update_event(edited, "edited")
        store.audit(who, "edit", event_id, {k: before.get(k) if k not in PLACE_FIELDS else to_jsonable(e.place) for k in changes},
                    to_jsonable(dict(changes)))
        return {"event_id": event_id, "status": "edited"}
    if action == "merge":
        if not other or other == event_id:
            raise ReviewError("merge needs another event id")
        o, _ = _load(store, other)
        ids = sorted(set(mention_ids(e)) | set(mention_ids(o)))
        store.add_review(event_id, "merge", {"mentions": ids}, who)
        _relink_reports(store, {r.article_id for r in e.reports + o.reports})
        merged = store.event_ids_for_mentions(ids)
        store.audit(who, "merge", event_id, {"events": [event_id, other]}, {"events": sorted(merged)})
        return {"event_id": sorted(merged)[0] if merged else event_id, "status": "edited"}
    if action == "split":
        if not mention or mention not in mention_ids(e):
            raise ReviewError("split needs the mention id of one of the event's reports")
        if len(e.reports) < 2:
            raise ReviewError("an event with one report cannot be split")
        store.add_review(event_id, "split", {"mentions": mention_ids(e), "split": mention}, who)
        _relink_reports(store, {r.article_id for r in e.reports})
        after = sorted(store.event_ids_for_mentions(mention_ids(e)))
        store.audit(who, "split", event_id, {"events": [event_id]}, {"events": after})
        return {"event_id": after[0] if after else event_id, "status": "edited", "events": after}
    raise ReviewError(f"unknown action {action!r}")


def _relink_reports(store, article_ids) -> None:
    from eventcoder.pipeline import Pipeline

    Pipeline(store=store).relink(sorted(article_ids))
