"""The store: migrations match the schema, WAL mode, URLs."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from eventcoder.store.db import open_engine, resolve_url, table_names
from eventcoder.store.schema import metadata


def test_migrations_create_exactly_the_schema(tmp_path):
    eng = open_engine(tmp_path / "m.db")
    with eng.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), metadata)
    assert diff == []
    for name in ("articles", "mentions", "events", "event_reports", "audit_log", "reviews", "reuse", "users"):
        assert name in table_names(eng)


def test_sqlite_runs_in_wal_mode(tmp_path):
    eng = open_engine(tmp_path / "w.db")
    with eng.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar().lower() == "wal"


def test_opening_twice_is_idempotent(tmp_path):
    open_engine(tmp_path / "i.db")
    open_engine(tmp_path / "i.db")


def test_db_env_var_and_postgres_urls(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTCODER_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")
    assert resolve_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
