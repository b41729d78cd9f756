"""How merge cost grows with the number of mentions.

    .venv/bin/python benchmarks/bench_merge.py            # 1k, 10k, 100k
    .venv/bin/python benchmarks/bench_merge.py 1000 20000 # any sizes

Synthetic mentions (``eventcoder.link.synthetic``) in a fixed world of 40
countries over two years, so the density of events per country and month
grows with N, as it does when a corpus grows. Times ``dedupe.link`` (clustering
plus building the events) and prints the growth ratio between consecutive
sizes: near-linear means ~10x time for 10x mentions (quadratic would be ~100x).
Also prints pairwise precision/recall against the synthetic truth.
"""

from __future__ import annotations

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


def main(sizes: list[int]) -> None:
    print(f"{'mentions':>9} {'events':>8} {'link s':>8} {'us/mention':>10} {'growth':>7} {'x size':>6} {'precision':>9} {'recall':>7}")
    prev = None
    for n in sizes:
        mentions = synthetic_mentions(n, seed=1)
        t0 = time.perf_counter()
        clusters = dedupe.cluster(mentions)
        events = [dedupe.build_event(c) for c in clusters]
        dt = time.perf_counter() - t0
        p, r = pairwise(clusters)
        growth = f"{dt / prev[1]:.1f}x" if prev else "-"
        size = f"{n / prev[0]:.0f}x" if prev else "-"
        print(f"{n:>9} {len(events):>8} {dt:>8.2f} {dt / n * 1e6:>10.1f} {growth:>7} {size:>6} {p:>9.3f} {r:>7.3f}")
        prev = (n, dt)
    if len(sizes) > 1:
        first_n, last_n = sizes[0], sizes[-1]
        print(f"overall: {last_n / first_n:.0f}x mentions")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
