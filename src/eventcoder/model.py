"""The pure data model every stage takes and returns.

Plain dataclasses, no I/O and no library objects inside. Every extracted
field keeps the :class:`Span` of text it came from, so provenance is part
of the type: an event can always show the sentence behind each value.

Flow::

    ingest -> Article -> extract -> EventMention[] -> link -> Event[] -> store
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

MODALITIES = ("occurred", "planned", "threatened", "negated", "hypothetical")


@dataclass(frozen=True)
class Span:
    """A stretch of an article's cleaned text: ``text == article.text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Article:
    """One news report after reading and cleaning."""

    article_id: str
    content_hash: str
    text: str
    raw: str = ""
    title: str | None = None
    author: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"
    origin: str | None = None  # where it was read from: a path, "stdin", "file.jsonl#3"
    ingested_at: datetime | None = None

    @staticmethod
    def hash_content(text: str) -> str:
        """Content hash used for idempotent ingest (whitespace-normalised cleaned text)."""
        norm = " ".join(text.split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> "Article":
        """Build an article whose id derives from its cleaned text."""
        digest = cls.hash_content(text)
        return cls(article_id=digest[:16], content_hash=digest, text=text, **meta)


@dataclass
class Place:
    """A resolved location, in ACLED's terms."""

    location: str
    country: str | None = None
    iso: int | None = None  # ISO 3166-1 numeric, as ACLED exports it
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # 1 the place itself, 2 near/part of, 3 larger region
    geonameid: int | None = None
    region: str | None = None  # ACLED region, e.g. "Western Africa"


@dataclass
class EventMention:
    """One event as one article tells it."""

    mention_id: str
    article_id: str
    quote: Span
    event_type: str
    sub_event_type: str
    confidence: float = 0.5
    event_date: date | None = None
    time_precision: int | None = None
    date_note: str | None = None  # e.g. "publication date unknown; year from text"
    place: Place | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    fatalities: int | None = None
    injuries: int | None = None
    arrests: int | None = None
    crowd_size: str | None = None
    modality: str = "occurred"
    attribution: str | None = None  # "according to an official tally"
    evidence: dict[str, Span] = field(default_factory=dict)
    source: str | None = None
    published: date | None = None
    sentence_start: int | None = None  # clauses of one sentence share it

    @staticmethod
    def make_id(article_id: str, start: int, end: int | None = None) -> str:
        """Unique within the store: two clauses of one article may start at the same offset."""
        return f"{article_id}:{start}" if end is None else f"{article_id}:{start}-{end}"


@dataclass
class Claim:
    """One report's figure for an event, kept when reports disagree."""

    field: str  # fatalities | injuries | arrests | crowd_size
    value: int | str
    article_id: str
    source: str | None
    attribution: str | None = None
    quote: str | None = None


@dataclass
class Report:
    """One article's report of an event."""

    article_id: str
    mention_id: str
    source: str | None
    published: date | None
    quote: str
    start: int
    end: int
    reused_from: str | None = None  # article_id this report's text was taken from
    independent: bool = True


@dataclass
class Event:
    """One real-world event, merged from every report of it."""

    event_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None
    time_precision: int | None
    place: Place | None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    injuries_low: int | None = None
    injuries_best: int | None = None
    injuries_high: int | None = None
    arrests: int | None = None
    arrests_low: int | None = None
    arrests_best: int | None = None
    arrests_high: int | None = None
    crowd_size: str | None = None
    crowd_size_low: int | None = None
    crowd_size_best: int | None = None
    crowd_size_high: int | None = None
    modality: str = "occurred"
    confidence: float = 0.5
    notes: str = ""
    reports: list[Report] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    evidence: dict[str, Span] = field(default_factory=dict)
    independent_sources: int = 1
    date_note: str | None = None

    @property
    def sources(self) -> list[str]:
        seen: list[str] = []
        for r in self.reports:
            name = r.source or "unknown"
            if name not in seen:
                seen.append(name)
        return seen


_LEAVES = frozenset({str, int, float, bool, type(None)})


def to_jsonable(obj: Any) -> Any:
    """Dataclass / date aware conversion to JSON-ready structures."""
    if type(obj) in _LEAVES:  # most values: returned as they are, before the slower tests below
        return obj
    if hasattr(obj, "__dataclass_fields__"):
        # field by field rather than through asdict(), which deep-copies every value first
        return {k: to_jsonable(getattr(obj, k)) for k in obj.__dataclass_fields__}
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    return obj
