"""`ingest --workers N`: N processes give the same dataset as one, in bounded memory."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from eventcoder.ingest import ReadError, read
from eventcoder.model import Article
from eventcoder.pipeline import Extracted, Pipeline
from eventcoder.scale import process_chunk, process_map


SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "sample_corpus"


def test_two_workers_store_the_same_events_as_one(sample_db, tmp_path, events_of):
    db = tmp_path / "w2.db"
    report = Pipeline(db).ingest([str(SAMPLE)], workers=2)
    assert report.ok, report.errors
    ref = events_of(sample_db)
    assert ref, "the sample corpus yields events"
    assert events_of(db) == ref


def test_the_order_articles_arrive_in_does_not_change_the_events(sample_db, tmp_path, events_of):
    # workers hand results back in completion order, so the dataset must not depend on it
    files = sorted(str(p) for p in SAMPLE.iterdir())
    db = tmp_path / "reversed.db"
    assert Pipeline(db).ingest(files[::-1]).ok
    assert events_of(db) == events_of(sample_db)


def test_process_map_pulls_articles_lazily_and_returns_every_one():
    sample = [a for a in read(str(SAMPLE)) if isinstance(a, Article)]
    pulled = 0

    def feed():
        nonlocal pulled
        for a in itertools.islice(itertools.cycle(sample), 40):
            pulled += 1
            yield a

    seen_at_first = None
    results = []
    for r in process_map(feed(), workers=2, chunksize=2, max_pending=8):
        if seen_at_first is None:
            seen_at_first = pulled
        results.append(r)
    # at most max_pending articles were read ahead of the first result: the corpus is streamed
    assert seen_at_first is not None and seen_at_first <= 8
    assert len(results) == 40 and all(isinstance(r, Extracted) for r in results)
    # the raw document stays in this process and is put back on the result
    raws = {a.article_id: a.raw for a in sample}
    assert all(r.article.raw == raws[r.article.article_id] for r in results)


def test_a_failing_article_becomes_a_read_error_not_a_crash(monkeypatch):
    from eventcoder.extract.extractor import Extractor

    good = Article.from_text("Police fired tear gas at protesters in Moundou on Monday.", origin="good.txt")
    bad = Article.from_text("This one breaks the extractor.", origin="bad.txt")
    real = Extractor._select

    def flaky(self, article):
        if article.origin == "bad.txt":
            raise ValueError("boom")
        return real(self, article)

    monkeypatch.setattr(Extractor, "_select", flaky)
    out = process_chunk([good, bad, good])  # the chunk's batch fails; each article is then redone alone
    assert isinstance(out[0], Extracted) and isinstance(out[2], Extracted) and out[0].mentions
    assert isinstance(out[1], ReadError) and out[1].origin == "bad.txt" and "ValueError: boom" in out[1].reason


def test_a_dying_worker_loses_only_the_articles_in_flight(monkeypatch):
    # "fork" so the patched stage reaches the workers (the default start method re-imports)

    from eventcoder.extract.extractor import Extractor

    real = Extractor._select

    def fatal(self, article):
        if article.origin == "die.txt":
            os._exit(3)  # a worker killed outright, as by the OOM killer
        return real(self, article)

    monkeypatch.setattr(Extractor, "_select", fatal)
    arts = [Article.from_text(f"Police arrested {n} protesters in Sarh on Monday.", origin=f"a{n}.txt") for n in range(6)]
    arts.insert(3, Article.from_text("Nothing to see.", origin="die.txt"))
    out = list(process_map(arts, workers=2, chunksize=1, max_pending=2, start_method="fork"))
    assert len(out) == 7
    errors = [r for r in out if isinstance(r, ReadError)]
    assert any(e.origin == "die.txt" and "worker process died" in e.reason for e in errors)
    # only articles in flight when the worker died are lost (at most 2 * workers chunks of 1)
    assert all("worker process died" in e.reason for e in errors) and len(errors) <= 4
    assert sum(isinstance(r, Extracted) for r in out) == 7 - len(errors)


@pytest.mark.parametrize("setting, expected", [(None, 5), ("0", 0)])
def test_workers_yield_the_cpu_to_the_storing_process(setting, expected):
    import subprocess
    import sys

    code = ("import os, eventcoder.scale as s; s._safe_warm_up = lambda: None; before = os.nice(0); "
            "s._init_worker(); print(os.nice(0) - before)")
    env = {k: v for k, v in os.environ.items() if k != "EVENTCODER_WORKER_NICE"}
    if setting is not None:
        env["EVENTCODER_WORKER_NICE"] = setting
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert int(out.stdout.strip()) == expected


def test_a_prestarted_pool_is_taken_over_by_process_map():
    from eventcoder import scale

    scale.prestart(2)
    assert (2, scale._mp_context(None).get_start_method()) in scale._PRESTARTED
    arts = [Article.from_text(f"Police arrested {n} protesters in Sarh on Monday.", origin=f"p{n}.txt") for n in range(4)]
    out = list(process_map(arts, workers=2))
    assert not scale._PRESTARTED  # used, not left running beside a second pool
    assert sorted(r.article.origin for r in out if isinstance(r, Extracted)) == [f"p{n}.txt" for n in range(4)]
