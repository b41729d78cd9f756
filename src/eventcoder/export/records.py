"""One event as a record: the output contract, and ACLED's export row.

``event_record`` carries ACLED's field names where ACLED has one, plus ours
(injuries, arrests, crowd size, modality, confidence, reports with quotes and
offsets, independent sources, per-field evidence, low/best/high figures).
"""

from __future__ import annotations

from datetime import datetime, timezone

from eventcoder import taxonomy
from eventcoder.model import Event, to_jsonable

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def event_record(e: Event, status: str = "machine") -> dict:
    p = e.place
    rec = {
        "event_id": e.event_id,
        "event_date": e.event_date.isoformat() if e.event_date else None,
        "time_precision": e.time_precision,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "disorder_type": taxonomy.disorder_type_of(e.sub_event_type) if e.sub_event_type in taxonomy.SUB_EVENT_TYPES else None,
        "actor1": e.actor1, "assoc_actor_1": e.assoc_actor_1, "inter1": e.inter1,
        "actor2": e.actor2, "assoc_actor_2": e.assoc_actor_2, "inter2": e.inter2,
        "interaction": taxonomy.interaction(e.inter1, e.inter2),
        "country": p.country if p else None,
        "iso": p.iso if p else None,
        "region": p.region if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None,
        "location": p.location if p else None,
        "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None,
        "geo_precision": p.geo_precision if p else None,
        "fatalities": e.fatalities if e.fatalities is not None else 0,
        "notes": e.notes,
        "source": "; ".join(e.sources),
        "injuries": e.injuries,
        "arrests": e.arrests,
        "crowd_size": e.crowd_size,
        "modality": e.modality,
        "confidence": e.confidence,
        "reports": [
            {"article_id": r.article_id, "source": r.source, "published": r.published.isoformat() if r.published else None,
             "quote": r.quote, "start": r.start, "end": r.end, "mention_id": r.mention_id,
             "reused_from": r.reused_from, "independent": r.independent}
            for r in e.reports
        ],
        "independent_sources": e.independent_sources,
        "evidence": {k: {"start": s.start, "end": s.end, "text": s.text, "article_id": s.article_id}
                     for k, s in e.evidence.items() if s is not None},
        "date_note": e.date_note,
        "review_status": status,
        "claims": to_jsonable(e.claims),
    }
    for f in ("fatalities", "injuries", "arrests", "crowd_size"):
        for part in ("low", "best", "high"):
            rec[f"{f}_{part}"] = getattr(e, f"{f}_{part}")
    return rec


def acled_row(rec: dict) -> dict:
    """ACLED's export columns, in ACLED's order, from an event record."""
    year = rec["event_date"][:4] if rec.get("event_date") else ""
    tags = []
    if rec.get("crowd_size"):
        tags.append(f"crowd size={rec['crowd_size']}")
    if rec.get("modality") and rec["modality"] != "occurred":
        tags.append(f"modality={rec['modality']}")
    n = len(rec.get("reports") or [])
    return {
        "event_id_cnty": rec["event_id"],
        "event_date": rec.get("event_date") or "",
        "year": year,
        "time_precision": rec.get("time_precision") or "",
        "disorder_type": rec.get("disorder_type") or "",
        "event_type": rec["event_type"],
        "sub_event_type": rec["sub_event_type"],
        "actor1": rec.get("actor1") or "",
        "assoc_actor_1": rec.get("assoc_actor_1") or "",
        "inter1": rec.get("inter1") or "",
        "actor2": rec.get("actor2") or "",
        "assoc_actor_2": rec.get("assoc_actor_2") or "",
        "inter2": rec.get("inter2") or "",
        "interaction": rec.get("interaction") or "",
        "civilian_targeting": taxonomy.civilian_targeting(rec["sub_event_type"], rec.get("inter2")),
        "iso": rec.get("iso") or "",
        "region": rec.get("region") or "",
        "country": rec.get("country") or "",
        "admin1": rec.get("admin1") or "",
        "admin2": rec.get("admin2") or "",
        "admin3": "",
        "location": rec.get("location") or "",
        "latitude": rec.get("latitude") if rec.get("latitude") is not None else "",
        "longitude": rec.get("longitude") if rec.get("longitude") is not None else "",
        "geo_precision": rec.get("geo_precision") or "",
        "source": rec.get("source") or "",
        "source_scale": "Other" if n <= 1 else "Other-Multiple",
        "notes": rec.get("notes") or "",
        "fatalities": rec.get("fatalities") or 0,
        "tags": "; ".join(tags),
        "timestamp": int(datetime.now(timezone.utc).timestamp()),
    }


def geojson_feature(rec: dict) -> dict:
    geom = None
    if rec.get("latitude") is not None and rec.get("longitude") is not None:
        geom = {"type": "Point", "coordinates": [float(rec["longitude"]), float(rec["latitude"])]}
    props = {k: v for k, v in rec.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": rec["event_id"], "geometry": geom, "properties": props}
