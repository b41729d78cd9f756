"""End to end with the real extractor: ingest order does not change the events; the seed reuse is found.

The seed articles are read in place from ../shared/seeds (skipped when absent);
nothing of their text is kept in the project. What the extractor finds in each
article is others' work and changes: the event-level seed checks below hold
*whenever* the extractor yields the mentions, and skip (saying so) otherwise.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventcoder.model import to_jsonable
from eventcoder.pipeline import Pipeline
from eventcoder.queries import reuse_records

SEEDS = Path("/work/shared/seeds")
JUNE_SEED = SEEDS / "001_6dff0cb9d0f146f5.txt"
AUGUST_SEED = SEEDS / "000_2acd1dbdbc1249de.txt"
AUGUST_PUBLISHED = date(2020, 8, 19)
CORPUS = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "sample_corpus"
DEMONSTRATION = {"Protests", "Riots"}


def need_seeds():
    if not (JUNE_SEED.exists() and AUGUST_SEED.exists()):
        pytest.skip("seed articles are not available")


def snapshot(p: Pipeline) -> dict:
    events = {}
    for e, status in p.store.events():
        rec = to_jsonable(e)
        rec["reports"] = sorted(rec["reports"], key=lambda r: r["mention_id"])
        rec["claims"] = sorted(rec["claims"], key=lambda c: json.dumps(c, sort_keys=True))
        events[e.event_id] = (sorted(r.mention_id for r in e.reports), rec, status)
    return {"events": events, "reuse": reuse_records(p.store)}


def ingest_seeds(db: Path, order: str) -> Pipeline:
    p = Pipeline(db)
    steps = {"june": lambda: p.ingest([str(JUNE_SEED)]),
             "august": lambda: p.ingest([str(AUGUST_SEED)], published=AUGUST_PUBLISHED)}
    for name in order.split(","):
        report = steps[name]()
        assert report.ok, report.errors
    return p


@pytest.fixture(scope="module")
def seeds_in_publication_order(tmp_path_factory):
    need_seeds()
    return ingest_seeds(tmp_path_factory.mktemp("seeds") / "june_first.db", "june,august")


def test_seeds_ingest_order_does_not_change_events(seeds_in_publication_order, tmp_path):
    reverse = ingest_seeds(tmp_path / "august_first.db", "august,june")
    assert snapshot(reverse) == snapshot(seeds_in_publication_order)


def test_seed_reuse_lists_august_reusing_june_with_signs_and_teachers(seeds_in_publication_order):
    p = seeds_in_publication_order
    by_date = {a.published: a for a in p.store.articles()}
    august, june = by_date[AUGUST_PUBLISHED], by_date[date(2020, 6, 22)]
    [rec] = reuse_records(p.store)
    assert (rec["article_id"], rec["reused_from"], rec["direction_known"]) == (august.article_id, june.article_id, True)
    quotes = [ps["quote"] for ps in rec["passages"]]
    assert any("signs" in q for q in quotes)
    assert any("teachers" in q for q in quotes)


def _demonstrations_on(p: Pipeline, day: date):
    return [e for e, _ in p.store.events() if e.event_date == day and e.event_type in DEMONSTRATION]


def test_seed_5_june_protest_reports_from_both_articles_are_one_event(seeds_in_publication_order):
    p = seeds_in_publication_order
    articles = {a.article_id for a in p.store.articles()}
    events = _demonstrations_on(p, date(2020, 6, 5))
    reporting = {r.article_id for e in events for r in e.reports}
    if reporting != articles:
        pytest.skip(f"the extractor finds the 5 June protest in {len(reporting)} of the 2 articles")
    assert len(events) == 1
    assert {r.article_id for r in events[0].reports} == articles


def test_seed_teachers_boycott_is_one_event_with_one_independent_source(seeds_in_publication_order):
    p = seeds_in_publication_order
    articles = {a.article_id for a in p.store.articles()}
    events = [e for e in _demonstrations_on(p, date(2020, 6, 2))
              if any("teachers" in r.quote or "schools" in r.quote for r in e.reports)]
    reporting = {r.article_id for e in events for r in e.reports}
    if reporting != articles:
        pytest.skip(f"the extractor finds the teachers' boycott in {len(reporting)} of the 2 articles")
    assert len(events) == 1
    assert events[0].independent_sources == 1


def corpus_files() -> list[str]:
    return sorted(str(f) for f in CORPUS.iterdir() if f.is_file())


def test_sample_corpus_ingest_order_does_not_change_events(tmp_path):
    files = corpus_files()
    forward = Pipeline(tmp_path / "forward.db")
    for f in files:
        assert forward.ingest([f]).ok
    backward = Pipeline(tmp_path / "backward.db")
    for f in reversed(files):
        assert backward.ingest([f]).ok
    batch = Pipeline(tmp_path / "batch.db")
    assert batch.ingest([str(CORPUS)]).ok
    assert snapshot(forward) == snapshot(backward) == snapshot(batch)
    assert snapshot(forward)["events"]


def test_sample_corpus_reuse_case_is_found_with_direction(tmp_path):
    p = Pipeline(tmp_path / "corpus.db")
    p.ingest([str(CORPUS)])
    names = {a.article_id: Path(a.origin or "").name for a in p.store.articles()}
    pairs = [(names[r["article_id"]], names[r["reused_from"]], r["direction_known"]) for r in reuse_records(p.store)]
    assert pairs == [("afriquetoday_north_clash.md", "sahelwire_teargas_northern_clash.html", True)]
