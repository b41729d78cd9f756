"""Running the trained text models without scikit-learn: TF-IDF features into a logistic regression.

The typing and eventness models are fitted with scikit-learn (``eventcoder train``), then exported
to a plain ``.npz`` file — vocabularies, IDF weights, coefficients, and the few settings the
features depend on — which :class:`LinearTextModel` scores with numpy alone. Why:

* **start-up**: importing scikit-learn (and SciPy behind it) costs about a second in every process
  and every worker; numpy is already loaded by spaCy;
* **speed**: the extractor scores a few sentences at a time, where scikit-learn's input checks and
  sparse-matrix assembly cost more than the arithmetic;
* **safety**: an ``.npz`` holds arrays only (loaded with ``allow_pickle=False``); a pickled
  estimator can run code when loaded.

The features are computed exactly as scikit-learn's ``TfidfVectorizer`` does for the settings we
use (``analyzer`` "word" with a token pattern and word n-grams, or "char_wb"; lower-casing;
``sublinear_tf``; ``norm="l2"``), parts of a ``FeatureUnion`` side by side, and the probabilities as
``LogisticRegression.predict_proba`` (softmax over classes, or the logistic function for two).
``tests/extract/test_linear.py`` checks both against scikit-learn on held-out text.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = "eventcoder-linear-text-model/1"


@dataclass
class _Features:
    """One TF-IDF block: how text becomes terms, and each term's column and IDF weight."""

    analyzer: str  # "word" | "char_wb"
    ngram_range: tuple[int, int]
    lowercase: bool
    token_pattern: re.Pattern[str] | None
    sublinear_tf: bool
    vocabulary: dict[str, int]  # term -> column within this block
    idf: np.ndarray
    offset: int  # first column of this block in the model's feature space

    def __post_init__(self) -> None:
        self._word_cache: dict[str, list[int]] = {}

    def _char_wb_columns(self, word: str) -> list[int]:
        """Columns of the known character n-grams of one word padded with spaces (repeats kept)."""
        cols = self._word_cache.get(word)
        if cols is None:
            w = f" {word} "
            size = len(w)
            lo, hi = self.ngram_range
            vocab = self.vocabulary
            cols = []
            for n in range(lo, hi + 1):
                for i in range(max(1, size - n + 1)):
                    j = vocab.get(w[i:i + n])
                    if j is not None:
                        cols.append(j)
                if size <= n:  # a word shorter than n counts once, as itself
                    break
            if len(self._word_cache) > 100_000:
                self._word_cache.clear()
            self._word_cache[word] = cols
        return cols

    def terms(self, doc: str) -> list[str]:
        """The word n-grams of ``doc`` (analyzer "word")."""
        if self.lowercase:
            doc = doc.lower()
        lo, hi = self.ngram_range
        tokens = self.token_pattern.findall(doc)
        if hi == 1:
            return tokens
        out = list(tokens) if lo == 1 else []
        for n in range(max(lo, 2), min(hi, len(tokens)) + 1):
            out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
        return out

    def columns(self, doc: str) -> list[int]:
        """The column of every known term occurrence in ``doc``."""
        if self.analyzer == "char_wb":
            # character n-grams never cross a word boundary: a word's columns are computed once
            words = (doc.lower() if self.lowercase else doc).split()
            return [j for w in words for j in self._char_wb_columns(w)]
        vocab = self.vocabulary
        return [j for j in map(vocab.get, self.terms(doc)) if j is not None]

    def vector(self, doc: str) -> tuple[np.ndarray, np.ndarray]:
        """Columns and L2-normalised TF-IDF weights of ``doc``'s known terms."""
        counted = Counter(self.columns(doc))
        if not counted:
            return np.empty(0, dtype=np.intp), np.empty(0)
        c = np.fromiter(counted.keys(), dtype=np.intp, count=len(counted))
        tf = np.fromiter(counted.values(), dtype=np.float64, count=len(counted))
        if self.sublinear_tf:
            tf = np.log(tf) + 1.0
        vals = tf * self.idf[c]
        norm = math.sqrt(float(vals @ vals))
        if norm > 0:
            vals /= norm
        return c + self.offset, vals


class LinearTextModel:
    """``predict_proba`` of an exported TF-IDF + logistic regression pipeline."""

    def __init__(self, blocks: list[_Features], coef: np.ndarray, intercept: np.ndarray, classes: list[str]):
        self.blocks = blocks
        self.coef = coef  # (n_classes, n_features), or (1, n_features) for two classes
        self.intercept = intercept
        self.classes_ = classes

    def decision(self, doc: str) -> np.ndarray:
        parts = [b.vector(doc) for b in self.blocks]
        cols = np.concatenate([c for c, _ in parts]) if len(parts) > 1 else parts[0][0]
        if not len(cols):
            return self.intercept.copy()
        vals = np.concatenate([v for _, v in parts]) if len(parts) > 1 else parts[0][1]
        return self.coef[:, cols] @ vals + self.intercept

    def predict_proba(self, docs: Sequence[str]) -> np.ndarray:
        out = np.empty((len(docs), len(self.classes_)))
        for i, doc in enumerate(docs):
            d = self.decision(doc)
            if len(self.classes_) == 2:
                p = 1.0 / (1.0 + np.exp(-d[0]))
                out[i] = (1.0 - p, p)
            else:
                e = np.exp(d - d.max())
                out[i] = e / e.sum()
        return out

    # -- files -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> "LinearTextModel":
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{path}: not an eventcoder model file ({meta.get('format')!r})")
            blocks = []
            offset = 0
            for i, spec in enumerate(meta["blocks"]):
                terms = z[f"terms_{i}"].tolist()
                blocks.append(_Features(
                    analyzer=spec["analyzer"], ngram_range=tuple(spec["ngram_range"]), lowercase=spec["lowercase"],
                    token_pattern=re.compile(spec["token_pattern"]) if spec.get("token_pattern") else None,
                    sublinear_tf=spec["sublinear_tf"], vocabulary={t: j for j, t in enumerate(terms)},
                    idf=z[f"idf_{i}"], offset=offset))
                offset += len(terms)
            return cls(blocks, z["coef"], z["intercept"], list(meta["classes"]))

    @staticmethod
    def export(estimator, path: str | Path) -> Path:
        """Write a fitted scikit-learn ``Pipeline([("features", TfidfVectorizer | FeatureUnion), ("clf",
        LogisticRegression)])`` as an ``.npz`` model file."""
        features, clf = estimator.steps[0][1], estimator.steps[-1][1]
        parts = [t for _, t in features.transformer_list] if hasattr(features, "transformer_list") else [features]
        meta = {"format": FORMAT, "classes": [str(c) for c in clf.classes_], "blocks": []}
        arrays: dict[str, np.ndarray] = {}
        for i, v in enumerate(parts):
            _check_supported(v)
            terms = [None] * len(v.vocabulary_)
            for t, j in v.vocabulary_.items():
                terms[j] = t
            arrays[f"terms_{i}"] = np.array(terms, dtype=str)
            arrays[f"idf_{i}"] = np.asarray(v.idf_, dtype=np.float64)
            meta["blocks"].append({"analyzer": v.analyzer, "ngram_range": list(v.ngram_range), "lowercase": v.lowercase,
                                   "token_pattern": v.token_pattern if v.analyzer == "word" else None,
                                   "sublinear_tf": v.sublinear_tf})
        arrays["coef"] = np.asarray(clf.coef_, dtype=np.float64)
        arrays["intercept"] = np.asarray(clf.intercept_, dtype=np.float64)
        arrays["meta"] = np.array(json.dumps(meta))
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)
        return path


def _check_supported(v) -> None:
    """The TF-IDF settings :class:`_Features` reproduces; anything else is refused, not approximated."""
    problems = []
    if v.analyzer not in ("word", "char_wb"):
        problems.append(f"analyzer={v.analyzer!r}")
    if v.analyzer == "word" and (v.stop_words or v.tokenizer or v.preprocessor):
        problems.append("stop_words/tokenizer/preprocessor")
    if v.strip_accents or v.norm != "l2" or not v.use_idf or v.binary:
        problems.append("strip_accents/norm/use_idf/binary")
    if problems:
        raise ValueError("cannot export TF-IDF settings: " + ", ".join(problems))


def load_model(path: str | Path):
    """A model file: our ``.npz`` export, or (for models trained by older versions) a joblib-pickled
    scikit-learn pipeline — only ever load a pickle you made yourself."""
    with open(path, "rb") as fh:
        if fh.read(2) == b"PK":  # an .npz is a zip archive
            return LinearTextModel.load(path)
    import joblib

    return joblib.load(path)
