"""Ingest commits in batches: a crash loses only the unfinished batch, and a re-run completes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder import pipeline as pipeline_mod
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.store.repo import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "sample_corpus"


class NoEvents:
    def extract(self, article):
        return []


def test_a_batch_commits_at_its_end_and_rolls_back_on_error(tmp_path):
    store = Store(str(tmp_path / "b.db"))
    a, b = Article.from_text("One story about a march."), Article.from_text("Another story about a strike.")
    with store.batch():
        assert store.add_article(a, [], [])
        assert store.article_id_for_hash(a.content_hash) == a.article_id  # reads see the block's writes
        assert Store(str(tmp_path / "b.db")).count("articles") == 0  # others do not, yet
    assert Store(str(tmp_path / "b.db")).count("articles") == 1
    with pytest.raises(RuntimeError, match="boom"):
        with store.batch():
            store.add_article(b, [], [])
            raise RuntimeError("boom")
    assert store.count("articles") == 1
    with store.batch(), pytest.raises(RuntimeError, match="nest"):
        with store.batch():
            pass


def test_a_crash_keeps_the_committed_batches_and_a_rerun_finishes(tmp_path, monkeypatch):
    db = str(tmp_path / "c.db")
    monkeypatch.setattr(pipeline_mod, "COMMIT_EVERY", 3)
    monkeypatch.setattr(pipeline_mod, "COMMIT_SECONDS", 3600.0)
    store = Store(db)
    calls = {"n": 0}
    real_add = store.add_article

    def failing_add(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 8:
            raise RuntimeError("disk full")
        return real_add(*args, **kw)

    monkeypatch.setattr(store, "add_article", failing_add)
    with pytest.raises(RuntimeError, match="disk full"):
        Pipeline(store=store, extractor=NoEvents()).ingest([str(SAMPLE)])
    assert Store(db).count("articles") == 6  # two batches of 3 committed; the 7th rolled back with its batch
    monkeypatch.setattr(store, "add_article", real_add)
    report = Pipeline(store=store, extractor=NoEvents()).ingest([str(SAMPLE)])
    total = Store(db).count("articles")
    assert total == 6 + len(report.stored) and len(report.stored) > 0 and not report.errors
    assert len(report.duplicates) == 6  # what the first run committed is skipped, not stored twice
