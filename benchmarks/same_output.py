"""Did a speed change alter what extraction produces? Snapshot, then compare.

Runs the per-article stages (``pipeline.process_article``: extraction + reuse signatures) over the
shipped evaluation articles, the bundled sample corpus and the first ``-n`` generated benchmark
articles, and writes one JSON line per article (its mentions, every field and evidence span, and a
digest of its reuse signatures). ``--check`` re-runs and lists every article whose output differs.
Optionally (``--seeds``) the two seed reports in ``../shared/seeds`` are included.

Usage::

    python benchmarks/same_output.py --write /tmp/before.jsonl -n 300
    ... change the code ...
    python benchmarks/same_output.py --check /tmp/before.jsonl -n 300
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import DEFAULT_CORPUS_DIR, ROOT, ensure_corpus  # noqa: E402


def _articles(n: int, seeds: bool):
    from eventcoder.ingest import read
    from eventcoder.model import Article

    data = ROOT / "src" / "eventcoder" / "data"
    sources = [data / "eval" / "eval_articles.jsonl", data / "sample_corpus"]
    if seeds and (ROOT.parent / "shared" / "seeds").is_dir():
        sources.append(ROOT.parent / "shared" / "seeds")
    if n:
        sources.append(ensure_corpus(n, DEFAULT_CORPUS_DIR))
    for src in sources:
        for a in read(str(src)):
            if isinstance(a, Article):
                yield a


def snapshot(n: int, seeds: bool) -> dict[str, str]:
    from eventcoder.model import to_jsonable
    from eventcoder.pipeline import process_article

    out = {}
    for a in _articles(n, seeds):
        r = process_article(a)
        sigs = [[s.index, s.start, s.end, sorted(s.shingles), s.bands] for s in r.sigs]
        sig = hashlib.sha1(json.dumps(sigs).encode()).hexdigest()
        out[a.article_id] = json.dumps({"mentions": to_jsonable(r.mentions), "signatures": sig}, sort_keys=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", metavar="FILE")
    g.add_argument("--check", metavar="FILE")
    ap.add_argument("-n", type=int, default=300, help="generated benchmark articles to include (default 300)")
    ap.add_argument("--seeds", action="store_true", help="include ../shared/seeds")
    args = ap.parse_args(argv)
    snap = snapshot(args.n, args.seeds)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            for k, v in snap.items():
                f.write(json.dumps({"article": k, "output": v}) + "\n")
        print(f"wrote {len(snap)} article outputs to {args.write}")
        return 0
    before = {}
    with open(args.check, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            before[d["article"]] = d["output"]
    changed = [k for k in before if snap.get(k) != before[k]]
    missing = [k for k in snap if k not in before]
    for k in changed[:20]:
        b, a = json.loads(before[k]), json.loads(snap.get(k, "{}"))
        print(f"CHANGED {k}")
        bm, am = b.get("mentions", []), a.get("mentions", [])
        if len(bm) != len(am):
            print(f"  mentions: {len(bm)} -> {len(am)}")
        for x, y in zip(bm, am):
            for field in sorted(set(x) | set(y)):
                if x.get(field) != y.get(field):
                    print(f"  {x.get('mention_id')} {field}: {str(x.get(field))[:150]} -> {str(y.get(field))[:150]}")
        if b.get("signatures") != a.get("signatures"):
            print("  reuse signatures differ")
    print(f"{len(before)} articles compared: {len(changed)} changed, {len(missing)} new")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
