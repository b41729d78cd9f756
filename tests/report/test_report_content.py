"""The report's numbers and sections against the store (hand-made events, no extraction involved).

Every expected figure is computed here from ``event_records`` — never typed in.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from markupsafe import escape

from eventcoder.queries import EventFilter, event_records
from eventcoder.report import build_report, render_html, render_markdown, write_report

from report_helpers import figure, parse_html


def expected_fatalities(rec: dict) -> tuple[int, int, int]:
    """The documented rule: best (fallback ACLED fatalities); low/high (fallback best), range holding best."""
    best = rec["fatalities_best"] if rec["fatalities_best"] is not None else (rec["fatalities"] or 0)
    low = best if rec["fatalities_low"] is None else min(rec["fatalities_low"], best)
    high = best if rec["fatalities_high"] is None else max(rec["fatalities_high"], best)
    return low, best, high


def totals(recs: list[dict]) -> dict:
    f = [expected_fatalities(r) for r in recs]
    return {"events": len(recs), "low": sum(x[0] for x in f), "best": sum(x[1] for x in f),
            "high": sum(x[2] for x in f), "by_type": Counter(r["event_type"] for r in recs)}


def test_headline_figures_match_the_store(handmade):
    since, until = date(2020, 6, 1), date(2020, 8, 31)
    recs = event_records(handmade.store, EventFilter(country="Mali", since=since, until=until))
    want = totals(recs)
    assert want["events"] >= 3 and want["best"] > 0  # the fixture gives the test something to check

    content = build_report(handmade.store, country="Mali", since=since, until=until, charts=False)
    h = content.headline
    assert (h["events"], h["fatalities_low"], h["fatalities_best"], h["fatalities_high"]) == \
        (want["events"], want["low"], want["best"], want["high"])
    assert {row["event_type"]: row["events"] for row in content.by_type if row["events"]} == dict(want["by_type"])

    html = render_html(content)
    assert figure(html, "events") == want["events"]
    assert figure(html, "fatalities-best") == want["best"]
    assert figure(html, "fatalities-low") == want["low"]
    assert figure(html, "fatalities-high") == want["high"]
    tags = parse_html(html).tags
    typed_rows = {a["data-type"] for t, a in tags if t == "tr" and "data-type" in a}
    assert typed_rows >= set(want["by_type"])


def test_change_against_the_previous_period_of_the_same_length(handmade):
    since, until = date(2020, 6, 1), date(2020, 8, 31)
    days = (until - since).days + 1
    prev_until = since - timedelta(days=1)
    prev_since = prev_until - timedelta(days=days - 1)
    now = totals(event_records(handmade.store, EventFilter(country="Mali", since=since, until=until)))
    before = totals(event_records(handmade.store, EventFilter(country="Mali", since=prev_since, until=prev_until)))
    assert before["events"] >= 1  # the April protest

    content = build_report(handmade.store, country="Mali", since=since, until=until, charts=False)
    assert (content.previous.start, content.previous.end) == (prev_since, prev_until)
    assert content.comparison["events"]["diff"] == now["events"] - before["events"]
    assert content.comparison["fatalities"]["diff"] == now["best"] - before["best"]
    html = render_html(content)
    assert figure(html, "events-change") == now["events"] - before["events"]
    assert figure(html, "fatalities-change") == now["best"] - before["best"]


def test_no_comparison_without_a_start_date(handmade):
    content = build_report(handmade.store, charts=False)
    assert content.comparison is None and content.previous is None
    assert "n/a" in render_html(content)


def test_planned_events_are_listed_apart_and_not_counted(handmade):
    content = build_report(handmade.store, charts=False)
    occurred = event_records(handmade.store, EventFilter())
    assert content.headline["events"] == len(occurred)
    assert "hm-rally" not in {r["event_id"] for r in content.events}
    assert "hm-rally" in {e["id"] for e in content.other_modalities}
    html = render_html(content)
    assert "Announced, threatened or denied (not counted)" in html
    assert str(escape(handmade.events["rally"].reports[0].quote)) in html


def test_report_names_the_coup_the_protests_and_the_killings(handmade):
    """The acceptance story on hand-made events: each shows with its date, place and quote."""
    html = render_html(build_report(handmade.store, charts=False))
    doc = parse_html(html)
    for key, day in (("coup", "18 Aug 2020"), ("june5", "5 Jun 2020"), ("killings", "7 Feb 2020")):
        ev = handmade.events[key]
        block = doc.text_by_id[f"ev-hm-{key}"]
        assert day in block
        assert ev.reports[0].quote in block
        assert ev.place.location in block
    # the coup's soldiers seizing the president, in the event log
    assert "seized President Keita" in doc.text_by_id["ev-hm-coup"]


def test_single_source_and_reused_text_are_marked(handmade):
    doc = parse_html(render_html(build_report(handmade.store, charts=False)))
    boycott = doc.text_by_id["ev-hm-boycott"]  # two reports, the second copies the first
    assert "Single independent source" in boycott
    assert "Rests on reused text only" not in boycott
    kayes = doc.text_by_id["ev-hm-kayes"]  # its only report copies another article
    assert "Rests on reused text only" in kayes and "Single independent source" in kayes
    june5 = doc.text_by_id["ev-hm-june5"]  # two outlets, independently
    assert "2 independent sources" in june5 and "Single independent source" not in june5


def test_key_events_are_the_most_severe_and_the_best_corroborated(handmade):
    content = build_report(handmade.store, charts=False)
    recs = event_records(handmade.store, EventFilter())
    deadliest = max(recs, key=lambda r: expected_fatalities(r)[1])
    most_sources = max(recs, key=lambda r: r["independent_sources"])
    keys = {k["id"]: k for k in content.key_events}
    assert "Most severe" in keys[deadliest["event_id"]]["why"]
    assert "Best corroborated" in keys[most_sources["event_id"]]["why"]
    html = render_html(content)
    doc = parse_html(html)
    card = doc.text_by_id["key-ev-" + deadliest["event_id"]]
    for rep in deadliest["reports"]:
        assert rep["quote"] in card
        assert rep["source"] in card  # the outlet's name with each quote
    assert deadliest["actor1"] in card and deadliest["location"] in card


def test_actor_tables_count_initiators_and_targets(handmade):
    recs = event_records(handmade.store, EventFilter())
    content = build_report(handmade.store, charts=False)
    first = Counter(r["actor1"] for r in recs if r["actor1"])
    second = Counter(r["actor2"] for r in recs if r["actor2"])
    assert {a["actor"]: a["events"] for a in content.actors["initiators"]} == dict(first)
    assert {a["actor"]: a["events"] for a in content.actors["targets"]} == dict(second)
    assert content.actors["initiators"][0]["actor"] == first.most_common(1)[0][0]


def test_sources_count_reports_and_show_who_reused_whom(handmade):
    recs = event_records(handmade.store, EventFilter())
    per_outlet = Counter(rep["source"] for r in recs for rep in r["reports"])
    content = build_report(handmade.store, charts=False)
    assert {o["outlet"]: o["reports"] for o in content.sources["outlets"]} == dict(per_outlet)
    pairs = {(p["later"]["outlet"], p["origin"]["outlet"]) for p in content.sources["reuse"]}
    assert ("Bamako Daily", "Sahel Courier") in pairs
    assert ("Copy Desk <b>News</b>", "West Africa Wire") in pairs
    html = render_html(content)
    assert "Text reuse: who reused whom" in html
    assert "Copy Desk &lt;b&gt;News&lt;/b&gt;" in html


def test_method_note_states_period_and_filters(handmade):
    html = render_html(build_report(handmade.store, country="Mali", since=date(2020, 6, 1), until=date(2020, 8, 31),
                                    charts=False))
    method = parse_html(html).text_by_id["method"]
    assert "country Mali" in method and "2020-06-01" in method and "2020-08-31" in method
    assert "independent sources" in method.lower() and "1 Mar 2020 – 31 May 2020" in method


def test_empty_selection_still_makes_a_report(handmade, tmp_path):
    out = tmp_path / "empty.html"
    write_report(handmade.store, out, country="Atlantis")
    html = out.read_text(encoding="utf-8")
    assert figure(html, "events") == 0 and "No events" in html


def test_markdown_has_the_same_sections_and_charts_beside_it(handmade, tmp_path):
    out = tmp_path / "brief.md"
    written = write_report(handmade.db, out, fmt="md", country="Mali")
    text = out.read_text(encoding="utf-8")
    for heading in ("## Key points", "## Headline figures", "### Events by type", "## Timeline", "## Map",
                    "## Key events", "## Actors", "## Sources", "### Text reuse: who reused whom", "## Event log",
                    "## Method"):
        assert heading in text
    svgs = [p for p in written if p.suffix == ".svg"]
    assert {p.name for p in svgs} == {"brief.timeline.svg", "brief.map.svg"}
    for p in svgs:
        assert f"]({p.name})" in text and p.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    recs = event_records(handmade.store, EventFilter(country="Mali"))
    assert f"| Events | {len(recs)} |" in text
    # untrusted text is neutralised in Markdown too
    assert "<script>" not in text and "<img src=x" not in text and "&lt;img src=x" in text


def test_markdown_renders_without_charts(handmade):
    text = render_markdown(build_report(handmade.store, charts=False), {})
    assert "## Timeline" in text and "](" not in text.split("## Timeline")[1].split("## Key events")[0]
