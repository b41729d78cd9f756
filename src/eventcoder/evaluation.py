"""Score whole-article event extraction against gold events (``eventcoder evaluate --events``).

Gold comes as JSON Lines, one article a line::

    {"id", "title", "source", "published": "YYYY-MM-DD"|null, "text", "events": [gold event, ...]}

or as the sample corpus's ``sample_gold.json`` (keyed by file name, articles
read from the corpus folder). A gold event has a ``quote`` (verbatim in the
text) and ACLED fields. A predicted mention matches a gold event when their
quotes overlap; matching is one-to-one, largest overlap first. We report
event-level precision/recall (all modalities, and occurred only — which is
where a planned rally wrongly coded as occurred shows) and per-field accuracy
over matched pairs.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from importlib import resources
from pathlib import Path

from eventcoder.model import Article, EventMention

EVAL_DIR = Path(str(resources.files("eventcoder") / "data" / "eval"))
DEFAULT_GOLD = EVAL_DIR / "eval_articles.jsonl"
SAMPLE_GOLD = EVAL_DIR / "sample_gold.json"
SAMPLE_CORPUS = Path(str(resources.files("eventcoder") / "data" / "sample_corpus"))
FIELDS = ("sub_event_type", "event_type", "event_date", "time_precision", "location", "admin1", "country",
          "actor1", "actor2", "fatalities", "injuries", "arrests", "modality")


def _fold(v) -> str:
    s = unicodedata.normalize("NFKD", str(v))
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'").strip()


def load_gold(path: str | Path | None = None) -> list[tuple[Article, list[dict]]]:
    """Gold articles with their events."""
    path = Path(path) if path else DEFAULT_GOLD
    if path.suffix == ".json":
        return _load_sample_gold(path)
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            pub = date.fromisoformat(rec["published"]) if rec.get("published") else None
            a = Article.from_text(rec["text"], title=rec.get("title"), source=rec.get("source"), published=pub,
                                  author=rec.get("author"), origin=rec.get("id"))
            out.append((a, rec.get("events", [])))
    return out


def _load_sample_gold(path: Path) -> list[tuple[Article, list[dict]]]:
    from eventcoder.ingest import ReadError, read

    gold = json.loads(path.read_text(encoding="utf-8"))
    corpus = path.parent.parent / "sample_corpus" if (path.parent.parent / "sample_corpus").exists() else SAMPLE_CORPUS
    articles: dict[str, Article] = {}
    for item in read(corpus):
        if isinstance(item, ReadError):
            continue
        key = Path(item.origin.split("#")[0]).name + ("#" + item.origin.split("#")[1] if "#" in item.origin else "")
        articles[key] = item
    out = []
    for key, rec in gold.items():
        if key.startswith("_") or key not in articles:
            continue
        out.append((articles[key], rec.get("events", [])))
    return out


def _span(text: str, quote: str) -> tuple[int, int] | None:
    i = text.find(quote)
    if i < 0:
        i = _fold(text).find(_fold(quote))
    return (i, i + len(quote)) if i >= 0 else None


def _spans(p) -> list[tuple[int, int]]:
    if isinstance(p, EventMention):
        return [(p.quote.start, p.quote.end)]
    return [(r.start, r.end) for r in p.reports]


def match(article: Article, predicted: list, gold: list[dict]) -> list[tuple[object, dict]]:
    """One-to-one pairs of predicted events (or mentions) and gold events whose quotes overlap."""
    cands = []
    for gi, g in enumerate(gold):
        gs = _span(article.text, g["quote"])
        if gs is None:
            continue
        for pi, p in enumerate(predicted):
            ov = max(min(gs[1], e) - max(gs[0], s) for s, e in _spans(p))
            if ov > 0:
                same_type = p.sub_event_type == g.get("sub_event_type")
                cands.append((ov + (10_000 if same_type else 0), pi, gi))
    pairs = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, pi, gi in sorted(cands, reverse=True):
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((predicted[pi], gold[gi]))
    return pairs


def field_value(m, name: str):
    if name in ("location", "admin1", "country"):
        return getattr(m.place, name, None) if m.place else None
    if name == "event_date":
        return m.event_date.isoformat() if m.event_date else None
    return getattr(m, name)


def _equal(name: str, pred, gold) -> bool:
    if name in ("fatalities",):
        return (pred or 0) == (gold or 0)
    if gold is None and pred is None:
        return True
    if gold is None or pred is None:
        return False
    return _fold(pred) == _fold(gold)


def evaluate_events(path: str | Path | None = None, *, prefilter: bool = True, extractor=None) -> dict:
    """Run extraction on gold articles and score it. Returns figures as a dict.

    Each article's mentions are linked as the product links them (repeated
    mentions of one event inside an article become one event) before matching.
    """
    from eventcoder.extract.extractor import Extractor
    from eventcoder.link.dedupe import link

    ex = extractor or Extractor(prefilter=prefilter)
    data = load_gold(path)
    n_pred = n_gold = n_match = 0
    occ_pred = occ_gold = occ_match = 0
    hits = {f: 0 for f in FIELDS}
    counted = {f: 0 for f in FIELDS}
    misses: list[dict] = []
    for article, gold in data:
        pred = link(ex.extract(article))
        pairs = match(article, pred, gold)
        n_pred += len(pred)
        n_gold += len(gold)
        n_match += len(pairs)
        occ_pred += sum(1 for p in pred if p.modality == "occurred")
        occ_gold += sum(1 for g in gold if g.get("modality", "occurred") == "occurred")
        occ_match += sum(1 for p, g in pairs if p.modality == "occurred" and g.get("modality", "occurred") == "occurred")
        for p, g in pairs:
            for f in FIELDS:
                if f not in g:
                    continue
                if f in ("injuries", "arrests") and g.get(f) is None:
                    continue
                counted[f] += 1
                ok = _equal(f, field_value(p, f), g.get(f))
                hits[f] += ok
                if not ok and len(misses) < 400:
                    misses.append({"article": article.origin, "field": f, "gold": g.get(f), "predicted": field_value(p, f),
                                   "quote": g["quote"][:120]})
        matched_gold = {id(g) for _, g in pairs}
        for g in gold:
            if id(g) not in matched_gold and len(misses) < 400:
                misses.append({"article": article.origin, "field": "event", "gold": g.get("sub_event_type"),
                               "predicted": None, "quote": g["quote"][:120]})

    def prf(m: int, p: int, g: int) -> dict:
        pr = m / p if p else 0.0
        rc = m / g if g else 0.0
        return {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0,
                "predicted": p, "gold": g, "matched": m}

    return {
        "gold_file": str(path or DEFAULT_GOLD),
        "articles": len(data),
        "prefilter": prefilter,
        "events_all_modalities": prf(n_match, n_pred, n_gold),
        "events_occurred": prf(occ_match, occ_pred, occ_gold),
        "field_accuracy": {f: round(hits[f] / counted[f], 4) if counted[f] else None for f in FIELDS},
        "field_counts": counted,
        "misses": misses,
    }


def format_event_scores(res: dict) -> str:
    lines = [f"gold: {res['gold_file']}  articles: {res['articles']}  prefilter: {res['prefilter']}"]
    for k in ("events_all_modalities", "events_occurred"):
        r = res[k]
        lines.append(f"{k:22s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  f1 {r['f1']:.3f}  "
                     f"(predicted {r['predicted']}, gold {r['gold']}, matched {r['matched']})")
    lines.append("field accuracy on matched events:")
    for f, v in res["field_accuracy"].items():
        if v is not None:
            lines.append(f"  {f:16s} {v:.3f}  (n={res['field_counts'][f]})")
    return "\n".join(lines)
