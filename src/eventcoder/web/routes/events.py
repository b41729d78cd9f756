"""Reading events: the filtered list, map points, one event in detail."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

from eventcoder.queries import event_records
from eventcoder.web import views
from eventcoder.web.filters import NO_NUL, SortKey, WebFilter, event_filter
from eventcoder.web.schemas import EventDetail, EventPage, EventPoints, Problem
from eventcoder.web.security import reader

router = APIRouter(tags=["events"], dependencies=[Depends(reader)])
EventId = Path(..., max_length=40, pattern=NO_NUL, description="Event id, e.g. MLI1A2B3C4D5E.")
NOT_FOUND = {404: {"model": Problem, "description": "No such event."}}


@router.get("/events", response_model=EventPage, summary="List events")
def list_events(
    request: Request,
    flt: WebFilter = Depends(event_filter),
    sort: SortKey = Query("date", description="Sort key."),
    order: Literal["asc", "desc"] = Query("asc", description="Sort direction."),
    limit: int = Query(50, ge=1, le=1000, description="Page size."),
    offset: int = Query(0, ge=0, le=100_000_000, description="Events to skip."),
) -> dict:
    """Events matching the filter, one page at a time. Without `modality`, only events that occurred."""
    store = request.app.state.store
    items = event_records(store, flt, sort=sort, desc=order == "desc", limit=limit, offset=offset)
    return {"total": store.count_events(flt.clauses()), "limit": limit, "offset": offset, "items": items}


@router.get("/events/points", response_model=EventPoints, summary="Map points of the filtered events")
def event_points(
    request: Request,
    flt: WebFilter = Depends(event_filter),
    limit: int = Query(20_000, ge=1, le=100_000, description="At most this many points."),
) -> JSONResponse:
    """Compact coordinates of every located event matching the filter (for maps)."""
    # tens of thousands of points: skip re-validating what the view built (the shape is EventPoints)
    return JSONResponse(views.map_points(request.app.state.store, flt, limit))


@router.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND, summary="One event, with its reports")
def get_event(request: Request, event_id: str = EventId) -> dict:
    """The event, and each report's quote in its article with the per-field evidence and reused passages marked."""
    got = views.event_detail(request.app.state.store, event_id)
    if got is None:
        raise HTTPException(404, f"no event {event_id}")
    return got
