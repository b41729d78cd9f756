"""The API's request and response shapes (they are what /openapi.json documents)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from eventcoder import taxonomy
from eventcoder.model import MODALITIES

EventTypeName = Literal[tuple(taxonomy.EVENT_TYPES)]  # type: ignore[valid-type]
SubEventTypeName = Literal[tuple(taxonomy.SUB_EVENT_TYPES)]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
Role = Literal["viewer", "analyst", "admin"]


class _Open(BaseModel):
    """Responses may grow fields; clients should ignore the ones they do not know."""

    model_config = ConfigDict(extra="allow")


# -- events -------------------------------------------------------------------------------------
class EvidenceSpan(_Open):
    start: int
    end: int
    text: str
    article_id: str | None = None


class ReportRecord(_Open):
    article_id: str
    mention_id: str
    source: str | None = None
    published: date | None = None
    quote: str
    start: int
    end: int
    reused_from: str | None = Field(None, description="Article this report's text was copied from.")
    independent: bool = True


class ClaimRecord(_Open):
    field: str
    value: int | str
    article_id: str
    source: str | None = None
    attribution: str | None = None
    quote: str | None = None


class EventRecord(_Open):
    """One event: ACLED's column names where ACLED has one, plus provenance."""

    event_id: str
    event_date: date | None = None
    time_precision: int | None = None
    event_type: str
    sub_event_type: str
    disorder_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    iso: int | None = None
    region: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    notes: str = ""
    source: str = ""
    injuries: int | None = None
    arrests: int | None = None
    crowd_size: str | None = None
    modality: str
    confidence: float
    reports: list[ReportRecord] = []
    independent_sources: int = 1
    evidence: dict[str, EvidenceSpan] = {}
    date_note: str | None = None
    review_status: str = Field("machine", description="machine | accepted | rejected | edited")
    claims: list[ClaimRecord] = []
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injuries_low: int | None = None
    injuries_best: int | None = None
    injuries_high: int | None = None
    arrests_low: int | None = None
    arrests_best: int | None = None
    arrests_high: int | None = None
    crowd_size_low: int | None = None
    crowd_size_best: int | None = None
    crowd_size_high: int | None = None


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filter.")
    limit: int
    offset: int
    items: list[EventRecord]


class EventPoint(BaseModel):
    event_id: str
    lat: float
    lon: float
    event_type: str
    sub_event_type: str
    fatalities: int
    event_date: date | None = None
    review_status: str
    location: str | None = None
    country: str | None = None


class EventPoints(BaseModel):
    total: int = Field(description="Events matching the filter, with or without coordinates.")
    located: int = Field(description="How many of them have coordinates.")
    truncated: bool = Field(description="True when more located events matched than `limit`.")
    points: list[EventPoint]


class Mark(BaseModel):
    """A stretch of an article's text to highlight (offsets into the article's cleaned text)."""

    kind: Literal["quote", "evidence", "reuse", "reused_by"]
    start: int
    end: int
    field: str | None = Field(None, description="For evidence: the event field it supports.")
    mention_id: str | None = None
    event_id: str | None = None
    other_article: str | None = Field(None, description="For reuse marks: the article on the other side.")
    similarity: float | None = None


class ReportView(BaseModel):
    """One report of an event, placed in its article."""

    mention_id: str
    article_id: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    independent: bool
    reused_from: str | None = None
    quote: str
    start: int
    end: int
    context: str = Field(description="The article text around the quote.")
    context_start: int = Field(description="Offset of `context` in the article's text; marks use article offsets.")
    marks: list[Mark]


class EventDetail(BaseModel):
    event: EventRecord
    reports: list[ReportView]


# -- articles -------------------------------------------------------------------------------------
class ArticleSummary(BaseModel):
    article_id: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    chars: int


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class ArticleDetail(ArticleSummary):
    text: str = Field(description="Cleaned article text. Untrusted: display it escaped.")
    marks: list[Mark]
    events: list[str] = Field(description="Ids of the events this article reports.")


class ReusePassage(_Open):
    quote: str
    source_quote: str | None = None
    start: int
    end: int
    similarity: float | None = None


class ReuseSide(BaseModel):
    article_id: str
    title: str | None = None
    source: str | None = None
    published: date | None = None


class ReusePairRecord(BaseModel):
    article_id: str = Field(description="The article that reuses text.")
    reused_from: str = Field(description="The article the text comes from (the earlier one when known).")
    direction_known: bool
    passages: list[ReusePassage]
    article: ReuseSide | None = None
    source_article: ReuseSide | None = None


# -- aggregates -------------------------------------------------------------------------------------
class Bucket(BaseModel):
    key: str | None
    events: int
    fatalities: int


class AdminBucket(BaseModel):
    country: str | None
    admin1: str | None
    events: int
    fatalities: int


class Aggregates(BaseModel):
    total_events: int
    total_fatalities: int
    weekly: list[Bucket] = Field(description="Per ISO week; `key` is the week's Monday (YYYY-MM-DD). Gaps are filled with zeros.")
    undated: Bucket = Field(description="Events without a date (not in `weekly`).")
    by_event_type: list[Bucket]
    by_sub_event_type: list[Bucket]
    by_country: list[Bucket]
    by_admin1: list[AdminBucket]


class Facets(BaseModel):
    countries: list[Bucket]
    admin1: list[AdminBucket]
    first_date: date | None
    last_date: date | None


class SubEventTypeInfo(BaseModel):
    name: str
    event_type: str
    disorder_type: str
    definition: str


class AppConfig(BaseModel):
    version: str
    open_reads: bool
    tile_url: str | None = Field(description="Map tile URL template; null means the bundled country outlines only.")
    tile_attribution: str | None
    event_types: list[str]
    sub_event_types: list[SubEventTypeInfo]
    modalities: list[str]
    editable_fields: list[str]


# -- review, audit, users ---------------------------------------------------------------------------
def _no_nul(v: Any) -> Any:
    if isinstance(v, str) and "\x00" in v:
        raise ValueError("text must not contain NUL characters")
    return v


class EventChanges(BaseModel):
    """Fields an analyst may change; send only the ones that change (null clears a value)."""

    model_config = ConfigDict(extra="forbid")

    event_type: EventTypeName | None = None
    sub_event_type: SubEventTypeName | None = Field(None, description="Also sets event_type to match.")
    event_date: date | None = None
    time_precision: int | None = Field(None, ge=1, le=3)
    actor1: str | None = Field(None, max_length=300)
    assoc_actor_1: str | None = Field(None, max_length=300)
    inter1: int | None = Field(None, ge=0, le=8)
    actor2: str | None = Field(None, max_length=300)
    assoc_actor_2: str | None = Field(None, max_length=300)
    inter2: int | None = Field(None, ge=0, le=8)
    fatalities: int | None = Field(None, ge=0, le=1_000_000)
    injuries: int | None = Field(None, ge=0, le=1_000_000)
    arrests: int | None = Field(None, ge=0, le=1_000_000)
    crowd_size: str | None = Field(None, max_length=100)
    modality: Modality | None = None
    notes: str | None = Field(None, max_length=10_000)
    location: str | None = Field(None, max_length=200)
    admin1: str | None = Field(None, max_length=200)
    admin2: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=100)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    geo_precision: int | None = Field(None, ge=1, le=3)

    @field_validator("*")
    @classmethod
    def _text(cls, v: Any) -> Any:
        return _no_nul(v)


class MergeRequest(BaseModel):
    other: str = Field(min_length=1, max_length=40, pattern=r"^[^\x00]*$", description="Id of the event to merge into this one.")


class SplitRequest(BaseModel):
    mention_id: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00]*$", description="The report (mention id) to split off.")


class ReviewResult(BaseModel):
    event_id: str = Field(description="The resulting event (for merge and split: the first of the resulting events).")
    status: str
    events: list[str] = Field(description="Every event the action produced or touched.")
    event: EventRecord | None = None


def _utc(v: Any) -> Any:
    """The store keeps naive UTC timestamps; the API says so (RFC 3339, with Z)."""
    if isinstance(v, datetime) and v.tzinfo is None:
        return v.replace(tzinfo=timezone.utc)
    return v


class AuditEntry(BaseModel):
    id: int
    at: datetime = Field(description="When, in UTC.")
    who: str
    action: str
    event_id: str | None = None
    before: Any = None
    after: Any = None

    @field_validator("at")
    @classmethod
    def _at_utc(cls, v: datetime) -> datetime:
        return _utc(v)


class User(BaseModel):
    name: str
    role: Role


class UserInfo(User):
    created_at: datetime | None = None

    @field_validator("created_at")
    @classmethod
    def _created_utc(cls, v: datetime | None) -> datetime | None:
        return _utc(v)


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.@-]+$")
    role: Role = "analyst"


class IssuedToken(User):
    token: str = Field(description="Shown once; only its hash is stored.")


class Problem(BaseModel):
    detail: str
