"""Reuse candidates are ranked by the database exactly as the rule says, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from eventcoder.link import reuse
from eventcoder.model import Article
from eventcoder.store import repo
from eventcoder.store.repo import Store

BASE = [
    "Police in {c} fired tear gas on Thursday to break up a march by several thousand people protesting against fuel prices.",
    "Hours earlier the government confirmed that soldiers had been killed in fighting with rebels in the far north.",
    "The opposition leader said the security forces had used excessive force against peaceful marchers in the capital.",
    "Traders closed their shops in the central market and taxi drivers joined a strike called by the transport union.",
]


def _article(n: int, sentences: list[str]) -> Article:
    return Article.from_text("\n\n".join(sentences), source=f"Outlet {n}", title=f"Story {n}")


def _reference(store: Store, article_id: str, sigs) -> list[str]:
    """The rule in plain Python: distinct (my sentence, their sentence) pairs sharing a band."""
    from sqlalchemy import select

    from eventcoder.store import schema as t

    mine: dict[str, set[int]] = {}
    for s in sigs:
        for b in s.bands:
            mine.setdefault(b, set()).add(s.index)
    pairs: dict[str, set[tuple[int, int]]] = {}
    with store.engine.connect() as c:
        for band, other, j in c.execute(select(t.sentence_bands.c.band, t.sentence_bands.c.article_id,
                                               t.sentence_bands.c.sentence)):
            if other != article_id and band in mine:
                pairs.setdefault(other, set()).update((i, j) for i in mine[band])
    return sorted(pairs, key=lambda a: (-len(pairs[a]), a))


@pytest.mark.parametrize("chunk_rows", [4000, 40])
def test_candidates_are_ranked_by_shared_sentence_pairs(db_url, monkeypatch, chunk_rows):
    monkeypatch.setattr(repo, "_VALUES_ROWS", chunk_rows)  # 40: several queries per article, summed
    store = Store(db_url)
    # stored articles reuse 0..4 of the new article's sentences
    for n in range(5):
        a = _article(n, [s.format(c="Accra") for s in BASE[:n]] + [f"Unrelated sentence number {n} about the weather and crops in the valley."])
        assert store.add_article(a, [], reuse.signatures(a))
    new = _article(9, [s.format(c="Accra") for s in BASE])
    sigs = reuse.signatures(new)
    expected = _reference(store, new.article_id, sigs)
    assert len(expected) == 4  # the article sharing nothing is not a candidate
    # the writing handle (on SQLite it counts what it stored in memory: tests/link/test_recent_bands.py)
    # and a handle keeping nothing in memory, for which the database counts every row
    alone = Store(db_url)
    alone._recent_bands = None
    for s in (store, alone):
        assert s.reuse_candidates(new.article_id, sigs) == expected
        assert s.reuse_candidates(new.article_id, sigs, limit=2) == expected[:2]
        assert s.reuse_candidates(new.article_id, []) == []


def test_band_ids_are_checked_before_they_reach_sql(tmp_path):
    store = Store(str(tmp_path / "x.db"))
    bad = reuse.SentenceSig(0, 0, 10, "x", set(), ["0:ab'); DROP TABLE articles; --"])
    with pytest.raises(ValueError, match="not an LSH band id"):
        store.reuse_candidates("a", [bad])


def test_band_ids_do_not_change_between_versions():
    """Stored databases hold these bands: a new version must compute the same ones for the same sentence."""
    a = Article.from_text("Police in Accra fired tear gas on Thursday to break up a march by several thousand people.")
    bands = reuse.signatures(a)[0].bands
    assert len(bands) == reuse.BANDS == 32
    assert bands[:3] == ["0:0ccef51febc2cf51", "1:e63a30a362024623", "2:8162df3a42afa543"]
    assert bands[-1] == "31:b77ba4ab83c47d9a"
