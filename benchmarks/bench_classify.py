"""Throughput of ``eventcoder classify`` (ID<TAB>TEXT in, ID<TAB>LABEL out).

Runs the command twice on the shipped dev snippets repeated to ``--snippets`` lines: once with a
single line (start-up and model loading) and once with all of them. Reports snippets/s for the
whole command and for the steady state (the difference of the two runs).

Usage::

    python benchmarks/bench_classify.py --snippets 20000
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import DEFAULT_CORPUS_DIR, EVENTCODER, ROOT, median, run  # noqa: E402

DEV = ROOT / "src" / "eventcoder" / "data" / "typing" / "dev.tsv"


def snippets_file(n: int, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"snippets_{n}.tsv"
    rows = [ln.rstrip("\n").split("\t") for ln in DEV.open(encoding="utf-8") if ln.strip() and not ln.startswith("#")]
    texts = [r[1] if len(r) >= 3 else r[0] for r in rows]
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(itertools.islice(itertools.cycle(texts), n)):
            fh.write(f"s{i}\t{t}\n")
    return path


def bench(n: int, rounds: int, directory: Path) -> dict:
    big, one = snippets_file(n, directory), snippets_file(1, directory)
    t_big, t_one = [], []
    for _ in range(rounds):
        for path, acc in ((one, t_one), (big, t_big)):
            res = run(EVENTCODER + ["classify"], stdin_path=path)
            if res.returncode != 0:
                raise SystemExit(f"classify failed:\n{res.stderr[-2000:]}")
            acc.append(res.seconds)
            if path is big:
                assert len(res.stdout.splitlines()) == n, "one label per snippet"
    whole, start = median(t_big), median(t_one)
    return {"snippets": n, "rounds": rounds, "whole_seconds": round(whole, 1), "startup_seconds": round(start, 1),
            "snippets_per_s": round(n / whole),
            # the difference of two timings is noise unless the big run is clearly longer
            "steady_snippets_per_s": round((n - 1) / (whole - start)) if whole - start >= 1.0 else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--snippets", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=DEFAULT_CORPUS_DIR)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    r = bench(args.snippets, args.rounds, args.dir)
    print(json.dumps(r, indent=1) if args.json else
          f"classify: {r['snippets']} snippets in {r['whole_seconds']} s = {r['snippets_per_s']} snippets/s "
          f"(start-up {r['startup_seconds']} s; steady state {r['steady_snippets_per_s'] or '-'} snippets/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
