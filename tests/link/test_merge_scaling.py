"""Merge cost and determinism: the inverted index changes nothing but the cost; the order of input changes nothing."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest

from eventcoder.link import dedupe
from eventcoder.link.synthetic import synthetic_mentions
from eventcoder.model import to_jsonable


class EveryMention(dedupe.MentionIndex):
    """A brute-force 'index' returning everything: the reference the real index must agree with."""

    def query(self, f):
        return range(len(self.items))


def ids(clusters):
    return sorted(sorted(m.mention_id for m in c) for c in clusters)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indexed_clustering_equals_brute_force_greedy_clustering(monkeypatch, seed):
    # a dense world (3 countries, 40 days) so vague dates and places meet many candidates
    mentions = synthetic_mentions(1500, countries=3, days=40, seed=seed)
    fast = ids(dedupe.cluster(mentions))
    monkeypatch.setattr(dedupe, "MentionIndex", EveryMention)
    assert ids(dedupe.cluster(mentions)) == fast


def test_index_returns_every_compatible_mention():
    mentions = synthetic_mentions(800, countries=2, days=30, seed=5)
    feats = [dedupe.features(m) for m in mentions]
    index = dedupe.MentionIndex()
    for f in feats:
        index.add(f)
    for f in feats[:200]:
        found = set(index.query(f))
        assert {n for n, o in enumerate(feats) if dedupe._compatible(f, o)} <= found


def test_clustering_does_not_depend_on_input_order():
    mentions = synthetic_mentions(1200, countries=3, days=40, seed=7)
    shuffled = mentions[:]
    random.Random(3).shuffle(shuffled)

    def events(ms):
        return sorted((to_jsonable(e) for e in dedupe.link(ms)), key=lambda e: e["event_id"])

    assert events(mentions) == events(shuffled)


def test_linking_whole_components_equals_linking_everything():
    """What relink relies on: the components reached from some seeds cluster exactly as in the full run."""
    mentions = synthetic_mentions(1500, countries=3, days=60, seed=11)
    full = {tuple(sorted(m.mention_id for m in c)) for c in dedupe.cluster(mentions)}

    def fetch(country, start, end):
        return [m for m in mentions if dedupe.country_of(m) == country
                and (m.event_date is None if start is None else (m.event_date and start <= m.event_date <= end))]

    seeds = mentions[::97]
    scope = dedupe.expand(seeds, fetch)
    part = {tuple(sorted(m.mention_id for m in c)) for c in dedupe.cluster(list(scope.values()))}
    assert part <= full
    assert {mid for c in part for mid in c} == set(scope)
    assert {s.mention_id for s in seeds} <= set(scope)


def test_merge_cost_grows_near_linearly():
    """10x the mentions must cost far less than 100x the time (quadratic); allow noise, demand < 25x."""
    small = synthetic_mentions(2_000, seed=1)
    large = synthetic_mentions(20_000, seed=1)

    def cost(ms):
        best = None
        for _ in range(2):
            t = time.process_time()
            dedupe.cluster(ms)
            dt = time.process_time() - t
            best = dt if best is None else min(best, dt)
        return best

    ratio = cost(large) / max(cost(small), 1e-3)
    assert ratio < 25, f"10x mentions cost {ratio:.1f}x the time"


def test_block_key_is_country_and_32_day_bucket(mention):
    m = mention("A", 0, day=date(2024, 5, 6))
    assert dedupe.block_key(m) == ("TST", date(2024, 5, 6).toordinal() // 32)
