"""The same API on PostgreSQL: the filters, aggregates, exports and review run unchanged.

Marked ``postgres``; skips (with the reason) when no PostgreSQL server can be had (see tests/conftest.py).
"""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from eventcoder import auth
from eventcoder.pipeline import Pipeline
from eventcoder.web.app import create_app

from .conftest import SAMPLE_CORPUS

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_client(fresh_pg_url):
    pipe = Pipeline(fresh_pg_url)
    assert pipe.ingest([str(SAMPLE_CORPUS)]).ok
    token = auth.add_user(None, "pg-analyst", "analyst", engine=pipe.store.engine)
    pipe.store.engine.dispose()
    with TestClient(create_app(fresh_pg_url)) as client:
        yield client, {"Authorization": f"Bearer {token}"}
        client.app.state.store.engine.dispose()  # so the database can be dropped


def test_api_on_postgres(pg_client):
    c, analyst = pg_client
    page = c.get("/api/events", params={"limit": 1000}).json()
    assert page["total"] > 20
    for params in [{"country": "chad"}, {"event_type": "Protests", "since": "2025-03-01"}, {"q": "police"},
                   {"actor": "protesters"}, {"min_fatalities": 1, "sort": "fatalities", "order": "desc"},
                   {"min_sources": 2}, {"modality": "all", "status": "machine"}, {"admin1": "Logone Occidental"}]:
        r = c.get("/api/events", params=params)
        assert r.status_code == 200, (params, r.text)
    e = page["items"][0]
    assert c.get(f"/api/events/{e['event_id']}").json()["reports"]
    assert c.get(f"/api/articles/{e['reports'][0]['article_id']}").json()["marks"]
    agg = c.get("/api/aggregates").json()
    assert agg["total_events"] == page["total"]
    assert c.get("/api/facets").json()["countries"]
    assert c.get("/api/events/points").json()["located"] > 0
    assert c.get("/api/reuse").status_code == 200
    rows = list(csv.DictReader(io.StringIO(c.get("/api/export", params={"format": "acled"}).text)))
    assert len(rows) == page["total"]
    assert c.get("/api/events", params={"q": "a\x00b"}).status_code == 422  # PostgreSQL cannot take NUL

    e = c.get("/api/events", params={"country": "Chad", "limit": 1}).json()["items"][0]
    r = c.patch(f"/api/events/{e['event_id']}", json={"fatalities": 3, "notes": "checked on postgres"}, headers=analyst)
    assert r.status_code == 200, r.text
    assert r.json()["event"]["fatalities"] == 3
    entry = c.get(f"/api/events/{e['event_id']}/audit").json()[0]
    assert entry["who"] == "pg-analyst" and entry["after"]["fatalities"] == 3
