"""A report over the two real seed articles (read from ../shared/seeds; skipped when missing).

What the extraction makes of them is others' work and will change; these tests say: when the store
holds the coup, the June protests, the February killings and the teachers' boycott, the report
shows them — with their date and passage — and marks how many independent sources each rests on.
The hand-made store (test_report_content.py) checks the same without depending on extraction.
"""

from __future__ import annotations

import pytest
from markupsafe import escape
from report_helpers import figure, parse_html

from eventcoder.queries import EventFilter, event_records
from eventcoder.report import build_report, render_html
from eventcoder.report.content import nice_date
from eventcoder.store.repo import Store


def text_of(rec: dict) -> str:
    return " ".join(rep["quote"] for rep in rec["reports"]).lower()


STORY = {  # what a reader must find: every word must occur in one event's passages (and the month, if given)
    "coup": (("soldiers", "seized"), None),
    "june protests": (("demonstrated",), 6),
    "february killings": (("executed",), 2),
    "teachers' boycott": (("teachers", "schools"), 6),
}


@pytest.fixture(scope="module")
def seeds(seeds_db):
    store = Store(seeds_db)
    content = build_report(store, charts=False)
    html = render_html(content)
    return store, content, html, parse_html(html)


def matching(store: Store, words: tuple[str, ...], month: int | None) -> list[dict]:
    out = []
    for r in event_records(store, EventFilter()):
        if all(w in text_of(r) for w in words) and (month is None or (r["event_date"] or "")[5:7] == f"{month:02d}"):
            out.append(r)
    return out


@pytest.mark.parametrize("name", list(STORY))
def test_the_report_shows_each_part_of_the_story(seeds, name):
    store, _, html, doc = seeds
    words, month = STORY[name]
    found = matching(store, words, month)
    if not found:
        pytest.skip(f"the store holds no event for the {name} (extraction, not the report)")
    for rec in found:
        anchor = "ev-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in rec["event_id"])
        block = doc.text_by_id[anchor]
        assert nice_date(rec["event_date"], rec["time_precision"]) in block
        assert rec["reports"][0]["quote"] in block
        assert str(escape(rec["reports"][0]["quote"])) in html


def test_the_boycott_is_marked_by_its_independent_sources(seeds):
    store, _, _, doc = seeds
    words, month = STORY["teachers' boycott"]
    found = matching(store, words, month)
    if not found:
        pytest.skip("the store holds no teachers' boycott event (extraction, not the report)")
    for rec in found:
        anchor = "ev-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in rec["event_id"])
        block = doc.text_by_id[anchor]
        if rec["independent_sources"] <= 1:
            assert "Single independent source" in block
        else:
            assert f"{rec['independent_sources']} independent sources" in block


def test_seed_report_figures_match_the_store(seeds):
    store, content, html, _ = seeds
    recs = event_records(store, EventFilter())
    assert figure(html, "events") == len(recs)
    best = sum((r["fatalities_best"] if r["fatalities_best"] is not None else r["fatalities"] or 0) for r in recs)
    assert figure(html, "fatalities-best") == best


def test_seed_report_shows_the_reuse_between_the_two_outlets(seeds):
    store, content, html, _ = seeds
    from eventcoder.queries import reuse_records

    pairs = reuse_records(store)
    if not pairs:
        pytest.skip("reuse detection found no shared passage between the seeds")
    later = store.get_article(pairs[0]["article_id"])
    origin = store.get_article(pairs[0]["reused_from"])
    row = next(p for p in content.sources["reuse"] if p["later"]["article_id"] == later.article_id)
    assert row["origin"]["article_id"] == origin.article_id
    assert str(escape(origin.title)) in html and str(escape(later.title)) in html
