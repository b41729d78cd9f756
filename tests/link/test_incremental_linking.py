"""Linking inside the pipeline: incremental (B after A updates A's events) and independent of ingest order.

The per-article extractor is replaced by a stub that reports hand-made
mentions wherever their quote occurs, so these tests see only linking.
The two articles mirror the seed case (a June report, an August article that
paraphrases two of its paragraphs) in invented words.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from eventcoder.model import EventMention, Place, Span, to_jsonable
from eventcoder.pipeline import Pipeline
from eventcoder.queries import reuse_records

KADARA = Place("Kadara", "Testland", iso3="TST", admin1="Capital", geo_precision=1)
TESTLAND = Place("Testland", "Testland", iso3="TST", geo_precision=3)

JUNE = {
    "id": "june", "published": "2024-06-22", "source": "Weekly Worker", "title": "Kadara rally",
    "text": (
        "Tens of thousands rallied in Kadara on Friday to demand the resignation of the president. It was the second "
        "mass rally this month, after a first march through Kadara on June 5.\n\n"
        "The marchers carried banners demanding the release of jailed journalists, free medicine for the poor and an "
        "end to the curfew imposed on the northern districts.\n\n"
        "The ministry had ordered the schools of Kadara to reopen on June 3 despite the epidemic, but thousands of "
        "teachers boycotted their classrooms and stayed at home. They asked for masks and soap in every classroom and "
        "the salary rise that the cabinet had promised three years ago but never delivered."
    ),
}
AUGUST = {
    "id": "august", "published": "2024-08-19", "source": "Socialist Paper", "title": "President falls",
    "text": (
        "The president of Testland resigned on Tuesday after officers detained him at his residence.\n\n"
        "A huge crowd marched in Kadara on 5 June, led by the imam of the great mosque.\n\n"
        "Marchers carried banners demanding the release of jailed journalists and free medicine for the poor.\n\n"
        "The ministry ordered the schools of Kadara to reopen on 3 June, despite the epidemic. But thousands of "
        "teachers refused to come to work. They asked for masks in every classroom and the salary rise that the "
        "cabinet had promised three years ago but never delivered."
    ),
}
OTHER = {
    "id": "other", "published": None, "source": "Night Desk", "title": "Kadara march",
    "text": "Organisers said a crowd of several thousand marched in Kadara on Friday 21 June, filling the main avenue.",
}

PROTEST = dict(event_type="Protests", sub_event_type="Peaceful protest")
# quote -> fields of the mention the stub reports for it
SPECS = {
    "Tens of thousands rallied in Kadara on Friday": dict(day=date(2024, 6, 21), crowd_size="tens of thousands", **PROTEST),
    "after a first march through Kadara on June 5": dict(day=date(2024, 6, 5), **PROTEST),
    "thousands of teachers boycotted their classrooms": dict(day=date(2024, 6, 3), **PROTEST),
    "A huge crowd marched in Kadara on 5 June": dict(day=date(2024, 6, 5), **PROTEST),
    "But thousands of teachers refused to come to work": dict(day=date(2024, 6, 3), place=TESTLAND, **PROTEST),
    "The president of Testland resigned on Tuesday": dict(day=date(2024, 8, 13), event_type="Strategic developments",
                                                          sub_event_type="Change to group/activity"),
    "a crowd of several thousand marched in Kadara on Friday 21 June": dict(day=date(2024, 6, 21),
                                                                            crowd_size="several thousand", **PROTEST),
}


class StubExtractor:
    """Reports the SPECS mentions wherever their quote occurs in an article."""

    def extract(self, article):
        out = []
        for quote, spec in SPECS.items():
            start = article.text.find(quote)
            if start < 0:
                continue
            spec = dict(spec)
            m = EventMention(
                mention_id=EventMention.make_id(article.article_id, start), article_id=article.article_id,
                quote=Span(article.article_id, start, start + len(quote), quote),
                event_type=spec.pop("event_type"), sub_event_type=spec.pop("sub_event_type"), confidence=0.8,
                event_date=spec.pop("day"), time_precision=1, place=spec.pop("place", KADARA),
                source=article.source, published=article.published, sentence_start=start, actor1="Protesters (Testland)",
            )
            for k, v in spec.items():
                setattr(m, k, v)
            out.append(m)
        return out


def write(tmp_path: Path, doc: dict) -> str:
    path = tmp_path / f"{doc['id']}.jsonl"
    path.write_text(json.dumps({k: v for k, v in doc.items() if k != "id"}) + "\n", encoding="utf-8")
    return str(path)


def pipeline(tmp_path: Path, name: str) -> Pipeline:
    return Pipeline(tmp_path / f"{name}.db", extractor=StubExtractor())


def snapshot(p: Pipeline) -> dict:
    """Every event (by id: its sorted mention ids and all its fields) and every reuse pair."""
    events = {}
    for e, status in p.store.events():
        rec = to_jsonable(e)
        rec["reports"] = sorted(rec["reports"], key=lambda r: r["mention_id"])
        rec["claims"] = sorted(rec["claims"], key=lambda c: json.dumps(c, sort_keys=True))
        events[e.event_id] = (sorted(r.mention_id for r in e.reports), rec, status)
    return {"events": events, "reuse": reuse_records(p.store)}


def event_with(p: Pipeline, quote_part: str):
    [event] = [e for e, _ in p.store.events() if any(quote_part in r.quote for r in e.reports)]
    return event


def test_ingesting_b_after_a_updates_a_events(tmp_path):
    p = pipeline(tmp_path, "db")
    p.ingest([write(tmp_path, JUNE)])
    before = event_with(p, "teachers boycotted")
    assert len(before.reports) == 1
    p.ingest([write(tmp_path, AUGUST)])
    after = event_with(p, "teachers boycotted")
    assert after.event_id == before.event_id  # A's event, now with B's report
    assert sorted(r.source for r in after.reports) == ["Socialist Paper", "Weekly Worker"]


def test_seed_mirror_teachers_boycott_is_one_event_with_one_independent_source(tmp_path):
    p = pipeline(tmp_path, "db")
    p.ingest([write(tmp_path, JUNE)])
    p.ingest([write(tmp_path, AUGUST)])
    boycott = event_with(p, "teachers boycotted")
    assert len(boycott.reports) == 2
    assert boycott.independent_sources == 1
    copied = next(r for r in boycott.reports if r.source == "Socialist Paper")
    assert copied.independent is False and copied.reused_from == next(
        r.article_id for r in boycott.reports if r.source == "Weekly Worker")


def test_seed_mirror_5_june_protest_is_one_event_with_two_independent_reports(tmp_path):
    p = pipeline(tmp_path, "db")
    p.ingest([write(tmp_path, JUNE)])
    p.ingest([write(tmp_path, AUGUST)])
    march = event_with(p, "June 5")
    assert march.event_date == date(2024, 6, 5)
    assert sorted(r.quote for r in march.reports) == ["A huge crowd marched in Kadara on 5 June",
                                                      "after a first march through Kadara on June 5"]
    assert march.independent_sources == 2


def test_reuse_lists_the_august_article_reusing_the_june_one(tmp_path):
    p = pipeline(tmp_path, "db")
    p.ingest([write(tmp_path, JUNE), write(tmp_path, AUGUST)])
    [rec] = reuse_records(p.store)
    june_id = next(a.article_id for a in p.store.articles() if a.source == "Weekly Worker")
    august = next(a for a in p.store.articles() if a.source == "Socialist Paper")
    assert (rec["article_id"], rec["reused_from"], rec["direction_known"]) == (august.article_id, june_id, True)
    quotes = [ps["quote"] for ps in rec["passages"]]
    assert any("banners" in q for q in quotes) and any("teachers" in q for q in quotes)
    for ps in rec["passages"]:
        assert set(ps) >= {"quote", "source_quote", "start", "end", "similarity"}
        assert august.text[ps["start"]:ps["end"]] == ps["quote"]


def test_ingest_order_does_not_change_events_or_reuse(tmp_path):
    docs = [JUNE, AUGUST, OTHER]
    paths = {d["id"]: write(tmp_path, d) for d in docs}
    results = []
    for n, order in enumerate(itertools.permutations(docs)):
        p = pipeline(tmp_path, f"order{n}")
        for d in order:
            p.ingest([paths[d["id"]]])
        results.append(snapshot(p))
    assert all(r == results[0] for r in results[1:])
    assert len(results[0]["events"]) >= 4


def test_one_batch_and_one_article_at_a_time_give_the_same_events(tmp_path):
    docs = [JUNE, AUGUST, OTHER]
    paths = [write(tmp_path, d) for d in docs]
    batch = pipeline(tmp_path, "batch")
    batch.ingest(paths)
    single = pipeline(tmp_path, "single")
    single.ingest(list(reversed(paths)), link_every=1)
    assert snapshot(batch) == snapshot(single)


@pytest.mark.postgres
def test_postgresql_store_links_like_sqlite_in_any_order(tmp_path, fresh_pg_url):
    docs = [JUNE, AUGUST, OTHER]
    paths = {d["id"]: write(tmp_path, d) for d in docs}
    lite = pipeline(tmp_path, "lite")
    for d in docs:
        lite.ingest([paths[d["id"]]])
    pg = Pipeline(fresh_pg_url, extractor=StubExtractor())
    for d in reversed(docs):
        pg.ingest([paths[d["id"]]])
    assert snapshot(pg) == snapshot(lite)
