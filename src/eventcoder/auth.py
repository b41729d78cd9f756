"""API users and tokens. Tokens are random, shown once, stored only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, insert, select

from eventcoder.store import schema as t
from eventcoder.store.db import open_engine
from eventcoder.store.repo import utcnow

ROLES = ("viewer", "analyst", "admin")
RANK = {r: i for i, r in enumerate(ROLES)}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(db, name: str, role: str, *, engine=None) -> str:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    eng = engine or open_engine(db)
    token = "ec_" + secrets.token_urlsafe(24)
    with eng.begin() as c:
        if c.execute(select(t.users.c.name).where(t.users.c.name == name)).first():
            raise ValueError(f"user {name!r} exists; remove it first to issue a new token")
        c.execute(insert(t.users).values(name=name, role=role, token_hash=hash_token(token), created_at=utcnow()))
    return token


def list_users(db, *, engine=None) -> list[dict]:
    eng = engine or open_engine(db)
    with eng.connect() as c:
        return [{"name": r.name, "role": r.role, "created_at": r.created_at} for r in c.execute(select(t.users).order_by(t.users.c.name))]


def remove_user(db, name: str, *, engine=None) -> bool:
    eng = engine or open_engine(db)
    with eng.begin() as c:
        return c.execute(delete(t.users).where(t.users.c.name == name)).rowcount > 0


def user_for_token(engine, token: str | None) -> dict | None:
    if not token:
        return None
    with engine.connect() as c:
        r = c.execute(select(t.users).where(t.users.c.token_hash == hash_token(token))).first()
    return {"name": r.name, "role": r.role} if r else None
