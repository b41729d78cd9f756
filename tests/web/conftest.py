"""Fixtures for the web tests: one database built from the sample corpus per session, copied per test that writes.

The base database is a copy of the shared ``sample_db`` (the bundled sample corpus) plus one hostile article (``<script>`` and ``onerror=``
payloads in its text) and three users — one per role — whose tokens the tests use.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

import eventcoder
from eventcoder import auth
from eventcoder.pipeline import Pipeline

SAMPLE_CORPUS = Path(eventcoder.__file__).parent / "data" / "sample_corpus"  # what tests/conftest.py's sample_db holds
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Written for these tests. Each payload would set window.__pwned and the page title if it ever ran.
HOSTILE_ARTICLE = """\
Traders protest market tax in Bamako <img src=x onerror="window.__pwned=1;document.title='pwned'">

By Test Desk <script>window.__pwned=2;document.title='pwned'</script>

BAMAKO, 8 June 2020 - Hundreds of traders protested in Bamako on Monday <script>window.__pwned=3;document.title='pwned'</script> against a new market tax, witnesses said.

Police fired tear gas to disperse the crowd <img src=x onerror="window.__pwned=4;document.title='pwned'"> and arrested 12 traders near the Grand Market.
"""
HOSTILE_PUBLISHED = date(2020, 6, 10)


def pytest_configure(config):
    # Starlette's TestClient suggests a package we do not use; the warning says nothing about our code.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@dataclass(frozen=True)
class BaseDB:
    path: Path
    tokens: dict[str, str]  # role -> token; the user names are the role names


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a SQLite database (WAL included), via SQLite's backup API."""
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)
    return dst


@pytest.fixture(scope="session")
def base_db(sample_db, tmp_path_factory) -> BaseDB:
    """The shared sample database (tests/conftest.py), plus the hostile article and one user per role."""
    root = tmp_path_factory.mktemp("web")
    path = copy_db(Path(sample_db), root / "base.db")
    pipe = Pipeline(path)
    hostile = root / "hostile_article.txt"
    hostile.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    report = pipe.ingest([str(hostile)], published=HOSTILE_PUBLISHED)
    assert report.stored and report.mentions, "the hostile article must produce events to display"
    tokens = {role: auth.add_user(None, role, role, engine=pipe.store.engine) for role in auth.ROLES}
    pipe.store.engine.dispose()
    return BaseDB(path, tokens)


@pytest.fixture
def db_copy(base_db, tmp_path) -> Path:
    """A private copy of the base database, for tests that write."""
    return copy_db(base_db.path, tmp_path / "web.db")


@pytest.fixture(scope="session")
def ro_client(base_db):
    """A client on the shared base database: for tests that only read."""
    from fastapi.testclient import TestClient

    from eventcoder.web.app import create_app

    with TestClient(create_app(base_db.path)) as client:
        yield client


@pytest.fixture
def rw_client(db_copy):
    """A client on a private copy: for tests that review, edit or add users."""
    from fastapi.testclient import TestClient

    from eventcoder.web.app import create_app

    with TestClient(create_app(db_copy)) as client:
        yield client


@pytest.fixture
def headers(base_db):
    """Authorization headers per role: headers['analyst']."""
    return {role: {"Authorization": f"Bearer {tok}"} for role, tok in base_db.tokens.items()}


# -- a real server for the browser tests ----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving ``create_app(db)`` on 127.0.0.1 in a background thread."""

    def __init__(self, db: Path, **app_kw):
        import uvicorn

        from eventcoder.web.app import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, **app_kw), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(db_copy):
    with LiveServer(db_copy) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (make system-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    out = Path(os.environ.get("TEST_ARTIFACTS") or "test-artifacts")
    out.mkdir(parents=True, exist_ok=True)
    return out
