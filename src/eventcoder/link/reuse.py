"""Reuse: passages of one article that copy, lightly edit or closely paraphrase another's.

Two stages, the classic text-reuse pipeline (retrieve, then align):

1. **Retrieve.** Each sentence becomes a set of word 3-shingles and a MinHash
   signature (:func:`minhash`) cut into LSH bands (:func:`signatures`). The store
   keeps every band, so the candidate articles for a new one are an index
   lookup, not a scan of the corpus. Word 3-grams rather than 2-grams: "of
   the" and "in the" would make every pair of articles a candidate.
2. **Align** (:func:`align`). Both cleaned texts are tokenised; maximal common
   runs of at least three tokens are found through a 3-gram index and chained
   into passages when they lie close together in *both* texts. Only ordinary
   words weigh as evidence of copying. Names ("Moussa Ali Haroun", "Front for
   National Renewal in Chad", a list of countries), numbers, words inside
   quotation marks and the stock vocabulary of event reports ("police fired
   tear gas", "fighters attacked an army post") are what two *independent*
   reports of one event share, so they may sit inside a run but weigh
   nothing. A chain is reuse when

   * its words weigh at least :data:`MIN_EVIDENCE` and one run alone holds
     :data:`MIN_ANCHOR` words (a real stretch of copied wording, not a few
     stock phrases like "fired tear gas" and "held a sit-in"), or
   * it covers nearly all of a short sentence.

   Its passages are the copy's sentences the chain touches, split at paragraph
   breaks, each with the matching sentences of the origin.
3. **Direction** comes from publication dates: the later article reuses the
   earlier one. Equal or unknown dates give ``direction_known = False`` with a
   stable orientation, so both ingest orders store the same pair.

:func:`compare` is symmetric: ``compare(a, b) == compare(b, a)``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from eventcoder.extract.sentences import split_sentences
from eventcoder.model import Article

# -- retrieval (LSH over sentences) ---------------------------------------------------------
NUM_PERM = 64
BANDS = 32  # 32 bands x 2 rows: a sentence pair sharing a quarter of its 3-shingles is very likely a candidate
ROWS = NUM_PERM // BANDS
SHINGLE = 3
MIN_WORDS = 6
_WORD = re.compile(r"[a-z0-9]+")

# -- alignment ----------------------------------------------------------------------------------
MIN_RUN = 3  # tokens in a common run
MIN_EVIDENCE = 10  # ordinary words inside the runs of one chain
MIN_ANCHOR = 7  # ordinary words in the chain's heaviest run
SHORT_EVIDENCE = 5  # a short sentence copied whole: this many words ...
SHORT_COVERAGE = 0.75  # ... covering this share of its tokens
EDGE_WEIGHT = 4  # runs lighter than this are trimmed from the ends of a chain
CHAIN_GAP = 25  # tokens between two runs of one chain, in either text
MAX_POSTINGS = 50  # a 3-gram seen more often than this in the origin is boilerplate, not evidence

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom why will with
would you your yours s t said says say told near since per via among amid around upon onto
""".split())
# The vocabulary every report of an event uses ("police fired tear gas", "fighters attacked an army post"):
# shared by independent reports, so like names it may sit in a run but weighs nothing.
EVENT_WORDS = frozenset("""
kill killed killing killings dead death deaths died die wounded wounding injured injuring injuries arrested arrest
arrests detained detain fired fire firing opened tear gas teargas water cannon disperse dispersed dispersing protesters
protester demonstrators demonstrator marchers march marched marching protest protests protested rally rallied crowd
crowds police policemen soldiers soldier troops army military security forces force fighters militants rebels rebel
gunmen attacked attack attacks clash clashed clashes fighting fought battle ambush ambushed explosion bomb blast
people civilians residents witnesses witness told according statement ministry spokesman officials official
capital town village city province district region
""".split())
NAME_GLUE = frozenset({"of", "for", "in", "and", "de", "du", "des", "la", "le", "les", "al", "el", "the", "bin", "ibn",
                       "da", "do", "van", "von", "y"})
_TOKEN = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_QUOTE_OPEN = "\u201c\u00ab"  # left double quotation mark, left guillemet
_QUOTE_CLOSE = "\u201d\u00bb"
_INITIAL = re.compile("[.!?\\n:;(\"\u201c\u201d\u00ab\u2018\u2014]")


def fold(text: str) -> str:
    """Lower case without accents: "Kômé" -> "kome"."""
    if text.isascii():
        return text.lower()
    return _fold_unicode(text)


@lru_cache(maxsize=65536)
def _fold_unicode(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def normalise(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def shingles(words: Sequence[str], k: int = SHINGLE) -> set[str]:
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


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """``NUM_PERM`` random affine maps ``h -> a*h + b (mod 2**32)``, ``a`` odd (so each is a bijection).

    Drawn from a fixed seed in a fixed way — the "affine32" scheme of datasketch 2, which earlier
    versions of eventcoder used — because the bands stored in a database must come out the same
    for the same sentence in every process and every version.
    """
    gen = np.random.RandomState(7)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def minhash(items: Iterable[str]) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of a set of strings.

    Each item is hashed (first 4 bytes of SHA-1, little-endian), mixed by the MurmurHash3 32-bit
    finaliser, then put through every affine map; the signature keeps each map's minimum.
    uint32 arithmetic wraps around, which is the intended mod 2**32.
    """
    items = list(items)
    if not items:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    return _minhash_many([items])[0]


def _minhash_many(sets: Sequence[Sequence[str]]) -> np.ndarray:
    """:func:`minhash` of several non-empty sets at once: one row per set (one numpy pass for them all)."""
    hv = np.array([int.from_bytes(hashlib.sha1(x.encode("utf-8")).digest()[:4], "little") for items in sets for x in items],
                  dtype=np.uint32).reshape(-1, 1)
    hv ^= hv >> np.uint32(16)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    a, b = _permutations()
    starts = np.cumsum([0] + [len(items) for items in sets[:-1]])
    return np.minimum.reduceat(hv * a + b, starts, axis=0)


def signatures(article: Article) -> list[SentenceSig]:
    """MinHash LSH bands of each sentence long enough to count as a passage."""
    kept = []
    for i, s in enumerate(split_sentences(article.text)):
        words = normalise(s.text)
        if len(words) >= MIN_WORDS:
            kept.append((i, s, shingles(words)))
    if not kept:
        return []
    out = []
    width = ROWS * 4  # bytes of one band's rows (uint32 values)
    for (i, s, sh), hv in zip(kept, _minhash_many([list(sh) for _, _, sh in kept])):
        raw = hv.tobytes()
        bands = [f"{b}:{hashlib.blake2b(raw[b * width:(b + 1) * width], digest_size=8).hexdigest()}" for b in range(BANDS)]
        out.append(SentenceSig(i, s.start, s.end, s.text, sh, bands))
    return out


# -- tokens ----------------------------------------------------------------------------------------
class Token(NamedTuple):
    key: str  # what is compared: folded, lightly stemmed
    kind: str  # "w" ordinary word, "n" name, "d" number, "q" word inside a quotation
    start: int
    end: int


@lru_cache(maxsize=1 << 16)  # called for every token of every text prepared
def _stem(w: str) -> str:
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 4 and w.endswith("es"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_QUOTE_MARK = re.compile("[\n\"" + _QUOTE_OPEN + _QUOTE_CLOSE + "]")


def _quoted_at(text: str, positions: Sequence[int]) -> list[bool]:
    """For each of ``positions`` (increasing; none of them a quote mark or a line break): is it inside
    a double-quoted stretch? A paragraph break closes any open quote."""
    out = []
    marks = _QUOTE_MARK.finditer(text)
    m = next(marks, None)
    state = False
    for p in positions:
        while m is not None and m.start() < p:
            c = m.group()
            state = False if c == "\n" or c in _QUOTE_CLOSE else True if c in _QUOTE_OPEN else not state
            m = next(marks, None)
        out.append(state)
    return out


_EVENT_KEYS = frozenset(_stem(w) for w in EVENT_WORDS)


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with their kind.

    * numbers: tokens with a digit;
    * names: capitalised tokens inside a sentence, and sentence-initial ones
      whose lower-case form never occurs in the text ("France" but not "The");
      "for", "of", "in"... between two names belong to the name ("Front for
      National Renewal in Chad");
    * quoted: words inside double quotes. Independent reports quote the same
      statement or slogan word for word, so a quotation is no evidence that
      one article copied the other;
    * words: everything else, the only tokens that weigh as evidence.
    """
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    folded = [w.lower() if w.isascii() else _fold_unicode(w) for w, _, _ in raw]
    lower_vocab = {f for (w, _, _), f in zip(raw, folded) if w.islower()}
    quoted = _quoted_at(text, [s for _, s, _ in raw])
    # a token is sentence-initial when a mark of _INITIAL lies between it and the previous token
    marks = [m.start() for m in _INITIAL.finditer(text)]
    q, n_marks = 0, len(marks)
    kinds = []
    prev_end = 0
    for n, (w, s, e) in enumerate(raw):
        while q < n_marks and marks[q] < prev_end:
            q += 1
        initial = n == 0 or (q < n_marks and marks[q] < s)
        prev_end = e
        if not w.isalpha() and _DIGIT.search(w):  # letters alone hold no digit
            kinds.append("d")
        elif w[0].isupper() and (not initial or folded[n] not in lower_vocab):
            kinds.append("n")
        elif quoted[n]:
            kinds.append("q")
        else:
            kinds.append("w")
    for i in range(1, len(raw) - 1):
        if kinds[i] in "wq" and folded[i] in NAME_GLUE and kinds[i - 1] == "n" and kinds[i + 1] == "n":
            kinds[i] = "n"
    return tuple(Token(_stem(f) if k in "wq" else f, k, s, e) for (w, s, e), k, f in zip(raw, kinds, folded))


# -- alignment -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """``length`` tokens equal in both texts, from token ``i`` of the copy and ``j`` of the origin."""

    i: int
    j: int
    length: int
    weight: int  # ordinary words in the run (0 when none of them is a content word)


@dataclass
class Passage:
    start: int  # offsets in the copy
    end: int
    source_start: int  # offsets in the origin
    source_end: int
    similarity: float


@dataclass(frozen=True)
class _Prepared:
    """What alignment needs of one text, computed once per text (cached: an article is met again
    and again as a reuse candidate)."""

    tokens: tuple[Token, ...]
    keys: tuple[str, ...]
    key_array: np.ndarray  # keys as an object array (compared element-wise in common_runs)
    gram_order: np.ndarray  # token positions, ordered by the hash of the k-gram of keys starting there
    gram_sorted: np.ndarray  # those hashes, in that order (int64)
    evidence: tuple[int, ...]  # prefix sums: ordinary words that are not event vocabulary
    content: tuple[int, ...]  # prefix sums: those of them that are not stop words
    sentences: tuple  # split_sentences(text)
    tok_sent: tuple[int, ...]  # token -> index of its sentence
    sent_tokens: tuple[int, ...]  # prefix sums: tokens per sentence


@lru_cache(maxsize=256)
def _prepare(text: str, k: int = MIN_RUN) -> _Prepared:
    tokens = tokenize(text)
    keys = tuple(t.key for t in tokens)
    hashes = np.fromiter((hash(g) for g in zip(*(keys[x:] for x in range(k)))), dtype=np.int64,
                         count=max(0, len(keys) - k + 1))
    order = np.argsort(hashes, kind="stable")  # equal hashes keep their positions ascending
    counts = [t.kind == "w" and t.key not in _EVENT_KEYS for t in tokens]
    evidence = (0, *accumulate(counts))
    content = (0, *accumulate(c and t.key not in STOPWORDS for c, t in zip(counts, tokens)))
    sentences = tuple(split_sentences(text))
    starts = [s.start for s in sentences]
    # the sentence of a token: the last one starting at or before it (the first, for tokens before it)
    tok_sent = tuple(max(0, bisect_right(starts, t.start) - 1) for t in tokens)
    sent_tokens = tuple(bisect_left(tok_sent, si) for si in range(len(sentences) + 1))  # tok_sent is non-decreasing
    key_array = np.empty(len(keys), dtype=object)
    key_array[:] = keys
    return _Prepared(tokens, keys, key_array, order, hashes[order], evidence, content, sentences, tok_sent,
                     sent_tokens)


def _weight(p: _Prepared, i: int, n: int) -> int:
    """Ordinary words of tokens ``i .. i+n`` that are not event vocabulary; 0 unless one of them is a content word."""
    if p.content[i + n] == p.content[i]:
        return 0
    return p.evidence[i + n] - p.evidence[i]


def common_runs(a: _Prepared, b: _Prepared, k: int = MIN_RUN) -> list[Run]:
    """Maximal runs of >= k equal tokens carrying some weight, one-to-one: a token is in one run at most.

    A run starts where a k-gram of ``a`` occurs in ``b`` (at most :data:`MAX_POSTINGS` times there)
    and the tokens before both occurrences differ. The occurrences are paired with numpy, by the
    hashes of the k-grams (equal hashes are checked on the tokens); only the run starts reach Python.
    """
    ka, kb = a.keys, b.keys
    la, lb = len(ka), len(kb)
    found = []
    if len(a.gram_sorted) and len(b.gram_sorted):
        mine = a.gram_sorted  # a's k-grams: every position i, in hash order
        lo = np.searchsorted(b.gram_sorted, mine, "left")
        count = np.searchsorted(b.gram_sorted, mine, "right") - lo  # occurrences of the same hash in b
        keep = np.flatnonzero((count > 0) & (count <= MAX_POSTINGS))
        reps = count[keep]
        first = np.repeat(lo[keep], reps)
        i_pos = np.repeat(a.gram_order[keep], reps)
        j_pos = b.gram_order[first + np.arange(len(first)) - np.repeat(np.cumsum(reps) - reps, reps)]
        # inside a longer run (found from an earlier start): the tokens before both occurrences are equal
        both = np.flatnonzero((i_pos > 0) & (j_pos > 0))
        inside = np.zeros(len(i_pos), dtype=bool)
        inside[both] = a.key_array[i_pos[both] - 1] == b.key_array[j_pos[both] - 1]
        for i, j in zip(i_pos[~inside].tolist(), j_pos[~inside].tolist()):
            if ka[i:i + k] != kb[j:j + k]:
                continue  # two k-grams with one hash
            n = k
            while i + n < la and j + n < lb and ka[i + n] == kb[j + n]:
                n += 1
            w = _weight(a, i, n)
            if w:
                found.append(Run(i, j, n, w))
    used_a, used_b = bytearray(la), bytearray(lb)  # 1 where a kept run holds the token
    kept = []
    for r in sorted(found, key=lambda r: (-r.weight, -r.length, r.i, r.j)):
        if 1 in used_a[r.i:r.i + r.length] or 1 in used_b[r.j:r.j + r.length]:
            continue
        used_a[r.i:r.i + r.length] = used_b[r.j:r.j + r.length] = b"\x01" * r.length
        kept.append(r)
    return sorted(kept, key=lambda r: (r.i, r.j))


def chain_runs(runs: Sequence[Run], gap: int = CHAIN_GAP) -> list[list[Run]]:
    """Group runs lying within ``gap`` tokens of each other in both texts (``runs`` sorted by copy position)."""
    open_chains: list[list[Run]] = []
    done: list[list[Run]] = []
    for r in runs:
        still = []
        for c in open_chains:
            (still if r.i - (c[-1].i + c[-1].length) <= gap else done).append(c)
        open_chains = still
        best, best_d = None, None
        for c in open_chains:
            lo = min(x.j for x in c)
            hi = max(x.j + x.length for x in c)
            if lo - gap <= r.j <= hi + gap:
                d = abs(r.j - hi)
                if best_d is None or d < best_d:
                    best, best_d = c, d
        if best is None:
            open_chains.append([r])
        else:
            best.append(r)
    return sorted(done + open_chains, key=lambda c: (c[0].i, c[0].j))


def _trim(chain: list[Run]) -> list[Run]:
    """Drop light runs ("in the north") from the ends of a chain: they would pull in a neighbouring sentence."""
    lo, hi = 0, len(chain)
    while lo < hi and chain[lo].weight < EDGE_WEIGHT:
        lo += 1
    while hi > lo and chain[hi - 1].weight < EDGE_WEIGHT:
        hi -= 1
    return chain[lo:hi]


def is_reuse(chain: Sequence[Run], coverage: float) -> bool:
    """The decision rule for one chain of runs (see the module docstring)."""
    evidence = sum(r.weight for r in chain)
    anchor = max((r.weight for r in chain), default=0)
    if evidence >= MIN_EVIDENCE and anchor >= MIN_ANCHOR:
        return True
    return evidence >= SHORT_EVIDENCE and coverage >= SHORT_COVERAGE


def align(copy_text: str, origin_text: str) -> list[Passage]:
    """Passages of ``copy_text`` reused from ``origin_text`` (offsets into both), in copy order."""
    pa, pb = _prepare(copy_text), _prepare(origin_text)
    runs = common_runs(pa, pb)
    if not runs:
        return []
    sa, sb = pa.sentences, pb.sentences
    if not sa or not sb:
        return []
    tok_sent_a, tok_sent_b = pa.tok_sent, pb.tok_sent
    out: list[Passage] = []
    for chain in chain_runs(runs):
        chain = _trim(chain)
        if not chain:
            continue
        # aligned tokens per copy sentence: how many, and the first and last origin token they align with
        # (a run's tokens in one sentence align with consecutive origin tokens)
        per_sentence: dict[int, list[int]] = {}  # sentence -> [count, first j, last j]
        for r in chain:
            i, end = r.i, r.i + r.length
            while i < end:
                si = tok_sent_a[i]
                stop = min(end, pa.sent_tokens[si + 1])
                j0, j1 = r.j + (i - r.i), r.j + (stop - 1 - r.i)
                acc = per_sentence.get(si)
                if acc is None:
                    per_sentence[si] = [stop - i, j0, j1]
                else:
                    acc[0] += stop - i
                    acc[1], acc[2] = min(acc[1], j0), max(acc[2], j1)
                i = stop
        groups: list[list[int]] = []  # consecutive copy sentences of one paragraph
        for si in sorted(per_sentence):
            if groups and si == groups[-1][-1] + 1 and sa[si].paragraph == sa[groups[-1][-1]].paragraph:
                groups[-1].append(si)
            else:
                groups.append([si])
        passages = []
        matched_total = tokens_total = 0
        for g in groups:
            matched = sum(per_sentence[si][0] for si in g)
            a_len = pa.sent_tokens[g[-1] + 1] - pa.sent_tokens[g[0]]
            # the origin sentences those tokens fall in (token -> sentence is non-decreasing)
            ob0 = tok_sent_b[min(per_sentence[si][1] for si in g)]
            ob1 = tok_sent_b[max(per_sentence[si][2] for si in g)]
            b_len = pb.sent_tokens[ob1 + 1] - pb.sent_tokens[ob0]
            matched_total += matched
            tokens_total += a_len
            sim = min(1.0, round(2 * matched / max(1, a_len + b_len), 4))
            passages.append(Passage(sa[g[0]].start, sa[g[-1]].end, sb[ob0].start, sb[ob1].end, sim))
        if is_reuse(chain, matched_total / max(1, tokens_total)):
            out.extend(passages)
    # two chains may touch one sentence: each copy sentence belongs to one passage
    merged: list[Passage] = []
    for p in sorted(out, key=lambda p: (p.start, -p.similarity, p.end)):
        if merged and p.start < merged[-1].end:
            continue
        merged.append(p)
    return merged


# -- pairs of articles ----------------------------------------------------------------------------
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


def compare(a: Article, b: Article, *_ignored, **_ignored_kw) -> ReusePair | None:
    """Reused passages between two articles, oriented copy -> origin; None when there are none.

    Symmetric in ``a`` and ``b``. Extra arguments (sentence signatures and LSH
    candidate pairs, from older callers) are accepted and ignored: alignment
    always reads both whole texts.

    Each passage: ``quote`` (in the copy) and ``source_quote`` (in the origin),
    ``start``/``end`` offsets of ``quote`` in the copy's cleaned text,
    ``source_start``/``source_end`` of ``source_quote`` in the origin's, and a
    ``similarity`` in [0, 1] (share of aligned tokens).
    """
    if a.article_id == b.article_id:
        return None
    copy, origin, known = direction(a, b)
    passages = align(copy.text, origin.text)
    if not passages:
        return None
    return ReusePair(copy.article_id, origin.article_id, known, [
        {"quote": copy.text[p.start:p.end], "source_quote": origin.text[p.source_start:p.source_end],
         "start": p.start, "end": p.end, "source_start": p.source_start, "source_end": p.source_end,
         "similarity": p.similarity}
        for p in passages
    ])


def reused_mentions(pairs: Iterable[ReusePair], mention_spans: Iterable[tuple[str, str, int, int]]) -> dict[str, str]:
    """mention_id -> origin article_id, for mentions whose quote lies in a reused passage.

    Args:
        pairs: reuse pairs.
        mention_spans: ``(mention_id, article_id, start, end)`` of each mention's quote.

    A quote counts as reused when more than half of it (or of the passage)
    overlaps the passage. When several origins qualify, the first in
    ``(article_id, reused_from)`` order wins, so the answer does not depend on
    the order the pairs were found in.
    """
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for p in sorted(pairs, key=lambda p: (p.article_id, p.reused_from)):
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
