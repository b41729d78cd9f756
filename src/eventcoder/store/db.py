"""Opening a store: engine, SQLite pragmas, migrations.

``open_engine("eventcoder.db")`` and ``open_engine("postgresql://...")`` take
the same path through the code. Nothing outside ``store/`` writes SQL.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect

DEFAULT_DB = "eventcoder.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """Turn ``--db`` (a path or a SQLAlchemy URL), ``EVENTCODER_DB`` or the default into a URL."""
    target = str(db) if db else os.environ.get("EVENTCODER_DB", DEFAULT_DB)
    if "://" in target:
        if target.startswith("postgresql://"):
            # psycopg 3 is the driver we ship in the postgres extra.
            target = "postgresql+psycopg://" + target[len("postgresql://"):]
        return target
    return "sqlite:///" + str(Path(target).expanduser().resolve())


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def open_engine(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Engine:
    """Create the engine for ``db`` and bring its schema to the latest migration."""
    url = resolve_url(db)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if migrate:
        upgrade(engine)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (idempotent)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
