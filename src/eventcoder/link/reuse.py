"""Reuse: passages of one article that copy or closely paraphrase another's.

1. Each sentence becomes a set of word shingles and a MinHash signature
   (datasketch); the signature is cut into LSH bands. The store keeps every
   band so candidates are an index lookup, not a scan of the corpus.
2. Candidate sentence pairs are aligned and scored (shingle overlap and a
   character-level ratio); pairs above ``MIN_SIMILARITY`` are passages.
3. Direction comes from publication dates: the earlier article is the origin.
   Equal or unknown dates say "direction unknown".
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from datasketch import MinHash
from rapidfuzz import fuzz

from eventcoder.extract.sentences import split_sentences
from eventcoder.model import Article

NUM_PERM = 64
BANDS = 32  # 32 bands x 2 rows: candidates from roughly 20% shingle overlap up
ROWS = NUM_PERM // BANDS
MIN_SIMILARITY = 0.55
MIN_WORDS = 6
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> list[str]:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return _WORD.findall(s)


def shingles(words: Sequence[str], k: int = 2) -> set[str]:
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


@dataclass
class SentenceSig:
    index: int
    start: int
    end: int
    text: str
    shingles: set[str]
    bands: list[str]


def signatures(article: Article) -> list[SentenceSig]:
    """MinHash LSH bands of each sentence long enough to count as a passage."""
    out = []
    for i, s in enumerate(split_sentences(article.text)):
        words = normalise(s.text)
        if len(words) < MIN_WORDS:
            continue
        sh = shingles(words)
        mh = MinHash(num_perm=NUM_PERM, seed=7)
        for x in sh:
            mh.update(x.encode("utf-8"))
        hv = mh.hashvalues
        bands = []
        for b in range(BANDS):
            chunk = hv[b * ROWS:(b + 1) * ROWS].tobytes()
            bands.append(f"{b}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
        out.append(SentenceSig(i, s.start, s.end, s.text, sh, bands))
    return out


def similarity(a: SentenceSig, b: SentenceSig) -> float:
    """How much two sentences share: the larger of shingle containment and character ratio."""
    inter = len(a.shingles & b.shingles)
    containment = inter / max(1, min(len(a.shingles), len(b.shingles)))
    jacc = inter / max(1, len(a.shingles | b.shingles))
    ratio = fuzz.ratio(a.text.lower(), b.text.lower()) / 100.0
    token_set = fuzz.token_set_ratio(a.text.lower(), b.text.lower()) / 100.0
    return round(max(jacc, ratio, min(containment, token_set)), 4)


@dataclass
class ReusePair:
    article_id: str
    reused_from: str
    direction_known: bool
    passages: list[dict] = field(default_factory=list)


def direction(a: Article, b: Article) -> tuple[Article, Article, bool]:
    """(copy, origin, known): the later-published article reuses the earlier one."""
    if a.published and b.published and a.published != b.published:
        return (a, b, True) if a.published > b.published else (b, a, True)
    # unknown: a stable but arbitrary orientation so both ingest orders agree
    return (a, b, False) if a.article_id > b.article_id else (b, a, False)


def compare(a: Article, b: Article, sigs_a: Sequence[SentenceSig] | None = None,
            sigs_b: Sequence[SentenceSig] | None = None, candidates: Iterable[tuple[int, int]] | None = None) -> ReusePair | None:
    """Reused passages between two articles, oriented copy -> origin; None when there are none."""
    if a.article_id == b.article_id:
        return None
    sigs_a = list(sigs_a if sigs_a is not None else signatures(a))
    sigs_b = list(sigs_b if sigs_b is not None else signatures(b))
    by_a = {s.index: s for s in sigs_a}
    by_b = {s.index: s for s in sigs_b}
    if candidates is None:
        bands_b: dict[str, list[int]] = {}
        for s in sigs_b:
            for band in s.bands:
                bands_b.setdefault(band, []).append(s.index)
        candidates = {(s.index, j) for s in sigs_a for band in s.bands for j in bands_b.get(band, [])}
    matches = []
    for i, j in sorted(set(candidates)):
        sa, sb = by_a.get(i), by_b.get(j)
        if sa is None or sb is None:
            continue
        sim = similarity(sa, sb)
        if sim >= MIN_SIMILARITY:
            matches.append((sim, sa, sb))
    if not matches:
        return None
    # each sentence in one passage at most: best matches first
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept = []
    for sim, sa, sb in sorted(matches, key=lambda t: (-t[0], t[1].index, t[2].index)):
        if sa.index in used_a or sb.index in used_b:
            continue
        used_a.add(sa.index)
        used_b.add(sb.index)
        kept.append((sim, sa, sb))
    copy, origin, known = direction(a, b)
    passages = []
    for sim, sa, sb in sorted(kept, key=lambda t: t[1].index if copy is a else t[2].index):
        mine, theirs = (sa, sb) if copy is a else (sb, sa)
        passages.append({"quote": mine.text, "source_quote": theirs.text, "start": mine.start, "end": mine.end,
                         "similarity": sim})
    return ReusePair(copy.article_id, origin.article_id, known, passages)


def reused_mentions(pairs: Iterable[ReusePair], mention_spans: Iterable[tuple[str, str, int, int]]) -> dict[str, str]:
    """mention_id -> origin article_id, for mentions whose quote lies in a reused passage.

    Args:
        pairs: reuse pairs.
        mention_spans: ``(mention_id, article_id, start, end)`` of each mention's quote.
    """
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for p in pairs:
        for ps in p.passages:
            by_article.setdefault(p.article_id, []).append((ps["start"], ps["end"], p.reused_from))
    out = {}
    for mid, aid, s, e in mention_spans:
        for ps, pe, origin in by_article.get(aid, []):
            overlap = min(e, pe) - max(s, ps)
            if overlap > 0.5 * min(e - s, pe - ps):
                out[mid] = origin
                break
    return out


def published_order(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or date.max, a.article_id))
