"""Ingest throughput against the bare spaCy parse, side by side, alternating A/B runs.

Each round runs, in alternating order, on the same generated corpus (``make_corpus.py``):

* ``eventcoder ingest CORPUS --db FRESH.db --quiet --workers 1`` (read, clean, extract, link, store),
* ``eventcoder ingest ... --workers 2`` (unless ``--no-workers2``),
* ``python benchmarks/bare_spacy.py CORPUS`` (``spacy.load`` + all components + ``nlp.pipe``),
* with ``--bare-processes 2``, also ``bare_spacy.py CORPUS --processes 2`` (spaCy's own ``n_process``),
  the baseline to hold ``--workers 2`` against at equal processes,
* with ``--bare-numpy-ops``, also ``bare_spacy.py CORPUS --numpy-ops``: the bare pipeline with the one
  model-level switch eventcoder makes (numpy/OpenBLAS matrix products instead of BLIS), to show how
  much of the lead that switch alone explains,

each as a whole command (process start and model loading included on both sides). The machine is
shared and noisy, so the figure to quote is the median over rounds of the per-round ratio
``bare_spacy_seconds / ingest_seconds`` (> 1 means ingest is faster).

Usage::

    python benchmarks/bench_ingest.py --articles 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import DEFAULT_CORPUS_DIR, EVENTCODER, PYTHON, ROOT, ensure_corpus, fresh_db, median, run, table  # noqa: E402


def bench(n: int, rounds: int, workers: list[int], directory: Path, corpus: Path | None = None,
          timeout: float | None = None, extract_only: bool = False, bare_processes: tuple[int, ...] = (),
          bare_numpy_ops: bool = False) -> dict:
    corpus = corpus or ensure_corpus(n, directory)
    n = sum(1 for line in corpus.open("rb") if line.strip())
    results: dict[str, list] = {"bare": []}
    keys = ([f"w{w}" for w in workers] + ([f"x{w}" for w in workers] if extract_only else [])
            + [f"p{p}" for p in bare_processes if p > 1] + (["n1"] if bare_numpy_ops else []))
    for k in keys:
        results[k] = []
    tokens = None
    for r in range(rounds):
        order = ["bare"] + keys
        if r % 2:
            order.reverse()  # alternate which side runs first
        for key in order:
            if key == "bare":
                res = run([PYTHON, str(ROOT / "benchmarks" / "bare_spacy.py"), str(corpus)], timeout=timeout)
                if res.returncode == 0 and res.stdout.strip():
                    tokens = json.loads(res.stdout.strip().splitlines()[-1])["tokens"]
            elif key == "n1":
                res = run([PYTHON, str(ROOT / "benchmarks" / "bare_spacy.py"), str(corpus), "--numpy-ops"], timeout=timeout)
            elif key.startswith("p"):
                res = run([PYTHON, str(ROOT / "benchmarks" / "bare_spacy.py"), str(corpus), "--processes", key[1:]],
                          timeout=timeout)
            elif key.startswith("x"):
                res = run([PYTHON, str(ROOT / "benchmarks" / "extract_only.py"), str(corpus), "--workers", key[1:]],
                          timeout=timeout)
            else:
                db = fresh_db(directory, f"bench_{key}.db")
                res = run(EVENTCODER + ["ingest", str(corpus), "--db", str(db), "--quiet", "--workers", key[1:]],
                          timeout=timeout)
            if res.returncode != 0 and not res.timed_out:
                raise SystemExit(f"{key} failed ({res.returncode}):\n{res.stderr[-3000:]}")
            results[key].append(res)
            print(f"  round {r + 1} {key:5s} {res.seconds:8.1f} s  peak RSS {res.peak_rss_mb:7.1f} MB"
                  + ("  (timed out)" if res.timed_out else ""), file=sys.stderr, flush=True)
    out = {"articles": n, "tokens": tokens, "rounds": rounds, "corpus": str(corpus)}
    bare = [x.seconds for x in results["bare"]]
    out["bare_seconds"] = bare
    for key in keys:
        secs = [x.seconds for x in results[key]]
        out[key] = {
            "seconds": [round(s, 1) for s in secs],
            "median_seconds": round(median(secs), 1),
            "articles_per_s": round(n / median(secs), 1),
            "tokens_per_s": round(tokens / median(secs)) if tokens else None,
            "ratio_vs_bare": [round(b / s, 2) for b, s in zip(bare, secs)],
            "median_ratio_vs_bare": round(median([b / s for b, s in zip(bare, secs)]), 2),
            "peak_rss_mb": max(x.peak_rss_mb for x in results[key]),
        }
        same = "bare" if key[1:] == "1" else f"p{key[1:]}"  # the bare parse with as many processes, when measured
        if key[0] in "wx" and same in results:
            pairs = [(b.seconds, s) for b, s in zip(results[same], secs)]
            out[key]["median_ratio_vs_bare_same_processes"] = round(median([b / s for b, s in pairs]), 2)
        if key[0] in "wx" and key[1:] == "1" and "n1" in results:
            out[key]["median_ratio_vs_bare_numpy_ops"] = round(
                median([b.seconds / s for b, s in zip(results["n1"], secs)]), 2)
    out["bare"] = {"median_seconds": round(median(bare), 1), "articles_per_s": round(n / median(bare), 1),
                   "tokens_per_s": round(tokens / median(bare)) if tokens else None,
                   "peak_rss_mb": max(x.peak_rss_mb for x in results["bare"])}
    return out


def render(res: dict) -> str:
    rows = []
    for key in [k for k in res if k[:1] in "wxpn" and isinstance(res[k], dict)] + ["bare"]:
        v = res[key]
        label = {"w": f"eventcoder ingest --workers {key[1:]}", "x": f"read+extract only, {key[1:]} worker(s), no store",
                 "p": f"bare spaCy sm, nlp.pipe n_process={key[1:]}", "n": "bare spaCy sm, numpy/OpenBLAS ops",
                 "b": "bare spaCy sm (all components, nlp.pipe)"}[key[0]]
        same = v.get("median_ratio_vs_bare_same_processes")
        ops = v.get("median_ratio_vs_bare_numpy_ops")
        rows.append([label, f"{v['median_seconds']:.1f}", f"{v['articles_per_s']:.1f}", str(v["tokens_per_s"] or "-"),
                     f"{v['median_ratio_vs_bare']:.2f}x" if key != "bare" else "1.00x",
                     f"{same:.2f}x" if same is not None else "-", f"{ops:.2f}x" if ops is not None else "-",
                     f"{v['peak_rss_mb']:.0f}"])
    head = f"{res['articles']} articles, {res['tokens']} spaCy tokens, median of {res['rounds']} alternating rounds"
    return head + "\n" + table(rows, ["command", "median s", "articles/s", "tokens/s", "speed vs bare",
                                      "vs bare, same processes", "vs bare, numpy ops", "peak RSS MB"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", type=Path, help="Use this JSONL corpus instead of generating one.")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--dir", type=Path, default=DEFAULT_CORPUS_DIR)
    ap.add_argument("--extract-only", action="store_true",
                    help="Also time the per-article half alone (benchmarks/extract_only.py): read + extract, no store.")
    ap.add_argument("--bare-processes", type=int, nargs="*", default=[],
                    help="Also time the bare parse with spaCy's n_process=N (e.g. 2), to compare --workers N with it.")
    ap.add_argument("--bare-numpy-ops", action="store_true",
                    help="Also time the bare parse with numpy/OpenBLAS ops, the matrix backend eventcoder switches to.")
    ap.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = ap.parse_args(argv)
    res = bench(args.articles, args.rounds, args.workers, args.dir, args.corpus, extract_only=args.extract_only,
                bare_processes=tuple(args.bare_processes), bare_numpy_ops=args.bare_numpy_ops)
    print(json.dumps(res, indent=1) if args.json else render(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
