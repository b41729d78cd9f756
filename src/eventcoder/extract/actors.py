"""Who: actor1 (initiator), actor2 (target) and associated actors, named the ACLED way.

The stage works on one sentence (or clause) at a time, in three steps:

1. **find mentions** of actors in the text: named groups from a table of well-known armed
   groups and missions (:data:`~eventcoder.extract.actor_names.KNOWN_GROUPS`), names an article
   introduced itself (an :class:`AliasIndex`: "Front for National Renewal in Chad (FRNT)"), other
   capitalised organisation names ("... Liberation Army" -> a rebel group), communal militias
   ("a Dogon militia"), state forces with their nationality ("French troops"), governments,
   crowds, unnamed armed men and civilians;
2. **give each mention a role**: initiator, target or source of the report. With a spaCy
   ``Doc`` of the sentence the dependency parse decides (``nsubj`` or the agent of a passive
   "by" -> initiator; ``dobj``, ``nsubjpass``, "killing *of* X", "attack *on* X" -> target;
   subject of "said" -> source); without one, word order and a few passive patterns do;
3. **apply the sub-event type's conventions**: protesters are actor1 of protest events and the
   force that intervenes actor2; rioters are actor1 of riots; victims of violence against
   civilians are ``Civilians (Country)``; unnamed perpetrators ``Unidentified Armed Group
   (Country)``; state forces abroad and international missions get inter code 8.

Naming conventions (one rule each, used everywhere):

* ``Military Forces of Mali`` (soldiers, troops, army, security forces), ``Police Forces of
  Mali`` (police, gendarmes), ``Government of Mali`` (government, ministries, ministers,
  president); a foreign force keeps its own country: French troops in Mali are ``Military
  Forces of France``, inter 8;
* ``Protesters (Mali)``, ``Rioters (Mali)``, ``Civilians (Mali)``; the kind of civilian worth
  keeping goes to the associated actor (``Teachers (Chad)``, ``Fulani Ethnic Group (Mali)``);
* unnamed armed men, jihadists, Islamist groups and rebels: ``Unidentified Armed Group (Mali)``,
  inter 3 (ACLED's code for it), never a guessed name;
* a mutiny: ``Mutiny of Military Forces of Mali``, inter 2; the president it seizes:
  ``Government of Mali`` with the person's canonical name as associated actor;
* a person is never an actor: a person stands for their group (``Rally for Equity and
  Progress``) or their government and is kept as the associated actor.

Example::

    >>> r = extract_actors("Police fired tear gas to disperse the protesters", "Protest with intervention", "Mali")
    >>> r.actor1, r.actor2, taxonomy.interaction(r.inter1, r.inter2)
    ('Protesters (Mali)', 'Police Forces of Mali', 16)
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventcoder import taxonomy
from eventcoder.extract import actor_names as N
from eventcoder.extract.nlp import lemma as _lemma

__all__ = [
    "ActorResult", "ActorStage", "AliasIndex", "Mention", "extract_actors", "find_mentions", "fold_aliases",
    "inter_code", "parse", "same_actor", "score",
]

AGENT, PATIENT, SOURCE, OTHER = "agent", "patient", "source", "other"

# --- result ------------------------------------------------------------------


@dataclass
class ActorResult:
    """The actors of one event. ``spans`` maps a field name to (start, end) offsets within the text."""

    actor1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    inter2: int | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    spans: dict[str, tuple[int, int]] | None = None

    @property
    def interaction(self) -> int | None:
        return taxonomy.interaction(self.inter1, self.inter2)


@dataclass
class Mention:
    """One actor mentioned in the text.

    ``kind`` is one of: military, police, government, country, group, international, ethnic_militia,
    armed, criminal, civilians, crowd, protesters, rioters, person, union. ``name`` is the ACLED-style
    actor name (``None`` for a crowd, whose name depends on the event type).
    """

    start: int
    end: int
    kind: str
    name: str | None
    inter: int | None
    assoc: str | None = None
    country: str | None = None
    rank: int = 1  # how specific: 0 crowd, 1 generic, 2 state forces, 3 named
    role: str = OTHER
    label: str | None = None  # the kind of civilian ("Teachers ({c})"), kept as associated actor
    extra_assoc: list[str] = field(default_factory=list)


# --- text helpers --------------------------------------------------------------

# Patterns used for every article are compiled here once: through re.search(pattern_string, ...) they
# would come from the re module's cache, which holds 512 patterns and is emptied by the other stages'.
_POSSESSIVE = re.compile(r"'s\b")
_NOT_KEY_CHAR = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the ")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")
_WORD_SEPARATORS = re.compile(r"[\s-]+")


def _key(s: str) -> str:
    """Comparison key: accents dropped, lower case, one space, no leading "the", no possessive."""
    s = N.strip_accents(s).replace("’", "'")
    s = _POSSESSIVE.sub("", s)
    s = _NOT_KEY_CHAR.sub(" ", s.lower())
    s = _SPACES.sub(" ", s).strip()
    return _LEADING_THE.sub("", s)


def _is_acronym(s: str) -> bool:
    return bool(_ACRONYM.fullmatch(s)) and sum(c.isalpha() for c in s) >= 2


def _bounded(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


_WORD_CHAR = re.compile(r"[\w-]")


def _count_bounded(word: str, text: str) -> int:
    """``len(re.findall(_bounded(re.escape(word)), text))``, without compiling a pattern for each word."""
    n, size = 0, len(word)
    i = text.find(word) if size else -1
    while i >= 0:
        if (i == 0 or not _WORD_CHAR.match(text, i - 1)) and not _WORD_CHAR.match(text, i + size):
            n += 1
            i = text.find(word, i + size)
        else:
            i = text.find(word, i + 1)
    return n


CONNECTORS = {"of", "for", "the", "and", "in", "de", "du", "des", "la", "le", "pour", "al", "el", "wal", "et", "to"}
NAME_STOP = {"The", "A", "An", "On", "In", "At", "But", "And", "It", "He", "She", "They", "We", "His", "Her", "Its",
             "Their", "After", "Before", "When", "While", "As", "Since", "During", "Early", "Late", "Last", "This", "That",
             "These", "Those", "Some", "Many", "Most", "Several", "Both", "Under", "Over", "From", "By", "With", "For",
             "Of", "To", "If", "Although", "Though", "Yesterday", "Today", "Meanwhile", "According", "Also", "Then",
             "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
             "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
             "Mr", "Mrs", "Ms", "Dr", "President", "Minister", "General", "Gen", "Colonel", "Col", "Captain", "Commander",
             "Prime", "Governor", "Ambassador", "Police", "Security", "Government", "Army", "Opposition", "Islamist",
             "Islamic", "French", "Chief", "Secretary", "Spokesman", "Spokeswoman", "Senator", "Sheikh", "Imam",
             "Lieutenant", "Lt", "Major", "Sergeant", "Judge", "Mayor", "Vice", "Deputy", "Ambassador", "Special"}
TITLE_WORDS = r"(?:president|prime\s+minister|minister|governor|leader|cleric|imam|ambassador|envoy|spokes(?:man|woman|person)|" \
              r"mr|mrs|ms|dr|general|gen\.?|colonel|col\.?|captain|commander|chief|chairman|secretary-general|" \
              r"vice-president|founder|protester|witness|activist|journalist|lawyer|mayor|judge|senator|sheikh|" \
              r"lieutenant|major|sergeant|officer|head|candidate|opponent|politician|rapper|singer|author)"
GOV_TITLE = r"(?:president|prime\s+minister|premier|minister|governor|head\s+of\s+state|junta\s+leader|interim\s+leader)"

# --- aliases -------------------------------------------------------------------


def _initials(name: str) -> str:
    return "".join(w[0] for w in _WORD_SEPARATORS.split(N.strip_accents(name)) if w and w[0].isupper())


def _content_initials(name: str) -> set[str]:
    return {w[0].upper() for w in _WORD_SEPARATORS.split(N.strip_accents(name)) if w and w.lower() not in CONNECTORS}


def _acronym_fits(acronym: str, name: str) -> bool:
    """Whether an acronym could stand for a name, in any language order ("FRNT" for "Front for National Renewal in Chad")."""
    letters = {c for c in acronym.upper() if c.isalpha()}
    inits = _content_initials(name)
    if not letters or len(inits) < 2:
        return False
    return len(letters & inits) / len(letters) >= 0.5 and acronym[0].upper() in inits


def _surname(name: str) -> str:
    return name.split()[-1]


def fold_aliases(names: Iterable[str]) -> dict[str, str]:
    """Fold the names of one person (or group) into one canonical name.

    Two names are one when they are equal without accents and case, when one is the surname (or
    first name plus surname) of the other, or when one is the acronym of the other's initials.
    The canonical name is the fullest name (most words; the first one given on a tie).

    >>> fold_aliases(["IBK", "Keita", "Keïta", "Ibrahim Boubacar Keita"])["Keïta"]
    'Ibrahim Boubacar Keita'

    Returns:
        ``{alias: canonical}`` for every name given, canonical names mapping to themselves.
    """
    names = [n.strip() for n in names if n and n.strip()]
    order = sorted(range(len(names)), key=lambda i: (-len(names[i].split()), i))
    canon_of: dict[str, str] = {}
    canonicals: list[str] = []
    for i in order:
        n = names[i]
        hit = next((c for c in canonicals if _same_entity(n, c)), None)
        if hit is None:
            canonicals.append(n)
            hit = n
        canon_of[n] = hit
    return {n: canon_of[n] for n in names}


def _same_entity(alias: str, full: str) -> bool:
    a, f = _key(alias), _key(full)
    if a == f:
        return True
    if _is_acronym(alias):
        return len(full.split()) >= 2 and (_initials(full).upper() == alias.upper() or _acronym_fits(alias, full))
    fw, aw = f.split(), a.split()
    if len(fw) >= 2 and len(aw) < len(fw):
        if aw == fw[-len(aw):]:  # surname ("Keita"), or last two names
            return True
        if len(aw) == 2 and aw[0] == fw[0] and aw[-1] == fw[-1]:  # first + last
            return True
    return False


class AliasIndex:
    """The names an article uses for its people and groups, folded to one canonical name each.

    Built once per article from its full text (:meth:`from_text`) with the patterns
    "X (known as Y)", "X, known as Y", "X (Y)" where Y is an acronym of X, the surname and
    initials of full person names, all accent-insensitive. Also remembers what the article says a
    person is: a head of government ("President Keïta", "the Keita government") or the leader of
    a group ("Moussa Ali Haroun, president of the Rally for Equity and Progress").

    >>> idx = AliasIndex.from_text("President Ibrahim Boubacar Keïta (known as IBK) ... Keita resigned.")
    >>> idx.canonical("IBK"), idx.canonical("Keita")
    ('Ibrahim Boubacar Keïta', 'Ibrahim Boubacar Keïta')
    """

    def __init__(self) -> None:
        self._canon: dict[str, str] = {}  # key -> canonical
        self._acronyms: dict[str, str] = {}  # exact acronym -> canonical
        self.kind: dict[str, str] = {}  # canonical -> "person" | "group"
        self.affiliation: dict[str, str] = {}  # person canonical -> group canonical
        self.government: set[str] = set()  # canonical names of heads of state/government and ministers
        self.armed_groups: list[str] = []  # rebel/jihadist groups the article names ("{c}" stands for the country)
        self._rx: re.Pattern[str] | None = None  # _pattern(), when _AliasScan can't stand for it
        self._scan: _AliasScan | bool | None = None

    # -- building -----------------------------------------------------------------
    def add(self, alias: str, canonical: str, kind: str | None = None) -> None:
        alias, canonical = alias.strip(), canonical.strip()
        if not alias or not canonical:
            return
        canonical = self._canon.get(_key(canonical), canonical)
        if kind:
            self.kind.setdefault(canonical, kind)
        if _is_acronym(alias):
            self._acronyms.setdefault(alias, canonical)
        else:
            self._canon.setdefault(_key(alias), canonical)
        self._canon.setdefault(_key(canonical), canonical)
        self._rx = self._scan = None

    def add_person(self, full: str) -> None:
        """Register a full person name with its surname, first+last name and initials."""
        full = full.strip()
        if full in self.kind or _key(full) in self._canon:
            canon = self._canon.get(_key(full), full)
        else:
            canon = full
        self.add(full, canon, "person")
        words = full.split()
        if len(words) >= 2:
            self.add(words[-1], canon, "person")
            self.add(f"{words[0]} {words[-1]}", canon, "person")
        if len(words) >= 3:
            self.add(_initials(full), canon, "person")

    @classmethod
    def from_text(cls, text: str, doc: Any = None) -> "AliasIndex":
        """Build the index of one article. ``doc`` (a spaCy Doc of the article) adds its PERSON entities."""
        idx = cls()
        persons: list[str] = []
        # 1. "X (known as Y)", "X, known as Y", "X, also known as Y"
        for m in _finditer_by_hint(KNOWN_AS, text):
            full = _trim_name(m.group(1))
            if not full:
                continue
            alias = m.group(2).strip()
            if _looks_like_person(full):
                persons.append(full)
                idx.add_person(full)
                idx.add(alias, idx.canonical(full), "person")
            else:
                idx.add(alias, full, "group")
        # 2. "Long Name (ACR)"
        for m in _finditer_by_hint(NAME_WITH_ACRONYM, text):
            acr = m.group(2)
            full = _name_for_acronym(m.group(1), acr)
            if full and _is_acronym(acr) and (_acronym_fits(acr, full) or _known_group(acr)):
                known = _known_group(full) or _known_group(acr)
                idx.add(acr, known or full, "group")
                idx.add(full, known or full, "group")
        # 3. person names
        if doc is not None:
            for ent in getattr(doc, "ents", ()):
                if ent.label_ == "PERSON" and len(ent.text.split()) >= 2:
                    persons.append(ent.text)
        plain = N.strip_accents(text)
        counts: dict[str, int] = {}

        def count(word: str) -> int:  # occurrences of a whole word (or words) in the article, accents ignored
            if word not in counts:
                counts[word] = _count_bounded(N.strip_accents(word), plain)
            return counts[word]

        for m in PERSON_CANDIDATE.finditer(text):
            name = _trim_name(m.group(0), person=True)
            if not name or len(name.split()) < 2 or not _looks_like_person(name):
                continue
            before = text[max(0, m.start() - 60):m.start()]
            after = text[m.end():m.end() + 40]
            # titled ("President X"), reused (the surname also stands alone) or described ("X, a lawyer")
            if _titled(before) or count(_surname(name)) > count(name) or DESCRIBED_AFTER.match(after):
                persons.append(name)
        for p in sorted(set(persons), key=lambda p: (-len(p.split()), text.find(p))):
            idx.add_person(p)
        # 4. "X, a little-known militant group"
        for m in _finditer_by_hint(APPOSITIVE_GROUP, text):
            name = _trim_name(m.group("name"))
            if name and not _looks_like_person(name) or name and m.group("what"):
                idx.add(name, _known_group(name) or name, "group")
        # 5. what the article says a person is
        for p in {idx.canonical(p) for p in persons}:
            idx._learn_roles(p, plain)
        # 6. the armed groups the article names (for "the fighters" and unattributed attacks)
        for m in find_mentions(text, "{c}", idx):
            if m.kind == "group" and m.inter == 2 and m.name not in idx.armed_groups:
                idx.armed_groups.append(m.name)
        return idx

    def _learn_roles(self, person: str, plain: str) -> None:
        """What the article (``plain``: its text without accents) says ``person`` is: head of government, group leader."""
        forms = sorted({a for a, c in self.aliases().items() if c == person and not _is_acronym(a)} | {person}, key=len, reverse=True)
        names = "|".join(re.escape(N.strip_accents(f)) for f in forms)
        acronyms = [a for a, c in self._acronyms.items() if c == person]
        acrs = "|".join(re.escape(a) for a in acronyms)
        p = rf"(?:(?i:{names}){'|' + acrs if acrs else ''})"
        # These patterns are made for each person (and group), and compiling them is what costs: only
        # those that pass the cheap test of _role_hints are tried. Where the person's names occur is known
        # (_name_spans), so they are tried there, in pieces compiled once (_GOV_PARTS, _AFF_PARTS); only
        # when that is not known (a text or name the case rule can't handle) are they compiled.
        spans = _name_spans([N.strip_accents(f) for f in forms], acronyms, plain)
        if spans is None:
            starts = [m.start() for m in _starts_rx(p).finditer(plain)]
        else:
            starts = sorted({q for q, _ in spans})
        gov_ok, aff_ok, sentences = _role_hints(starts, {len(f) for f in forms + acronyms}, plain)
        if spans is not None:
            said = any(_gov_said(i, spans, plain) for i in gov_ok)
        else:
            gov = _gov_patterns(p)
            said = any(re.search(gov[i], plain) for i in gov_ok)
        if said:
            self.government.add(person)
        groups = [c for c, k in self.kind.items() if k == "group"]
        for g in groups:
            gforms = [N.strip_accents(f) for f in sorted({a for a, c in self._acronyms.items() if c == g} | {g}, key=len, reverse=True)]
            if any("." in f for f in gforms):
                todo: Iterable[int] = range(5)  # the name could reach into the sentence before or after: no shortcut
            elif aff_ok and any(plain.find(f, lo, hi) >= 0 for f in gforms for lo, hi in sentences):
                todo = aff_ok  # the group is named in a sentence naming the person
            else:
                continue
            if spans is not None:
                gspans = _literal_spans(gforms, plain)
                found = any(_aff_said(i, spans, gspans, plain) for i in todo)
            else:
                pats = _aff_patterns(p, "|".join(re.escape(f) for f in gforms))
                found = any(re.search(pats[i], plain) for i in todo)
            if found:
                self.affiliation.setdefault(person, g)
                return  # the first group found is kept

    # -- lookups -------------------------------------------------------------------
    def lookup(self, name: str) -> str | None:
        """The canonical name of an alias, or ``None``."""
        name = name.strip()
        if name in self._acronyms:
            return self._acronyms[name]
        return self._canon.get(_key(name))

    def canonical(self, name: str) -> str:
        return self.lookup(name) or name

    def aliases(self) -> dict[str, str]:
        """Every alias key (and acronym) with its canonical name."""
        out = dict(self._canon)
        out.update(self._acronyms)
        return out

    def __len__(self) -> int:
        return len(set(self.aliases().values()))

    def __contains__(self, name: str) -> bool:
        return self.lookup(name) is not None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Occurrences of known aliases in ``text``: (start, end, canonical, kind)."""
        if not self._canon and not self._acronyms:
            return []
        out = []
        plain_text = N.strip_accents(text).replace("’", "'")
        for s, e in self._spans(plain_text):
            g = plain_text[s:e]
            canon = self._acronyms.get(g) if g in self._acronyms else self._canon.get(_key(g))
            if not canon:
                continue
            if self.kind.get(canon) == "person" and not text[s:s + 1].isupper():
                continue
            out.append((s, e, canon, self.kind.get(canon, "group")))
        return out

    def _spans(self, plain_text: str) -> list[tuple[int, int]]:
        """The aliases :meth:`find` finds in ``plain_text`` (the span of the alias, without a "the" before it):
        what :meth:`_pattern` finds, by :class:`_AliasScan` when it can (no pattern to compile per article)."""
        if self._scan is None:
            self._scan = _AliasScan.build(list(self._acronyms), self._canon)
        spans = self._scan.spans(plain_text) if self._scan else None
        if spans is None:
            if self._rx is None:
                self._rx = self._pattern()
            spans = []
            for m in self._rx.finditer(plain_text):
                g = "acr" if m.groupdict().get("acr") else "name"
                spans.append(m.span(g))
        return spans

    def _pattern(self) -> re.Pattern[str]:
        """All the aliases in one pattern: acronyms as they are, other names in any case, with any spaces
        or hyphens between their words, longest first; "the" before them is not part of the alias."""
        words = [re.escape(a) for a in self._acronyms]
        plain = sorted({k for k in self._canon if len(k) >= 3}, key=len, reverse=True)
        parts = [r"(?P<acr>" + "|".join(sorted(words, key=len, reverse=True)) + ")"] if words else []
        if plain:
            parts.append(r"(?P<name>(?i:" + "|".join(re.escape(k).replace(r"\ ", r"[\s-]+") for k in plain) + "))")
        return re.compile(r"(?<![\w-])(?:the\s+|The\s+)?(?:" + "|".join(parts) + r")(?![\w-])")


# Characters that match an ASCII letter when case is ignored (besides its two ASCII cases): "İ" and "ı" match
# "i", "ſ" matches "s", the Kelvin sign matches "k". They are also the only characters other than ASCII
# upper case letters whose lower case is longer or holds an ASCII letter ("İ", the Kelvin sign).
# tests/extract/test_actors_fast.py checks both over all of Unicode.
_CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")


def _fold(text: str) -> str | None:
    """``text`` in lower case, the same length: where an ASCII name occurs in ``text``, case ignored, is where
    the name's lower case occurs in this (``None`` when ``text`` holds one of _CASE_TWINS)."""
    if not text.isascii() and not _CASE_TWINS.isdisjoint(text):
        return None
    return text.lower()


_THE = re.compile(r"the\s+|The\s+")


class _AliasScan:
    """What the pattern of :meth:`AliasIndex._pattern` finds, found without compiling it.

    That pattern is made for each article, and compiling it cost more than using it. It only holds
    literal words, so the places where an alias can start are found with ``str.find`` (the acronym, or
    the first word of a name in lower case), and at each of them, left to right, the pattern's own
    order decides: with "the" before first, then acronyms, then names, longest first, the first that fits
    (and ends a word) wins; the next match starts after it. A name's words are separated by
    ``[\\s-]+``, which takes the whole run of spaces and hyphens since a word after the first never
    starts with a hyphen (names where one does, and texts or names the case rule can't handle, are left
    to the pattern: ``build`` gives ``False``, ``spans`` ``None``).
    """

    def __init__(self, acronyms: list[str], names: list[list[str]]):
        self.acronyms = acronyms  # in the pattern's order
        self.names = names  # the words of each name (lower case), in the pattern's order

    @classmethod
    def build(cls, acronyms: list[str], canon: dict[str, str]) -> "_AliasScan | bool":
        """For the acronyms and the alias keys of an AliasIndex (``False``: the pattern must be used)."""
        acrs = sorted(acronyms, key=lambda a: len(re.escape(a)), reverse=True)  # as _pattern orders them
        keys = sorted({k for k in canon if len(k) >= 3}, key=len, reverse=True)
        names = [k.split(" ") for k in keys]
        if not acrs and not names or not all(k.isascii() for k in keys) or any(
                not w or w[0] == "-" and i for ws in names for i, w in enumerate(ws)):
            return False
        return cls(acrs, names)

    def spans(self, text: str) -> list[tuple[int, int]] | None:
        """The spans of the aliases the pattern finds in ``text`` (``None``: a text _fold can't handle)."""
        low = _fold(text)
        if low is None:
            return None
        n_acr = len(self.acronyms)
        at: dict[int, list[int]] = {}  # where an alias may start -> which (index in the pattern's order)
        for k, needle in enumerate(self.acronyms):
            i = text.find(needle)
            while i >= 0:
                at.setdefault(i, []).append(k)
                i = text.find(needle, i + 1)
        for k, words in enumerate(self.names, n_acr):
            i = low.find(words[0])
            while i >= 0:
                at.setdefault(i, []).append(k)
                i = low.find(words[0], i + 1)
        starts = set(at)
        for q in at:  # "the" before an alias: the match starts there
            j = q
            while j > 0 and text[j - 1].isspace():  # str.isspace is \s, character for character
                j -= 1
            if 3 <= j < q and text[j - 3:j] in ("the", "The"):
                starts.add(j - 3)
        out = []
        end = 0
        for p in sorted(starts):
            if p < end or p and _WORD_CHAR.match(text, p - 1):
                continue
            the = _THE.match(text, p)
            for q in ((the.end(), p) if the else (p,)):
                span = self._alias_at(text, low, q, sorted(at.get(q, ())))
                if span is not None:
                    out.append(span)
                    end = span[1]
                    break
        return out

    def _alias_at(self, text: str, low: str, q: int, todo: list[int]) -> tuple[int, int] | None:
        """The first alias (of ``todo``, in the pattern's order) that occurs at ``q`` and ends a word there."""
        n_acr = len(self.acronyms)
        for k in todo:
            if k < n_acr:
                e: int | None = q + len(self.acronyms[k])
            else:
                words = self.names[k - n_acr]
                e = q + len(words[0])
                for w in words[1:]:
                    sep = _WORD_SEPARATORS.match(text, e)
                    if sep is None or not low.startswith(w, sep.end()):
                        e = None
                        break
                    e = sep.end() + len(w)
            if e is not None and not _WORD_CHAR.match(text, e):
                return q, e
        return None


KNOWN_AS = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)\s*(?:\(|,)\s*(?:also\s+|better\s+|popularly\s+)?known\s+as\s+[\"“]?([A-Z][\w'’. -]{0,40}?)[\"”]?\s*(?:\)|,|\.|;|$)")
NAME_WITH_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’.-]*|of|for|the|and|in|de|du|des|la|le|pour|al|el|wal)(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|and|in|de|du|des|la|le|pour|al|el|wal|\d+)){1,12})\s+\(([A-Z][A-Za-z0-9&-]{1,9})\)")
TITLED_BEFORE = re.compile(TITLE_WORDS + r"\b[^.;:]{0,40}$", re.I)


def _titled(before: str) -> bool:
    """``TITLED_BEFORE.search(before)``, from where a match can start: past the last ".", ";" or ":" (which a
    match can only hold as the "." of "Gen." or "Col.", 3 characters after its start)."""
    stop = max(before.rfind("."), before.rfind(";"), before.rfind(":"))
    return TITLED_BEFORE.search(before, max(0, stop - 3)) is not None


DESCRIBED_AFTER = re.compile(r"\s*,\s*(?:the\s+|a\s+|an\s+|\d+\s*,\s*)?(?:[\w-]+\s+){0,3}?" + TITLE_WORDS + r"\b", re.I)
LEAD_WORDS = (r"(?:leader|president|head|chairman|chairwoman|founder|chief|commander|secretary-general|vice-president|"
              r"spokes(?:man|woman|person)|member|official)")

# Hints for AliasIndex._learn_roles, one per pattern there (same order): what the pattern needs right
# before the person's name (searched up to it) and right after it (matched from its end), i.e. the
# pattern without the person's and the group's names and a few \b. None of these pieces can match a
# ".", nor can any other part of the patterns but the names: so a pattern can only match within the
# text between the full stops around the name, and only if its pieces are there.
_GOV_T = r"(?i:" + GOV_TITLE + r")"
_GOV_HINTS: list[tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = [
    (re.compile(rf"{_GOV_T}[ \t]+(?:of[ \t]+[A-Z]\w+[ \t]+)?\Z"), None),  # President (of Mali) X
    (None, re.compile(rf",[ \t]+(?:the[ \t]+)?(?:country's[ \t]+|[A-Z]\w+'s[ \t]+)?{_GOV_T}")),  # X, the country's president
    (None, re.compile(rf"[ \t]+(?:became|becomes|was[ \t]+sworn[ \t]+in[ \t]+as|is[ \t]+the)[ \t]+(?:the[ \t]+)?{_GOV_T}")),
    (None, re.compile(r"[ \t]+(?:was|has[ \t]+been|had[ \t]+been)[ \t]+(?:first[ \t]+|re-?)?elected")),  # X was elected
    (re.compile(r"(?i:the)[ \t]+\Z"), re.compile(r"[ \t]+(?i:government|administration|regime)")),  # the X government
    (None, re.compile(r"['’]s[ \t]+(?i:government|administration|regime)")),  # X's government
]
_AFF_HINTS: list[tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = [
    (None, re.compile(rf",\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}{LEAD_WORDS}\s+of\s+")),  # X, leader of (the) G
    (re.compile(rf"{LEAD_WORDS}\s+of\s+[^.]*,\s+\Z"), None),  # leader of (the) G (ACR), X
    (re.compile(rf"{LEAD_WORDS}\s+\Z"), None),  # G('s) (deputy) leader X
    (re.compile(rf"whose\s+{LEAD_WORDS}\s+\Z"), None),  # G, whose leader X
    (None, re.compile(r"[^.]{0,60}founded\s+the\s+")),  # X ... founded the G
]


@lru_cache(maxsize=256)
def _starts_rx(p: str) -> re.Pattern[str]:
    return re.compile(f"(?={p})")


def _role_hints(starts: list[int], lengths: set[int], plain: str) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """For AliasIndex._learn_roles: the government and the group patterns whose hints hold around some
    occurrence of the person's name (it starts at each of ``starts``, with one of ``lengths``), and the
    sentences around those occurrences, as (start, end) offsets: the patterns that can match there.
    """
    gov: set[int] = set()
    aff: set[int] = set()
    sentences = []
    for q in starts:  # every position where a name starts, overlaps included
        lo, hi = plain.rfind(".", 0, q) + 1, plain.find(".", q + max(lengths))
        hi = len(plain) if hi < 0 else hi
        sentences.append((lo, hi))
        for hints, ok in ((_GOV_HINTS, gov), (_AFF_HINTS, aff)):
            for i, (before, after) in enumerate(hints):
                if (i not in ok and (before is None or before.search(plain, lo, q))
                        and (after is None or any(after.match(plain, q + n, hi) for n in lengths))):
                    ok.add(i)
    return sorted(gov), sorted(aff), sentences


def _gov_patterns(p: str) -> list[str]:
    """The patterns saying a person (``p``: a pattern of their names) is a head of state or government
    ("President X", "X, the country's president", "X was elected", "the X government"...)."""
    t = r"(?i:" + GOV_TITLE + r")"
    return [rf"\b{t}[ \t]+(?:of[ \t]+[A-Z]\w+[ \t]+)?{p}\b", rf"\b{p},[ \t]+(?:the[ \t]+)?(?:country's[ \t]+|[A-Z]\w+'s[ \t]+)?{t}\b",
            rf"\b{p}[ \t]+(?:became|becomes|was[ \t]+sworn[ \t]+in[ \t]+as|is[ \t]+the)[ \t]+(?:the[ \t]+)?{t}",
            rf"\b{p}[ \t]+(?:was|has[ \t]+been|had[ \t]+been)[ \t]+(?:first[ \t]+|re-?)?elected\b",
            rf"\b(?i:the)[ \t]+{p}[ \t]+(?i:government|administration|regime)\b", rf"\b{p}['’]s[ \t]+(?i:government|administration|regime)\b"]


def _aff_patterns(p: str, gn: str) -> list[str]:
    """The patterns saying a person (``p``) leads a group (``gn``: a pattern of its names)."""
    lead = LEAD_WORDS
    return [rf"\b{p},\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}{lead}\s+of\s+(?:the\s+)?(?:{gn})\b",
            rf"\b{lead}\s+of\s+(?:the\s+)?(?:{gn})(?:\s+\([A-Z]+\))?,\s+{p}\b",
            rf"\b(?:{gn})(?:['’]s)?\s+(?:[\w-]+\s+)?{lead}\s+{p}\b",
            rf"\b(?:{gn}),?\s+whose\s+{lead}\s+{p}\b",
            rf"\b{p}\b[^.]{{0,60}}\bfounded\s+the\s+(?:{gn})\b"]


# The patterns of AliasIndex._learn_roles cut at the names they hold, to be tried where the names occur
# instead of being compiled for each person and group. A pattern "A{p}B" (p: the person's names) matches
# somewhere iff at some occurrence [q, e) of a name, A matches a text ending at q and B one starting at e
# (_gov_patterns, _aff_patterns: the whole patterns, for texts _name_spans can't handle; keep them in step).
# None for A is the pattern's "\b" just before the name; a pattern for A ends in \Z and is searched with
# ``endpos=q`` from the last "." before q (none of them can match a "."); B is matched from e.
_BOUNDARY = re.compile(r"\b")
_GOV_PARTS: list[tuple[re.Pattern[str] | None, re.Pattern[str]]] = [
    (re.compile(rf"\b{_GOV_T}[ \t]+(?:of[ \t]+[A-Z]\w+[ \t]+)?\Z"), _BOUNDARY),  # President (of Mali) X
    (None, re.compile(rf",[ \t]+(?:the[ \t]+)?(?:country's[ \t]+|[A-Z]\w+'s[ \t]+)?{_GOV_T}\b")),
    (None, re.compile(rf"[ \t]+(?:became|becomes|was[ \t]+sworn[ \t]+in[ \t]+as|is[ \t]+the)[ \t]+(?:the[ \t]+)?{_GOV_T}")),
    (None, re.compile(r"[ \t]+(?:was|has[ \t]+been|had[ \t]+been)[ \t]+(?:first[ \t]+|re-?)?elected\b")),
    (re.compile(r"\b(?i:the)[ \t]+\Z"), re.compile(r"[ \t]+(?i:government|administration|regime)\b")),
    (None, re.compile(r"['’]s[ \t]+(?i:government|administration|regime)\b")),
]
# The group patterns hold two names, the person's and the group's (gn): (whether the person's comes first;
# A, before the first name, as above; M, the text between the two names, matched from the end of the first
# with ``endpos`` at the start of the second, ending in \Z). All end with "\b" after the second name.
_AFF_PARTS: list[tuple[bool, re.Pattern[str] | None, re.Pattern[str]]] = [
    (True, None, re.compile(rf",\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}{LEAD_WORDS}\s+of\s+(?:the\s+)?\Z")),  # X, leader of (the) G
    (False, re.compile(rf"\b{LEAD_WORDS}\s+of\s+(?:the\s+)?\Z"), re.compile(r"(?:\s+\([A-Z]+\))?,\s+\Z")),  # leader of G (ACR), X
    (False, None, re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+)?{LEAD_WORDS}\s+\Z")),  # G('s) (deputy) leader X
    (False, None, re.compile(rf",?\s+whose\s+{LEAD_WORDS}\s+\Z")),  # G, whose leader X
    (True, None, re.compile(r"\b[^.]{0,60}\bfounded\s+the\s+\Z")),  # X ... founded the G
]


def _before(rx: re.Pattern[str] | None, text: str, q: int) -> bool:
    """Whether the part ``rx`` of a pattern (see _GOV_PARTS) holds before a name starting at ``q``."""
    if rx is None:
        return _BOUNDARY.match(text, q) is not None
    return rx.search(text, text.rfind(".", 0, q) + 1, q) is not None


def _gov_said(i: int, spans: list[tuple[int, int]], plain: str) -> bool:
    """``re.search`` of the i-th government pattern of AliasIndex._learn_roles, the person's names occurring at ``spans``."""
    before, after = _GOV_PARTS[i]
    return any(after.match(plain, e) and _before(before, plain, q) for q, e in spans)


def _aff_said(i: int, spans: list[tuple[int, int]], gspans: list[tuple[int, int]], plain: str) -> bool:
    """``re.search`` of the i-th group pattern of AliasIndex._learn_roles, the person's names occurring at
    ``spans`` and the group's at ``gspans``."""
    person_first, before, middle = _AFF_PARTS[i]
    firsts, seconds = (spans, gspans) if person_first else (gspans, spans)
    return any(q2 > e1 and middle.match(plain, e1, q2) and _BOUNDARY.match(plain, e2) and _before(before, plain, q1)
               for q1, e1 in firsts for q2, e2 in seconds)


def _literal_spans(words: Iterable[str], text: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each of ``words`` in ``text``, overlaps included."""
    out = []
    for w in words:
        i = text.find(w) if w else -1
        while i >= 0:
            out.append((i, i + len(w)))
            i = text.find(w, i + 1)
    return out


def _name_spans(names: list[str], acronyms: list[str], plain: str) -> list[tuple[int, int]] | None:
    """(start, end) of every occurrence in ``plain`` of one of ``names`` (case ignored) or ``acronyms``, overlaps
    included: the places where ``(?:(?i:names)|acronyms)`` matches, without compiling it for each person.
    ``None`` for names that are not ASCII or a text _fold can't handle: use the pattern."""
    low = _fold(plain) if all(n.isascii() for n in names) else None
    if low is None:
        return None
    return sorted(set(_literal_spans([n.lower() for n in names], low) + _literal_spans(acronyms, plain)))


APPOSITIVE_GROUP = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]*\s+){0,5}[A-Z][\w'’-]*),\s+an?\s+(?:[\w-]+\s+){0,2}?(?P<what>militant|rebel|armed|jihadist|insurgent|"
    r"separatist|Islamist|extremist|criminal|terrorist|resistance)\s+(?:group|movement|faction|militia|organi[sz]ation|gang|outfit|coalition)")
# KNOWN_AS, NAME_WITH_ACRONYM and APPOSITIVE_GROUP scan whole articles, trying every position. Each of their
# matches holds a part that is cheap to find (a "hint": "known", " (ACR)", "rebel group") and, before it,
# only word characters, spaces and a few others (_HINTS), from one of a few first characters: so a match can
# only start in the run of such characters that ends where a hint occurs (_finditer_by_hint).
_HINTS: dict[re.Pattern[str], tuple[re.Pattern[str], str, re.Pattern[str]]] = {  # pattern -> (hint, others, first)
    KNOWN_AS: (re.compile("known"), "'’.-(,", re.compile("[A-Z]")),
    NAME_WITH_ACRONYM: (re.compile(r"\s\([A-Z][A-Za-z0-9&-]{1,9}\)"), "'’.-", re.compile("[A-Zoftaidlpew]")),  # of, the...
    APPOSITIVE_GROUP: (re.compile(r"(?:militant|rebel|armed|jihadist|insurgent|separatist|Islamist|extremist|criminal|"
                                  r"terrorist|resistance)\s+(?:group|movement|faction|militia|organi[sz]ation|gang|outfit|coalition)"),
                       "'’-,", re.compile("[A-Z]")),
}


def _finditer_by_hint(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``list(rx.finditer(text))`` for a pattern of _HINTS, trying only the starts that can lead to a match.

    At the first hint at or after ``pos`` (q): a match starting at or after ``pos`` holds a hint after its
    start, so at or after q, with only \\w, \\s and ``others`` characters before it; if it starts before q,
    then in the run of those characters that ends at q. Those starts (with a ``first`` character) are
    tried left to right, as finditer tries them; none matches: the next hint, after q.
    """
    hint, others, first = _HINTS[rx]
    out = []
    pos = 0
    while (h := hint.search(text, pos)) is not None:
        q = lo = h.start()
        while lo > pos and ((c := text[lo - 1]).isalnum() or c == "_" or c.isspace() or c in others):  # \w, \s
            lo -= 1
        for f in first.finditer(text, lo, q + 1):
            m = rx.match(text, f.start())
            if m is not None:
                out.append(m)
                pos = m.end()
                break
        else:
            pos = q + 1
    return out


PERSON_CANDIDATE = re.compile(
    r"(?<![\w'’-])[A-Z][a-zà-ÿ'’-]+(?:[ \t]+(?:(?:bin|ben|ould|al|el|de|da|dos|van|von|ag|wa)[ \t]+)?[A-Z][a-zà-ÿ'’-]+){1,3}(?![\w-])")


GENERIC_LEADS = {"Fighters", "Rebels", "Members", "Militants", "Soldiers", "Troops", "Leaders", "Supporters", "Officials",
                 "Insurgents", "Gunmen", "Activists", "Leader", "Member", "Commander", "Spokesman", "Head"}


def _name_for_acronym(run: str, acronym: str) -> str:
    """The part of a capitalised run an acronym stands for: the shortest tail that fits it."""
    words = _trim_name(run).split()
    while words and words[0] in GENERIC_LEADS:
        words = _trim_name(" ".join(words[1:])).split()
    for i in range(len(words) - 1, -1, -1):
        if not words[i][:1].isupper() or words[i].lower() in CONNECTORS:
            continue
        tail = " ".join(words[i:])
        if _acronym_fits(acronym, tail):
            return tail
    return " ".join(words)


_ENDS_POSSESSIVE = re.compile(r"['’]s$")


def _trim_name(s: str, person: bool = False) -> str:
    words = s.replace("\n", " ").split()
    while words and (words[0] in NAME_STOP or words[0].lower() in CONNECTORS or words[0].endswith((",", "."))):
        words = words[1:]
    while words and words[-1].lower() in CONNECTORS:
        words = words[:-1]
    if person:
        words = [w for w in words]
        if words and _ENDS_POSSESSIVE.search(words[-1]):
            words[-1] = words[-1][:-2]
    return " ".join(words)


def _looks_like_person(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    bad = set(N.GROUP_HEADS) | N.NOT_GROUP_WORDS | {"Islamic", "State", "National", "Republic", "United", "Nations",
                                                    "African", "Union", "Ministry", "Council", "Assembly", "Court",
                                                    "Square", "Lake", "River", "Mount", "North", "South", "East", "West",
                                                    "Central", "Northern", "Southern", "Eastern", "Western", "Twitter",
                                                    "Telegram", "Facebook", "Amnesty", "International", "Human", "Rights",
                                                    "Watch", "Red", "Cross", "Crescent", "New", "Saint", "Le", "La", "Al"}
    if any(w.strip("'’") in bad for w in words):
        return False
    if any(w in _DEMONYM_SET or w in N.COUNTRIES for w in words):
        return False
    if " ".join(words) in N.COUNTRIES:
        return False
    return True


@lru_cache(maxsize=4096)
def _known_group(name: str) -> str | None:
    for canon, _inter, rx in _known_rx():
        m = rx.fullmatch(name.strip())
        if m:
            return canon
    return None


# --- mention finding -------------------------------------------------------------

_DEMONYM_TO_COUNTRY: dict[str, str] = {}
for _c, _ds in N.COUNTRIES.items():
    _DEMONYM_TO_COUNTRY[_c] = _c
    for _d in _ds:
        _DEMONYM_TO_COUNTRY[_d] = _c
_DEMONYM_SET = set(_DEMONYM_TO_COUNTRY)
_NAT = "|".join(re.escape(d) for d in sorted(_DEMONYM_TO_COUNTRY, key=len, reverse=True))
NATIONALITY = re.compile(rf"(?<![\w-])(?P<nat>{_NAT})(?:['’]s)?(?![\w-])")
NATIONALITIES_BEFORE = re.compile(rf"((?:(?:{_NAT})(?:['’]s)?(?:\s*,\s*|\s+and\s+|\s+))+)(?:(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){{0,2}}$")
_NAT_ANY = re.compile(f"(?:{_NAT})")
COUNTRY_NAME = re.compile(rf"(?<![\w-])(?P<c>{'|'.join(re.escape(c) for c in sorted(N.COUNTRIES, key=len, reverse=True))})(?![\w-])(?!['’]s)")


@lru_cache(maxsize=1)
def _known_rx() -> list[tuple[str, int, re.Pattern[str]]]:
    out = []
    for canon, inter, pats in N.KNOWN_GROUPS:
        alts = []
        for p in pats:
            if re.fullmatch(r"[A-Z0-9]+", p):
                alts.append(p)  # acronyms: case-sensitive
            else:
                alts.append(f"(?i:{p})")
        out.append((canon, inter, re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?=-(?:linked|affiliated|allied|aligned|backed|inspired)\b|(?![\w-]))")))
    return out


def _alt(pats: Iterable[str]) -> str:
    return "|".join(sorted(pats, key=len, reverse=True))


RX_POLICE = re.compile(_bounded(_alt(N.POLICE_NOUNS)), re.I)
RX_MILITARY = re.compile(_bounded(_alt(N.MILITARY_NOUNS)), re.I)
RX_GOVERNMENT = re.compile(_bounded(_alt(N.GOVERNMENT_NOUNS)), re.I)
RX_PROTESTERS = re.compile(_bounded(_alt(N.PROTESTER_NOUNS)), re.I)
RX_RIOTERS = re.compile(_bounded(_alt(N.RIOTER_NOUNS)), re.I)
RX_ARMED = re.compile(_bounded(_alt(N.ARMED_NOUNS)), re.I)
RX_CRIMINAL = [(re.compile(_bounded(p), re.I), name) for p, name in N.CRIMINAL_NOUNS]
RX_CIVILIANS = [(re.compile(_bounded(p), re.I), label) for p, label in N.CIVILIAN_NOUNS]
RX_CROWD = re.compile(_bounded(_alt(N.CROWD_NOUNS)), re.I)
_ETH = "|".join(sorted(N.ETHNIC_GROUPS, key=len, reverse=True))
_CIV = "|".join(p for p, _ in N.CIVILIAN_NOUNS if p not in ("men", "people", "persons", "individuals", "family", "families"))
RX_ETHNIC_MILITIA = re.compile(
    rf"(?<![\w-])(?:(?:ethnic|communal)\s+)?(?P<eth>{_ETH}|[A-Z][a-z]+)\s+(?:ethnic\s+|communal\s+|self-defen[cs]e\s+)?"
    rf"(?:militias?|militiam[ae]n|vigilantes|self-defen[cs]e\s+(?:groups?|militias?)|hunters|fighters|gunmen|armed\s+(?:men|groups?))(?![\w-])")
RX_ETHNIC_CIVILIANS = re.compile(
    rf"(?<![\w-])(?P<eth>{_ETH})\s+(?:(?:{_CIV}|people|men|communities|community|families|villages?|herdsmen|nomads|settlements?|civilians|residents)(?![\w-]))")
RX_UN_PEACEKEEPERS = re.compile(r"(?<![\w-])(?:(?:UN|U\.N\.|United\s+Nations)\s+)?(?:peacekeepers|blue\s+helmets|peacekeeping\s+(?:forces?|troops|mission))(?![\w-])", re.I)
RX_WEAPON = re.compile(r"(?<![\w-])(?:(?:ballistic|cruise|guided|hypersonic)\s+)?(?:missiles?|rockets?|drones?|shells?|artillery|"
                       r"air\s*strikes?|airstrikes?|strikes?|bombers|aircraft|helicopters?|planes|shelling|bombardment|"
                       r"mortars?)(?![\w-])", re.I)
NAMED_GANG = re.compile(r"(?<![\w'’-])(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]+\s+){1,3})(?P<what>gang|cartel|militia|clan)(?![\w-])")
RX_PRIVATE_SECURITY = re.compile(r"(?<![\w-])private\s+(?:security|military)\s+(?:guards?|contractors?|firms?|companies|company|personnel|forces)(?![\w-])", re.I)
NON_ETHNIC_WORDS = {"Islamist", "Islamic", "Jihadist", "Rebel", "The", "A", "Armed", "Local", "Rival", "Allied", "Government",
                    "Pro", "Suspected", "Unidentified", "Unknown", "Heavily", "Christian", "Muslim", "Militia", "Youth", "Some"}

# generic named organisations: a run of Capitalised words and connectors.
RX_CAP_RUN = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|the|and|in|de|du|des|la|le|pour|al|el|wal|et|to|\d+)\s+)*[A-Z0-9][\w'’.-]*)+")


_LETTERS = re.compile(r"[A-Za-z]+")
_REBEL_CONTEXT = re.compile(r"\brebel|armed\s+group|insurg|jihad|militant|separatist")
_PARTY_CONTEXT = re.compile(r"\b(?:party|parties|opposition|political)\b")
# words every match of these holds: without one, no need to run the pattern
_REBEL_CONTEXT_WORDS = ("rebel", "armed", "insurg", "jihad", "militant", "separatist")
_PARTY_CONTEXT_WORDS = ("part", "opposition", "political")


def _classify_group(name: str, context: str = "") -> tuple[str, int]:
    """(kind, inter) of a named organisation, from its words and the words around it."""
    words = set(_LETTERS.findall(name))
    ctx = context.lower()
    if words & N.UNION_WORDS and not words & (N.REBEL_WORDS - {"Defence", "Defense"}) and not words & N.PARTY_WORDS:
        if "African" not in words and "European" not in words:
            return "union", 6
    if words & N.CRIME_WORDS:
        return "group", 3
    if any(w in ctx for w in _REBEL_CONTEXT_WORDS) and _REBEL_CONTEXT.search(ctx):
        return "group", 2
    if words & N.PARTY_WORDS:
        return "group", 3
    if words & {"Liberation", "Front", "Army", "Revolutionary", "Jihad", "Mujahideen", "Brigades", "Brigade", "Resistance"}:
        return "group", 2
    if any(w in ctx for w in _PARTY_CONTEXT_WORDS) and _PARTY_CONTEXT.search(ctx):
        return "group", 3
    if words & {"Militia", "Self", "Vigilante", "Guard"}:
        return "group", 3
    if words & N.REBEL_WORDS or "Movement" in words or "Mouvement" in words:
        return "group", 2
    return "group", 3


# --- many patterns in one pass -----------------------------------------------------
# find_mentions looks for some 120 patterns (_scanned); running each over the whole text was most of its
# time. They all start with (?<![\w-]), so _WordScan runs one combined pattern that finds the positions
# where any of them matches (a few per sentence), then tries each pattern only at those positions. The
# combined pattern dispatches on the first character: at a word start, an alternative such as
# "[Tt](?<=(?=troops|...)[\s\S])" costs the regex engine a single character test unless the character
# is a "t"; only then does it step back and try the patterns that can start with a "t" (_first_chars).
#
# Start-up cost: the combined pattern is compiled once per process. Under each character it only needs
# the part of each pattern that can start with that character: under "M", the country names starting
# with "M" rather than all of them (_pruned_body). Pruning the parsed patterns that way keeps the
# combined pattern (and the _which patterns) a fraction of the size of the full patterns repeated under
# each character, which is what made compiling them cost most of a second.

_LOOKBEHIND = r"(?<![\w-])"

try:  # the parser behind re.compile, to read the patterns (first characters, pruning)
    from re import _constants as _K, _parser as _P
except ImportError:  # another Python: no dispatch and no pruning (slower, same results)
    _K = _P = None  # type: ignore[assignment]


@lru_cache(maxsize=1)
def _scanned() -> list[re.Pattern[str]]:
    """The patterns :class:`_WordScan` runs: all start with ``(?<![\\w-])``, none matches an empty string."""
    return [rx for _, _, rx in _known_rx()] + [rx for rx, _ in RX_CRIMINAL] + [rx for rx, _ in RX_CIVILIANS] + [
        RX_POLICE, RX_MILITARY, RX_GOVERNMENT, RX_PROTESTERS, RX_RIOTERS, RX_ARMED, RX_CROWD, RX_UN_PEACEKEEPERS,
        RX_PRIVATE_SECURITY, RX_WEAPON, RX_ETHNIC_MILITIA, RX_ETHNIC_CIVILIANS, COUNTRY_NAME]


_ASCII = [chr(i) for i in range(128)]


@lru_cache(maxsize=None)
def _ascii_matching(code: int, icase: bool) -> frozenset[str]:
    """The ASCII characters that the character ``code`` of a pattern matches."""
    ch = chr(code)
    if ch.isascii() and not ch.isalpha():  # only letters (and a few non-ASCII letters) match another character
        return frozenset(ch)
    return frozenset(c for c in _ASCII if re.fullmatch(re.escape(ch), c, re.I if icase else 0))


_IGNORECASE = int(re.I)  # a plain int: "flags & re.I" runs the enum's Python code


def _first_of(items: Any, icase: bool) -> tuple[set[str] | None, bool]:
    """For a sequence of a parsed pattern: (the ASCII characters a match can start with, or None for any or
    can't tell; whether it can match an empty string)."""
    K = _K
    out: set[str] = set()
    for op, av in _items(items):
        empty = False
        if op is K.LITERAL:
            f: set[str] | None = set(_ascii_matching(av, icase))
        elif op is K.IN and all(kind in (K.LITERAL, K.RANGE) for kind, _ in av):
            codes = [v for kind, v in av if kind is K.LITERAL] + [c for kind, v in av if kind is K.RANGE for c in range(v[0], v[1] + 1)]
            f = {ch for c in codes for ch in _ascii_matching(c, icase)}
        elif op is K.BRANCH:
            f = set()
            for alt in av[1]:
                g, e = _first_of(alt, icase)
                f = None if f is None or g is None else f | g
                empty = empty or e
        elif op is K.SUBPATTERN:
            _group, add, drop, sub = av
            f, empty = _first_of(sub, (icase or bool(add & _IGNORECASE)) and not drop & _IGNORECASE)
        elif op in (K.MAX_REPEAT, K.MIN_REPEAT, K.POSSESSIVE_REPEAT):
            f, empty = _first_of(av[2], icase)
            empty = empty or av[0] == 0
        elif op is K.ATOMIC_GROUP:
            f, empty = _first_of(av, icase)
        elif op in (K.AT, K.ASSERT, K.ASSERT_NOT):  # zero width: says nothing of the first character
            f, empty = set(), True
        else:  # any character, a class like \w, a back reference...
            return None, False
        if f is None:
            return None, False
        out |= f
        if not empty:
            return out, False
    return out, True


def _first_chars(pattern: str, flags: int) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can start with (``None``: any, or can't tell)."""
    try:
        found, empty = _first_of(_P.parse(pattern, flags), bool(flags & re.I))
    except Exception:  # noqa: BLE001 - an unexpected construct (or Python version): no dispatch for this pattern
        return None
    return None if found is None or empty else frozenset(found)


def _prune(items: Any, chars: frozenset[str], icase: bool) -> list | None:
    """A parsed sequence without the alternatives that cannot match at a position holding one of ``chars``.

    At such a position the result matches exactly where ``items`` does (only alternatives and optional
    parts that cannot start with one of ``chars`` go, nothing else changes); ``None``: it cannot match there.
    """
    K = _K
    items = list(_items(items))
    i = 0
    while i < len(items):
        op, av = items[i]
        if op in (K.AT, K.ASSERT, K.ASSERT_NOT):  # zero width: it stays, and the next item takes the character
            i += 1
            continue
        f, empty = _first_of([items[i]], icase)
        if f is None:
            return items
        if not f & chars:
            if not empty:
                return None
            if op in (K.MAX_REPEAT, K.MIN_REPEAT, K.POSSESSIVE_REPEAT) and av[0] == 0:
                del items[i]  # "(?:ethnic\s+)?" before a "D": can only be repeated 0 times here, as if absent
                continue
            return items
        if empty:  # could take the character or let the next item take it: leave as it is
            return items
        if op is K.BRANCH:
            alts = [a for a in (_prune(alt, chars, icase) for alt in av[1]) if a is not None]
            if not alts:
                return None
            # one alternative left: "(?:alt)", as the parser reads it
            items[i] = (op, (None, alts)) if len(alts) > 1 else (K.SUBPATTERN, (None, 0, 0, alts[0]))
        elif op is K.SUBPATTERN:
            group, add, drop, sub = av
            inner = _prune(sub, chars, (icase or bool(add & _IGNORECASE)) and not drop & _IGNORECASE)
            if inner is None:
                return None
            items[i] = (op, (group, add, drop, inner))
        return items
    return items


def _min_width(items: Any) -> int:
    """The fewest characters a parsed sequence can match (0 for what it can't tell)."""
    K = _K
    n = 0
    for op, av in _items(items):
        if op in (K.LITERAL, K.NOT_LITERAL, K.ANY, K.IN):
            n += 1
        elif op is K.BRANCH:
            n += min(_min_width(alt) for alt in av[1])
        elif op is K.SUBPATTERN:
            n += _min_width(av[3])
        elif op in (K.MAX_REPEAT, K.MIN_REPEAT, K.POSSESSIVE_REPEAT):
            n += av[0] * _min_width(av[2])
    return n


def _cut(items: Any, budget: int) -> tuple[list, str]:
    """The start of a parsed sequence, about ``budget`` characters of pattern (at least one character to
    match): it matches wherever the whole sequence matches, and a few places more. Enough for the gate.
    With its pattern string (:func:`_unparse` of it, made as the sizes are measured)."""
    K = _K
    out: list = []
    parts: list[str] = []
    for op, av in _items(items):
        s = _unparse_item(op, av)
        size = len(s)
        if size > budget and _min_width(out) > 0:
            break
        if size > budget and op is K.SUBPATTERN and av[0] is None:
            sub, inner = _cut(av[3], budget)
            out.append((op, (*av[:3], sub)))
            s = _group(av[1], av[2], inner)
        else:
            out.append((op, av))
        parts.append(s)
        budget -= size
    return out, "".join(parts)


def _items(seq: Any) -> list:
    """The items of a parsed sequence: a SubPattern's list (iterating a SubPattern calls a method per item)."""
    return getattr(seq, "data", seq)


def _unparse(items: Any) -> str:
    """A pattern string for a parsed sequence (of the constructs the scanned patterns use)."""
    literal = _K.LITERAL
    out = []
    for op, av in _items(items):  # mostly literals: written here, without a call for each
        out.append(_escaped(av) if op is literal else _unparse_item(op, av))
    return "".join(out)


_ESCAPED: dict[int, str] = {}  # code point -> re.escape of its character


def _escaped(code: int) -> str:
    s = _ESCAPED.get(code)
    if s is None:
        s = _ESCAPED[code] = re.escape(chr(code))
    return s


def _group(add: int, drop: int, inner: str) -> str:
    """A non-capturing group (with its flags) around a pattern string."""
    flags = "".join(ch for flag, ch in _FLAGS if add & flag)
    if drop:
        flags += "-" + "".join(ch for flag, ch in _FLAGS if drop & flag)
    return f"(?{flags}:{inner})"


def _unparse_item(op: Any, av: Any) -> str:
    K = _K
    if op is K.LITERAL:
        return _escaped(av)
    if op is K.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is K.ANY:
        return "."
    if op is K.IN:
        if len(av) == 1 and av[0][0] is K.CATEGORY:
            return _CATEGORIES[av[0][1]]  # \s rather than [\s]
        cls = []
        for kind, v in av:
            if kind is K.NEGATE:
                cls.append("^")
            elif kind is K.LITERAL:
                cls.append(re.escape(chr(v)))
            elif kind is K.RANGE:
                cls.append(f"{re.escape(chr(v[0]))}-{re.escape(chr(v[1]))}")
            elif kind is K.CATEGORY:
                cls.append(_CATEGORIES[v])
            else:
                raise ValueError(kind)
        return "[" + "".join(cls) + "]"
    if op is K.BRANCH:
        return "(?:" + "|".join(_unparse(alt) for alt in av[1]) + ")"
    if op is K.SUBPATTERN:
        group, add, drop, sub = av
        if group is not None:
            raise ValueError("capturing group")
        return _group(add, drop, _unparse(sub))
    if op in (K.MAX_REPEAT, K.MIN_REPEAT, K.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        sub = list(sub)
        one = len(sub) == 1 and sub[0][0] in (K.LITERAL, K.NOT_LITERAL, K.ANY, K.IN)
        body = _unparse(sub) if one else f"(?:{_unparse(sub)})"
        count = {(0, K.MAXREPEAT): "*", (1, K.MAXREPEAT): "+", (0, 1): "?"}.get((lo, hi))
        if count is None:
            count = f"{{{lo}}}" if lo == hi else f"{{{lo},{'' if hi == K.MAXREPEAT else hi}}}"
        return body + count + {K.MAX_REPEAT: "", K.MIN_REPEAT: "?", K.POSSESSIVE_REPEAT: "+"}[op]
    if op is K.AT:
        return _ATS[av]
    if op in (K.ASSERT, K.ASSERT_NOT):
        direction, sub = av
        kind = ("=" if op is K.ASSERT else "!") if direction == 1 else ("<=" if op is K.ASSERT else "<!")
        return f"(?{kind}{_unparse(sub)})"
    if op is K.ATOMIC_GROUP:
        return f"(?>{_unparse(av)})"
    raise ValueError(op)


if _K is not None:
    _CATEGORIES = {_K.CATEGORY_DIGIT: r"\d", _K.CATEGORY_NOT_DIGIT: r"\D", _K.CATEGORY_SPACE: r"\s",
                   _K.CATEGORY_NOT_SPACE: r"\S", _K.CATEGORY_WORD: r"\w", _K.CATEGORY_NOT_WORD: r"\W"}
    _ATS = {_K.AT_BEGINNING: "^", _K.AT_BEGINNING_STRING: r"\A", _K.AT_BOUNDARY: r"\b", _K.AT_NON_BOUNDARY: r"\B",
            _K.AT_END: "$", _K.AT_END_STRING: r"\Z"}
# inline flags as they can appear in the scanned patterns ("x" is left out: the parsed pattern has no layout)
_FLAGS = ((int(re.I), "i"), (int(re.M), "m"), (int(re.S), "s"), (int(re.A), "a"), (int(re.U), "u"))


@lru_cache(maxsize=1)
def _scan_bodies() -> list[str]:
    """The patterns of :func:`_scanned` without their ``(?<![\\w-])``, flags inline."""
    bodies = []
    for rx in _scanned():
        assert (rx.pattern.startswith(_LOOKBEHIND) and not rx.flags & ~(re.I | re.U) and rx.groups == len(rx.groupindex)
                and not rx.match("")), rx.pattern
        body = re.sub(r"\(\?P<\w+>", "(?:", rx.pattern[len(_LOOKBEHIND):])  # named groups: not needed here
        bodies.append(f"(?i:{body})" if rx.flags & re.I else body)
    return bodies


@lru_cache(maxsize=1)
def _parsed_bodies() -> list[Any]:
    """:func:`_scan_bodies`, parsed (``None`` for one the parser can't give)."""
    out = []
    for body in _scan_bodies():
        try:
            out.append(_P.parse(body, 0))
        except Exception:  # noqa: BLE001 - no pruning for this one
            out.append(None)
    return out


def _pruned_body(i: int, chars: frozenset[str] | None, budget: int | None = None) -> str:
    """The body of the i-th scanned pattern for positions holding one of ``chars`` (:func:`_prune`; ``None``:
    any character, no pruning); matches there exactly where the body does. The whole body when it can't be pruned. With a ``budget``, only its
    start (:func:`_cut`): it then matches wherever the body does and a few places more."""
    try:
        pruned = _pruned_tree(i, chars)
        if pruned is not None:
            return _unparse(pruned) if budget is None else _cut(pruned, budget)[1]
    except Exception:  # noqa: BLE001 - an unexpected construct: the whole body is right too
        pass
    return _scan_bodies()[i]


@lru_cache(maxsize=None)
def _pruned_tree(i: int, chars: frozenset[str] | None) -> list | None:
    """:func:`_prune` of the i-th parsed body, once for the gate and _which (None: can't be pruned)."""
    tree = _parsed_bodies()[i] if _K is not None else None
    if tree is None:
        return None
    return _prune(tree, chars, False) if chars is not None else list(tree)


@lru_cache(maxsize=1)
def _scan_classes() -> tuple[list[tuple[frozenset[str], tuple[int, ...]]], dict[str, int]]:
    """The dispatch of :class:`_WordScan`: a list of (ASCII characters, indexes of the patterns that can start
    with one of them), and for each such character its place in that list. Characters not in it (any
    non-ASCII one) take every pattern, with its whole body."""
    firsts = [_first_chars(rx.pattern, rx.flags) for rx in _scanned()]
    chars_of: dict[tuple[int, ...], list[str]] = {}  # patterns that can start with a character -> those characters
    for c in _ASCII:
        todo = tuple(i for i, f in enumerate(firsts) if f is None or c in f)
        if todo:
            chars_of.setdefault(todo, []).append(c)
    classes = [(frozenset(chars), todo) for todo, chars in chars_of.items()]
    return classes, {c: k for k, (chars, _) in enumerate(classes) for c in chars}


# The gate only has to find the positions where a pattern may match (_which then says which ones do), so it
# takes only the start of each pattern, this many characters of it: the words a match starts with.
_GATE_BUDGET = 400


@lru_cache(maxsize=None)
def _class_bodies(k: int, budget: int | None = None) -> tuple[tuple[int, ...], list[str]]:
    """The patterns tried for the k-th class of :func:`_scan_classes` (k = -1: any other character), with their
    bodies (only their start with a ``budget``, :func:`_pruned_body`)."""
    if k < 0:
        todo = tuple(range(len(_scanned())))
        return todo, [_scan_bodies()[i] if budget is None else _pruned_body(i, None, budget) for i in todo]
    chars, todo = _scan_classes()[0][k]
    return todo, [_pruned_body(i, chars, budget) for i in todo]


@lru_cache(maxsize=1)
def _scan_gate() -> re.Pattern[str]:
    """For :class:`_WordScan`: the pattern matching where any of :func:`_scanned` matches."""
    with _no_gc():
        classes, _ = _scan_classes()
        dispatch = [("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", k) for k, (chars, _) in enumerate(classes)]
        dispatch.append((r"[^\x00-\x7f]", -1))
        return re.compile(_LOOKBEHIND + "(?:" + "|".join(
            f"{cls}(?<=(?=" + "|".join(_class_bodies(k, _GATE_BUDGET)[1]) + r")[\s\S])" for cls, k in dispatch) + ")")


@lru_cache(maxsize=None)
def _which(k: int) -> tuple[tuple[int, ...], re.Pattern[str]]:
    """Which patterns match at a position of the k-th class: group j + 1 takes part where the j-th of them does."""
    with _no_gc():
        todo, bodies = _class_bodies(k)
        return todo, re.compile("".join(f"(?=({body})?)" for body in bodies))


@contextmanager
def _no_gc() -> Iterator[None]:
    """The garbage collector paused: parsing, pruning and compiling the scan patterns makes about a million
    short-lived objects, and the collections they set off (going over the loaded spaCy model's objects
    too) added a third to the start-up time. What they leave to collect is collected when it runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=1)
def _scan_index() -> dict[int, int]:
    return {id(rx): i for i, rx in enumerate(_scanned())}


class _WordScan:
    """``rx.finditer(text)`` for the patterns of :func:`_scanned`, at the cost of about one pass (see above)."""

    def __init__(self, text: str):
        gate = _scan_gate()
        class_of = _scan_classes()[1]
        self.text = text
        self.index = _scan_index()
        self.starts: dict[int, list[int]] = {}  # pattern index -> where it matches
        for m in gate.finditer(text):
            q = m.start()
            todo, which = _which(class_of.get(text[q], -1))
            for i, span in zip(todo, which.match(text, q).regs[1:]):
                if span[0] >= 0:
                    self.starts.setdefault(i, []).append(q)

    def found(self, first: int, count: int) -> list[int]:
        """Which of the ``count`` patterns of :func:`_scanned` from the ``first`` on match (their places among
        them, in order): finditer need not be asked about the others (for the long lists, as RX_CIVILIANS)."""
        return sorted(i - first for i in self.starts if first <= i < first + count)

    def finditer(self, rx: re.Pattern[str]) -> list[re.Match[str]]:
        i = self.index.get(id(rx))
        if i is None:  # not one of _scanned()
            return list(rx.finditer(self.text))
        if i not in self.starts:
            return []
        out: list[re.Match[str]] = []
        end = 0
        for q in self.starts[i]:
            if q >= end:  # leftmost matches that do not overlap, as finditer
                m = rx.match(self.text, q)
                out.append(m)
                end = m.end()
        return out


_AND_THE = re.compile(r"\s+and\s+the\s+")
_TOKEN = re.compile(r"\S+")
_LEADING_NATIONALITIES = re.compile(rf"^(?:(?:{_NAT})(?:['’]s)?\s+)+")
_STATE_FORCE_NAME = re.compile(r"(?:(?:National|Armed|Defen[cs]e|Security|Special|Republican|Presidential|People['’]s)\s+)*"
                               r"(?:Army|Armed\s+Forces|Defen[cs]e\s+Forces|Forces|Police|Guard|Gendarmerie|Air\s+Force|Navy)")
_MILITIA = re.compile(r"militia", re.I)
_MUTINEERS = re.compile(r"mutineers", re.I)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|across|of|to|into|near|throughout|outside|inside|at|on|northern|southern|eastern|western|"
    r"central|north|south|east|west|north-eastern|northeastern|north-western|northwestern|south-eastern|"
    r"southeastern|south-western|southwestern|between|and|within|around|from\s+neighbouring)\s+(?:the\s+)?$", re.I)
_DASH_AFTER = re.compile(r"\s*-")
_LINK_WORD = re.compile(r"\b(?:of|in|by|from|with|at|on|against|to|and|or|that|who|which|said|says|the)\b")


@dataclass
class _Cand:
    m: Mention
    prio: int


def find_mentions(text: str, country: str | None, aliases: AliasIndex | None = None) -> list[Mention]:
    """Every actor mention in ``text``, non-overlapping, in order; roles not set yet.

    Args:
        text: the sentence or clause.
        country: the event's country (ACLED spelling or another; "International" when unknown).
        aliases: the article's :class:`AliasIndex`, for acronyms and people it introduced.
    """
    c = N.acled_country(country) or "International"
    cands: list[_Cand] = []

    def add(s: int, e: int, prio: int, **kw: Any) -> None:
        cands.append(_Cand(Mention(s, e, **kw), prio))

    scan = _WordScan(text)
    # 1. well-known groups and missions (those the scan found, in the table's order)
    groups = _known_rx()
    for i in scan.found(0, len(groups)):
        canon, inter, rx = groups[i]
        for m in scan.finditer(rx):
            name = canon.format(c=c)
            if canon.startswith("Military Forces of"):
                add(m.start(), m.end(), 0, kind="military", name=canon, inter=inter, country=canon.split(" of ", 1)[1], rank=3)
            else:
                add(m.start(), m.end(), 0, kind="international" if inter == 8 else "group", name=name, inter=inter, rank=3)
    # 2. names the article introduced (acronyms, people)
    if aliases is not None:
        for s, e, canon, kind in aliases.find(text):
            if kind == "person":
                add(s, e, 1, kind="person", name=canon, inter=None, assoc=canon, rank=2)
            else:
                known = _known_group(canon)
                if known:
                    inter = next(i for k, i, _ in _known_rx() if k == known)
                    add(s, e, 1, kind="international" if inter == 8 else "group", name=known.format(c=c), inter=inter, rank=3)
                else:
                    k, inter = _classify_group(canon, text[max(0, s - 120):e + 120])
                    add(s, e, 1, kind=k, name=canon, inter=inter, rank=3)
    # 3. other capitalised organisation names
    for m in RX_CAP_RUN.finditer(text):
        for run in _AND_THE.split(m.group(0)):
            base = m.start() + m.group(0).find(run)
            toks = [(t.start() + base, t.end() + base, t.group(0)) for t in _TOKEN.finditer(run)]
            while toks and (toks[0][2] in NAME_STOP or toks[0][2].lower() in CONNECTORS):
                toks = toks[1:]
            while toks and toks[-1][2].lower() in CONNECTORS:
                toks = toks[:-1]
            if not toks:
                continue
            s0, e0 = toks[0][0], toks[-1][1]
            while e0 > s0 and text[e0 - 1] in ".,;:":
                e0 -= 1
            name = text[s0:e0]
            words = name.split()
            parts = {p for w in words for p in w.split("-")}
            if len(parts) < 2 or not parts & set(N.GROUP_HEADS) or set(words) & N.NOT_GROUP_WORDS:
                continue
            bare = _LEADING_NATIONALITIES.sub("", name)
            if _STATE_FORCE_NAME.fullmatch(bare):
                continue
            if _known_group(name) or bare != name and _known_group(bare):
                continue
            k, inter = _classify_group(name, text[max(0, s0 - 120):e0 + 120])
            add(s0, e0, 2, kind=k, name=" ".join(words), inter=inter, rank=3)
    gangs = "gang" in text or "cartel" in text or "militia" in text or "clan" in text  # (each match holds one)
    for m in (NAMED_GANG.finditer(text) if gangs else ()):
        words = m.group("name").split()
        if words[0] in NAME_STOP or any(w in _DEMONYM_SET or w in N.ETHNIC_GROUPS for w in words):
            continue
        add(m.start("name"), m.end(), 2, kind="group", name=f"{' '.join(words)} {m.group('what').title()}", inter=3, rank=3)
    # 4. communal militias and ethnic groups
    for m in scan.finditer(RX_ETHNIC_MILITIA):
        eth = m.group("eth")
        if eth in NON_ETHNIC_WORDS or eth in _DEMONYM_SET or not eth[0].isupper():
            continue
        if eth in N.ETHNIC_GROUPS:
            add(m.start(), m.end(), 3, kind="ethnic_militia", name=f"{eth} Ethnic Militia ({c})", inter=4, rank=3)
        elif _MILITIA.search(m.group(0)):
            add(m.start(), m.end(), 3, kind="ethnic_militia", name=f"{eth} Militia", inter=3, rank=3)
    for m in scan.finditer(RX_ETHNIC_CIVILIANS):
        eth = m.group("eth")
        add(m.start(), m.end(), 3, kind="civilians", name=f"Civilians ({c})", inter=7, assoc=f"{eth} Ethnic Group ({c})", rank=1)
    # 5. state forces and governments, with their nationality
    for m in scan.finditer(RX_UN_PEACEKEEPERS):
        nat = _nationality_before(text, m.start())
        if nat:
            add(m.start(), m.end(), 4, kind="military", name=None, inter=None, country=nat[0], rank=2)
        else:
            add(m.start(), m.end(), 4, kind="international", name=N.UN_MISSIONS.get(c, "United Nations"), inter=8, rank=3)
    for m in scan.finditer(RX_PRIVATE_SECURITY):
        add(m.start(), m.end(), 4, kind="international", name=f"Private Security Forces ({c})", inter=8, rank=2)
    for m in scan.finditer(RX_WEAPON):
        nat = _nationality_before(text, m.start())
        if nat:
            add(_nationality_start(text, m.start()), m.end(), 5, kind="military", name=None, inter=None, country=nat[0], rank=2,
                extra_assoc=nat[1:])
    for rx, kind in ((RX_POLICE, "police"), (RX_MILITARY, "military"), (RX_GOVERNMENT, "government")):
        for m in scan.finditer(rx):
            nat = _nationality_before(text, m.start())
            country_of = nat[0] if nat else None
            mm = Mention(m.start(), m.end(), kind, None, None, country=country_of, rank=2)
            if nat and len(nat) > 1:
                mm.extra_assoc = nat[1:]
            if kind == "military" and _MUTINEERS.match(m.group(0)):
                mm.kind = "mutiny"
            if nat:
                mm.start = _nationality_start(text, m.start())
            cands.append(_Cand(mm, 5 if kind != "government" else 6))
    # 6. crowds, armed men, civilians
    for m in scan.finditer(RX_PROTESTERS):
        add(m.start(), m.end(), 7, kind="protesters", name=f"Protesters ({c})", inter=6, rank=1)
    for m in scan.finditer(RX_RIOTERS):
        add(m.start(), m.end(), 7, kind="rioters", name=f"Rioters ({c})", inter=5, rank=1)
    for k in scan.found(len(groups), len(RX_CRIMINAL)):
        rx, name = RX_CRIMINAL[k]
        for m in scan.finditer(rx):
            add(m.start(), m.end(), 8, kind="criminal", name=name.format(c=c), inter=3, rank=1)
    for m in scan.finditer(RX_ARMED):
        add(m.start(), m.end(), 8, kind="armed", name=f"Unidentified Armed Group ({c})", inter=3, rank=1)
    for k in scan.found(len(groups) + len(RX_CRIMINAL), len(RX_CIVILIANS)):  # (as _scanned lists them)
        rx, label = RX_CIVILIANS[k]
        for m in scan.finditer(rx):
            lab = label.format(c=c) if label else None
            if lab and lab.startswith("Migrants") or lab and lab.startswith("Refugees"):
                nat = _nationality_before(text, m.start())
                if nat:
                    lab = lab.replace(f"({c})", f"({nat[0]})")
            add(m.start(), m.end(), 9, kind="civilians", name=f"Civilians ({c})", inter=7, label=lab, rank=1)
    for m in scan.finditer(RX_CROWD):
        add(m.start(), m.end(), 9, kind="crowd", name=None, inter=None, rank=0)
    # 7. countries named as actors ("criticism from France", "France sent troops")
    for m in scan.finditer(COUNTRY_NAME):
        before = text[max(0, m.start() - 25):m.start()]
        if _PLACE_BEFORE.search(before):
            continue
        if _DASH_AFTER.match(text, m.end()):
            continue
        add(m.start(), m.end(), 10, kind="country", name=None, inter=None, country=N.acled_country(m.group("c")), rank=1)

    # choose non-overlapping mentions: the most specific kind first, then the longest
    cands.sort(key=lambda x: (0 if x.prio <= 4 else 1, -(x.m.end - x.m.start), x.prio, x.m.start))
    chosen: list[Mention] = []
    if all(cd.m.start < cd.m.end for cd in cands):
        # the characters the chosen mentions cover: two mentions overlap iff they share one
        taken = bytearray(len(text) + 1)
        for cd in cands:
            s, e = cd.m.start, cd.m.end
            if taken.find(1, s, e) < 0:
                taken[s:e] = b"\x01" * (e - s)
                chosen.append(cd.m)
    else:
        for cd in cands:
            if any(cd.m.start < o.end and o.start < cd.m.end for o in chosen):
                continue
            chosen.append(cd.m)
    chosen.sort(key=lambda m: m.start)
    chosen = _merge(text, chosen, c, aliases)
    for m in chosen:
        _name_state(m, c)
    return chosen


def _nationality_start(text: str, start: int) -> int:
    window_start = max(0, start - 60)
    m = NATIONALITY.search(text, window_start, start)
    return m.start() if m else start


def _nationality_before(text: str, start: int) -> list[str] | None:
    """Countries named just before a force noun: "French troops", "US and British jets", "Chad's army"."""
    window = text[max(0, start - 60):start]
    # a match starts with a nationality: none, no match; else the first is where to look from (_NAT_ANY
    # finds one in a pass of its own, trying only the names that start with each character)
    first = _NAT_ANY.search(window)
    m = NATIONALITIES_BEFORE.search(window, first.start()) if first else None
    if not m:
        return None
    tail = window[m.end(1):]
    if _LINK_WORD.search(tail):
        return None
    found = [N.acled_country(_DEMONYM_TO_COUNTRY[x.group("nat")]) for x in NATIONALITY.finditer(m.group(1))]
    out: list[str] = []
    for f in found:
        if f and f not in out:
            out.append(f)
    return out or None


FOLLOW_GENERIC = re.compile(r"^(?:-(?:linked|affiliated|allied|aligned|backed|inspired))?(?:\s+(?:suspected|alleged|armed|heavily\s+armed|\w+-linked|allied|loyal|affiliated))*\s+$", re.I)
OF_LINK = re.compile(r"^\s+(?:of|from)\s+(?:the\s+)?$", re.I)
NP_LINK = re.compile(r"^(?:['’]s)?(?:\s+(?:[A-Z][\w-]*(?:['’]s)?|special|senior|top|regional|local|chief|deputy|suspected|alleged|own))*\s+$")


_COMMA_WORDS = re.compile(r",\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?")
_COMMA_LEADER_OF = re.compile(
    r",\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:leader|president|head|chairman|founder|chief|commander|secretary-general|member|spokes\w+|coordinator)\s+of\s+(?:the\s+)?", re.I)


def _merge_at(text: str, ms: list[Mention], i: int) -> tuple[int, Mention] | None:
    """Merge ``ms[i]`` with the mention(s) after it when they are one actor: (how many merged, result)."""
    named = {"group", "international", "ethnic_militia", "person"}
    generic = {"armed", "government", "civilians", "crowd", "military", "police", "criminal"}
    m = ms[i]
    nxt = ms[i + 1] if i + 1 < len(ms) else None
    if nxt is None:
        return None
    gap = text[m.end:nxt.start]
    third = ms[i + 2] if i + 2 < len(ms) else None
    # "Moussa Ali Haroun, president of the Rally ..." -> the group, with the person associated
    if (third is not None and m.kind == "person" and nxt.kind == "government" and third.kind == "group"
            and _COMMA_WORDS.fullmatch(gap) and OF_LINK.match(text[nxt.end:third.start])):
        third.assoc, third.start = m.name, m.start
        return 3, third
    if m.kind == "person" and nxt.kind == "group" and _COMMA_LEADER_OF.fullmatch(gap):
        nxt.assoc, nxt.start = m.name, m.start
        return 2, nxt
    # generic "of/from" named: fighters of the Front ..., officials of the REP, members of ...
    if m.kind in generic and nxt.kind in named and OF_LINK.match(gap) and m.kind not in ("military", "police"):
        nxt.start = m.start
        if m.kind == "government" and nxt.kind == "person":
            nxt.kind = "gov_person"
        return 2, nxt
    # named + generic noun: Boko Haram fighters, AU Commission's special envoy, MINUSMA peacekeepers
    if (m.kind in named and nxt.kind in generic and nxt.kind != "civilians" and not (m.kind == "person" and nxt.kind == "government")
            and (FOLLOW_GENERIC.match(gap) or NP_LINK.match(gap))):
        m.end = nxt.end
        return 2, m
    # government title + person: President Keita; the Keita government
    if m.kind == "government" and nxt.kind == "person" and _SPACES.fullmatch(gap):
        nxt.start, nxt.kind = m.start, "gov_person"
        return 2, nxt
    if m.kind == "person" and nxt.kind == "government" and _SPACES.fullmatch(gap):
        m.end, m.kind = nxt.end, "gov_person"
        return 2, m
    return None


def _merge(text: str, ms: list[Mention], c: str, aliases: AliasIndex | None) -> list[Mention]:
    """Join a generic noun with the named actor it belongs to ("fighters of the FRNT", "Boko Haram fighters")."""
    ms = list(ms)
    i = 0
    while i < len(ms):
        merged = _merge_at(text, ms, i)
        if merged is None:
            i += 1
            continue
        span, m = merged
        ms[i:i + span] = [m]  # look again at the merged mention with the next one
    out = ms
    for m in out:
        if m.kind == "person" and aliases is not None:
            if m.name in aliases.affiliation:
                g = aliases.affiliation[m.name]
                known = _known_group(g)
                k, inter = _classify_group(g, text)
                m.assoc, m.name, m.kind, m.inter, m.rank = m.name, (known or g).format(c=c), "group", inter, 3
            elif m.name in aliases.government:
                m.kind = "gov_person"
        if m.kind == "gov_person":
            m.assoc = m.assoc or m.name
            m.kind, m.name, m.rank = "government", None, 2
    return out


def _name_state(m: Mention, c: str) -> None:
    """Name state forces and governments from their nationality; inter 8 abroad."""
    if m.kind in ("military", "police", "government", "mutiny", "country"):
        own = m.country or c
        if m.name and m.name.startswith("Military Forces of"):
            own = m.name.split(" of ", 1)[1]
        prefix = {"military": "Military Forces of", "police": "Police Forces of", "government": "Government of",
                  "mutiny": "Mutiny of Military Forces of", "country": "Government of"}[m.kind]
        m.name = f"{prefix} {N.of_country(own)}"
        m.country = own
        m.inter = 2 if m.kind == "mutiny" else (1 if own == c or c == "International" else 8)
        m.extra_assoc = [f"{prefix} {N.of_country(x)}" for x in m.extra_assoc]


# --- roles -------------------------------------------------------------------------

DEATH_VERBS = {"die", "perish", "drown", "succumb", "lose"}
SPEECH_VERBS = {"say", "tell", "report", "add", "state", "confirm", "deny", "quote", "cite", "note", "explain", "insist",
                "estimate", "write", "tweet", "post", "speak", "declare"}
RAISING_VERBS = {"expect", "schedule", "set", "due", "suppose", "believe", "think", "allege", "understand", "plan",
                 "slate", "know", "see", "report", "say", "feared", "fear"}
EVENT_NOUNS = {"killing", "murder", "massacre", "abduction", "kidnapping", "arrest", "detention", "execution", "release",
               "death", "attack", "assault", "targeting", "shooting", "bombing", "disappearance", "rape", "lynching",
               "beating", "torture", "dispersal", "repression", "crackdown", "expulsion", "capture", "ambush", "raid",
               "displacement", "harassment", "intimidation", "persecution", "slaughter", "deaths", "killings", "arrests"}
VIOLENT_PARTICIPLES = {"kill", "wound", "injure", "arrest", "detain", "abduct", "kidnap", "attack", "shoot", "execute",
                       "beat", "rape", "disperse", "target", "hit", "massacre", "behead", "burn", "lynch", "capture", "seize"}


def parse(text: str) -> Any:
    """A spaCy Doc of ``text`` with the project's English model (``None`` when spaCy or the model is missing)."""
    nlp = _nlp()
    return nlp(text) if nlp is not None else None


def parse_many(texts: list[str]) -> list[Any]:
    """Docs for several sentences in one batched call (``None`` each without a model)."""
    nlp = _nlp()
    if nlp is None:
        return [None] * len(texts)
    return list(nlp.pipe(texts, batch_size=64))


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """The parse view of the shared spaCy pipeline (:mod:`eventcoder.extract.nlp`): tagger, parser and
    attribute ruler (lemmas on demand, :func:`_lemma`), no NER (places have their own stage); None
    without a model."""
    from eventcoder.extract import nlp as shared

    return shared.Components(shared.PARSE) if shared.english() is not None else None


def _np_head(tok: Any) -> Any:
    for _ in range(6):
        if tok.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "case") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return tok


def _dep_role(tok: Any, depth: int = 0) -> str:
    """The role of the noun phrase headed by ``tok`` in its clause."""
    tok = _np_head(tok)
    for _ in range(4):
        if tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = _np_head(tok.head)
        else:
            break
    dep, head = tok.dep_, tok.head
    passive_child = any(ch.dep_ == "acl" and ch.tag_ == "VBN" and _lemma(ch).lower() in VIOLENT_PARTICIPLES for ch in tok.children)
    if dep in ("nsubj", "csubj", "expl"):
        lemma = _lemma(head).lower()
        if lemma in DEATH_VERBS:
            return PATIENT
        if lemma in SPEECH_VERBS:
            return SOURCE
        if any(ch.dep_ == "auxpass" for ch in head.children):
            return PATIENT
        return AGENT
    if dep == "nsubjpass":
        return AGENT if _lemma(head).lower() in RAISING_VERBS else PATIENT
    if dep in ("dobj", "dative", "oprd"):
        if _lemma(head).lower() in SPEECH_VERBS:
            return OTHER
        return PATIENT
    if dep == "pobj":
        prep = head
        p = prep.lower_
        ph = prep.head
        if prep.dep_ == "agent" or p == "by":
            return AGENT
        if p == "according" or (p == "to" and prep.head.lower_ == "according"):
            return SOURCE
        if p in ("of", "from"):
            if _lemma(ph).lower() in EVENT_NOUNS or ph.lower_ in EVENT_NOUNS:
                return PATIENT if p == "of" else AGENT
            if ph.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and depth < 3:
                return _dep_role(ph, depth + 1)
            return OTHER
        if p in ("on", "against", "at", "upon", "towards", "toward", "with", "into", "targeting", "along"):
            return PATIENT
        if p in ("between", "among"):
            return AGENT
        if p == "after" and ph.pos_ == "VERB":
            return OTHER
        return OTHER
    if passive_child:
        return PATIENT
    if dep == "ROOT" and tok.pos_ in ("NOUN", "PROPN") and any(ch.dep_ in ("acl", "relcl") for ch in tok.children):
        return AGENT
    return OTHER


def _token_offsets(doc: Any) -> list[int]:
    """``[t.idx for t in doc]``, read in one call rather than making a Token object for each."""
    try:
        from spacy.attrs import IDX

        return doc.to_array(IDX).tolist()
    except Exception:  # noqa: BLE001 - not a spaCy Doc (a stand-in in tests): the plain way
        return [t.idx for t in doc]


def _roles_from_doc(doc: Any, text: str, ms: list[Mention]) -> bool:
    if not ms:
        return True
    base = 0
    if doc.text != text:
        base = doc.text.find(text)
        if base < 0:
            return False
    offsets = _token_offsets(doc)  # increasing
    for m in ms:
        # the tokens starting within the mention
        toks = [doc[i] for i in range(bisect_left(offsets, base + m.start), bisect_left(offsets, base + m.end))]
        if not toks:
            continue
        inside = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in inside or t.head is t), toks[-1])
        m.role = _dep_role(head)
    return True


BY_BEFORE = re.compile(r"\bby\s+(?:(?:the|a|an|suspected|alleged|armed|heavily|unidentified|unknown|rival|what|were|described|as)\s+|[\w-]+\s+){0,2}$", re.I)
OF_EVENT_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(EVENT_NOUNS, key=len, reverse=True)) + r")\s+(?:of|on|against|targeting)\s+(?:[\w,-]+\s+){0,4}$", re.I)
PREP_BEFORE = re.compile(r"\b(?:at|on|against|with|targeting|toward|towards|upon)\s+(?:the\s+|a\s+|an\s+|\w+\s+){0,2}$", re.I)
PASSIVE_AFTER = re.compile(r"^(?:\s*,[^,]{0,60},)?\s*(?:who\s+|which\s+|that\s+)?(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being|been|got|get)\s+(?:\w+ly\s+)?(?:(?:\w+ed|\w+en|shot|hit|held|taken|beaten|slain|caught|burnt|killed|seized)\b)", re.I)
DIED_AFTER = re.compile(r"^\s*(?:[\w,-]+\s+){0,3}?(?:died|perished|drowned|lost\s+their\s+lives|succumbed)\b", re.I)
PARTICIPLE_AFTER = re.compile(r"^\s+(?:(?:\w+ly)\s+)?(?:killed|wounded|injured|abducted|kidnapped|arrested|detained|executed|shot)\b(?!\s+(?:\w+\s+)?(?:at\s+least|some|about|\d|the|a|an|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|one|several)\b|\s+\d)", re.I)
ING_BEFORE = re.compile(r"\b(?:killing|wounding|injuring|targeting|hitting|attacking|abducting|kidnapping|arresting|detaining|executing|shooting)\s+(?:[\w,-]+\s+){0,5}$", re.I)
SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|said|says|told|quoted)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
SOURCE_AFTER = re.compile(r"^(?:\s+[\w'’-]+){0,4}?\s+(?:said|says|told|reported|confirmed|stated|added|denied|announced)\b", re.I)
TRANSITIVE_WORDS = re.compile(r"\b(?:\w+ed|killing|attacking|targeting|shooting|dispersing|disperse|arresting|abducting|kill|kills|attack|attacks|hit|hits|shot|struck|seized|seize|seizing|fought|fight|fighting|clashed|repelled|repel|met|meets|meet|urged|called|condemned|ambushed|raided|stormed|overran|captured|took|threw|throwing)\b", re.I)


_ACCORDING_TO = re.compile(r"\baccording\s+to", re.I)
_SAID_AFTER = re.compile(r"^(?:\s+[\w'’-]+){0,3}?\s+(?:said|says|told)\s+(?:that\s+)?")


def _roles_from_order(text: str, ms: list[Mention]) -> None:
    agent_seen = False
    for i, m in enumerate(ms):
        prev_end = ms[i - 1].end if i else 0
        nxt_start = ms[i + 1].start if i + 1 < len(ms) else len(text)
        before = text[max(prev_end, m.start - 80):m.start]
        after = text[m.end:min(nxt_start, m.end + 80)]
        if BY_BEFORE.search(before):
            m.role = AGENT
        elif OF_EVENT_BEFORE.search(before):
            m.role = PATIENT
        elif SOURCE_BEFORE.search(text[max(0, m.start - 40):m.start]) and not agent_seen and _ACCORDING_TO.search(text[max(0, m.start - 40):m.start]):
            m.role = SOURCE
        elif PASSIVE_AFTER.match(after) or DIED_AFTER.match(after) or PARTICIPLE_AFTER.match(after) or ING_BEFORE.search(before):
            m.role = PATIENT
        elif SOURCE_AFTER.match(after) and (m.start > len(text) * 0.5 or i == 0 and _SAID_AFTER.match(after)):
            m.role = SOURCE
        elif agent_seen:
            m.role = PATIENT if TRANSITIVE_WORDS.search(text[ms[i - 1].end if i else 0:m.start]) or PREP_BEFORE.search(before) else AGENT
        elif PREP_BEFORE.search(before) and any(x.role in (AGENT, OTHER, SOURCE) for x in ms[:i]):
            m.role = PATIENT
        else:
            m.role = AGENT
        if m.role == AGENT:
            agent_seen = True


# --- event conventions ------------------------------------------------------------

STATE = {"military", "police", "government", "mutiny"}
ARMED = {"group", "ethnic_militia", "armed", "international", "criminal", "military", "police", "mutiny"}
PERPETRATOR_DEFAULTS = {"Air/drone strike": "military", "Chemical weapon": "military"}
PRO_GOVERNMENT = {"VDP: Volunteers for the Defense of the Homeland", "CJTF: Civilian Joint Task Force"}
RX_MUTINY = re.compile(r"\bmutin(?:y|ied|ies|ous|eers?|eering)\b", re.I)


def _resolve_crowds(ms: list[Mention], event_type: str, c: str) -> None:
    for m in ms:
        if m.kind in ("crowd", "civilians", "protesters", "rioters", "person"):
            label = m.label
            if event_type == "Protests" and m.kind in ("crowd", "civilians", "protesters", "rioters"):
                m.kind, m.name, m.inter = "protesters", f"Protesters ({c})", 6
                m.assoc = m.assoc or label
            elif event_type == "Riots" and m.kind in ("crowd", "civilians", "protesters", "rioters") and m.role != PATIENT:
                m.kind, m.name, m.inter = "rioters", f"Rioters ({c})", 5
                m.assoc = m.assoc or label
            elif m.kind in ("crowd", "person", "civilians"):
                if m.kind == "person" and m.role == AGENT:
                    m.kind = "person_agent"  # a person acting alone is not an actor
                    continue
                m.kind, m.name, m.inter = "civilians", f"Civilians ({c})", 7
                m.assoc = m.assoc or label


def _pick(ms: list[Mention], role: str, kinds: set[str] | None = None, exclude: Mention | None = None,
          by_rank: bool = False) -> Mention | None:
    pool = [m for m in ms if m.role == role and m.name and (kinds is None or m.kind in kinds) and m is not exclude
            and not (exclude is not None and m.name == exclude.name)]
    if not pool:
        return None
    if by_rank:
        return max(pool, key=lambda m: (m.rank, -m.start))
    named = [m for m in pool if m.kind in ("group", "ethnic_militia", "international")]
    if named and all(m.kind in ("armed", "group", "ethnic_militia", "international", "criminal") for m in pool):
        return named[0]
    return pool[0]


def _default(kind: str, c: str) -> Mention:
    names = {"military": (f"Military Forces of {N.of_country(c)}", 1), "police": (f"Police Forces of {N.of_country(c)}", 1),
             "government": (f"Government of {N.of_country(c)}", 1), "protesters": (f"Protesters ({c})", 6),
             "rioters": (f"Rioters ({c})", 5), "civilians": (f"Civilians ({c})", 7),
             "armed": (f"Unidentified Armed Group ({c})", 3)}
    name, inter = names[kind]
    return Mention(0, 0, kind, name, inter, country=c, rank=0)


_CROWD_CONTROL = re.compile(r"security|anti-riot", re.I)
_SMUGGLING = re.compile(r"smuggl|traffick|contraband", re.I)
_GANGS = re.compile(r"\bgangs?\b", re.I)
_THE_BEFORE = re.compile(r"\b(?:the|these|its|their)\s+(?:[\w-]+\s+)?$", re.I)


def _assign(text: str, sub: str, ms: list[Mention], c: str,
            aliases: AliasIndex | None = None) -> tuple[Mention | None, Mention | None]:
    """Choose actor1 and actor2 among the mentions, by the conventions of the sub-event type."""
    et = taxonomy.event_type_of(sub) if sub in taxonomy.SUB_EVENT_TYPES else ""
    _resolve_crowds(ms, et, c)
    ms = [m for m in ms if m.name and m.kind not in ("union", "person_agent")]
    for m in ms:
        if m.kind == "country":  # a bare country name is an actor only as initiator
            if et in ("Diplomatic action", "Strategic developments", "Attribution of responsibility"):
                pass
            elif m.role == AGENT:
                m.kind = "military"
                _name_state(m, c)
            else:
                m.role = OTHER
        # crowd control is police work: "security forces" facing a crowd are the police
        if et in ("Protests", "Riots") and m.kind == "military" and m.country == c and _CROWD_CONTROL.search(text[m.start:m.end]):
            m.kind = "police"
            _name_state(m, c)
    if RX_MUTINY.search(text):
        for m in ms:
            if m.kind == "military" and m.country == c:
                m.kind = "mutiny"
                _name_state(m, c)
                m.role = AGENT
    # a source of the report counts as initiator only when nothing else initiates
    if not any(m.role == AGENT for m in ms):
        for m in ms:
            if m.role == SOURCE and et in ("Diplomatic action", "Attribution of responsibility", "Strategic developments"):
                m.role = AGENT
    if any(m.kind == "group" and m.inter in (2, 3) for m in ms):  # "rebel fighters" next to a named group are that group
        ms = [m for m in ms if m.kind != "armed"]
    named = [m for m in ms if m.kind in ("group", "ethnic_militia") and m.role != PATIENT]
    a1 = a2 = None
    if et == "Protests":
        a1 = next((m for m in ms if m.kind == "protesters"), None) or _default("protesters", c)
        if sub != "Peaceful protest":
            force = next((m for m in ms if m.kind in ("police", "military", "international") and m.role != SOURCE), None)
            force = force or next((m for m in ms if m.kind in ("police", "military")), None) or _default("police", c)
            a1, a2 = (force, a1) if sub == "Excessive force against protesters" else (a1, force)
    elif et == "Riots":
        a1 = next((m for m in ms if m.kind == "rioters"), None) or _default("rioters", c)
        victims = [m for m in ms if m.role == PATIENT and m is not a1 and m.kind != "rioters"]
        force = next((m for m in ms if m.kind in ("police", "military") and m.role != SOURCE), None)
        if sub == "Mob violence":
            a2 = (victims[0] if victims else None) or _default("civilians", c)
        else:
            a2 = force or (victims[0] if victims else None)
    elif et == "Violence against civilians":
        a1 = (_pick(ms, AGENT, ARMED) or _pick(ms, OTHER, ARMED - {"international"}) or _pick(ms, SOURCE, ARMED - STATE)
              or _default("armed", c))
        victims = [m for m in ms if m.role == PATIENT and m.kind == "civilians"] or [m for m in ms if m.kind == "civilians"]
        a2 = victims[0] if victims else _default("civilians", c)
    elif et == "Battles":
        a1 = _pick(ms, AGENT, ARMED) or _pick(ms, OTHER, ARMED) or (named[0] if named else None)
        a2 = (_pick(ms, PATIENT, ARMED, exclude=a1, by_rank=True) or _pick(ms, AGENT, ARMED, exclude=a1)
              or _pick(ms, OTHER, ARMED, exclude=a1))
        if sub == "Government regains territory":
            forces = ("military", "police")
            st = a1 if a1 is not None and a1.kind in forces else next((m for m in ms if m.kind in forces), None)
            other = next((m for m in ms if m.kind in ARMED - STATE and m.role != AGENT and m.name not in PRO_GOVERNMENT), None)
            a1, a2 = st or _default("military", c), other or _default("armed", c)
        elif sub == "Non-state actor overtakes territory":
            ns = a1 if a1 is not None and a1.kind not in STATE else next((m for m in ms if m.kind in ARMED - STATE), None)
            other = next((m for m in ms if m.kind in ("military", "police") and m is not ns), None)
            a1, a2 = ns or _default("armed", c), other or _default("military", c)
        else:
            if a1 is None and a2 is not None:
                a1, a2 = a2, None
            if a1 is None:
                a1 = _default("armed", c)
            if a2 is None:
                a2 = _default("military", c) if a1.kind not in STATE else _default("armed", c)
    elif et == "Explosions/Remote violence":
        state_default = PERPETRATOR_DEFAULTS.get(sub)
        a1 = _pick(ms, AGENT, ARMED) or _pick(ms, OTHER, ARMED - STATE - {"international"})
        if a1 is None and state_default:
            a1 = next((m for m in ms if m.kind in ("military", "country") and m.role != PATIENT), None)
        if a1 is None:
            a1 = _default(state_default, c) if state_default else _default("armed", c)
        a2 = (_pick(ms, PATIENT, {"civilians", "military", "police", "government", "group", "armed", "international", "ethnic_militia"}, exclude=a1)
              or _pick(ms, OTHER, {"civilians", "military", "police"}, exclude=a1))
    elif et == "Strategic developments":
        a1 = _pick(ms, AGENT) or _pick(ms, OTHER, ARMED | {"government"}) or _pick(ms, SOURCE)
        a2 = _pick(ms, PATIENT, exclude=a1, by_rank=True)
        if sub == "Arrests":
            if a1 is None or a1.kind not in STATE | {"international"}:
                a1 = next((m for m in ms if m.kind in ("police", "military") and m.role != PATIENT), None) or _default("police", c)
            if a2 is None or a2 is a1 or a2.kind not in ("group", "armed", "criminal", "ethnic_militia", "protesters", "rioters"):
                a2 = (next((m for m in ms if m.kind == "group" and m is not a1), None)
                      or next((m for m in ms if m.kind in ("civilians", "armed", "criminal", "protesters", "rioters") and m is not a1), None)
                      or _default("civilians", c))
        elif sub == "Agreement":
            a2 = a2 or _pick(ms, AGENT, exclude=a1) or _pick(ms, OTHER, ARMED | {"government"}, exclude=a1)
        elif sub == "Looting/property destruction":
            if a1 is None or a1.kind == "civilians":
                a1 = _default("armed", c)
            a2 = a2 if a2 is not None and a2.kind == "civilians" else _default("civilians", c)
        elif sub == "Disrupted weapons use":
            a1 = a1 if a1 is not None and a1.kind in STATE | {"international"} else (
                next((m for m in ms if m.kind in STATE), None) or _default("military", c))
            a2 = a2 if a2 is not None and a2.kind in ARMED - STATE else next(
                (m for m in ms if m.kind in ARMED - STATE - {"international"} and m is not a1), None)
        elif sub == "Change to group/activity":
            groups = [m for m in ms if m.kind in ("group", "ethnic_militia")]
            if groups and (a1 is None or a1.kind not in ("group", "ethnic_militia")) and not any(m.kind == "government" and m.role == AGENT for m in ms):
                a1 = groups[0]
            a1 = a1 or _default("government", c)
            a2 = a2 if a2 is not None and a2.kind in ARMED | {"government"} and a2 is not a1 else None
        elif sub == "Headquarters or base established":
            a1 = a1 if a1 is not None and a1.kind in ARMED else (next((m for m in ms if m.kind in ARMED), None) or _default("military", c))
            a2 = None
        elif sub == "Non-violent transfer of territory":
            a1 = a1 if a1 is not None and a1.kind in ARMED else next((m for m in ms if m.kind in ARMED), None)
            if a1 is not None:
                other = next((m for m in ms if m.kind in ARMED and m.name != a1.name and (m.kind in STATE) != (a1.kind in STATE)), None)
                a2 = other
        if a1 is not None and a1.kind == "mutiny" and (a2 is None or a2.kind in ("civilians", "person", "government")):
            gov = _default("government", c)
            gov.assoc = a2.assoc if a2 is not None else None
            gov.start, gov.end = (a2.start, a2.end) if a2 is not None else (0, 0)
            a2 = gov
    elif et in ("Natural disaster", "Man-made disaster"):
        a2 = next((m for m in ms if m.kind == "civilians"), None)
    elif et == "Diplomatic action":
        dipl = {"government", "country", "international", "group"}
        a1 = _pick(ms, AGENT, dipl) or _pick(ms, SOURCE, dipl - {"group"}) or _pick(ms, OTHER, dipl - {"group"})
        a2 = _pick(ms, PATIENT, dipl, exclude=a1, by_rank=True) or _pick(ms, OTHER, dipl - {"group"}, exclude=a1)
        a1 = a1 or _default("government", c)
        if a2 is None and a1.country and a1.country != c:
            a2 = _default("government", c)
    elif et == "Attribution of responsibility":
        a1 = (named[0] if named else None) or _pick(ms, AGENT, ARMED | {"government"}) or _pick(ms, OTHER, ARMED) or _pick(ms, SOURCE, ARMED - STATE)
        a2 = _pick(ms, PATIENT, ARMED | {"civilians", "government"}, exclude=a1, by_rank=True)
    elif et == "Organized crime":
        a1 = _pick(ms, AGENT) or _pick(ms, OTHER)
        a2 = _pick(ms, PATIENT, exclude=a1, by_rank=True) or next((m for m in ms if m.kind == "criminal" and m is not a1), None)
        if a1 is not None and a1.kind in STATE and (a2 is None or a2.kind == "civilians"):
            crim = next((m for m in ms if m.kind == "criminal"), None)
            if crim is None:
                name = ("Smugglers ({c})" if _SMUGGLING.search(text) else
                        "Unidentified Gang ({c})" if _GANGS.search(text) else "Unidentified Criminal Group ({c})")
                crim = Mention(a2.start if a2 else 0, a2.end if a2 else 0, "criminal", name.format(c=c), 3)
            a2 = crim
    else:
        a1 = _pick(ms, AGENT) or _pick(ms, OTHER, ARMED)
        a2 = _pick(ms, PATIENT, exclude=a1, by_rank=True)
    # "the fighters", "the insurgents": the one armed group the article names
    ctx = _context_group(aliases, c)
    if ctx is not None:
        for a in (a1, a2):
            if a is not None and a.kind == "armed" and _THE_BEFORE.search(text[max(0, a.start - 20):a.start]):
                a.name, a.kind, a.inter = ctx.name, "group", ctx.inter
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    return a1, a2


def _context_group(aliases: AliasIndex | None, c: str) -> Mention | None:
    """The one rebel or jihadist group the article names, for an attack the sentence leaves unattributed."""
    if aliases is None or len(aliases.armed_groups) != 1:
        return None
    return Mention(0, 0, "group", aliases.armed_groups[0].format(c=c), 2, rank=3)


# --- the stage -------------------------------------------------------------------


def extract_actors(text: str, sub_event_type: str, country: str | None, *, doc: Any = None,
                   aliases: AliasIndex | None = None, mentions: list[Mention] | None = None) -> ActorResult:
    """Actors of the event reported by ``text``.

    Args:
        text: the sentence or clause that reports the event.
        sub_event_type: its sub-event type (a name from :mod:`eventcoder.taxonomy`).
        country: the event's country name ("Mali"); ``None`` gives "International".
        doc: a spaCy ``Doc`` of ``text`` (or of a sentence containing it); when given, the
            dependency parse decides who did what to whom, otherwise word order does.
        aliases: the article's :class:`AliasIndex` (``AliasIndex.from_text(article.text)``), to
            read acronyms and people the article introduced ("the FRNT", "Keita").
        mentions: ``find_mentions(text, country, aliases)`` when the caller has it already (the
            extractor does, to parse only clauses that name someone); their roles are set here.

    Returns:
        An :class:`ActorResult`; ``spans`` holds offsets within ``text`` of the words each
        actor came from (absent for actors the event type implies, like ``Civilians`` by default).
    """
    c = N.acled_country(country) or "International"
    ms = find_mentions(text, c, aliases) if mentions is None else mentions
    if doc is None or not _roles_from_doc(doc, text, ms):
        _roles_from_order(text, ms)
    a1, a2 = _assign(text, sub_event_type, ms, c, aliases)
    res = ActorResult(spans={})
    if a1 is not None:
        res.actor1, res.inter1 = a1.name, a1.inter
        if a1.end > a1.start:
            res.spans["actor1"] = (a1.start, a1.end)
        res.assoc_actor_1 = _assoc(a1)
    if a2 is not None:
        res.actor2, res.inter2 = a2.name, a2.inter
        if a2.end > a2.start:
            res.spans["actor2"] = (a2.start, a2.end)
        res.assoc_actor_2 = _assoc(a2)
    for f, a in (("assoc_actor_1", a1), ("assoc_actor_2", a2)):
        if getattr(res, f) and a is not None and a.end > a.start:
            res.spans[f] = (a.start, a.end)
    return res


def _assoc(m: Mention) -> str | None:
    vals = [v for v in ([m.assoc] + list(m.extra_assoc)) if v and v != m.name]
    return "; ".join(dict.fromkeys(vals)) or None


class ActorStage:
    """The actors stage as a pipeline component: call it on a sentence ``Doc`` with the event's type.

    Args:
        aliases: the article's :class:`AliasIndex` (optional).
    """

    name = "actors"

    def __init__(self, aliases: AliasIndex | None = None):
        self.aliases = aliases

    def __call__(self, doc: Any, sub_event_type: str, country: str | None) -> ActorResult:
        return extract_actors(doc.text, sub_event_type, country, doc=doc, aliases=self.aliases)

    def score(self, examples: Iterable[Sequence[Any]], *, use_parser: bool = True) -> dict[str, float]:
        return score(examples, use_parser=use_parser)


# --- inter codes and scoring ----------------------------------------------------


def inter_code(name: str | None, country: str | None = None) -> int | None:
    """The inter code an actor name implies (``None`` for no actor), using the same rules as extraction.

    >>> inter_code("Military Forces of France", "Mali"), inter_code("Protesters (Mali)")
    (8, 6)
    """
    if not name:
        return None
    c = N.acled_country(country) if country else None
    m = re.match(r"(?:Military|Police) Forces of (?:the )?(.+?)(?: \(.*\))?$|Government of (?:the )?(.+?)(?: \(.*\))?$", name)
    if m:
        own = m.group(1) or m.group(2)
        return 1 if c is None or own == c else 8
    if name.startswith("Mutiny of"):
        return 2
    for prefix, code in (("Protesters", 6), ("Rioters", 5), ("Civilians", 7), ("Unidentified Armed Group", 3),
                         ("Unidentified Gang", 3), ("Unidentified Criminal Group", 3), ("Smugglers", 3),
                         ("Private Security Forces", 8)):
        if name.startswith(prefix):
            return code
    if re.search(r"Ethnic Militia|Communal Militia", name):
        return 4
    if re.match(r"(?:Journalists|Migrants|Refugees/IDPs|Students|Teachers|Labor Group|Women|Farmers|Traders|Fishers|Prisoners|Health Workers|Aid Workers|Pastoralists|Miners)\b", name):
        return 7
    for canon, inter, rx in _known_rx():
        if canon.replace("({c})", "").strip() == re.sub(r"\s*\(.*\)$", "", name).strip() or canon.format(c=c or "") == name or rx.fullmatch(name):
            return inter
    return _classify_group(name)[1]


def same_actor(a: str | None, b: str | None) -> bool:
    """Whether two actor names are one actor up to spelling: equal, one known group under two names
    ("Islamic State West Africa Province" and "Islamic State (West Africa) - Lake Chad Faction"), or the same
    name with and without ACLED's acronym prefix ("ELN: National Liberation Army" and "National Liberation Army").
    """
    if a == b:
        return True
    if not a or not b:
        return False
    ka, kb = _known_group(a), _known_group(b)
    if ka and ka == kb or ka == b or kb == a:
        return True
    strip = lambda x: _key(re.sub(r"^[A-Z0-9-]{2,10}:\s+", "", x))  # noqa: E731
    return strip(a) == strip(b)


def score(examples: Iterable[Sequence[Any]], *, use_parser: bool = True, details: list | None = None) -> dict[str, float]:
    """Per-field accuracy of the stage on labelled examples.

    Args:
        examples: tuples ``(sentence, sub_event_type, country, gold_actor1, gold_actor2)``, optionally
            followed by an :class:`AliasIndex` for the sentence's article. Gold inter codes are the
            ones the gold names imply (:func:`inter_code`).
        use_parser: parse each sentence with the spaCy model (when installed) for the dependency rules.
        details: when a list is given, one dict per example with gold and predicted values is appended.

    Returns:
        ``{"actor1": acc, "actor2": acc, "inter1": acc, "inter2": acc, "actor1_folded": acc,
        "actor2_folded": acc, "n": count}``: accuracies in 0..1, exact name match ("no actor" equals
        "no actor"); the ``_folded`` figures count names that :func:`same_actor` folds together.
    """
    fields = ("actor1", "actor2", "inter1", "inter2")
    hits = dict.fromkeys(fields, 0)
    folded = {"actor1": 0, "actor2": 0}
    n = 0
    for ex in examples:
        sentence, sub, country, g1, g2 = ex[:5]
        aliases = ex[5] if len(ex) > 5 else None
        doc = parse(sentence) if use_parser else None
        r = extract_actors(sentence, sub, country, doc=doc, aliases=aliases)
        gold = {"actor1": g1 or None, "actor2": g2 or None, "inter1": inter_code(g1, country), "inter2": inter_code(g2, country)}
        pred = {"actor1": r.actor1, "actor2": r.actor2, "inter1": r.inter1, "inter2": r.inter2}
        for f in fields:
            hits[f] += gold[f] == pred[f]
        for f in folded:
            folded[f] += same_actor(gold[f], pred[f])
        n += 1
        if details is not None:
            details.append({"sentence": sentence, "sub_event_type": sub, "gold": gold, "pred": pred})
    out: dict[str, float] = {f: (hits[f] / n if n else 0.0) for f in fields}
    out.update({f"{f}_folded": (folded[f] / n if n else 0.0) for f in folded})
    out["n"] = n
    return out
