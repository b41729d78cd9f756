"""Eventness: does a sentence report one specific event, or is it background?

News articles are full of sentences that mention violence without reporting
an event: tallies ("more than 300 attacks this year"), history, analysis,
habitual statements, quotes. The typing model cannot tell those apart — it
was trained on event descriptions only — so a small binary model does.

Training data: ``data/eventness/train.tsv`` (``event`` / ``none`` sentences written
in article style) plus a deterministic sample of the typing training set as
further positives. ``eventcoder train --stage eventness`` rebuilds it.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventcoder.extract.classify import read_labelled, training_rows
from eventcoder.extract.linear import LinearTextModel, load_model

DATA_DIR = Path(str(resources.files("eventcoder") / "data" / "eventness"))
MODEL_PATH = DATA_DIR / "model.npz"
THRESHOLD = 0.4  # below this probability a sentence is treated as background
TYPING_POSITIVES = 1500


def _normalise(text: str) -> str:
    return re.sub(r"\d+", "0", text)


def build_estimator():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=(1, 3), min_df=1, sublinear_tf=True, max_features=80_000)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=80_000)),
    ])
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", random_state=0))])


def training_data(paths: Sequence[str | Path] | None = None) -> tuple[list[str], list[int]]:
    rows = []
    for p in paths or [DATA_DIR / "train.tsv"]:
        rows.extend(read_labelled(p))
    texts = [t for _, t, _ in rows]
    labels = [1 if lab == "event" else 0 for _, _, lab in rows]
    typing = [t for _, t, lab in training_rows() if lab != "Other"]
    rng = random.Random(13)
    for t in rng.sample(typing, min(TYPING_POSITIVES, len(typing))):
        texts.append(t)
        labels.append(1)
    return texts, labels


def train(paths: Sequence[str | Path] | None = None, out: str | Path | None = None) -> dict:
    texts, labels = training_data(paths)
    est = build_estimator()
    est.fit([_normalise(t) for t in texts], labels)
    out = Path(out or MODEL_PATH)
    LinearTextModel.export(est, out)
    EventnessModel.load.cache_clear()
    return {"rows": len(texts), "events": sum(labels), "model": str(out)}


class EventnessModel:
    def __init__(self, estimator=None, threshold: float = THRESHOLD):
        self.estimator = estimator
        self.threshold = threshold

    @staticmethod
    @lru_cache(maxsize=2)
    def load(path: str | None = None) -> "EventnessModel":
        p = Path(path) if path else MODEL_PATH
        if not p.exists():
            print(f"eventcoder: no eventness model at {p}; keeping every typed sentence", file=sys.stderr)
            return EventnessModel(None)
        return EventnessModel(load_model(p))

    def proba(self, texts: Sequence[str]) -> list[float]:
        if self.estimator is None or not texts:
            return [1.0] * len(texts)
        return [float(p[1]) for p in self.estimator.predict_proba([_normalise(t) for t in texts])]

    def is_event(self, texts: Sequence[str]) -> list[bool]:
        return [p >= self.threshold for p in self.proba(texts)]


def score(examples: Iterable[tuple[str, bool]], model: EventnessModel | None = None) -> dict:
    """Precision/recall of the event class on ``(sentence, is_event)`` pairs."""
    examples = list(examples)
    m = model or EventnessModel.load()
    pred = m.is_event([t for t, _ in examples])
    tp = sum(p and g for p, (_, g) in zip(pred, examples))
    fp = sum(p and not g for p, (_, g) in zip(pred, examples))
    fn = sum((not p) and g for p, (_, g) in zip(pred, examples))
    tn = len(examples) - tp - fp - fn
    return {"n": len(examples), "accuracy": (tp + tn) / max(1, len(examples)),
            "event_precision": tp / max(1, tp + fp), "event_recall": tp / max(1, tp + fn)}
