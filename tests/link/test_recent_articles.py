"""Reuse alignment reads the candidates this ingest just stored from memory (Pipeline._recent), older
ones from the database: the same reuse either way."""

from __future__ import annotations

from eventcoder.pipeline import Pipeline
from eventcoder.store.repo import Store

WIRE = ("Police in Sarh fired tear gas on Thursday to break up a march by several thousand people protesting "
        "against fuel prices, witnesses said. The opposition leader said the security forces had used excessive "
        "force against peaceful marchers in the capital.")


def _write(path, name, text, day):
    f = path / name
    f.write_text(f"Published: 2025-03-{day:02d}\n\n{text}\n", encoding="utf-8")
    return f


def test_recent_articles_come_from_memory_older_ones_from_the_store(tmp_path, monkeypatch):
    db = tmp_path / "a.db"
    first = _write(tmp_path, "a.txt", WIRE, 6)
    copy = _write(tmp_path, "b.txt", "Traders closed their shops on Friday. " + WIRE, 7)
    pipe = Pipeline(db)
    reads = []
    real = pipe.store.get_articles
    monkeypatch.setattr(pipe.store, "get_articles", lambda ids: reads.append(list(ids)) or real(ids))
    pipe.ingest([str(first), str(copy)])
    assert reads == []  # the candidate was stored by this pipeline: no read back
    pairs = Store(db).reuse_pairs()
    assert len(pairs) == 1 and pairs[0].direction_known

    # a new pipeline (another run) reads its candidates from the database, and finds the same reuse
    later = _write(tmp_path, "c.txt", "Shops stayed shut on Saturday. " + WIRE, 8)
    pipe2 = Pipeline(db)
    monkeypatch.setattr(pipe2.store, "get_articles", lambda ids: reads.append(list(ids)) or real(ids))
    pipe2.ingest([str(later)])
    assert reads and len(reads[0]) == 2
    assert len(Store(db).reuse_pairs()) == 3
