"""`--db postgresql://...` for every command: ingest, events, and the API, on PostgreSQL as on SQLite.

The postgresql cases use the ``db_url`` fixture of tests/conftest.py: ``$EVENTCODER_TEST_PG`` when
set, else a throwaway cluster from Debian's binaries; they skip when PostgreSQL is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main


SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "sample_corpus"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_ingest_and_events_round_trip(db_url, sample_db, events_of):
    res = run("ingest", SAMPLE, "--db", db_url, "--quiet")
    assert res.exit_code == 0, res.output
    assert "stored 12 article(s)" in res.output
    # a second run stores nothing new (content hashes are unique in either database)
    again = run("ingest", SAMPLE, "--db", db_url, "--quiet")
    assert again.exit_code == 0 and "stored 0 article(s), 12 already stored" in again.output
    assert events_of(db_url) == events_of(sample_db)
    out = run("events", "--db", db_url, "--format", "json")
    assert out.exit_code == 0, out.output
    ref = run("events", "--db", sample_db, "--format", "json")
    key = lambda e: json.dumps(e, sort_keys=True)  # noqa: E731
    assert sorted(json.loads(out.output), key=key) == sorted(json.loads(ref.output), key=key)


def test_events_come_out_in_the_same_order(fresh_pg_url, sample_db):
    assert run("ingest", SAMPLE, "--db", fresh_pg_url, "--quiet").exit_code == 0
    on_pg = [e["event_id"] for e in json.loads(run("events", "--db", fresh_pg_url, "--format", "json").output)]
    on_sqlite = [e["event_id"] for e in json.loads(run("events", "--db", sample_db, "--format", "json").output)]
    assert on_pg == on_sqlite


def test_api_reads_events(db_url, sample_db):
    app_mod = pytest.importorskip("eventcoder.web.app", reason="the web app is not importable yet")
    from fastapi.testclient import TestClient

    assert run("ingest", SAMPLE, "--db", db_url, "--quiet").exit_code == 0
    with TestClient(app_mod.create_app(db_url)) as client:
        page = client.get("/api/events", params={"limit": 1000})
        assert page.status_code == 200, page.text
        body = page.json()
        expected = json.loads(run("events", "--db", sample_db, "--format", "json").output)
        assert body["total"] == len(expected) > 0
        assert sorted(e["event_id"] for e in body["items"]) == sorted(e["event_id"] for e in expected)
        one = client.get(f"/api/events/{body['items'][0]['event_id']}")
        assert one.status_code == 200, one.text
