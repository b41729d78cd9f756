"""Name normalisation shared by the gazetteer build, the runtime index and the place finder.

``fold`` is the matching key: case-, accent- and punctuation-insensitive
("N'Djamena", "N’Djamena", "n djamena" all fold to ``"n djamena"``).
``ascii_name`` is the display form ACLED uses ("Abéché" -> "Abeche").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H",
    "ŀ": "l", "Ŀ": "L", "ʼ": "'", "’": "'", "‘": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_accents(name: str) -> str:
    """Remove diacritics and map special Latin letters: ``"Ségou" -> "Segou"``."""
    if name.isascii():  # fast path: nothing to decompose; only "`" maps (to "'")
        return name.translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(name: str) -> str:
    """Case- and accent-insensitive matching key for a place name."""
    if name.isascii():  # fast path: strip_accents only maps "`", which the substitution removes anyway
        return _NON_ALNUM.sub(" ", name.lower()).strip()
    return _NON_ALNUM.sub(" ", strip_accents(name).lower()).strip()


# The same names are folded again and again (an article, then each of its sentences; candidates' names
# while ranking): the place stage and the geocoder share this bounded cache.
fold_cached = lru_cache(maxsize=1 << 15)(fold)


def ascii_name(name: str) -> str:
    """ASCII display form of a name, as GeoNames' ``asciiname`` (falls back to ``name``)."""
    s = strip_accents(name).encode("ascii", "ignore").decode("ascii").strip()
    return s or name


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (alternate names kept for matching)."""
    for ch in name:
        if ch.isalpha() and ch.translate(_SPECIAL) == ch and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True
