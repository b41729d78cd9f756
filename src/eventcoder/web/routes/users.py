"""Who am I, and (for admins) the API users and their tokens."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from eventcoder import auth
from eventcoder.web.filters import NO_NUL
from eventcoder.web.schemas import IssuedToken, NewUser, Problem, User, UserInfo
from eventcoder.web.security import current_user, require

router = APIRouter(tags=["users"])
ADMIN_ERRORS = {401: {"model": Problem}, 403: {"model": Problem}}


@router.get("/me", response_model=User | None, responses={401: {"model": Problem}}, summary="The token's user")
def me(user: dict | None = Depends(current_user)) -> dict | None:
    """The user behind the Authorization header; null without one; 401 for an unknown token."""
    return user


@router.get("/users", response_model=list[UserInfo], responses=ADMIN_ERRORS, summary="List users")
def list_users(request: Request, _: dict = Depends(require("admin"))) -> list[dict]:
    return auth.list_users(None, engine=request.app.state.store.engine)


@router.post("/users", response_model=IssuedToken, status_code=201,
             responses={**ADMIN_ERRORS, 409: {"model": Problem, "description": "The name is taken."}}, summary="Add a user")
def add_user(request: Request, body: NewUser, _: dict = Depends(require("admin"))) -> dict:
    """Create a user and return its token. The token is shown only here."""
    try:
        token = auth.add_user(None, body.name, body.role, engine=request.app.state.store.engine)
    except ValueError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"name": body.name, "role": body.role, "token": token}


@router.delete("/users/{name}", status_code=204, responses={**ADMIN_ERRORS, 400: {"model": Problem}, 404: {"model": Problem}},
               summary="Remove a user")
def remove_user(request: Request, name: str = Path(..., max_length=200, pattern=NO_NUL), user: dict = Depends(require("admin"))) -> None:
    """Remove a user; its token stops working at once. Admins cannot remove themselves."""
    if name == user["name"]:
        raise HTTPException(400, "you cannot remove your own user")
    if not auth.remove_user(None, name, engine=request.app.state.store.engine):
        raise HTTPException(404, f"no user {name!r}")
