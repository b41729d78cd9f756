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
import re
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
        self._word_cache: dict[str, np.ndarray] = {}

    def _char_wb_columns(self, word: str) -> np.ndarray:
        """Columns of the known character n-grams of one word padded with spaces (repeats kept),
        computed and cached (see :meth:`columns`)."""
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
        self._word_cache[word] = out = np.array(cols, dtype=np.intp)
        return out

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
            out.extend(map(" ".join, zip(*(tokens[i:] for i in range(n)))))
        return out

    def columns(self, doc: str) -> list[np.ndarray | list[int]]:
        """The column of every known term occurrence in ``doc``, in order, in pieces to concatenate
        (char_wb: one array per word)."""
        if self.analyzer == "char_wb":
            # character n-grams never cross a word boundary: a word's columns are computed once
            cache = self._word_cache
            words = (doc.lower() if self.lowercase else doc).split()
            return [cache[w] if w in cache else self._char_wb_columns(w) for w in words]
        vocab = self.vocabulary
        cols = [j for j in map(vocab.get, self.terms(doc)) if j is not None]
        return [cols] if cols else []


class LinearTextModel:
    """``predict_proba`` of an exported TF-IDF + logistic regression pipeline."""

    def __init__(self, blocks: list[_Features], coef: np.ndarray, intercept: np.ndarray, classes: list[str]):
        self.blocks = blocks
        self.coef = coef  # (n_classes, n_features), or (1, n_features) for two classes
        self.intercept = intercept
        self.classes_ = classes
        self._idf = np.concatenate([b.idf for b in blocks])  # by model column
        self._offsets = np.array([b.offset for b in blocks], dtype=np.intp)
        self._sublinear = np.array([b.sublinear_tf for b in blocks])

    def decisions(self, docs: Sequence[str]) -> np.ndarray:
        """Decision values of ``docs``, one row each (one column for two classes).

        The documents are scored together: for the few short sentences the extractor sends at a time,
        numpy's per-call overhead costs more than the arithmetic. Counting terms, tf, IDF and dividing
        by the norm run once over all documents; the sums (each block's L2 norm, the product with the
        coefficients) stay one BLAS call per document, on the same operands in the same order, so each
        row is bit-for-bit that document scored alone (a batched reduction would add in another order,
        and a last-bit difference can cross a threshold).
        """
        n_blocks = len(self.blocks)
        pieces: list[np.ndarray | list[int]] = []  # term occurrences, document by document, block by block
        sizes: list[int] = []  # how many per (document, block)
        for doc in docs:
            for b in self.blocks:
                cols = b.columns(doc)
                pieces.extend(cols)
                sizes.append(sum(map(len, cols)))
        out = np.zeros((len(docs), len(self.intercept)))
        scored = np.zeros(len(docs), dtype=bool)
        if any(sizes):
            seg = np.repeat(np.arange(len(sizes)), sizes)  # the (document, block) of each occurrence
            occ = np.concatenate(pieces)
            if n_blocks > 1:
                occ += self._offsets[seg % n_blocks]
            # a Counter per (document, block): distinct terms in order of first occurrence, and counts
            first, count = _first_occurrences(seg * len(self._idf) + occ)
            c, seg = occ[first], seg[first]
            tf = count.astype(np.float64)
            if self._sublinear.any():
                tf = np.where(self._sublinear[seg % n_blocks], np.log(tf) + 1.0, tf)
            vals = tf * self._idf[c]
            ends = np.cumsum(np.bincount(seg, minlength=len(sizes))).tolist()
            sq = np.zeros(len(ends))
            start = 0
            for s, end in enumerate(ends):
                if end > start:
                    v = vals[start:end]
                    sq[s] = v @ v
                start = end
            norm = np.sqrt(sq)
            norm[norm == 0] = 1.0
            vals /= norm[seg]
            coef = self.coef[:, c]  # a document's slice holds (and lays out) what coef[:, its columns] would
            start = 0
            for i, end in enumerate(ends[n_blocks - 1::n_blocks]):
                if end > start:
                    np.matmul(coef[:, start:end], vals[start:end], out=out[i])
                    scored[i] = True
                start = end
            out += self.intercept
        out[~scored] = self.intercept
        return out

    def predict_proba(self, docs: Sequence[str]) -> np.ndarray:
        d = self.decisions(docs)
        if len(self.classes_) == 2:
            p = 1.0 / (1.0 + np.exp(-d[:, 0]))
            return np.column_stack((1.0 - p, p))
        e = np.exp(d - d.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

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


def _first_occurrences(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each distinct (non-negative) key first occurs, in order, and how many times it occurs: what a
    ``Counter``'s keys and values give, for many counters at once."""
    n = len(keys)
    if int(keys.max()) < np.iinfo(np.int64).max // n:
        s = np.sort(keys * n + np.arange(n))  # by key, then position (faster than a stable argsort)
        k = s // n
        pos = s - k * n
    else:
        pos = np.argsort(keys, kind="stable")  # equal keys keep their order
        k = keys[pos]
    starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
    tally = np.zeros(n, dtype=np.intp)
    tally[pos[starts]] = np.diff(starts, append=n)
    first = np.flatnonzero(tally)
    return first, tally[first]


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
