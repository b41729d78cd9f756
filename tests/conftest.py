"""Fixtures shared by every test suite.

* ``sample_db`` — a SQLite database with the bundled sample corpus ingested (session-wide;
  treat it as read-only, copy it if a test writes).
* ``pg_url`` — a PostgreSQL database for the session: ``$EVENTCODER_TEST_PG`` when set, else a
  throwaway cluster started from Debian's binaries (``/usr/lib/postgresql/*/bin``) in a temp
  dir; skips (with the reason) when PostgreSQL is not installed.
* ``fresh_pg_url`` — a new, empty PostgreSQL database for one test (dropped afterwards).
* ``db_url`` — parametrized over ``sqlite`` and ``postgresql``: a fresh, empty database of
  each kind, so one test body runs against both (the postgresql case skips without a server).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = ROOT / "src" / "eventcoder" / "data" / "sample_corpus"


# -- SQLite with the sample corpus ------------------------------------------------------------
@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    """Path of a SQLite database holding the ingested sample corpus (read-only by convention)."""
    from eventcoder.pipeline import Pipeline

    path = tmp_path_factory.mktemp("sample_db") / "sample.db"
    report = Pipeline(path).ingest([str(SAMPLE_CORPUS)])
    assert report.ok, report.errors
    return str(path)


# -- PostgreSQL ------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bindir() -> Path | None:
    """Newest ``/usr/lib/postgresql/N/bin`` with initdb and pg_ctl (Debian layout)."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb") if Path(p).with_name("pg_ctl").exists()]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return found[-1] if found else None


def _run_as() -> dict:
    """subprocess keyword arguments that drop root (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return {}
    import pwd

    for name in ("postgres", "eventcoder-pg"):
        try:
            pw = pwd.getpwnam(name)
            break
        except KeyError:
            continue
    else:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "eventcoder-pg"],
                       check=True, capture_output=True)
        pw = pwd.getpwnam("eventcoder-pg")
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": [], "env": {**os.environ, "HOME": tempfile.gettempdir()}}


class _Cluster:
    """A throwaway PostgreSQL cluster: initdb in a temp dir, trust auth, 127.0.0.1 on a free port."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="eventcoder-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.user = "eventcoder"
        self.as_user = _run_as()
        if self.as_user:
            os.chown(self.dir, self.as_user["user"], self.as_user["group"])

    def _run(self, *args: str, timeout: float = 120) -> None:
        res = subprocess.run([str(a) for a in args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                             timeout=timeout, cwd=self.dir, **self.as_user)
        if res.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed ({res.returncode}): {res.stderr.strip() or res.stdout.strip()}")

    def start(self) -> str:
        self._run(self.bindir / "initdb", "-D", self.data, "-U", self.user, "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-o", opts, "-l", self.dir / "server.log", "-w",
                  "-t", "60", "start")
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", timeout=60)
        except Exception:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True, connect_timeout=10) as c:
        c.execute(sql)


def _with_db(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def pg_server():
    """``(admin_url, can_create)``: a PostgreSQL server to create test databases on."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests need psycopg (pip install 'eventcoder[postgres]')")
    given = os.environ.get("EVENTCODER_TEST_PG")
    if given:
        yield given
        return
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; "
                    "apt-get install postgresql, or set EVENTCODER_TEST_PG=postgresql://...)")
    cluster = _Cluster(bindir)
    try:
        url = cluster.start()
    except Exception as exc:
        cluster.stop()
        pytest.skip(f"could not start a throwaway PostgreSQL cluster: {exc}")
    yield url
    cluster.stop()


def _new_database(server: str) -> tuple[str, str | None]:
    """A new empty database on ``server``: (url, name to drop) — or the server URL itself if CREATE is refused."""
    name = "eventcoder_test_" + uuid.uuid4().hex[:10]
    try:
        _admin(server, f'CREATE DATABASE "{name}"')
    except Exception:
        return server, None  # a given database we may not create next to: use it as it is
    return _with_db(server, name), name


def _drop_database(server: str, name: str | None) -> None:
    if not name:
        return
    for _ in range(3):
        try:
            _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except Exception:
            time.sleep(0.5)


@pytest.fixture(scope="session")
def pg_url(pg_server):
    """A PostgreSQL database URL (``postgresql://...``) for the whole session."""
    url, name = _new_database(pg_server)
    yield url
    _drop_database(pg_server, name)


@pytest.fixture
def fresh_pg_url(pg_server):
    """A new, empty PostgreSQL database for one test."""
    url, name = _new_database(pg_server)
    yield url
    _drop_database(pg_server, name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database: a SQLite file path, or a PostgreSQL URL (skips without PostgreSQL)."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
    else:
        yield request.getfixturevalue("fresh_pg_url")
