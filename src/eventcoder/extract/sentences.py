"""Cheap, deterministic sentence splitting with character offsets.

Runs before any model so the trigger prefilter can skip most of an article.
Paragraph breaks always end a sentence; inside a paragraph we split after
., ! or ? (optionally followed by a closing quote or bracket) when the next
visible character starts a new sentence, except after common abbreviations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr",
    "no", "vs", "etc", "inc", "ltd", "co", "u.s", "u.n", "u.k", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep", "rev", "fr", "mt", "ft",
}
_BOUNDARY = re.compile(r"""([.!?]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9À-Ý])""")
_PARA = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each."""
    out: list[Sentence] = []
    para_starts = [0] + [m.end() for m in _PARA.finditer(text)]
    para_ends = [m.start() for m in _PARA.finditer(text)] + [len(text)]
    for p, (ps, pe) in enumerate(zip(para_starts, para_ends)):
        cursor = ps
        for m in _BOUNDARY.finditer(text, ps, pe):
            before = text[cursor:m.start(1)]
            last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
            if m.group(1) == "." and (last_word.rstrip(".") in _ABBREV or re.fullmatch(r"[a-z]", last_word)):
                continue
            end = m.end(2)
            _emit(text, cursor, end, p, out)
            cursor = m.end(3)
        _emit(text, cursor, pe, p, out)
    return out


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    s, e = start + lead, end - trail
    if e > s:
        out.append(Sentence(s, e, text[s:e], paragraph))
