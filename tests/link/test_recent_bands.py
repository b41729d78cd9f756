"""The last articles stored are counted in memory for reuse candidates: the ranking must be the
database's own, whatever happened to the table in between (evictions, other writers, rollbacks)."""

from __future__ import annotations

import random

import pytest

from eventcoder.link import bands, reuse
from eventcoder.link.bands import BandPostings
from eventcoder.model import Article
from eventcoder.store.repo import Store

SENTENCES = [
    "Police in {c} fired tear gas on Thursday to break up a march by several thousand people protesting fuel prices.",
    "Hours earlier the government confirmed that soldiers had been killed in fighting with rebels in {c}.",
    "The opposition leader said the security forces had used excessive force against peaceful marchers in {c}.",
    "Traders closed their shops in the central market of {c} and taxi drivers joined a strike called by the union.",
    "Aid workers in {c} said food stocks would last two more weeks unless the road to the coast reopened soon.",
    "A spokesman for the army in {c} said the attackers had fled towards the border after the clash at dawn.",
    "Residents of {c} told reporters that gunfire had been heard through the night near the old airport road.",
]
CITIES = ["Accra", "Bamako", "Gao", "Mopti", "Kayes", "Sikasso"]


def _article(rng: random.Random, n: int) -> Article:
    picked = rng.sample(SENTENCES, rng.randint(1, 5))
    text = "\n\n".join(s.format(c=rng.choice(CITIES)) for s in picked)
    return Article.from_text(f"{text}\n\nStory number {n} of the day, filed from the desk.", source=f"Outlet {n}")


def _plain_counts(kept: list[tuple[str, list]], sigs, exclude: str) -> dict[str, int]:
    """The rule in plain Python: distinct (my sentence, their sentence) pairs sharing a band."""
    out = {}
    for other, theirs in kept:
        pairs = {(m.index, t.index) for m in sigs for t in theirs if set(m.bands) & set(t.bands)}
        if pairs and other != exclude:
            out[other] = len(pairs)
    return out


@pytest.mark.parametrize("capacity", [1, 3, 50])
def test_postings_count_the_rule_over_the_articles_kept(capacity):
    rng = random.Random(capacity)
    postings = BandPostings(capacity)
    kept: list[tuple[str, list]] = []
    for n in range(40):
        a = _article(rng, n)
        sigs = reuse.signatures(a)
        gone = postings.add(a.article_id, sigs)
        kept.append((a.article_id, sigs))
        assert gone == [k for k, _ in kept[:-capacity]]
        kept = kept[-capacity:]
        assert len(postings) == len(kept) and postings.oldest() == kept[0][0]
        probe = reuse.signatures(_article(rng, 100 + n))
        assert postings.counts(probe, exclude=None) == _plain_counts(kept, probe, None)
        assert postings.counts(sigs, exclude=a.article_id) == _plain_counts(kept, sigs, a.article_id)
    with pytest.raises(ValueError, match="already kept"):
        postings.add(kept[-1][0], kept[-1][1])


def test_compaction_drops_the_postings_of_articles_gone():
    rng = random.Random(5)
    postings = BandPostings(2)
    for n in range(400):  # far more postings gone than the threshold of a compaction
        a = _article(rng, n)
        postings.add(a.article_id, reuse.signatures(a))
    stored = sum(len(codes) for codes in postings._postings.values())
    assert stored <= 2 * max(postings._live, 4096)  # the dead never outnumber the live by more than the threshold
    assert postings._live == sum(n for _, n in postings._slots.values())


def test_a_sentence_number_too_large_for_a_posting_is_refused():
    sig = reuse.SentenceSig(1 << bands.SENTENCE_BITS, 0, 1, "x", set(), ["0:ab"])
    assert not BandPostings.fits([sig])
    with pytest.raises(ValueError):
        BandPostings(2).add("a", [sig])


def _ranked_by_database(db: str, article_id: str, sigs, limit=None) -> list[str]:
    """The same question asked of a handle that keeps nothing in memory: the database counts all."""
    plain = Store(db)
    plain._recent_bands = None
    return plain.reuse_candidates(article_id, sigs, limit=limit)


def test_store_ranks_as_the_database_alone_through_evictions_writers_and_rollbacks(tmp_path, monkeypatch):
    monkeypatch.setattr(bands, "CAPACITY", 4)
    db = str(tmp_path / "x.db")
    store, other = Store(db), Store(db)
    rng = random.Random(11)
    checked = 0
    for n in range(36):
        a = _article(rng, n)
        sigs = reuse.signatures(a)
        if n % 9 == 4:  # another handle (another process, say) writes between our articles
            b = _article(rng, 500 + n)
            assert other.add_article(b, [], reuse.signatures(b))
        if n % 7 == 3:  # a batch that fails: its rows are rolled back
            with pytest.raises(RuntimeError):
                with store.batch():
                    assert store.add_article(a, [], sigs)
                    raise RuntimeError("crash")
            assert store.get_article(a.article_id) is None
        if n % 2:
            with store.batch():
                assert store.add_article(a, [], sigs)
                got = store.reuse_candidates(a.article_id, sigs)
        else:
            assert store.add_article(a, [], sigs)
            got = store.reuse_candidates(a.article_id, sigs)
        assert got == _ranked_by_database(db, a.article_id, sigs)
        assert store.reuse_candidates(a.article_id, sigs, limit=2) == _ranked_by_database(db, a.article_id, sigs, 2)
        probe = reuse.signatures(_article(rng, 900 + n))
        assert store.reuse_candidates("probe", probe) == _ranked_by_database(db, "probe", probe)
        checked += bool(got)
    assert checked > 20  # the corpus shares sentences: most articles have candidates
    assert 0 < len(store._recent_bands.postings) <= 4  # memory was in use to the end


def test_memory_is_in_use_and_the_database_is_asked_only_below_it(tmp_path, monkeypatch):
    monkeypatch.setattr(bands, "CAPACITY", 3)
    store = Store(str(tmp_path / "x.db"))
    rng = random.Random(3)
    arts = [_article(rng, n) for n in range(5)]
    for a in arts:
        assert store.add_article(a, [], reuse.signatures(a))
    recent = store._recent_bands
    assert [a.article_id in recent.postings for a in arts] == [False, False, True, True, True]
    sigs = reuse.signatures(arts[-1])
    with store.engine.connect() as c:
        counts, below = recent.counts(c, sigs, exclude=arts[-1].article_id)
        first_kept = c.exec_driver_sql("SELECT min(rowid) FROM sentence_bands WHERE article_id = ?",
                                       (arts[2].article_id,)).scalar()
    assert below == first_kept > 1
    assert set(counts) <= {a.article_id for a in arts[2:4]}


def test_a_rolled_back_batch_is_forgotten_even_when_another_writer_refills_its_rowids(tmp_path):
    db = str(tmp_path / "x.db")
    store, other = Store(db), Store(db)
    rng = random.Random(8)
    first = _article(rng, 0)
    assert store.add_article(first, [], reuse.signatures(first))
    mine = _article(rng, 1)
    with pytest.raises(RuntimeError):
        with store.batch():
            assert store.add_article(mine, [], reuse.signatures(mine))
            raise RuntimeError("crash")
    # nearly the same text, written by another handle: as many band rows as the rolled-back ones
    theirs = Article.from_text(mine.text.replace("Story number 1 ", "Story number 7 "), source="Another outlet")
    assert theirs.article_id != mine.article_id
    assert other.add_article(theirs, [], reuse.signatures(theirs))
    assert len(reuse.signatures(theirs)) == len(reuse.signatures(mine))
    sigs = reuse.signatures(mine)
    assert store.reuse_candidates("probe", sigs) == _ranked_by_database(db, "probe", sigs)
    assert theirs.article_id in store.reuse_candidates("probe", sigs)
