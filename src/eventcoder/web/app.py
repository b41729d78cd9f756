"""The FastAPI app: the REST API under /api, the analyst app at /, API docs at /docs — all offline.

``create_app(db)`` is what ``eventcoder serve`` runs. Every asset (Leaflet, the Natural Earth
country outlines, the app's own JS and CSS) ships in ``web/static``; nothing is loaded from a CDN.
Every response carries a strict Content-Security-Policy: scripts and styles only from this
origin, no inline script, no eval, so text from articles can never run as code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from sqlalchemy import event
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from eventcoder.store.repo import Store
from eventcoder.web.routes import articles, events, exports, meta, review, stats, users

STATIC = Path(__file__).with_name("static")

DESCRIPTION = """\
News reports turned into an ACLED-style event dataset, with the provenance of every field.

* **Reading** (`GET`) is open, or needs a token when the server runs with `--token-reads`.
* **Review** (accept, reject, edit, merge, split) needs an *analyst* token; **users** need an *admin* token.
  Send it as `Authorization: Bearer TOKEN` (create one with `eventcoder users add NAME --role analyst`).
* Article text is untrusted input: display it as text, never as markup.
"""


@dataclass(frozen=True)
class Settings:
    """Server settings.

    Args:
        open_reads: whether GET routes work without a token.
        tile_url: a Leaflet tile URL template (e.g. ``https://tile.example.org/{z}/{x}/{y}.png``) for a
            background map when online; None (the default) shows only the bundled country outlines.
        tile_attribution: the attribution line the tile provider asks for.
    """

    open_reads: bool = True
    tile_url: str | None = None
    tile_attribution: str | None = None


def tile_source(tile_url: str | None) -> str | None:
    """The CSP source expression that admits ``tile_url``'s host (``{s}.host`` becomes ``*.host``)."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = re.sub(r"\{[^}]*\}", "*", parts.netloc)
    if "*" in host and not (host.startswith("*.") and "*" not in host[2:]):
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def content_security_policy(settings: Settings) -> str:
    img = ["'self'", "data:", "blob:"]
    if src := tile_source(settings.tile_url):
        img.append(src)
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src " + " ".join(img),
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class SecurityHeaders:
    """ASGI middleware adding CSP and the usual hardening headers to every HTTP response."""

    def __init__(self, app, csp: str):
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.headers
            await send(message)

        return await self.app(scope, receive, send_with_headers)


SQLITE_READ_PRAGMAS = (
    "PRAGMA mmap_size=268435456",  # map up to 256 MB of the file: scans (counts, aggregates) skip read() calls
    "PRAGMA cache_size=-65536",  # 64 MB page cache per connection
    "PRAGMA temp_store=MEMORY",  # sorts for ORDER BY ... LIMIT
)


def tune_for_reads(store: Store) -> None:
    """A server reads the same SQLite file all day: give its connections a bigger cache and memory-mapped I/O."""
    engine = store.engine
    if engine.dialect.name != "sqlite":
        return

    def pragmas(dbapi_connection, _record) -> None:
        cur = dbapi_connection.cursor()
        for p in SQLITE_READ_PRAGMAS:
            cur.execute(p)
        cur.close()

    event.listen(engine, "connect", pragmas)
    engine.dispose()  # pooled connections made before the listener reconnect with it


def _version() -> str:
    try:
        return metadata.version("eventcoder")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def create_app(db: str | os.PathLike[str] | None = None, *, open_reads: bool = True, store: Store | None = None,
               tile_url: str | None = None, tile_attribution: str | None = None) -> FastAPI:
    """Build the app on one store.

    Args:
        db: a path or SQLAlchemy URL (default: ``EVENTCODER_DB`` or ./eventcoder.db).
        open_reads: False makes every read need a token too.
        store: an open :class:`Store` (instead of ``db``).
        tile_url, tile_attribution: an online tile layer for the map; default ``EVENTCODER_TILE_URL`` and
            ``EVENTCODER_TILE_ATTRIBUTION``, unset meaning offline country outlines only.
    """
    settings = Settings(
        open_reads=open_reads,
        tile_url=tile_url or os.environ.get("EVENTCODER_TILE_URL") or None,
        tile_attribution=tile_attribution or os.environ.get("EVENTCODER_TILE_ATTRIBUTION") or None,
    )
    app = FastAPI(title="eventcoder", version=_version(), description=DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json")
    app.state.store = store or Store(db)
    tune_for_reads(app.state.store)
    app.state.settings = settings
    for module in (events, review, articles, stats, exports, users, meta):
        app.include_router(module.router, prefix="/api")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings))
    return app
