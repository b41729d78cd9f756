"""The shared spaCy pipeline multiplies matrices with numpy (OpenBLAS, one thread) instead of thinc's
BLIS kernels (extract/nlp.py): a speed choice that must not change a single tag, arc or entity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
from thinc.api import NumpyOps  # noqa: E402
from threadpoolctl import threadpool_info  # noqa: E402


EVAL = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "eval" / "eval_articles.jsonl"


def _view(doc):
    return ([(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc],
            [(e.start_char, e.end_char, e.label_) for e in doc.ents])


def test_every_layer_uses_numpy_and_blas_runs_one_thread(nlp):
    nodes = [node for _, p in nlp.pipeline if getattr(p, "model", None) is not None and hasattr(p.model, "walk")
             for node in p.model.walk()]
    assert nodes and all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nodes)
    # numpy's own BLAS (what thinc's NumpyOps multiplies with); libraries loaded later by other code
    # (scipy's copy, when a test imports scikit-learn) are not ours to limit
    numpy_blas = [i for i in threadpool_info() if i["user_api"] == "blas" and "numpy" in i["filepath"]]
    assert numpy_blas and all(i["num_threads"] == 1 for i in numpy_blas)


def test_same_analyses_as_spacys_default_ops(nlp):
    default = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    assert any(getattr(n.ops, "use_blis", False) for _, p in default.pipeline
               if getattr(p, "model", None) is not None and hasattr(p.model, "walk") for n in p.model.walk())
    texts = [json.loads(line)["text"] for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) >= 20
    names = [n for n in default.pipe_names if n in nlp.pipe_names and n != "attribute_ruler"]
    with default.select_pipes(enable=names), nlp.select_pipes(enable=names):
        for a, b in zip(default.pipe(texts), nlp.pipe(texts)):
            assert _view(a) == _view(b)
