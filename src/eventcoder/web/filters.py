"""The event filter as query parameters, shared by the list, map, aggregate and export routes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from fastapi import Query

from eventcoder.model import MODALITIES
from eventcoder.queries import SORTS, EventFilter
from eventcoder.store import schema as t

STATUSES = ("machine", "accepted", "rejected", "edited")
SortKey = Literal[tuple(SORTS)]  # type: ignore[valid-type]
ModalityParam = Literal[MODALITIES + ("all",)]  # type: ignore[valid-type]
StatusParam = Literal[STATUSES]  # type: ignore[valid-type]


@dataclass
class WebFilter(EventFilter):
    """:class:`EventFilter` plus the review status, which only the web app filters on."""

    status: str | None = None

    def clauses(self) -> list:
        out = super().clauses()
        if self.status:
            out.append(t.events.c.status == self.status)
        return out

    def without_dates(self) -> "WebFilter":
        return WebFilter(**{**self.__dict__, "since": None, "until": None})


NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store or compare NUL characters


def _text(value: str | None) -> str | None:
    value = value.strip() if value is not None else None
    return value or None


def event_filter(
    since: date | None = Query(None, description="Events on or after this date (YYYY-MM-DD)."),
    until: date | None = Query(None, description="Events on or before this date (YYYY-MM-DD)."),
    event_type: str | None = Query(None, max_length=80, pattern=NO_NUL, description="ACLED event type, e.g. Protests."),
    sub_event_type: str | None = Query(None, max_length=80, pattern=NO_NUL, description="ACLED sub-event type, e.g. Peaceful protest."),
    country: str | None = Query(None, max_length=100, pattern=NO_NUL, description="Country name (case-insensitive)."),
    admin1: str | None = Query(None, max_length=200, pattern=NO_NUL, description="First-level region (case-insensitive)."),
    actor: str | None = Query(None, max_length=200, pattern=NO_NUL, description="Substring of actor 1 or actor 2."),
    q: str | None = Query(None, max_length=200, pattern=NO_NUL, description="Text search in notes, actors, location and sources."),
    min_fatalities: int | None = Query(None, ge=0, le=1_000_000_000, description="At least this many fatalities."),
    modality: ModalityParam = Query("occurred", description="Only events with this modality; `all` for every one."),
    min_sources: int | None = Query(None, ge=0, le=1_000_000, description="At least this many independent sources."),
    status: StatusParam | None = Query(None, description="Review status."),
    include_rejected: bool = Query(False, description="Also events an analyst rejected."),
) -> WebFilter:
    return WebFilter(
        since=since, until=until, event_type=_text(event_type),
        sub_event_type=_text(sub_event_type), country=_text(country),
        admin1=_text(admin1), actor=_text(actor), q=_text(q), min_fatalities=min_fatalities,
        modality=None if modality == "all" else modality, min_sources=min_sources, status=status,
        include_rejected=include_rejected or status == "rejected",
    )
