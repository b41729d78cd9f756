"""Recent band postings: the LSH bands of the last articles stored, in memory, for reuse candidates.

A new report's sources are mostly the other reports of its story, stored minutes before it. The
store counts the candidates of a new article in two parts that never overlap: the articles it
keeps here (the last :data:`CAPACITY` it stored) are counted by :meth:`BandPostings.counts`, the
rest by the database (``eventcoder.store.repo.Store.reuse_candidates``). Both count the same
thing, the distinct (my sentence, their sentence) pairs that share at least one band, so the
ranking is the one the database alone would give.

Each posting is one int64, ``slot << SENTENCE_BITS | sentence``, appended to its band's array.
Slots grow with every article added and the oldest article goes first, so an article leaves by
moving :attr:`BandPostings.first_live` past its slot; its postings are dropped in bulk once the dead
outnumber the live.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from eventcoder.link.reuse import SentenceSig

CAPACITY = 2048  # articles kept: ~25 KB each (postings and their band keys), ~50 MB in all
SENTENCE_BITS = 24  # sentences of one article, at most 2**24


class BandPostings:
    """Band -> (article, sentence) postings of the last ``capacity`` articles added.

    Pure and in memory; the store decides which articles come here (see the module docstring).
    """

    def __init__(self, capacity: int | None = None):
        capacity = CAPACITY if capacity is None else capacity
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._postings: dict[str, array] = {}
        self._slots: OrderedDict[str, tuple[int, int]] = OrderedDict()  # article -> (slot, postings), oldest first
        self._ids: dict[int, str] = {}  # slot -> article, for the live ones
        self._next_slot = 0
        self._live = 0  # postings of the live articles
        self._dead = 0  # postings of articles gone, still in the arrays

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slots

    @property
    def first_live(self) -> int:
        """The slot of the oldest article kept (postings below it belong to articles gone)."""
        return next(iter(self._slots.values()))[0] if self._slots else self._next_slot

    def oldest(self) -> str | None:
        return next(iter(self._slots), None)

    @staticmethod
    def fits(sigs: Sequence[SentenceSig]) -> bool:
        """Whether an article's sentence numbers fit in a posting."""
        return all(0 <= s.index < 1 << SENTENCE_BITS for s in sigs)

    def add(self, article_id: str, sigs: Sequence[SentenceSig]) -> list[str]:
        """Keep an article's bands. Returns the articles that left to make room (oldest first)."""
        if article_id in self._slots:
            raise ValueError(f"article {article_id} is already kept")
        if not self.fits(sigs):
            raise ValueError("a sentence number does not fit in a posting")
        slot = self._next_slot
        self._next_slot += 1
        base = slot << SENTENCE_BITS
        n = 0
        for s in sigs:
            code = base | s.index
            for b in s.bands:
                codes = self._postings.get(b)
                if codes is None:
                    codes = self._postings[b] = array("q")
                codes.append(code)
            n += len(s.bands)
        self._slots[article_id] = (slot, n)
        self._ids[slot] = article_id
        self._live += n
        gone = []
        while len(self._slots) > self.capacity:
            old, (old_slot, old_n) = self._slots.popitem(last=False)
            del self._ids[old_slot]
            self._live -= old_n
            self._dead += old_n
            gone.append(old)
        if self._dead > max(self._live, 4096):
            self._compact()
        return gone

    def clear(self) -> None:
        self._postings.clear()
        self._slots.clear()
        self._ids.clear()
        self._live = self._dead = 0  # slots keep growing: a posting never changes owner

    def counts(self, sigs: Sequence[SentenceSig], exclude: str | None = None) -> dict[str, int]:
        """Kept articles sharing a band with ``sigs``: article -> distinct (my sentence, their sentence) pairs."""
        if not self._slots:
            return {}
        live = self.first_live << SENTENCE_BITS
        skip = self._slots[exclude][0] if exclude in self._slots else -1
        found = []
        for s in sigs:
            arrays = [np.frombuffer(a, dtype=np.int64) for b in s.bands if (a := self._postings.get(b)) is not None]
            if not arrays:
                continue
            theirs = np.unique(np.concatenate(arrays)) if len(arrays) > 1 else np.unique(arrays[0])
            found.append(theirs[theirs >= live] >> SENTENCE_BITS)  # one entry per sentence of theirs
        if not found:
            return {}
        slots, n = np.unique(np.concatenate(found), return_counts=True)
        return {self._ids[int(k)]: int(c) for k, c in zip(slots, n) if k != skip}

    def _compact(self) -> None:
        live = self.first_live << SENTENCE_BITS
        for band in list(self._postings):
            codes = np.frombuffer(self._postings[band], dtype=np.int64)
            kept = codes[codes >= live]
            if len(kept) == len(codes):
                continue
            if len(kept):
                self._postings[band] = array("q", kept.tobytes())
            else:
                del self._postings[band]
        self._dead = 0
