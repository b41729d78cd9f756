"""Tokens and roles, the review actions through the API, the audit log, and decisions surviving re-ingest.

Every test here writes, so each gets a private copy of the sample database (``rw_client``).
"""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from eventcoder.pipeline import Pipeline
from eventcoder.web.app import create_app


def all_events(client, **params) -> list[dict]:
    return client.get("/api/events", params={"limit": 1000, "modality": "all", **params}).json()["items"]


def an_event(client, **params) -> dict:
    return all_events(client, **params)[0]


# -- tokens and roles -----------------------------------------------------------------------------------
def test_writes_need_an_analyst_token(rw_client, headers):
    eid = an_event(rw_client)["event_id"]
    r = rw_client.post(f"/api/events/{eid}/accept")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert rw_client.post(f"/api/events/{eid}/accept", headers={"Authorization": "Bearer ec_wrong"}).status_code == 401
    assert rw_client.post(f"/api/events/{eid}/accept", headers={"Authorization": "Basic abc"}).status_code == 401
    r = rw_client.post(f"/api/events/{eid}/accept", headers=headers["viewer"])
    assert r.status_code == 403 and "analyst" in r.json()["detail"]
    assert rw_client.patch(f"/api/events/{eid}", json={"fatalities": 3}, headers=headers["viewer"]).status_code == 403
    assert rw_client.post(f"/api/events/{eid}/accept", headers=headers["analyst"]).status_code == 200
    assert rw_client.post(f"/api/events/{eid}/reject", headers=headers["admin"]).status_code == 200


def test_me(rw_client, headers):
    assert rw_client.get("/api/me").json() is None
    assert rw_client.get("/api/me", headers=headers["analyst"]).json() == {"name": "analyst", "role": "analyst"}
    assert rw_client.get("/api/me", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_token_only_reads(db_copy, headers):
    with TestClient(create_app(db_copy, open_reads=False)) as c:
        for path in ["/api/events", "/api/events/points", "/api/aggregates", "/api/facets", "/api/articles", "/api/reuse",
                     "/api/audit", "/api/export"]:
            assert c.get(path).status_code == 401, path
            assert c.get(path, headers=headers["viewer"]).status_code == 200, path
        assert c.get("/api/config").json()["open_reads"] is False  # the client learns it must ask for a token
        assert c.get("/").status_code == 200 and c.get("/docs").status_code == 200  # pages hold no data


def test_admin_manages_users(rw_client, headers):
    assert rw_client.get("/api/users", headers=headers["analyst"]).status_code == 403
    assert {u["name"] for u in rw_client.get("/api/users", headers=headers["admin"]).json()} == {"admin", "analyst", "viewer"}
    r = rw_client.post("/api/users", json={"name": "dana", "role": "analyst"}, headers=headers["admin"])
    assert r.status_code == 201
    token = r.json()["token"]
    assert rw_client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["name"] == "dana"
    assert rw_client.post("/api/users", json={"name": "dana", "role": "viewer"}, headers=headers["admin"]).status_code == 409
    assert rw_client.post("/api/users", json={"name": "bad name!", "role": "viewer"}, headers=headers["admin"]).status_code == 422
    assert rw_client.delete("/api/users/admin", headers=headers["admin"]).status_code == 400
    assert rw_client.delete("/api/users/dana", headers=headers["admin"]).status_code == 204
    assert rw_client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert rw_client.delete("/api/users/dana", headers=headers["admin"]).status_code == 404


# -- review actions ---------------------------------------------------------------------------------------
def test_accept_and_reject_with_audit(rw_client, headers):
    a, b = all_events(rw_client)[:2]
    r = rw_client.post(f"/api/events/{a['event_id']}/accept", headers=headers["analyst"]).json()
    assert r["status"] == "accepted" and r["event"]["review_status"] == "accepted"
    r = rw_client.post(f"/api/events/{b['event_id']}/reject", headers=headers["analyst"]).json()
    assert r["status"] == "rejected"
    ids = {e["event_id"] for e in all_events(rw_client)}
    assert a["event_id"] in ids and b["event_id"] not in ids
    assert b["event_id"] in {e["event_id"] for e in all_events(rw_client, include_rejected=True)}
    assert [e["event_id"] for e in all_events(rw_client, status="rejected")] == [b["event_id"]]
    assert [e["event_id"] for e in all_events(rw_client, status="accepted")] == [a["event_id"]]
    log = rw_client.get("/api/audit").json()
    assert [(x["action"], x["event_id"], x["who"]) for x in log[:2]] == [
        ("reject", b["event_id"], "analyst"), ("accept", a["event_id"], "analyst")]
    assert log[0]["before"] == {"status": "machine"} and log[0]["after"] == {"status": "rejected"}
    assert log[0]["at"].endswith("Z")
    mine = rw_client.get(f"/api/events/{a['event_id']}/audit").json()
    assert [x["action"] for x in mine] == ["accept"]


def test_edit_any_field(rw_client, headers):
    e = an_event(rw_client, country="Chad")
    changes = {"fatalities": 4, "actor2": "Civilians (Chad)", "inter2": 7, "notes": "Checked against two reports.",
               "event_date": "2025-03-01", "admin1": "Test Region", "latitude": 8.57, "longitude": 16.08,
               "sub_event_type": "Attack", "crowd_size": None}
    r = rw_client.patch(f"/api/events/{e['event_id']}", json=changes, headers=headers["analyst"])
    assert r.status_code == 200, r.text
    got = r.json()["event"]
    assert got["review_status"] == "edited"
    for k, v in changes.items():
        assert got[k] == v, k
    assert got["event_type"] == "Violence against civilians"  # follows the sub-event type
    assert got["fatalities_best"] == 4
    assert rw_client.get("/api/events", params={"admin1": "test region", "modality": "all"}).json()["total"] == 1
    entry = rw_client.get(f"/api/events/{e['event_id']}/audit").json()[0]
    assert entry["action"] == "edit" and entry["who"] == "analyst"
    assert entry["after"]["fatalities"] == 4 and entry["before"]["fatalities"] == e["fatalities"]
    assert entry["before"]["sub_event_type"] == e["sub_event_type"]


@pytest.mark.parametrize("body,status", [
    ({}, 400),
    ({"fatalities": -1}, 422),
    ({"sub_event_type": "Picnic"}, 422),
    ({"event_date": "tomorrow"}, 422),
    ({"latitude": 123}, 422),
    ({"event_id": "X"}, 422),
    ({"sub_event_type": None}, 400),
    ({"notes": "a\x00b"}, 422),
])
def test_bad_edits_are_refused(rw_client, headers, body, status):
    eid = an_event(rw_client)["event_id"]
    r = rw_client.patch(f"/api/events/{eid}", json=body, headers=headers["analyst"])
    assert r.status_code == status, r.text
    assert rw_client.get("/api/audit").json() == []


def test_merge_two_events(rw_client, headers):
    chad = [e for e in all_events(rw_client, country="Chad") if e["event_date"]]
    a, b = chad[0], chad[1]
    rw_client.patch(f"/api/events/{b['event_id']}", json={"notes": "edited before the merge"}, headers=headers["analyst"])
    r = rw_client.post(f"/api/events/{a['event_id']}/merge", json={"other": b["event_id"]}, headers=headers["analyst"])
    assert r.status_code == 200, r.text
    merged = r.json()["event"]
    mentions = {x["mention_id"] for x in merged["reports"]}
    assert mentions >= {x["mention_id"] for x in a["reports"]} | {x["mention_id"] for x in b["reports"]}
    remaining = {e["event_id"] for e in all_events(rw_client, include_rejected=True)}
    assert merged["event_id"] in remaining
    assert not ({a["event_id"], b["event_id"]} - {merged["event_id"]}) & remaining
    history = rw_client.get(f"/api/events/{merged['event_id']}/audit").json()
    assert [x["action"] for x in history] == ["merge", "edit"]  # the edit made under b's id follows the reports
    assert history[0]["before"] == {"events": [a["event_id"], b["event_id"]]}


def test_split_a_report_off(rw_client, headers):
    e = next(e for e in all_events(rw_client) if len(e["reports"]) >= 2)
    gone = e["reports"][-1]["mention_id"]
    r = rw_client.post(f"/api/events/{e['event_id']}/split", json={"mention_id": gone}, headers=headers["analyst"])
    assert r.status_code == 200, r.text
    out = r.json()
    assert len(out["events"]) == 2
    owners = {}
    for eid in out["events"]:
        d = rw_client.get(f"/api/events/{eid}").json()["event"]
        owners.update({x["mention_id"]: eid for x in d["reports"]})
    assert set(owners) == {x["mention_id"] for x in e["reports"]}
    alone = owners[gone]
    assert [m for m, eid in owners.items() if eid == alone] == [gone]
    assert rw_client.get("/api/audit").json()[0]["action"] == "split"


def test_bad_merge_and_split(rw_client, headers):
    one = next(e for e in all_events(rw_client) if len(e["reports"]) == 1)
    h = headers["analyst"]
    assert rw_client.post(f"/api/events/{one['event_id']}/merge", json={"other": one["event_id"]}, headers=h).status_code == 400
    assert rw_client.post(f"/api/events/{one['event_id']}/merge", json={"other": "NOPE00000000"}, headers=h).status_code == 404
    assert rw_client.post(f"/api/events/NOPE00000000/merge", json={"other": one["event_id"]}, headers=h).status_code == 404
    mid = one["reports"][0]["mention_id"]
    assert rw_client.post(f"/api/events/{one['event_id']}/split", json={"mention_id": mid}, headers=h).status_code == 400
    assert rw_client.post(f"/api/events/{one['event_id']}/split", json={"mention_id": "x:1"}, headers=h).status_code == 400
    assert rw_client.get("/api/audit").json() == []


# -- decisions survive re-ingest -------------------------------------------------------------------------------
def later_report(e: dict) -> tuple[str, date]:
    """A new article (written here) reporting the same protest as event ``e``, published the day after."""
    day = date.fromisoformat(e["event_date"])
    text = (f"Protest in {e['location']}\n\n"
            f"{e['location'].upper()}, {day:%d %B %Y} - Hundreds of residents held a peaceful protest in {e['location']} "
            f"on {day:%A} against rising fuel prices, organisers said. The march ended without incident.\n")
    return text, date.fromordinal(day.toordinal() + 1)


def event_with(client, mention_id: str) -> dict:
    return next(e for e in all_events(client, include_rejected=True) if mention_id in {r["mention_id"] for r in e["reports"]})


def test_review_survives_reingest(rw_client, db_copy, headers, tmp_path):
    protests = [e for e in all_events(rw_client, country="Chad", sub_event_type="Peaceful protest")
                if e["event_date"] and e["location"]]
    assert len(protests) >= 3
    edited, rejected, accepted = protests[0], protests[1], protests[2]
    anchor = {k: e["reports"][0]["mention_id"] for k, e in [("edited", edited), ("rejected", rejected), ("accepted", accepted)]}
    h = headers["analyst"]
    assert rw_client.patch(f"/api/events/{edited['event_id']}", json={"fatalities": 7, "notes": "checked by analyst"}, headers=h).status_code == 200
    assert rw_client.post(f"/api/events/{rejected['event_id']}/reject", headers=h).status_code == 200
    assert rw_client.post(f"/api/events/{accepted['event_id']}/accept", headers=h).status_code == 200

    # a new article about the edited event: linking rebuilds that event with one more report
    text, published = later_report(edited)
    later = tmp_path / "later.txt"
    later.write_text(text, encoding="utf-8")
    report = Pipeline(db_copy).ingest([str(later)], published=published)
    assert report.stored and report.mentions and report.events_touched

    e = event_with(rw_client, anchor["edited"])
    assert report.stored[0] in {r["article_id"] for r in e["reports"]}, "the new report joined the edited event"
    assert (e["fatalities"], e["notes"], e["review_status"]) == (7, "checked by analyst", "edited")
    assert [x["action"] for x in rw_client.get(f"/api/events/{e['event_id']}/audit").json()] == ["edit"]

    # re-linking the other reviewed events' articles rebuilds them from their mentions: the decisions are replayed
    Pipeline(db_copy).relink([rejected["reports"][0]["article_id"], accepted["reports"][0]["article_id"]])
    assert event_with(rw_client, anchor["rejected"])["review_status"] == "rejected"
    assert event_with(rw_client, anchor["rejected"])["event_id"] not in {x["event_id"] for x in all_events(rw_client)}
    assert event_with(rw_client, anchor["accepted"])["review_status"] == "accepted"
