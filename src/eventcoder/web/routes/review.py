"""Analyst review — accept, reject, edit, merge, split — and the audit log.

Each action goes through :func:`eventcoder.review.review`, which records the decision against the
event's mentions (so it is replayed after every re-ingest) and writes the audit log.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from eventcoder.export.records import event_record
from eventcoder.review import ReviewError, review
from eventcoder.web import views
from eventcoder.web.filters import NO_NUL
from eventcoder.web.schemas import AuditEntry, EventChanges, MergeRequest, Problem, ReviewResult, SplitRequest
from eventcoder.web.security import reader, require

router = APIRouter(tags=["review"])
EventId = Path(..., max_length=40, pattern=NO_NUL, description="Event id.")
ERRORS = {
    400: {"model": Problem, "description": "The action cannot be applied (bad field, value or report)."},
    401: {"model": Problem, "description": "No token, or an unknown one."},
    403: {"model": Problem, "description": "The token's user is not an analyst or admin."},
    404: {"model": Problem, "description": "No such event."},
}


def _act(request: Request, event_id: str, action: str, user: dict, **kw) -> dict:
    store = request.app.state.store
    try:
        out = review(store, event_id, action, user["name"], **kw)
    except ReviewError as exc:
        raise HTTPException(404 if str(exc).startswith("no event") else 400, str(exc)) from exc
    got = store.get_event(out["event_id"])
    return {"event_id": out["event_id"], "status": out["status"], "events": out.get("events") or [out["event_id"]],
            "event": event_record(*got) if got else None}


@router.post("/events/{event_id}/accept", response_model=ReviewResult, responses=ERRORS, summary="Accept an event")
def accept(request: Request, event_id: str = EventId, user: dict = Depends(require("analyst"))) -> dict:
    """Mark the event as checked and correct."""
    return _act(request, event_id, "accept", user)


@router.post("/events/{event_id}/reject", response_model=ReviewResult, responses=ERRORS, summary="Reject an event")
def reject(request: Request, event_id: str = EventId, user: dict = Depends(require("analyst"))) -> dict:
    """Mark the event as wrong; rejected events leave lists and exports unless `include_rejected` is set."""
    return _act(request, event_id, "reject", user)


@router.patch("/events/{event_id}", response_model=ReviewResult, responses=ERRORS, summary="Edit fields of an event")
def edit(request: Request, changes: EventChanges, event_id: str = EventId,
         user: dict = Depends(require("analyst"))) -> dict:
    """Change any editable field; send only the fields that change (null clears one)."""
    fields = changes.model_dump(mode="json", exclude_unset=True)
    if not fields:
        raise HTTPException(400, "send at least one field to change")
    return _act(request, event_id, "edit", user, changes=fields)


@router.post("/events/{event_id}/merge", response_model=ReviewResult, responses=ERRORS, summary="Merge two events")
def merge(request: Request, body: MergeRequest, event_id: str = EventId,
          user: dict = Depends(require("analyst"))) -> dict:
    """Merge event `other` into this one: their reports become one event (the id may change)."""
    return _act(request, event_id, "merge", user, other=body.other)


@router.post("/events/{event_id}/split", response_model=ReviewResult, responses=ERRORS, summary="Split a report off an event")
def split(request: Request, body: SplitRequest, event_id: str = EventId,
          user: dict = Depends(require("analyst"))) -> dict:
    """Make one report (by mention id) an event of its own."""
    return _act(request, event_id, "split", user, mention=body.mention_id)


@router.get("/events/{event_id}/audit", response_model=list[AuditEntry], dependencies=[Depends(reader)],
            responses={404: ERRORS[404]}, summary="Audit log of one event")
def event_audit(request: Request, event_id: str = EventId, limit: int = Query(200, ge=1, le=5000)) -> list[dict]:
    """Every review action on this event, newest first, including those made under its earlier ids."""
    got = views.event_audit(request.app.state.store, event_id, limit)
    if got is None:
        raise HTTPException(404, f"no event {event_id}")
    return got


@router.get("/audit", response_model=list[AuditEntry], dependencies=[Depends(reader)], summary="Audit log")
def audit_log(request: Request, limit: int = Query(200, ge=1, le=5000)) -> list[dict]:
    """Every review action (who, when, before, after), newest first."""
    return request.app.state.store.audit_log(None, limit=limit)
