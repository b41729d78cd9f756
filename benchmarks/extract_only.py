"""The per-article half of ingest alone: read + clean + extract (+ reuse signatures), no store.

Runs exactly what ``eventcoder ingest`` hands to its workers (``eventcoder.scale.process_map`` for
``--workers`` > 1, ``pipeline.process_stream`` in process for 1), and drops the results. Timed by
``bench_ingest.py --extract-only`` beside the full ingest: the difference is the cross-article work
the ingest process does alone (storing, reuse detection, linking).

Usage::

    python benchmarks/extract_only.py CORPUS.jsonl --workers 2
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time


def _stop(signum, frame):  # bench_rss.py's time cap: report how far we got
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    from eventcoder.ingest import ReadError, read
    from eventcoder.model import Article
    from eventcoder.pipeline import process_stream
    from eventcoder.scale import process_map

    articles = (a for a in read(args.corpus) if isinstance(a, Article))
    if args.workers > 1:
        results = process_map(articles, workers=args.workers)
    else:
        results = process_stream(articles)
    n = errors = mentions = 0
    stopped = False
    signal.signal(signal.SIGTERM, _stop)
    try:
        for r in results:
            n += 1
            if isinstance(r, ReadError):
                errors += 1
            else:
                mentions += len(r.mentions)
    except KeyboardInterrupt:
        stopped = True
    print(json.dumps({"articles": n, "errors": errors, "mentions": mentions, "workers": args.workers,
                      "seconds": round(time.perf_counter() - t0, 2), "stopped": stopped}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
