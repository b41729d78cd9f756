"""How merge cost grows with the number of mentions.

    .venv/bin/python benchmarks/bench_merge.py            # 1k, 10k, 100k
    .venv/bin/python benchmarks/bench_merge.py 1000 20000 # any sizes
    .venv/bin/python benchmarks/bench_merge.py --baseline 1000 10000 30000
                      # the same rules without the inverted index: every mention
                      # compared with every cluster of its country and the
                      # neighbouring 32-day blocks (the previous greedy), for comparison

Synthetic mentions (``eventcoder.link.synthetic``) in a fixed world of 40
countries over two years, so the density of events per country and month
grows with N, as it does when a corpus grows. Times ``dedupe.link`` (clustering
plus building the events; CPU time, wall time shown too) and prints the growth ratio between consecutive
sizes: near-linear means ~10x time for 10x mentions (quadratic would be ~100x).
Also prints pairwise precision/recall against the synthetic truth.
"""

from __future__ import annotations

import gc
import math
import sys
import time
from collections import Counter

from eventcoder.link import dedupe
from eventcoder.link.synthetic import synthetic_mentions


def pairwise(clusters) -> tuple[float, float]:
    """Pairwise precision and recall of the clusters against the true event ids (in ``date_note``)."""
    same_pred = same_both = 0
    truth_sizes: Counter = Counter()
    for c in clusters:
        same_pred += len(c) * (len(c) - 1) // 2
        for k in Counter(m.date_note for m in c).values():
            same_both += k * (k - 1) // 2
        for m in c:
            truth_sizes[m.date_note] += 1
    same_true = sum(k * (k - 1) // 2 for k in truth_sizes.values())
    return same_both / max(1, same_pred), same_both / max(1, same_true)


class BlockScan(dedupe.MentionIndex):
    """The previous candidate search: everything in the same country and the neighbouring 32-day blocks."""

    def __init__(self) -> None:
        super().__init__()
        self._blocks: dict[tuple, list[int]] = {}

    def add(self, f):
        n = len(self.items)
        self.items.append(f)
        block = f.day // dedupe.BLOCK_DAYS if f.day is not None else None
        self._blocks.setdefault((f.country, block), []).append(n)
        return n

    def query(self, f):
        if f.day is None:
            return list(self._blocks.get((f.country, None), []))
        b = f.day // dedupe.BLOCK_DAYS
        return [n for k in (b - 1, b, b + 1) for n in self._blocks.get((f.country, k), [])]


def main(sizes: list[int]) -> None:
    print(f"{'mentions':>9} {'events':>8} {'cpu s':>7} {'wall s':>7} {'us/mention':>10} {'growth':>7} {'x size':>6} "
          f"{'precision':>9} {'recall':>7}")
    prev = None
    times = []
    for n in sizes:
        mentions = synthetic_mentions(n, seed=1)
        gc.collect()
        gc.freeze()  # the input is not the merge's garbage: keep the collector from rescanning it
        t0, w0 = time.process_time(), time.perf_counter()
        clusters = dedupe.cluster(mentions)
        events = [dedupe.build_event(c) for c in clusters]
        dt, wall = time.process_time() - t0, time.perf_counter() - w0
        gc.unfreeze()
        p, r = pairwise(clusters)
        growth = f"{dt / prev[1]:.1f}x" if prev else "-"
        size = f"{n / prev[0]:.0f}x" if prev else "-"
        print(f"{n:>9} {len(events):>8} {dt:>7.2f} {wall:>7.2f} {dt / n * 1e6:>10.1f} {growth:>7} {size:>6} {p:>9.3f} {r:>7.3f}")
        times.append((n, dt))
        prev = (n, dt)
    if len(times) > 1:
        (n0, t0), (n1, t1) = times[0], times[-1]
        exponent = math.log(t1 / t0) / math.log(n1 / n0)
        print(f"overall: {n1 / n0:.0f}x mentions -> {t1 / t0:.0f}x time (cost ~ N^{exponent:.2f}; quadratic would be "
              f"{(n1 / n0) ** 2:.0f}x)")


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--baseline" in args:
        args.remove("--baseline")
        dedupe.MentionIndex = BlockScan  # type: ignore[misc]
        print("baseline: block scan, no inverted index")
    main([int(a) for a in args] or [1_000, 10_000, 100_000])
