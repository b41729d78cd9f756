"""Exports of the current filter: ACLED CSV, GeoJSON and the other formats of ``eventcoder events``."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from eventcoder.export import write_events
from eventcoder.queries import event_records
from eventcoder.web.filters import SortKey, WebFilter, event_filter
from eventcoder.web.security import reader

router = APIRouter(tags=["exports"], dependencies=[Depends(reader)])

MEDIA = {
    "acled": ("text/csv; charset=utf-8", "events_acled.csv"),
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
    "json": ("application/json", "events.json"),
    "jsonl": ("application/x-ndjson", "events.jsonl"),
    "parquet": ("application/vnd.apache.parquet", "events.parquet"),
}
ExportFormat = Literal[tuple(MEDIA)]  # type: ignore[valid-type]
CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    "application/geo+json": {"schema": {"type": "object", "description": "A GeoJSON FeatureCollection."}},
    "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/EventRecord"}}},
    "application/x-ndjson": {"schema": {"type": "string", "description": "One EventRecord per line."}},
    "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
}


@router.get(
    "/export",
    summary="Export the filtered events",
    response_class=Response,
    responses={200: {"description": "The events as a file (Content-Disposition: attachment).",
                     "content": CONTENT}},
)
def export_events(
    request: Request,
    format: ExportFormat = Query("acled", description="acled (ACLED's columns), geojson, csv, json, jsonl or parquet."),
    flt: WebFilter = Depends(event_filter),
    sort: SortKey = Query("date"),
) -> Response:
    """Every event matching the filter (no paging), in the chosen format."""
    recs = event_records(request.app.state.store, flt, sort=sort)
    body = write_events(recs, format)
    media, filename = MEDIA[format]
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
