"""Who is calling: API tokens (``Authorization: Bearer TOKEN``) and the role each route needs.

Roles rank viewer < analyst < admin. Reads are open unless the app was made
with ``open_reads=False``; review needs analyst; managing users needs admin.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventcoder import auth

bearer = HTTPBearer(auto_error=False, description="A token from `eventcoder users add NAME --role ROLE`.")

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def current_user(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> dict | None:
    """The user behind the request's token; None without a token; 401 for a token nobody holds."""
    if creds is None:
        return None
    user = auth.user_for_token(request.app.state.store.engine, creds.credentials)
    if user is None:
        raise HTTPException(401, "unknown or revoked token; ask an admin for a new one", headers=_CHALLENGE)
    return user


def reader(request: Request, user: dict | None = Depends(current_user)) -> dict | None:
    """Allows anyone when reads are open, otherwise any user with a valid token."""
    if user is None and not request.app.state.settings.open_reads:
        raise HTTPException(401, "this server needs a token to read: send Authorization: Bearer TOKEN", headers=_CHALLENGE)
    return user


def require(role: str) -> Callable[..., dict]:
    """A dependency that lets through users of ``role`` or a higher one."""

    def dependency(user: dict | None = Depends(current_user)) -> dict:
        if user is None:
            raise HTTPException(401, f"this needs a token of a user with role {role} or higher", headers=_CHALLENGE)
        if auth.RANK.get(user["role"], -1) < auth.RANK[role]:
            raise HTTPException(403, f"user {user['name']!r} is {user['role']}; this needs {role} or higher")
        return user

    dependency.__name__ = f"require_{role}"
    return dependency
