"""Peak memory of ``eventcoder ingest`` as the corpus grows: 1k articles, then 100k.

The corpus is streamed (read lazily, at most a few dozen articles in flight), so peak RSS should
not depend on the corpus size. The resident set of the whole process tree (the main process and
any worker processes) is sampled every 0.25 s; a timeline prints the RSS and the articles stored
so far once a minute, so a flat line is visible even when a large run is stopped early.

A full 100k ingest takes hours on a 2-core machine; ``--minutes`` caps each run (the report says
when a run was stopped, and how far it got).

Usage::

    python benchmarks/bench_rss.py --sizes 1000 100000 --minutes 20 --workers 1
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import DEFAULT_CORPUS_DIR, EVENTCODER, PYTHON, ROOT, ensure_corpus, fresh_db, run, table  # noqa: E402


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return c.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def bench(sizes: list[int], workers: int, minutes: float | None, directory: Path, every: float = 60.0,
          mode: str = "ingest") -> list[dict]:
    out = []
    for n in sizes:
        corpus = ensure_corpus(n, directory)
        db = fresh_db(directory, f"rss_{n}_w{workers}.db")
        if mode == "ingest":
            cmd = EVENTCODER + ["ingest", str(corpus), "--db", str(db), "--quiet", "--workers", str(workers)]
        else:  # the per-article half alone: streamed read + extraction, nothing stored
            cmd = [PYTHON, str(ROOT / "benchmarks" / "extract_only.py"), str(corpus), "--workers", str(workers)]
        res = run(cmd, timeout=minutes * 60 if minutes else None, every=every,
                  probe=(lambda: stored(db)) if mode == "ingest" else None)
        if res.returncode != 0 and not res.timed_out:
            raise SystemExit(f"ingest of {n} failed ({res.returncode}):\n{res.stderr[-3000:]}")
        done = stored(db) if mode == "ingest" else (json.loads(res.stdout)["articles"] if res.stdout.strip() else None)
        out.append({"mode": mode, "articles": n, "workers": workers, "stored": done, "seconds": round(res.seconds, 1),
                    "stopped_early": res.timed_out, "peak_rss_mb": res.peak_rss_mb,
                    "peak_main_rss_mb": res.peak_main_rss_mb, "timeline": res.timeline})
        print(f"  {mode} {n} articles: done {done} in {res.seconds:.0f} s, peak RSS {res.peak_rss_mb:.0f} MB"
              + (" (stopped at the time cap)" if res.timed_out else ""), file=sys.stderr, flush=True)
    return out


def render(rows: list[dict]) -> str:
    lines = [table([[r.get("mode", "ingest"), f"{r['articles']:,}", str(r["workers"]),
                     f"{r['stored']:,}" if r["stored"] is not None else "-", f"{r['seconds']:.0f}",
                     "yes" if r["stopped_early"] else "no", f"{r['peak_rss_mb']:.0f}", f"{r['peak_main_rss_mb']:.0f}"]
                    for r in rows],
                   ["mode", "corpus", "workers", "done", "seconds", "stopped at cap", "peak RSS MB (tree)", "main MB"])]
    for r in rows:
        lines.append(f"timeline {r['articles']:,}: " + ", ".join(
            f"{t[0]:.0f}s {t[1]:.0f}MB" + (f" {t[2]} stored" if len(t) > 2 else "") for t in r["timeline"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--minutes", type=float, default=20.0, help="Stop each run after this long (0: no cap).")
    ap.add_argument("--every", type=float, default=60.0, help="Timeline interval, seconds.")
    ap.add_argument("--dir", type=Path, default=DEFAULT_CORPUS_DIR)
    ap.add_argument("--mode", choices=["ingest", "extract"], default="ingest",
                    help="ingest: the whole command; extract: the streamed per-article half alone (extract_only.py).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = bench(args.sizes, args.workers, args.minutes or None, args.dir, args.every, args.mode)
    print(json.dumps(rows, indent=1) if args.json else render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
