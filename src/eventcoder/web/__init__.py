"""The web layer: a REST API and a single-page analyst app served by one FastAPI process.

``create_app(db)`` builds the app; ``eventcoder serve`` runs it with uvicorn. See docs/web.md.
"""

from eventcoder.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
