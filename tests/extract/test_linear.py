"""The exported text models score exactly as the scikit-learn pipelines they come from."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from eventcoder.extract import classify, eventness
from eventcoder.extract.linear import LinearTextModel, _first_occurrences, load_model

TRAIN = [
    ("Police fired tear gas at protesters in the capital on Friday.", "protest"),
    ("Thousands marched peacefully through the city demanding reforms.", "protest"),
    ("Gunmen attacked a village, killing 12 civilians.", "attack"),
    ("Militants ambushed an army convoy near the border.", "attack"),
    ("The two governments signed a ceasefire agreement.", "deal"),
    ("Leaders agreed a peace accord after talks in Addis Ababa.", "deal"),
    ("Soldiers clashed with rebels for hours; 5 fighters died.", "attack"),
    ("Students staged a sit-in outside the ministry.", "protest"),
]
HELD_OUT = [
    "Riot police dispersed a march with water cannon.",
    "Unknown gunmen killed a trader in the market, witnesses said.",
    "A truce was announced on state television.",
    "",
    "x",
    "Ünïcödé façade — “quoted” l'été, naïve café",
    "word " * 300,
    "Tear-gas; tear gas... TEAR GAS!!! 123 4,5",
]


def _fit(features, labels):
    est = Pipeline([("features", features), ("clf", LogisticRegression(C=4.0, max_iter=500, random_state=0))])
    est.fit([t for t, _ in TRAIN], labels)
    return est


@pytest.mark.parametrize("kind", ["word-multiclass", "union-binary", "char-multiclass", "word-trigrams-only"])
def test_exported_model_gives_scikit_learn_probabilities(tmp_path, kind):
    labels = [lab for _, lab in TRAIN]
    if kind == "word-multiclass":
        features = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]+\b")
    elif kind == "union-binary":
        features = FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True)),
                                 ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))])
        labels = [lab == "protest" for lab in labels]
    elif kind == "char-multiclass":
        features = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4))
    else:
        features = TfidfVectorizer(ngram_range=(2, 3), lowercase=False)
    est = _fit(features, labels)
    path = LinearTextModel.export(est, tmp_path / "m.npz")
    ours = load_model(path)
    assert isinstance(ours, LinearTextModel)
    texts = HELD_OUT + [t for t, _ in TRAIN]
    np.testing.assert_allclose(ours.predict_proba(texts), est.predict_proba(texts), rtol=0, atol=1e-12)


def test_unsupported_settings_are_refused(tmp_path):
    est = _fit(TfidfVectorizer(analyzer="char"), [lab for _, lab in TRAIN])
    with pytest.raises(ValueError, match="analyzer"):
        LinearTextModel.export(est, tmp_path / "m.npz")


def test_a_pickled_pipeline_still_loads(tmp_path):
    import joblib

    est = _fit(TfidfVectorizer(), [lab for _, lab in TRAIN])
    joblib.dump(est, tmp_path / "old.joblib")
    assert load_model(tmp_path / "old.joblib").predict_proba(["a march"]).shape == (1, 3)


def test_the_shipped_models_are_arrays_only():
    for path in (classify.MODEL_PATH, eventness.MODEL_PATH):
        with np.load(path, allow_pickle=False) as z:  # would raise on an object array
            assert "coef" in z.files and "meta" in z.files
    assert len(classify.Classifier.load().estimator.classes_) == 30
    assert eventness.EventnessModel.load().proba(["Gunmen killed 12 villagers on Friday."])[0] > 0.5


def test_the_typing_model_is_loaded_without_scikit_learn():
    import subprocess
    import sys

    code = ("import sys; from eventcoder.extract.extractor import Extractor; from eventcoder.model import Article;"
            "ex = Extractor(); ex.extract(Article.from_text('Police fired tear gas at protesters in Bamako on 5 June 2020.'));"
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out.endswith("False")


def _score_alone(model: LinearTextModel, doc: str) -> np.ndarray:
    """One document scored on its own, step by step (as the model did before it batched documents)."""
    parts = []
    for b in model.blocks:
        counted = Counter(j for piece in b.columns(doc) for j in piece)
        c = np.fromiter(counted.keys(), dtype=np.intp, count=len(counted))
        tf = np.fromiter(counted.values(), dtype=np.float64, count=len(counted))
        if b.sublinear_tf:
            tf = np.log(tf) + 1.0
        vals = tf * b.idf[c]
        norm = math.sqrt(float(vals @ vals))
        if norm > 0:
            vals /= norm
        parts.append((c + b.offset, vals))
    cols = np.concatenate([c for c, _ in parts])
    vals = np.concatenate([v for _, v in parts])
    d = model.coef[:, cols] @ vals + model.intercept if len(cols) else model.intercept.copy()
    if len(model.classes_) == 2:
        p = 1.0 / (1.0 + np.exp(-d[0]))
        return np.array([1.0 - p, p])
    e = np.exp(d - d.max())
    return e / e.sum()


def _shipped_texts(n: int) -> list[str]:
    rows = classify.read_labelled(eventness.DATA_DIR / "dev.tsv")
    rows += classify.read_labelled(classify.DATA_DIR / "dev.tsv")
    return [eventness._normalise(t) for _, t, _ in rows[:n]]


@pytest.mark.parametrize("kind", ["union-binary", "word-multiclass", "word-multiclass-c-order", "shipped-typing",
                                  "shipped-eventness"])
def test_a_batch_scores_every_document_exactly_as_alone(tmp_path, kind):
    """Scoring documents together gives each the row it gets alone. Empty documents and ones without a
    known term sit between the others. (On this project's machines the rows are bit-for-bit the same,
    which benchmarks/same_output.py checks on real articles; the assertions leave room for another BLAS
    build adding in another order, so that only a real mix-up fails here.)"""
    texts = HELD_OUT + [t for t, _ in TRAIN]
    if kind.startswith("shipped"):
        model = (classify.Classifier.load() if kind == "shipped-typing" else eventness.EventnessModel.load()).estimator
        texts = _shipped_texts(150) + texts
    else:
        labels = [lab for _, lab in TRAIN]
        if kind == "union-binary":
            features = FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True)),
                                     ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)))])
            labels = [lab == "protest" for lab in labels]
        else:
            features = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        model = load_model(LinearTextModel.export(_fit(features, labels), tmp_path / "m.npz"))
        if kind == "word-multiclass-c-order":
            model = LinearTextModel(model.blocks, np.ascontiguousarray(model.coef), model.intercept, model.classes_)
    texts = texts[:5] + ["", "zzzz qqqq", "0 0"] + texts[5:] + [""]
    batch = model.predict_proba(texts)
    assert batch.shape == (len(texts), len(model.classes_))
    alone = np.array([_score_alone(model, t) for t in texts])
    np.testing.assert_allclose(batch, alone, rtol=1e-12, atol=1e-15)
    for t, row in zip(texts, batch):
        np.testing.assert_allclose(model.predict_proba([t])[0], row, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(model.predict_proba(texts[::-1]), batch[::-1], rtol=1e-12, atol=1e-15)
    assert model.predict_proba([]).shape == (0, len(model.classes_))


@pytest.mark.parametrize("big", [False, True])
def test_first_occurrences_count_like_counter(big):
    rng = np.random.default_rng(0)
    keys = rng.integers(0, 50, 500) + (2**62 if big else 0)  # big keys take the stable-argsort path
    counted = Counter(keys.tolist())
    first, count = _first_occurrences(keys)
    assert keys[first].tolist() == list(counted) and count.tolist() == list(counted.values())
