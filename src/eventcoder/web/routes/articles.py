"""Reading articles (text with event spans) and the reuse pairs between them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from eventcoder.web import views
from eventcoder.web.filters import NO_NUL
from eventcoder.web.schemas import ArticleDetail, ArticlePage, Problem, ReusePairRecord
from eventcoder.web.security import reader

router = APIRouter(tags=["articles"], dependencies=[Depends(reader)])


@router.get("/articles", response_model=ArticlePage, summary="List articles")
def list_articles(
    request: Request,
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=100_000_000),
) -> dict:
    """Stored articles by publication date (metadata only; fetch one for its text)."""
    store = request.app.state.store
    items = [views.article_summary(a) for a in store.articles(limit=limit, offset=offset)]
    return {"total": store.count("articles"), "limit": limit, "offset": offset, "items": items}


@router.get("/articles/{article_id}", response_model=ArticleDetail,
            responses={404: {"model": Problem, "description": "No such article."}}, summary="One article, with event spans")
def get_article(request: Request, article_id: str = Path(..., max_length=32, pattern=NO_NUL)) -> dict:
    """The cleaned text and the spans to highlight: each event quote, its per-field evidence, reused passages.

    The text is untrusted input: clients must insert it as text, never as markup.
    """
    got = views.article_view(request.app.state.store, article_id)
    if got is None:
        raise HTTPException(404, f"no article {article_id}")
    return got


@router.get("/reuse", response_model=list[ReusePairRecord], summary="Reuse pairs")
def list_reuse(request: Request, article_id: str | None = Query(None, max_length=32, pattern=NO_NUL, description="Only pairs involving this article.")) -> list[dict]:
    """Articles that copy passages of another, with the passages and the direction (earlier -> later)."""
    return views.reuse_view(request.app.state.store, article_id)
