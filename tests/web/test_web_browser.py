"""The web app in real headless Chromium against uvicorn on 127.0.0.1: map, filters, timeline, review, audit,
and an article full of script payloads that must never run.

Skipped (with the reason) only when Debian's chromium is not installed at /usr/bin/chromium.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
TITLE = "eventcoder — event desk"


def open_app(page, server, fragment: str = ""):
    page.goto(f"{server.url}/{fragment}")
    page.wait_for_selector("body.ready", timeout=20_000)
    page.wait_for_selector("#table-view tr.row")


def table_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all("#table-view tr.row", "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")


def no_errors(page):
    errors = [e for e in page.console_errors if "favicon" not in e]
    assert not errors, errors


def test_page_loads_map_table_and_timeline(page, live_server, artifacts):
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("body.ready", timeout=20_000)
    # the map: bundled country outlines and one marker per place
    assert page.locator("#map path.leaflet-interactive.ec-marker").count() > 5
    assert int(page.get_attribute("#map", "data-markers")) == page.locator("#map path.ec-marker").count()
    assert page.locator("#map .leaflet-pane path").count() > 150  # Natural Earth countries drawn without any tile server
    assert page.locator("#map img.leaflet-tile").count() == 0
    # the table and the header agree with the API
    total = page.request.get(f"{live_server.url}/api/events").json()["total"]
    assert len(table_rows(page)) == min(50, total)
    assert re.search(rf"\b{total} events\b", page.inner_text("#stats"))
    assert page.locator("#timeline svg rect.bar").count() > 3
    page.screenshot(path=str(artifacts / "web-app.png"))
    assert not csp, csp
    no_errors(page)


def test_filter_changes_table_map_and_url(page, live_server):
    open_app(page, live_server)
    before = table_rows(page)
    markers_before = int(page.get_attribute("#map", "data-points"))
    page.select_option("select[name=country]", "Chad")
    page.wait_for_function("() => [...document.querySelectorAll('#table-view tr.row')].every(r => r.cells[3].textContent.trim() === 'Chad')")
    after = table_rows(page)
    assert after != before and all(r[3] == "Chad" for r in after)
    page.wait_for_function(f"() => Number(document.getElementById('map').dataset.points) < {markers_before}")
    assert "country=Chad" in page.url
    page.fill("input[name=q]", "police")
    page.wait_for_function("() => location.hash.includes('q=police')")
    page.wait_for_selector("#table-view tr.row, #table-view td.empty")
    api = page.request.get(f"{live_server.url}/api/events", params={"country": "Chad", "q": "police"}).json()
    page.wait_for_function(f"() => document.querySelectorAll('#table-view tr.row').length === {len(api['items'])}")
    page.click("text=Reset")
    page.wait_for_function(f"() => document.querySelectorAll('#table-view tr.row').length === {len(before)}")
    no_errors(page)


def test_brushing_the_timeline_filters_dates(page, live_server):
    open_app(page, live_server)
    total = page.request.get(f"{live_server.url}/api/events").json()["total"]
    box = page.locator("#timeline rect.overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.90, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, y, steps=4)
    page.mouse.move(box["x"] + box["width"] - 2, y, steps=4)
    page.mouse.up()
    page.wait_for_function("() => location.hash.includes('since=') && location.hash.includes('until=')")
    since = page.input_value("input[name=since]")
    until = page.input_value("input[name=until]")
    assert since and until and since <= until
    expected = page.request.get(f"{live_server.url}/api/events", params={"since": since, "until": until}).json()["total"]
    assert expected < total
    page.wait_for_function(f"() => document.getElementById('stats').textContent.includes('{expected} event')")
    dates = [r[0] for r in table_rows(page)]
    assert all(since <= d <= until for d in dates)
    page.click("text=Clear date range")
    page.wait_for_function("() => !location.hash.includes('since=')")
    no_errors(page)


def sign_in(page, token: str):
    page.click("#signin-btn")
    page.fill("dialog input[name=token]", token)
    page.click("dialog button[type=submit]")
    page.wait_for_selector("body.ready", timeout=20_000)
    page.wait_for_selector("#auth .who")


def test_analyst_edits_an_event_and_the_audit_log_shows_it(page, live_server, base_db, artifacts):
    open_app(page, live_server)
    sign_in(page, base_db.tokens["analyst"])
    assert "analyst" in page.inner_text("#auth")
    assert page.evaluate("() => sessionStorage.getItem('eventcoder.token')") == base_db.tokens["analyst"]
    page.click("#table-view tr.row >> nth=0")
    page.wait_for_selector("#panel .panel-title")
    event_id = page.inner_text("#panel .panel-meta .mono")
    page.click("#panel button:has-text('Edit')")
    page.fill("dialog input[name=fatalities]", "42")
    page.fill("dialog textarea[name=notes]", "Verified with the regional office.")
    page.click("dialog button:has-text('Save changes')")
    page.wait_for_selector("dialog", state="detached")
    page.wait_for_function("() => document.querySelector('#panel .badge.st-edited')")
    page.wait_for_selector("#panel .history .audit-entry")
    history = page.inner_text("#panel .history")
    assert "analyst" in history and "fatalities:" in history and "→ 42" in history
    assert page.inner_text("#panel tr[data-field=fatalities] td").startswith("42")
    page.click(".tabs [data-tab=audit]")
    page.wait_for_selector("#tab-audit .audit-entry")
    audit = page.inner_text("#tab-audit")
    assert event_id in audit and "edit" in audit and "analyst" in audit
    log = page.request.get(f"{live_server.url}/api/audit").json()
    assert log[0]["event_id"] == event_id and log[0]["after"]["fatalities"] == 42
    page.screenshot(path=str(artifacts / "web-app-review.png"))
    # accept from the panel too
    page.click("#panel button:has-text('Accept')")
    page.wait_for_function("() => document.querySelector('#panel .badge.st-accepted')")
    no_errors(page)


def test_viewer_cannot_review(page, live_server, base_db):
    open_app(page, live_server)
    sign_in(page, base_db.tokens["viewer"])
    page.click("#table-view tr.row >> nth=0")
    page.wait_for_selector("#panel .panel-title")
    assert page.locator("#panel button:has-text('Accept')").count() == 0
    assert "reviewing needs an analyst" in page.inner_text("#panel .review-bar")


def test_hostile_article_is_shown_not_run(page, live_server, artifacts):
    open_app(page, live_server)
    page.fill("input[name=q]", "market tax")
    page.wait_for_function("() => location.hash.includes('q=market')")
    page.wait_for_function("() => document.querySelectorAll('#table-view tr.row').length >= 1 && "
                           "[...document.querySelectorAll('#table-view tr.row')].length <= 2")
    page.click("#table-view tr.row >> nth=0")
    page.wait_for_selector("#panel .report .context")
    context = page.inner_text("#panel .reports")
    assert "<script>window.__pwned" in context or "onerror=" in context  # the payload is visible as text
    page.click("#panel button:has-text('Open article')")
    page.wait_for_selector("dialog .article-text")
    text = page.inner_text("dialog .article-text")
    assert "<script>window.__pwned=2;document.title='pwned'</script>" in text
    assert "<img src=x onerror=" in text
    page.wait_for_timeout(300)  # give an onerror handler every chance to fire
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() == TITLE
    # nothing from the article became an element
    assert page.evaluate("() => document.querySelectorAll('script:not([src])').length") == 0
    assert page.evaluate("() => [...document.images].filter(i => i.getAttribute('src') === 'x').length") == 0
    page.screenshot(path=str(artifacts / "web-app-hostile-article.png"))
    no_errors(page)


def test_api_docs_page_renders_offline(page, live_server):
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/docs")
    page.wait_for_selector("section.op")
    spec = page.request.get(f"{live_server.url}/openapi.json").json()
    operations = sum(1 for item in spec["paths"].values() for m in item if m in ("get", "post", "patch", "delete"))
    assert page.locator("main section.op .method").count() == operations
    page.click("#get-api-events button:has-text('Try it')")
    page.wait_for_selector("#get-api-events pre:not([hidden])")
    assert "→ 200" in page.inner_text("#get-api-events pre")
    assert not csp, csp
    no_errors(page)
