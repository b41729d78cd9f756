"""Event typing: which of the 30 sub-event types a snippet reports.

Two parts, combined:

1. **Cues** — a short list of high-precision patterns (a suicide bomber, a
   grenade, warplanes, chlorine, tear gas on protesters, "claimed
   responsibility"). When one fires, its label wins unless the learned model
   is very sure of something else.
2. **A learned model** — TF-IDF over word uni- and bigrams with a
   multinomial logistic regression, trained on the labelled snippets in
   ``data/typing/train/`` (``eventcoder train`` rebuilds it, deterministically).

The model file ships in the package (``data/typing/model.npz``, run without scikit-learn by
:mod:`eventcoder.extract.linear`). Users with
their own labelled data retrain with ``eventcoder train --data FILE``.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventcoder import taxonomy
from eventcoder.extract.linear import LinearTextModel, load_model

DATA_DIR = Path(str(resources.files("eventcoder") / "data" / "typing"))
MODEL_PATH = DATA_DIR / "model.npz"


@dataclass(frozen=True)
class Cue:
    label: str
    pattern: re.Pattern[str]
    # lower-case strings, one of which is in every text the pattern finds a match in (read from the
    # pattern itself by _needs; None when it cannot tell): most sentences contain none, and a substring
    # test costs far less than the search it spares
    needs: frozenset[str] | None = None


def _cue(label: str, rx: str) -> Cue:
    pattern = re.compile(rx, re.I)
    return Cue(label, pattern, _needs(pattern))


try:  # the parser behind re.compile, to read what a pattern needs
    from re import _constants as _K, _parser as _P
except ImportError:  # another Python: every cue is searched for (slower, same results)
    _K = _P = None  # type: ignore[assignment]


def _needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which :func:`_gate_text` of every text ``pattern`` matches contains."""
    try:
        return _needs_of(_P.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unexpected construct (or Python version): no gate for this cue
        return None


def _needs_of(items) -> frozenset[str] | None:
    """:func:`_needs` for a sequence of a parsed pattern: the best requirement of its mandatory parts."""
    best: frozenset[str] | None = None

    def better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
        # the longer shortest string (fewer texts pass), then the fewer strings
        if a is None or b is None:
            return a if b is None else b
        return max(a, b, key=lambda x: (min(map(len, x)), -len(x)))

    run: list[str] = []  # consecutive literal characters: one string
    for op, av in list(items) + [(None, None)]:
        if op is _K.LITERAL and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        if run:
            best = better(best, frozenset({"".join(run)}))
            run = []
        got = None
        if op is _K.BRANCH:
            alts = [_needs_of(alt) for alt in av[1]]
            got = None if any(a is None for a in alts) else frozenset().union(*alts)
        elif op is _K.SUBPATTERN:
            got = _needs_of(av[3])
        elif op in (_K.MAX_REPEAT, _K.MIN_REPEAT, _K.POSSESSIVE_REPEAT) and av[0] >= 1:
            got = _needs_of(av[2])
        elif op is _K.ATOMIC_GROUP:
            got = _needs_of(av)
        # anything else (a class, a boundary, a lookaround, an optional part) needs nothing we can name
        best = better(best, got)
    return best


# The non-ASCII characters that an ASCII letter of a pattern matches under re.I (Turkish dotted and
# dotless i, long s, Kelvin sign), mapped to that letter before lower-casing; tests/extract/test_classify.py
# checks this list against every Unicode character.
_GATE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _gate_text(text: str) -> str:
    """``text`` as the cues' :attr:`Cue.needs` are looked for in it: lower case, after :data:`_GATE_FOLD`."""
    return text.lower() if text.isascii() else text.translate(_GATE_FOLD).lower()


# Ordered: the first cue that matches gives the label.
CUES: list[Cue] = [
    _cue("Arrests", r"\bmutin\w*\b.{0,80}\b(?:seized|detained|arrested|captured)\b"),
    _cue("Arrests", r"\b(?:soldiers|mutineers|troops|the\s+military|army\s+officers|junta)\b.{0,80}\b(?:seized|detained|arrested|captured|took)\b.{0,30}\b(?:the\s+)?(?:president|prime\s+minister|head\s+of\s+state|him)\b(?!.{0,20}\bpalace\b)"),
    _cue("Violent demonstration", r"\b(?:fighting|clashes|clashed|battles?)\s+(?:\w+\s+){0,3}?between\s+(?:\w+\s+){0,2}?(?:protesters|demonstrators|rioters|youths|students)\s+and\s+(?:\w+\s+){0,2}?(?:police|security\s+forces|soldiers|troops|gendarmes)"),
    _cue("Attribution of responsibility", r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?responsibility\b|\bresponsibility\s+(?:was\s+)?claimed\b|\b(?:blamed|blames|accused|accuses)\b.{0,60}\b(?:for|of)\s+(?:the|an|a|last|this)\b.{0,40}\b(?:attack|bombing|killing|massacre|blast|explosion|ambush|strike)"),
    _cue("Chemical weapon", r"\b(?:chlorine|sarin|mustard\s+gas|nerve\s+agent|chemical\s+(?:weapon|attack|agent|munition)s?)\b"),
    _cue("Suicide bomb", r"\bsuicide\s+(?:bomb|bomber|attack|attacker|car\s+bomb|vest|blast)|\bsvbied\b|\bblew\s+(?:himself|herself|themselves)\s+up\b"),
    _cue("Grenade", r"\b(?:hand\s+)?grenades?\b"),
    _cue("Air/drone strike", r"\b(?:air\s*strikes?|airstrikes?|air\s+raids?|drone\s+strikes?|warplanes?|fighter\s+jets?|bombed\s+from\s+the\s+air|helicopter\s+gunships?|aerial\s+bombardment)\b"),
    _cue("Remote explosive/landmine/IED", r"\b(?:ieds?|improvised\s+explosive|roadside\s+bombs?|landmines?|land\s+mines?|car\s+bomb|booby[-\s]trap|unexploded\s+ordnance)\b"),
    _cue("Shelling/artillery/missile attack", r"\b(?:shelling|shelled|mortars?|artillery|rocket\s+fire|rockets?\s+(?:hit|struck|landed|fired)|ballistic\s+missiles?)\b"),
    _cue("Excessive force against protesters", r"\b(?:live\s+(?:ammunition|rounds|fire)|opened\s+fire)\b.{0,80}\b(?:protesters|demonstrators|crowd|marchers)\b|\b(?:protesters|demonstrators)\b.{0,60}\b(?:shot\s+dead|killed\s+by\s+(?:police|security|soldiers))"),
    _cue("Protest with intervention", r"\b(?:tear\s*gas|teargas|water\s+cannon|rubber\s+bullets|dispersed|disperse)\b.{0,120}\b(?:protesters|demonstrators|crowd|marchers|protest|rally|march|sit-in)\b|\b(?:protesters|demonstrators|crowd|marchers|protest|rally|march|sit-in)\b.{0,120}\b(?:tear\s*gas|teargas|water\s+cannon|dispersed)\b"),
    _cue("Peaceful protest", r"\b(?:boycott(?:ed|ing)?\s+(?:school|classes|work|lessons|the\s+\w+)|refused\s+to\s+(?:come\s+to\s+work|work|teach|turn\s+up|report\s+for\s+duty)|stayed\s+away\s+from\s+(?:work|their\s+classrooms|classes|school)|(?:went|go|gone)\s+on\s+strike|downed\s+tools|walked\s+off\s+the\s+job|hunger\s+strike)\b"),
    _cue("Peaceful protest", r"\b(?:would|will|plans?\s+to|planned\s+to|vowed\s+to|intends?\s+to|called\s+for|calling\s+for|has\s+called|have\s+called)\s+(?:\w+\s+){0,3}?(?:hold|stage|organi[sz]e|launch|a|an|daily|mass|new|fresh|nationwide|general)\s+(?:\w+\s+){0,2}?(?:protests?|rall(?:y|ies)|marche?s?|demonstrations?|strikes?|sit-ins?|boycotts?)\b"),
    _cue("Sexual violence", r"\b(?:rape[ds]?|raping|sexual(?:ly)?\s+(?:violence|assault|assaulted|abuse|slavery))\b"),
    _cue("Abduction/forced disappearance", r"\b(?:abduct(?:ed|ion|s)?|kidnap(?:ped|ping|s)?|forcibly\s+disappeared|enforced\s+disappearance|taken\s+hostage)\b"),
    _cue("Natural disaster", r"\b(?:earthquake|floods?|flooding|cyclone|hurricane|typhoon|landslides?|drought|tsunami|volcan\w+|cholera\s+outbreak|epidemic)\b"),
    _cue("Mob violence", r"\b(?:lynch(?:ed|ing)?|mob\s+(?:justice|attack|killed|beat|set))\b"),
    _cue("Agreement", r"\b(?:cease-?fire|truce|peace\s+(?:deal|agreement|accord)|prisoner\s+(?:swap|exchange))\b.{0,60}\b(?:signed|agreed|reached|announced|brokered|took\s+effect|began)\b|\b(?:signed|agreed|reached)\b.{0,40}\b(?:cease-?fire|truce|peace\s+(?:deal|agreement|accord))"),
]


def cue_label(text: str) -> str | None:
    """Label given by the first high-precision cue that matches, if any."""
    low = _gate_text(text)
    for cue in CUES:
        if cue.needs is not None and not any(s in low for s in cue.needs):
            continue  # the pattern cannot match: a word every match contains is missing
        if cue.pattern.search(text):
            return cue.label
    return None


def read_labelled(path: str | Path) -> list[tuple[str, str, str]]:
    """Read ``ID<TAB>TEXT<TAB>LABEL`` (or ``TEXT<TAB>LABEL``) lines; ``#`` lines and blanks are skipped."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) == 2:
                parts = [f"{Path(path).stem}-{n}", *parts]
            if len(parts) != 3:
                raise ValueError(f"{path}:{n}: expected ID<TAB>TEXT<TAB>LABEL, got {len(parts)} fields")
            rows.append((parts[0], parts[1], parts[2].strip()))
    return rows


def read_acled_csv(path: str | Path) -> list[tuple[str, str, str]]:
    """Labelled rows from an ACLED export: ``notes`` as text, ``sub_event_type`` as label."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec.get("notes") and rec.get("sub_event_type"):
                rows.append((rec.get("event_id_cnty") or str(len(rows)), rec["notes"], rec["sub_event_type"]))
    return rows


def training_rows(paths: Sequence[str | Path] | None = None) -> list[tuple[str, str, str]]:
    if not paths:
        paths = sorted((DATA_DIR / "train").glob("*.tsv"))
    rows: list[tuple[str, str, str]] = []
    for p in paths:
        rows.extend(read_acled_csv(p) if str(p).endswith(".csv") else read_labelled(p))
    return rows


def build_estimator():
    """The learned model: word uni- and bigram TF-IDF into a logistic regression (deterministic).

    Character n-grams scored higher on our own dev set but lower on sentences from whole
    articles written by other hands: they learn the training set's style. Words generalise.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True,
                            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]+\b", max_features=200_000)
    clf = LogisticRegression(C=16.0, max_iter=3000, class_weight="balanced", random_state=0)
    return Pipeline([("features", words), ("clf", clf)])


def _normalise(text: str) -> str:
    # Numbers and dates carry no type information and vary by article: fold them.
    text = re.sub(r"\d+", "0", text)
    return text


def train(paths: Sequence[str | Path] | None = None, out: str | Path | None = None) -> dict:
    """Fit the learned model on labelled rows and save it; returns a summary."""
    rows = training_rows(paths)
    unknown = sorted({lab for _, _, lab in rows if lab not in taxonomy.SUB_EVENT_TYPES})
    if unknown:
        raise ValueError(f"unknown labels in training data: {', '.join(unknown)}")
    texts = [_normalise(t) for _, t, _ in rows]
    labels = [lab for _, _, lab in rows]
    est = build_estimator()
    est.fit(texts, labels)
    out = Path(out or MODEL_PATH)
    out.parent.mkdir(parents=True, exist_ok=True)
    LinearTextModel.export(est, out)
    Classifier.load.cache_clear()
    return {"rows": len(rows), "labels": dict(Counter(labels)), "model": str(out)}


class Classifier:
    """Sub-event type of snippets: cues plus the learned model."""

    def __init__(self, estimator=None, *, cue_override: float = 0.85, other_min: float = 0.0, runner_min: float = 0.15):
        self.estimator = estimator
        self.cue_override = cue_override
        self.other_min = other_min
        self.runner_min = runner_min

    @staticmethod
    @lru_cache(maxsize=4)
    def load(path: str | None = None) -> "Classifier":
        """Load the shipped (or given) model once per process; cues alone when no model exists."""
        p = Path(path) if path else MODEL_PATH
        if not p.exists():
            print(f"eventcoder: no typing model at {p}; using cue rules only (run `eventcoder train`)", file=sys.stderr)
            return Classifier(None)
        return Classifier(load_model(p))

    def predict(self, texts: Sequence[str], *, other_min: float | None = None) -> list[tuple[str, float]]:
        """``(sub_event_type, confidence)`` for each text, in order.

        ``other_min``: below this confidence, "Other" gives way to the runner-up label
        (the extractor uses 0.3: in an article, a low-confidence "Other" is usually a
        real event written in an unusual way; ``classify`` keeps "Other" as predicted).
        """
        other_min = self.other_min if other_min is None else other_min
        if not texts:
            return []
        out: list[tuple[str, float]] = []
        if self.estimator is not None:
            probs = self.estimator.predict_proba([_normalise(t) for t in texts])
            classes = [str(c) for c in self.estimator.classes_]
        else:
            probs, classes = None, []
        for i, text in enumerate(texts):
            cue = cue_label(text)
            if probs is None:
                out.append((cue or taxonomy.OTHER, 0.9 if cue else 0.2))
                continue
            row = probs[i]
            order = row.argsort()[::-1]
            best = int(order[0])
            label, conf = classes[best], float(row[best])
            if label == taxonomy.OTHER and conf < other_min and len(order) > 1:
                # "Other" is the none-of-the-above bucket: it must win clearly, not by a nose
                runner = int(order[1])
                if float(row[runner]) >= self.runner_min:
                    label, conf = classes[runner], float(row[runner])
            if cue and cue != label:
                cue_p = float(row[classes.index(cue)]) if cue in classes else 0.0
                if conf < self.cue_override or cue_p > 0.05:
                    label, conf = cue, max(cue_p, 0.6)
            elif cue:
                conf = max(conf, 0.6)  # model and cue agree
            out.append((label, round(conf, 4)))
        return out

    def __call__(self, text: str) -> tuple[str, float]:
        return self.predict([text])[0]


def score(examples: Iterable[tuple[str, str]], classifier: Classifier | None = None) -> dict:
    """Accuracy, weighted and macro F1, per-label F1 and the most confused pairs."""
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    examples = list(examples)
    clf = classifier or Classifier.load()
    gold = [lab for _, lab in examples]
    pred = [lab for lab, _ in clf.predict([t for t, _ in examples])]
    labels = sorted(set(gold) | set(pred))
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    confusion = Counter((g, q) for g, q in zip(gold, pred) if g != q)
    return {
        "n": len(gold),
        "accuracy": accuracy_score(gold, pred),
        "weighted_f1": f1_score(gold, pred, average="weighted", zero_division=0),
        "macro_f1": f1_score(gold, pred, average="macro", zero_division=0),
        "per_label": {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
        "worst_pairs": [{"gold": g, "predicted": q, "count": c} for (g, q), c in confusion.most_common(10)],
    }
