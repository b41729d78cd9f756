"""The database schema, as SQLAlchemy Core tables.

The Alembic migrations in ``store/migrations`` create exactly these tables;
``tests/foundation/test_foundation_store.py`` checks that the two agree.
JSON columns hold the full dataclass of a mention or event; the plain
columns beside them exist for filtering, sorting and joins.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", String(200)),
    Column("url", Text),
    Column("title", Text),
    Column("author", String(300)),
    Column("published", Date),
    Column("language", String(16)),
    Column("origin", Text),
    Column("raw", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("mention_id", String(64), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("event_date", Date),
    Column("country", String(100)),
    Column("modality", String(20), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_mentions_block", "country", "event_date"),
    Index("ix_mentions_article", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("event_type", String(80), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("event_date", Date),
    Column("country", String(100)),
    Column("admin1", String(200)),
    Column("location", String(200)),
    Column("actor1", String(300)),
    Column("actor2", String(300)),
    Column("fatalities", Integer),
    Column("modality", String(20), nullable=False),
    Column("independent_sources", Integer, nullable=False, default=1),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("status", String(20), nullable=False, default="machine"),  # machine | accepted | rejected | edited
    Column("search_text", Text),
    Column("data", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_events_date", "event_date"),
    Index("ix_events_country", "country", "event_date"),
    Index("ix_events_type", "event_type", "sub_event_type"),
)

event_reports = Table(
    "event_reports",
    metadata,
    Column("event_id", String(40), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("mention_id", String(64), ForeignKey("mentions.mention_id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(32), nullable=False),
    Column("reused_from", String(32)),
    Column("independent", Boolean, nullable=False, default=True),
    Index("ix_event_reports_mention", "mention_id"),
    Index("ix_event_reports_article", "article_id"),
)

reuse = Table(
    "reuse",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True),
    Column("reused_from", String(32), ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True),
    Column("direction_known", Boolean, nullable=False),
    Column("passages", JSON, nullable=False),
)

# MinHash LSH bands of every sentence, so reuse candidates are found with an index lookup.
sentence_bands = Table(
    "sentence_bands",
    metadata,
    Column("band", String(40), nullable=False),
    Column("article_id", String(32), ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Integer, nullable=False),
    Index("ix_sentence_bands_band_cover", "band", "article_id", "sentence"),  # answers the candidate query alone
    # no index by article: nothing looks band rows up that way (articles are never deleted), and each
    # index costs every band row written (migration 0003)
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), nullable=False),
    Column("action", String(20), nullable=False),  # accept | reject | edit | merge | split
    Column("payload", JSON, nullable=False),
    Column("who", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_reviews_event", "event_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("who", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("event_id", String(40)),
    Column("before", JSON),
    Column("after", JSON),
    Index("ix_audit_event", "event_id"),
)

users = Table(
    "users",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("role", String(20), nullable=False),  # viewer | analyst | admin
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
)

gazetteer = Table(
    "gazetteer",
    metadata,
    Column("geonameid", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("asciiname", String(200)),
    Column("alternatenames", Text),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("feature_class", String(1)),
    Column("feature_code", String(10)),
    Column("country_code", String(2)),
    Column("admin1_code", String(20)),
    Column("admin2_code", String(80)),
    Column("population", Integer),
    Index("ix_gazetteer_name", "asciiname"),
)

gazetteer_names = Table(
    "gazetteer_names",
    metadata,
    Column("key", String(200), nullable=False),  # folded name or alternate name
    Column("geonameid", Integer, ForeignKey("gazetteer.geonameid", ondelete="CASCADE"), nullable=False),
    Index("ix_gazetteer_names_key", "key"),
)
