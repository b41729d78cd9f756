"""Run every benchmark and print one table (``make bench``).

* ingest vs the bare spaCy parse, at 1 and 2 workers (``bench_ingest.py``);
* peak RSS of ingest as the corpus grows (``bench_rss.py``);
* ``eventcoder classify`` snippets/s (``bench_classify.py``);
* per-stage throughput and the evaluation with and without the prefilter (``bench_stages.py``);
* the other helpers' benchmarks when present (``bench_merge.py``, ``bench_api.py``), output passed through.

Figures are medians of alternating runs on a shared, noisy machine: compare the ratios, not the seconds.

Usage::

    python benchmarks/run_all.py                 # ~20-30 min on 2 cores
    python benchmarks/run_all.py --quick         # a few minutes: 200 articles, 1 round
    python benchmarks/run_all.py --rss-sizes 1000 100000 --rss-minutes 20
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _util import DEFAULT_CORPUS_DIR, PYTHON, ROOT, table  # noqa: E402

OTHERS = ("bench_merge.py", "bench_api.py")  # owned by other parts of the project


def call(script: str, *args: str) -> dict:
    res = subprocess.run([PYTHON, str(HERE / script), *args, "--json"], cwd=ROOT, capture_output=True, text=True)
    sys.stderr.write(res.stderr)
    if res.returncode != 0:
        raise SystemExit(f"{script} failed ({res.returncode})")
    return json.loads(res.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="Small corpus, one round.")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rss-sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--rss-minutes", type=float, default=20.0)
    ap.add_argument("--dir", type=Path, default=DEFAULT_CORPUS_DIR)
    args = ap.parse_args(argv)
    if args.quick:
        args.articles, args.rounds, args.rss_sizes = 200, 1, [200]
    d = ["--dir", str(args.dir)]

    print(f"== ingest vs bare spaCy ({args.articles} articles, {args.rounds} rounds)", file=sys.stderr)
    ing = call("bench_ingest.py", "--articles", str(args.articles), "--rounds", str(args.rounds), "--bare-processes", "2", "--bare-numpy-ops", *d)
    print("== peak RSS", file=sys.stderr)
    rss = call("bench_rss.py", "--sizes", *map(str, args.rss_sizes), "--minutes", str(args.rss_minutes), *d)
    print("== classify", file=sys.stderr)
    cls = call("bench_classify.py", "--snippets", "2000" if args.quick else "20000", "--rounds", str(args.rounds), *d)
    print("== stages and prefilter quality", file=sys.stderr)
    stg = call("bench_stages.py", "--articles", "100" if args.quick else "300", *d)

    rows = []
    for key in [k for k in ing if k.startswith("w") and isinstance(ing[k], dict)]:
        v = ing[key]
        same = v.get("median_ratio_vs_bare_same_processes")
        rows.append([f"ingest --workers {key[1:]}", f"{v['articles_per_s']} articles/s", f"{v['tokens_per_s']} tokens/s",
                     f"{v['median_ratio_vs_bare']:.2f}x bare spaCy (per round: {', '.join(f'{r:.2f}' for r in v['ratio_vs_bare'])})"
                     + (f"; {same:.2f}x bare spaCy with as many processes" if same is not None and key != "w1" else "")
                     + (f"; {v['median_ratio_vs_bare_numpy_ops']:.2f}x bare spaCy with numpy ops"
                        if "median_ratio_vs_bare_numpy_ops" in v else "")])
    b = ing["bare"]
    rows.append(["bare spaCy sm, nlp.pipe", f"{b['articles_per_s']} articles/s", f"{b['tokens_per_s']} tokens/s", "1.00x"])
    for key in [k for k in ing if k[:1] in "pn" and isinstance(ing[k], dict)]:
        v = ing[key]
        rows.append([f"bare spaCy sm, nlp.pipe n_process={key[1:]}" if key[0] == "p" else "bare spaCy sm, numpy/OpenBLAS ops", f"{v['articles_per_s']} articles/s",
                     f"{v['tokens_per_s']} tokens/s", f"{v['median_ratio_vs_bare']:.2f}x"])
    for r in rss:
        rows.append([f"peak RSS, {r['articles']:,} articles, {r['workers']} worker(s)", f"{r['peak_rss_mb']:.0f} MB",
                     f"{r['stored']:,} stored in {r['seconds']:.0f} s", "stopped at the time cap" if r["stopped_early"] else "complete"])
    rows.append(["eventcoder classify", f"{cls['snippets_per_s']} snippets/s", f"steady {cls['steady_snippets_per_s'] or '-'}/s",
                 f"start-up {cls['startup_seconds']} s"])
    s = stg["stages"]
    rows.append(["extract, prefilter on / off", f"{s['extract_prefilter_per_s']} / {s['extract_no_prefilter_per_s']} articles/s",
                 f"keeps {s['kept_share']:.0%} of sentences", f"mentions {s['mentions_prefilter']} / {s['mentions_no_prefilter']}"])
    q = stg["quality"]
    if "prefilter" in q:
        a, o = q["prefilter"]["events"], q["no_prefilter"]["events"]
        rows.append(["evaluate --events F1, prefilter on / off", f"{a['f1']:.3f} / {o['f1']:.3f}",
                     f"P {a['precision']:.3f} / {o['precision']:.3f}", f"R {a['recall']:.3f} / {o['recall']:.3f}"])
    else:
        rows.append(["evaluate (typing)", f"accuracy {q['accuracy']:.3f}", f"macro F1 {q['macro_f1']:.3f}", q["kind"]])
    print(f"\ncorpus: {ing['corpus']} ({ing['articles']} articles, {ing['tokens']} tokens)")
    print(table(rows, ["benchmark", "figure", "", ""]))

    for name in OTHERS:
        path = HERE / name
        if path.exists():
            print(f"\n== {name}")
            sys.stdout.flush()
            subprocess.run([PYTHON, str(path)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
