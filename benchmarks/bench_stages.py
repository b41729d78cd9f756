"""Where the time goes, and what the prefilter buys: per-stage throughput in one process,
and extraction quality with and without the prefilter.

On ``--articles`` generated articles (``make_corpus.py``), in this process, after loading the models:

* read + clean (``eventcoder.ingest.read`` over the JSONL file);
* extract with the trigger prefilter (the default) and without it (every sentence through the stages);
* the share of sentences the prefilter keeps;
* reuse signatures (``link.reuse.signatures``).

Then the evaluation (``eventcoder.evaluation.evaluate_events``) with and without the prefilter on the
shipped gold set: quality must not change. Falls back to typing scores when that module is absent.

Usage::

    python benchmarks/bench_stages.py --articles 300
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import DEFAULT_CORPUS_DIR, ensure_corpus, table  # noqa: E402


def timed(fn, *a, **kw):
    t0 = time.perf_counter()
    out = fn(*a, **kw)
    return out, time.perf_counter() - t0


def stages(n: int, directory: Path) -> dict:
    from eventcoder.extract import detect
    from eventcoder.extract.extractor import Extractor
    from eventcoder.extract.sentences import split_sentences
    from eventcoder.ingest import read
    from eventcoder.link import reuse
    from eventcoder.model import Article

    corpus = ensure_corpus(n, directory)
    (arts, t_read) = timed(lambda: [a for a in read(str(corpus)) if isinstance(a, Article)])
    t0 = time.perf_counter()
    on, off = Extractor(prefilter=True), Extractor(prefilter=False)
    on.extract(arts[0]), off.extract(arts[0])  # load the models before timing
    t_load = time.perf_counter() - t0
    m_on, t_on = timed(lambda: [on.extract(a) for a in arts])
    m_off, t_off = timed(lambda: [off.extract(a) for a in arts])
    _, t_sig = timed(lambda: [reuse.signatures(a) for a in arts])
    sents = [s.text for a in arts for s in split_sentences(a.text)]
    kept = sum(detect.is_candidate(s) for s in sents)
    same = sum(len(a) for a in m_on), sum(len(b) for b in m_off)
    return {"articles": len(arts), "sentences": len(sents), "kept_by_prefilter": kept,
            "kept_share": round(kept / max(1, len(sents)), 3), "model_load_seconds": round(t_load, 1),
            "read_clean_per_s": round(len(arts) / t_read, 1), "extract_prefilter_per_s": round(len(arts) / t_on, 1),
            "extract_no_prefilter_per_s": round(len(arts) / t_off, 1), "signatures_per_s": round(len(arts) / t_sig, 1),
            "mentions_prefilter": same[0], "mentions_no_prefilter": same[1]}


def quality() -> dict:
    try:
        from eventcoder.evaluation import evaluate_events
    except ImportError:
        from eventcoder.extract import classify as c

        rows = c.read_labelled(c.DATA_DIR / "dev.tsv")
        res = c.score([(t, lab) for _, t, lab in rows])
        return {"kind": "typing (eventcoder evaluate): evaluation.py not present", "accuracy": res["accuracy"],
                "macro_f1": res["macro_f1"]}
    out = {"kind": "events (eventcoder evaluate --events)"}
    for flag in (True, False):
        r, secs = timed(evaluate_events, prefilter=flag)
        out["prefilter" if flag else "no_prefilter"] = {
            "seconds": round(secs, 1), "events": r["events_all_modalities"], "occurred": r["events_occurred"],
            "field_accuracy": r["field_accuracy"]}
    return out


def render(s: dict, q: dict) -> str:
    lines = [table([
        ["read + clean", f"{s['read_clean_per_s']}"],
        ["extract, prefilter on (default)", f"{s['extract_prefilter_per_s']}"],
        ["extract, prefilter off", f"{s['extract_no_prefilter_per_s']}"],
        ["reuse signatures", f"{s['signatures_per_s']}"],
    ], ["stage (one process, models loaded)", "articles/s"])]
    lines.append(f"prefilter keeps {s['kept_by_prefilter']} of {s['sentences']} sentences ({s['kept_share']:.0%}); "
                 f"mentions {s['mentions_prefilter']} with it, {s['mentions_no_prefilter']} without; "
                 f"model load {s['model_load_seconds']} s")
    if "prefilter" in q:
        rows = []
        for k in ("prefilter", "no_prefilter"):
            e, o = q[k]["events"], q[k]["occurred"]
            rows.append([k.replace("_", " "), f"{e['precision']:.3f}", f"{e['recall']:.3f}", f"{e['f1']:.3f}",
                         f"{o['f1']:.3f}", " ".join(f"{f}={v:.2f}" for f, v in q[k]["field_accuracy"].items() if v is not None)])
        lines.append(table(rows, ["evaluate --events", "P", "R", "F1", "F1 occurred", "field accuracy"]))
    else:
        lines.append(f"{q['kind']}: accuracy {q['accuracy']:.3f}, macro F1 {q['macro_f1']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=300)
    ap.add_argument("--dir", type=Path, default=DEFAULT_CORPUS_DIR)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    s, q = stages(args.articles, args.dir), quality()
    print(json.dumps({"stages": s, "quality": q}, indent=1) if args.json else render(s, q))
    return 0


if __name__ == "__main__":
    sys.exit(main())
