"""Aggregates for charts, and the values filter menus offer."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from eventcoder.web import views
from eventcoder.web.filters import WebFilter, event_filter
from eventcoder.web.schemas import Aggregates, Facets
from eventcoder.web.security import reader

router = APIRouter(tags=["aggregates"], dependencies=[Depends(reader)])


@router.get("/aggregates", response_model=Aggregates, summary="Events and fatalities per week, type and region")
def get_aggregates(request: Request, flt: WebFilter = Depends(event_filter)) -> dict:
    """Counts for the filter: per ISO week (gaps filled with zeros), per event type and sub-type, per country, per admin1."""
    return views.aggregates(request.app.state.store, flt)


@router.get("/facets", response_model=Facets, summary="Values present, for filter menus")
def get_facets(request: Request) -> dict:
    """Countries and admin1 regions that have events, and the first and last event date."""
    return views.facets(request.app.state.store)
