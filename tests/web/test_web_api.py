"""The read API through the ASGI client, on the sample corpus: filters, paging, sorting, detail, articles,
reuse, aggregates, exports, the docs page and the security headers."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest

from eventcoder.export.records import ACLED_COLUMNS
from eventcoder.web.app import STATIC


def events(client, **params) -> dict:
    r = client.get("/api/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()


# -- the list -------------------------------------------------------------------------------------------
def test_list_defaults_to_occurred_events_sorted_by_date(ro_client):
    page = ro_client.get("/api/events").json()
    assert page["total"] > 20 and page["limit"] == 50 and page["offset"] == 0
    assert all(e["modality"] == "occurred" for e in page["items"])
    dated = [e["event_date"] for e in events(ro_client)["items"] if e["event_date"]]
    assert dated == sorted(dated)


def test_paging_covers_every_event_once(ro_client):
    total = events(ro_client)["total"]
    seen = []
    for offset in range(0, total, 7):
        page = ro_client.get("/api/events", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == total
        seen += [e["event_id"] for e in page["items"]]
    assert len(seen) == total == len(set(seen))


@pytest.mark.parametrize("sort,key", [("fatalities", "fatalities"), ("sources", "independent_sources"), ("country", "country")])
def test_sorting(ro_client, sort, key):
    desc = [e[key] for e in events(ro_client, sort=sort, order="desc")["items"]]
    asc = [e[key] for e in events(ro_client, sort=sort, order="asc")["items"]]
    present = [v for v in desc if v is not None]
    assert present == sorted(present, reverse=True)
    assert [v for v in asc if v is not None] == sorted(present)


def test_modality_all_includes_other_modalities(ro_client):
    occurred = events(ro_client)["total"]
    every = events(ro_client, modality="all")
    assert every["total"] > occurred
    assert {e["modality"] for e in every["items"]} > {"occurred"}
    planned = events(ro_client, modality="planned")["items"]
    assert all(e["modality"] == "planned" for e in planned)


def test_filters_narrow_the_list(ro_client):
    everything = events(ro_client, modality="all")["items"]
    country = next(e["country"] for e in everything if e["country"] == "Chad")
    for params, ok in [
        ({"country": "chad"}, lambda e: e["country"] == country),
        ({"event_type": "Protests"}, lambda e: e["event_type"] == "Protests"),
        ({"sub_event_type": "Peaceful protest"}, lambda e: e["sub_event_type"] == "Peaceful protest"),
        ({"min_fatalities": 5}, lambda e: e["fatalities"] >= 5),
        ({"min_sources": 2}, lambda e: e["independent_sources"] >= 2),
        ({"actor": "police"}, lambda e: "police" in f"{e['actor1']} {e['actor2']}".lower()),
        ({"since": "2020-06-01", "until": "2020-06-30"}, lambda e: "2020-06-01" <= (e["event_date"] or "") <= "2020-06-30"),
    ]:
        got = events(ro_client, modality="all", **params)["items"]
        assert got, f"no events for {params}"
        assert all(ok(e) for e in got), params
        assert len(got) == sum(1 for e in everything if ok(e)), params


def test_text_search_and_admin1(ro_client):
    hits = events(ro_client, q="market tax")["items"]
    assert hits and all("market tax" in e["notes"].lower() for e in hits)
    assert events(ro_client, q="no such words anywhere")["total"] == 0
    with_admin = [e for e in events(ro_client, modality="all")["items"] if e["admin1"]]
    if with_admin:
        a = with_admin[0]["admin1"]
        assert all(e["admin1"] == a for e in events(ro_client, modality="all", admin1=a.upper())["items"])
    assert events(ro_client, admin1="Nowhere Province")["total"] == 0


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 5000}, {"offset": -1}, {"since": "yesterday"}, {"sort": "random"}, {"order": "sideways"},
    {"modality": "imagined"}, {"min_fatalities": -3}, {"status": "maybe"}, {"q": "x" * 300}, {"country": "Chad\x00"},
])
def test_bad_parameters_are_422(ro_client, params):
    r = ro_client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    assert isinstance(r.json()["detail"], list)


# -- one event ------------------------------------------------------------------------------------------
def test_event_detail_places_each_report_in_its_article(ro_client):
    multi = next(e for e in events(ro_client, modality="all")["items"] if len(e["reports"]) > 1)
    d = ro_client.get(f"/api/events/{multi['event_id']}").json()
    assert d["event"]["event_id"] == multi["event_id"]
    assert len(d["reports"]) == len(multi["reports"])
    for rep in d["reports"]:
        article = ro_client.get(f"/api/articles/{rep['article_id']}").json()
        text = article["text"]
        assert text[rep["start"]:rep["end"]] == rep["quote"]
        cs = rep["context_start"]
        assert text[cs:cs + len(rep["context"])] == rep["context"]
        assert cs <= rep["start"] and rep["end"] <= cs + len(rep["context"])
        kinds = {m["kind"] for m in rep["marks"]}
        assert "quote" in kinds
        for m in rep["marks"]:
            assert m["end"] > cs and m["start"] < cs + len(rep["context"])
            if m["kind"] == "evidence":
                assert m["field"] and m["mention_id"] == rep["mention_id"]


def test_event_detail_has_field_evidence(ro_client):
    e = next(e for e in events(ro_client)["items"] if e["evidence"].get("event_date"))
    d = ro_client.get(f"/api/events/{e['event_id']}").json()
    ev = d["event"]["evidence"]["event_date"]
    text = ro_client.get(f"/api/articles/{ev['article_id']}").json()["text"]
    assert text[ev["start"]:ev["end"]] == ev["text"]


def test_reused_passages_are_marked(ro_client):
    pairs = ro_client.get("/api/reuse").json()
    assert pairs, "the sample corpus has copied passages"
    p = pairs[0]
    assert p["article"]["article_id"] == p["article_id"] and p["source_article"]["article_id"] == p["reused_from"]
    article = ro_client.get(f"/api/articles/{p['article_id']}").json()
    reuse = [m for m in article["marks"] if m["kind"] == "reuse"]
    assert reuse and all(m["other_article"] for m in reuse)
    passage = p["passages"][0]
    assert any(m["start"] == passage["start"] and m["end"] == passage["end"] for m in reuse)
    only = ro_client.get("/api/reuse", params={"article_id": p["reused_from"]}).json()
    assert only and all(p["reused_from"] in (x["article_id"], x["reused_from"]) for x in only)


def test_copied_report_is_not_independent(ro_client):
    copied = [(e, r) for e in events(ro_client, modality="all")["items"] for r in e["reports"] if r["reused_from"]]
    assert copied, "the sample corpus has a copied report"
    e, r = copied[0]
    assert r["independent"] is False
    assert e["independent_sources"] < len(e["reports"])


def test_unknown_event_and_article_are_404(ro_client):
    assert ro_client.get("/api/events/NOPE0000000").status_code == 404
    assert ro_client.get("/api/events/NOPE0000000/audit").status_code == 404
    assert ro_client.get("/api/articles/0000000000000000").status_code == 404


# -- articles, points, aggregates ------------------------------------------------------------------------
def test_articles_list_and_detail(ro_client):
    page = ro_client.get("/api/articles", params={"limit": 5}).json()
    assert page["total"] >= 12 and len(page["items"]) == 5
    assert "text" not in page["items"][0]
    a = ro_client.get(f"/api/articles/{page['items'][0]['article_id']}").json()
    assert len(a["text"]) == a["chars"]
    for m in a["marks"]:
        assert 0 <= m["start"] < m["end"] <= len(a["text"])
    quotes = [m for m in a["marks"] if m["kind"] == "quote"]
    assert {m["event_id"] for m in quotes if m["event_id"]} <= set(a["events"])


def test_untrusted_text_comes_back_verbatim_as_json(ro_client):
    hit = events(ro_client, q="market tax")["items"][0]
    article = ro_client.get(f"/api/articles/{hit['reports'][0]['article_id']}")
    assert article.headers["content-type"].startswith("application/json")
    assert "<script>window.__pwned" in article.json()["text"]  # the client escapes; the API does not rewrite text


def test_points_are_the_located_events(ro_client):
    pts = ro_client.get("/api/events/points").json()
    located = [e for e in events(ro_client)["items"] if e["latitude"] is not None]
    assert pts["total"] == events(ro_client)["total"]
    assert pts["located"] == len(located) == len(pts["points"]) and not pts["truncated"]
    assert {p["event_id"] for p in pts["points"]} == {e["event_id"] for e in located}
    few = ro_client.get("/api/events/points", params={"limit": 3}).json()
    assert few["truncated"] and len(few["points"]) == 3 and few["located"] == len(located)


def test_aggregates_add_up(ro_client):
    agg = ro_client.get("/api/aggregates").json()
    recs = events(ro_client)["items"]
    assert agg["total_events"] == len(recs)
    assert agg["total_fatalities"] == sum(e["fatalities"] for e in recs)
    assert sum(b["events"] for b in agg["weekly"]) + agg["undated"]["events"] == len(recs)
    weeks = [date.fromisoformat(b["key"]) for b in agg["weekly"]]
    assert all(w.weekday() == 0 for w in weeks)
    assert all(b - a == timedelta(days=7) for a, b in zip(weeks, weeks[1:]))  # gaps filled
    for key, field in [("by_event_type", "event_type"), ("by_sub_event_type", "sub_event_type"), ("by_country", "country")]:
        assert {b["key"]: b["events"] for b in agg[key]} == {
            k: sum(1 for e in recs if e[field] == k) for k in {e[field] for e in recs}}
    assert sum(b["events"] for b in agg["by_admin1"]) == len(recs)
    chad = ro_client.get("/api/aggregates", params={"country": "Chad"}).json()
    assert chad["total_events"] == events(ro_client, country="Chad")["total"] < agg["total_events"]


def test_facets(ro_client):
    f = ro_client.get("/api/facets").json()
    names = [c["key"] for c in f["countries"]]
    assert "Chad" in names and names == sorted(names)
    assert f["first_date"] <= f["last_date"]


# -- exports -----------------------------------------------------------------------------------------------
def test_acled_csv_export_of_the_filter(ro_client):
    r = ro_client.get("/api/export", params={"format": "acled", "country": "Chad"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events_acled.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == ACLED_COLUMNS
    assert len(rows) == events(ro_client, country="Chad")["total"]
    assert {row["country"] for row in rows} == {"Chad"}


def test_geojson_export(ro_client):
    r = ro_client.get("/api/export", params={"format": "geojson", "event_type": "Protests"})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == events(ro_client, event_type="Protests")["total"]
    located = [f for f in fc["features"] if f["geometry"]]
    assert located and all(f["geometry"]["type"] == "Point" for f in located)
    assert all(f["properties"]["event_type"] == "Protests" for f in fc["features"])


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet"])
def test_other_exports(ro_client, fmt):
    r = ro_client.get("/api/export", params={"format": fmt})
    assert r.status_code == 200 and r.content
    if fmt == "json":
        assert len(r.json()) == events(ro_client)["total"]
    if fmt == "parquet":
        assert r.content[:4] == b"PAR1"


# -- the pages, docs and headers -----------------------------------------------------------------------------
def test_openapi_and_offline_docs(ro_client):
    spec = ro_client.get("/openapi.json").json()
    for path in ["/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/reuse", "/api/aggregates",
                 "/api/export", "/api/audit", "/api/events/{event_id}/audit", "/api/events/{event_id}/merge"]:
        assert path in spec["paths"], path
    docs = ro_client.get("/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assert ro_client.get("/redoc").status_code == 404


def test_pages_load_nothing_from_elsewhere(ro_client):
    for page in ["/", "/docs"]:
        html = ro_client.get(page).text
        refs = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert refs and all(ref.startswith("/") for ref in refs), refs
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), "inline script"
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", html), "inline event handler"
        assert "style=" not in html
    for f in STATIC.rglob("*.js"):
        if "vendor" in f.parts:
            continue
        src = f.read_text(encoding="utf-8")
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|eval\(|new Function", src), f


def test_assets_are_bundled(ro_client):
    for path in ["/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
                 "/static/vendor/topojson-client/topojson-client.min.js", "/static/vendor/world-atlas/countries-110m.json",
                 "/static/js/main.js", "/static/app.css", "/favicon.ico"]:
        r = ro_client.get(path)
        assert r.status_code == 200, path
    topo = ro_client.get("/static/vendor/world-atlas/countries-110m.json").json()
    assert topo["type"] == "Topology" and len(topo["objects"]["countries"]["geometries"]) > 150
    assert ro_client.get("/static/js/main.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))


@pytest.mark.parametrize("path", ["/", "/docs", "/api/events", "/static/js/main.js", "/api/nothing-here"])
def test_strict_content_security_policy(ro_client, path):
    r = ro_client.get(path)
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in csp and "*" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_config_tells_the_client_about_tiles_and_reads(ro_client):
    c = ro_client.get("/api/config").json()
    assert c["open_reads"] is True and c["tile_url"] is None
    assert "Protests" in c["event_types"] and "fatalities" in c["editable_fields"]
    assert json.dumps(c)  # plain JSON


def test_tile_url_is_opt_in_and_admitted_by_the_csp(base_db):
    from fastapi.testclient import TestClient

    from eventcoder.web.app import create_app

    app = create_app(base_db.path, tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png", tile_attribution="© Example")
    with TestClient(app) as c:
        assert c.get("/api/config").json()["tile_url"].startswith("https://{s}.tiles.example.org/")
        csp = c.get("/").headers["content-security-policy"]
        assert "img-src 'self' data: blob: https://*.tiles.example.org" in csp
        assert "script-src 'self'" in csp
