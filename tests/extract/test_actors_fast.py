"""The actor stage's shortcuts give exactly what the patterns they stand for give.

* :class:`~eventcoder.extract.actors._AliasScan` (``str.find``) finds what the per-article alias pattern finds;
* ``AliasIndex._learn_roles`` tried at the names' places (``_gov_said``, ``_aff_said``) says what its
  per-person patterns say;
* ``_finditer_by_hint``, ``_titled`` and the pre-tests find what the whole patterns find;
* ``actor_names.strip_accents`` maps what its one-table ``str.translate`` mapped;
* the facts about Unicode these rely on (case twins, ``\\w`` and ``\\s``) hold for every character.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from eventcoder.extract import actor_names as N
from eventcoder.extract import actors as A

DATA = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data"
BENCH = Path("/tmp/eventcoder-bench/corpus_300.jsonl")  # used when there, as more text to compare on

TEXTS = [
    "President Ibrahim Boubacar Keïta (known as IBK) ... Keita resigned. The IBK government fell; the Keita  regime.",
    "The Front for National Renewal in Chad (FRNT) attacked; the FRNT and the-FRNT, FRNT-linked, xFRNT, FRNTs. The\nFRNT",
    "Moussa Ali Haroun, president of the Rally for Equity and Progress (REP), said. REP leader Moussa Ali Haroun; "
    "the Rally's deputy leader Haroun. Haroun founded the Rally for Equity and Progress.",
    "“Mahamat Idriss Déby” — the Déby regime; Déby’s government; Deby was sworn in as president. Gen. Déby, Col.Déby",
    "Front-for National - Renewal; front  for\tnational renewal; FRONT FOR NATIONAL RENEWAL. İstanbul ſ K ı",
    "Ansar Dine, an armed Islamist group; Katiba Macina, a little-known jihadist movement. The group, known as Ansarul.",
]


def _articles() -> list[str]:
    from eventcoder.ingest import read
    from eventcoder.model import Article

    out = []
    sources = [DATA / "eval" / "eval_articles.jsonl", DATA / "sample_corpus"]
    if BENCH.exists():
        sources.append(BENCH)
    for src in sources:
        out += [a.text for a in read(str(src)) if isinstance(a, Article)]
    return out


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return TEXTS + _articles()


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["Front", "for", "the", "The", "National", "Renewal", "(FRNT)", "FRNT", "(2019)", "known", "as", "also", ",", ".",
              "a", "an", "rebel", "group", "militant", "movement", "O'Neil", "Al-Shabaab", "of", "wal", "IBK", "Keïta", "Keita",
              "—", "’s", "'s", "Gen.", "Col.", "President", "president", "leader", "founded", "whose", "government", "-",
              "was", "elected", "sworn", "in", "(REP)", "Rally", "Haroun", "Moussa", "Ali", "(", ")", "“", ";", ":", "ſ", "_x"]
    seps = ["", " ", " ", " ", "  ", ", ", "\t", "\n", "-", ". "]
    return ["".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


# --- facts about Unicode ------------------------------------------------------------

@pytest.fixture(scope="module")
def every_character() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_case_twins_are_the_only_characters_folding_to_ascii(every_character):
    ascii_twins = set(re.findall(r"(?i)[\x00-\x7f]", every_character)) - {chr(c) for c in range(128)}
    assert ascii_twins == set(A._CASE_TWINS)
    odd_lower = {c for c in every_character if not ("A" <= c <= "Z") and c.lower() != c
                 and (len(c.lower()) != 1 or c.lower().isascii())}
    assert odd_lower <= set(A._CASE_TWINS)


def test_word_and_space_classes_are_the_str_methods(every_character):
    assert re.findall(r"\w", every_character) == [c for c in every_character if c.isalnum() or c == "_"]
    assert re.findall(r"\s", every_character) == [c for c in every_character if c.isspace()]


# --- aliases --------------------------------------------------------------------------

def _pattern_spans(idx: A.AliasIndex, text: str) -> list[tuple[int, int]]:
    out = []
    for m in idx._pattern().finditer(text):
        out.append(m.span("acr" if m.groupdict().get("acr") else "name"))
    return out


def _check_alias_scan(idx: A.AliasIndex, texts: list[str]) -> int:
    scan = A._AliasScan.build(list(idx._acronyms), idx._canon)
    if not scan:
        return 0
    n = 0
    for t in texts:
        t = N.strip_accents(t).replace("’", "'")
        got = scan.spans(t)
        if got is not None:
            assert got == _pattern_spans(idx, t), t[:80]
            n += 1
    return n


def test_alias_scan_finds_what_the_pattern_finds(articles):
    n = 0
    for text in articles:
        idx = A.AliasIndex.from_text(text)
        n += _check_alias_scan(idx, [text] + _sentences(text) + _random_texts(3, len(text)))
    assert n > len(articles)


@pytest.mark.parametrize("seed", range(6))
def test_alias_scan_on_made_up_aliases(seed):
    rng = random.Random(seed)
    words = ["front", "for", "national", "renewal", "the", "rally", "al-shabaab", "o", "keita", "ibk", "ali", "front-for",
             "nat", "fo", "x_y", "-ab"]
    idx = A.AliasIndex()
    for _ in range(rng.randint(1, 8)):
        idx._canon[" ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))] = "Canon"
    for acr in rng.sample(["FRNT", "IBK", "FR", "RN", "A-B", "AT&T", "FRN"], rng.randint(0, 4)):
        idx._acronyms[acr] = "Canon"
    texts = _random_texts(150, seed) + [" ".join(rng.choice(words + ["FRNT", "The", "THE", "-", "  "]) for _ in range(30))
                                        for _ in range(150)]
    _check_alias_scan(idx, texts)


def test_alias_scan_with_the_before():
    idx = A.AliasIndex()
    for key in ("the", "front for", "he said", "theodore"):
        idx._canon[key] = "Canon"
    idx._acronyms.update({"FRNT": "Canon", "The": "Canon"})
    texts = ["the FRNT", "The  front-for x", "the the FRNT", "the\nTheodore", "xthe FRNT", "the-FRNT", "then FRNT", "he said the",
             "the he said", "The", "the", "THE FRNT", "the\u00a0FRNT", "the\u2003front for"]
    assert _check_alias_scan(idx, texts) == len(texts)
    assert A._AliasScan.build(list(idx._acronyms), idx._canon).spans("the FRNT") == [(4, 8)]


def test_find_falls_back_to_the_pattern():
    idx = A.AliasIndex()
    idx.add("Front - Nord", "Front - Nord", "group")  # a word after the first starts with "-": the pattern decides
    assert A._AliasScan.build(list(idx._acronyms), idx._canon) is False
    assert [f[:2] for f in idx.find("the Front - Nord and the front--nord")] == [(4, 16)]


# --- roles ----------------------------------------------------------------------------

def _roles(idx: A.AliasIndex) -> tuple:
    return sorted(idx.government), sorted(idx.affiliation.items())


def _role_articles(n: int) -> list[str]:
    rng = random.Random(5)
    fill = dict(ROLE_FILL, name=["Moussa Ali Haroun", "Haroun", "Ali Haroun", "MAH", "haroun", "Mahamat Déby", "Déby", "Deby"],
                group=["Rally for Equity and Progress", "REP", "R.E.P.", "Front for Change", "FACT"])
    intro = ("The Rally for Equity and Progress (REP) and the Front for Change (FACT) met. Moussa Ali Haroun "
             "(known as MAH) spoke; Haroun said. Mahamat Déby, a lawyer, and Déby spoke. ")
    return [intro + ". ".join(rng.choice(ROLE_TEMPLATES).format(**{k: rng.choice(v) for k, v in fill.items()})
                              for _ in range(rng.randint(1, 4))) for _ in range(n)]


def test_learn_roles_says_what_the_patterns_say(articles, monkeypatch):
    texts = articles + _role_articles(400)
    fast = [_roles(A.AliasIndex.from_text(t)) for t in texts]
    monkeypatch.setattr(A, "_name_spans", lambda names, acronyms, plain: None)  # the per-person patterns
    slow = [_roles(A.AliasIndex.from_text(t)) for t in texts]
    assert fast == slow
    assert any(g for g, _ in fast) and any(a for _, a in fast)


ROLE_TEMPLATES = [
    "{title} {of}{name}{end}", "{name}, {the}{whose}{title}{end}", "{name} {became} {the}{title}{end}",
    "{name} {was} {first}elected{end}", "{glued}the {name} {gov}{end}", "{name}{s} {gov}{end}",
    "{name}, {the}{word}{lead} of {the}{group}{end}", "{lead} of {the}{group}{acr}, {name}{end}",
    "{group}{s} {word}{lead} {name}{end}", "{group}{comma} whose {lead} {name}{end}", "{name}{end} {word}founded the {group}{end}",
]
ROLE_FILL = {
    "title": ["President", "president", "prime  minister", "Minister", "governor", "head of state", "junta leader", "Gen.",
              "copresident", "vice-president"],
    "of": ["", "of Chad ", "of chad ", "of  Mali\t"], "the": ["", "the ", "The ", "the\t", "a "],
    "whose": ["", "country's ", "Chad's ", "chad's "], "became": ["became", "becomes", "was sworn in as", "is the", "was"],
    "was": ["was", "has been", "had  been", "is"], "first": ["", "first ", "re-", "re"],
    "gov": ["government", "Government", "administration", "regime", "party"], "s": ["", "'s", "’s", "s"],
    "word": ["", "deputy ", "former top ", "a b c "], "lead": ["leader", "president", "spokesman", "member", "official", "boss"],
    "acr": ["", " (REP)", " (rep)", "  (R)"], "comma": ["", ",", " ,"], "glued": ["", "", "bo", "-"],
    "name": ["Moussa Ali Haroun", "Haroun", "moussa haroun", "MAH", "mah", "HAROUN", "xHaroun", "Harounx", "Haroun_"],
    "group": ["Rally for Equity", "REP", "R.E.P.", "rally for equity", "REPx"], "end": ["", ".", " said", "s", ",", "\n"],
}


@pytest.mark.parametrize("seed", range(4))
def test_role_pieces_match_where_the_whole_patterns_match(seed):
    rng = random.Random(seed)
    names, acronyms, gforms = ["Moussa Ali Haroun", "Haroun", "moussa haroun"], ["MAH"], ["Rally for Equity", "REP", "R.E.P."]
    p = "(?:(?i:" + "|".join(re.escape(n) for n in names) + ")|" + "|".join(re.escape(a) for a in acronyms) + ")"
    gn = "|".join(re.escape(f) for f in gforms)
    hits = [0] * 11
    for _ in range(1500):
        parts = [rng.choice(ROLE_TEMPLATES).format(**{k: rng.choice(v) for k, v in ROLE_FILL.items()}) for _ in range(rng.randint(1, 3))]
        plain = rng.choice([" ", ". ", ", ", " and "]).join(parts)
        spans = A._name_spans(names, acronyms, plain)
        gspans = A._literal_spans(gforms, plain)
        for i, pat in enumerate(A._gov_patterns(p)):
            said = bool(re.search(pat, plain))
            assert A._gov_said(i, spans, plain) == said, (i, plain)
            hits[i] += said
        for i, pat in enumerate(A._aff_patterns(p, gn)):
            said = bool(re.search(pat, plain))
            assert A._aff_said(i, spans, gspans, plain) == said, (i, plain)
            hits[6 + i] += said
    assert min(hits) > 0  # every pattern was met


# --- whole-text patterns ----------------------------------------------------------------

def test_finditer_by_hint_is_finditer(articles):
    for text in articles + _random_texts(5000, 7):
        for rx in A._HINTS:
            assert [(m.span(), m.groups()) for m in A._finditer_by_hint(rx, text)] == \
                   [(m.span(), m.groups()) for m in rx.finditer(text)], (rx.pattern[:40], text[:80])


def test_titles_hold_no_stop_but_the_dots_of_gen_and_col():
    # what _titled relies on: "." only in "gen\\.?" and "col\\.?", no ";" or ":", no class or "." wildcard
    words = A.TITLE_WORDS.replace("(?:", "(")
    assert re.findall(r"\\\.|[.;:\[]", words) == ["\\.", "\\."] and "gen\\.?" in words and "col\\.?" in words


def test_titled_is_the_search():
    rng = random.Random(3)
    bits = ["Gen.", "gen.", "Col.", "col", "President", "prime  minister", ".", ";", ":", " ", "\n", "Mr", "X", "the", "ſ", "K",
            "said", "Major", ",", "GEN.Smith", "e."]
    for _ in range(20000):
        before = "".join(rng.choice(bits) + rng.choice(["", " "]) for _ in range(rng.randint(0, 12)))
        assert A._titled(before) == bool(A.TITLED_BEFORE.search(before)), repr(before)


def test_nationalities_before_searched_from_the_first_nationality(articles):
    for text in articles:
        for end in range(0, len(text), 7):
            window = text[max(0, end - 60):end]
            first = A._NAT_ANY.search(window)
            m = A.NATIONALITIES_BEFORE.search(window)
            got = A.NATIONALITIES_BEFORE.search(window, first.start()) if first else None
            assert (got and (got.span(), got.group(1))) == (m and (m.span(), m.group(1)))


def test_context_words_pretest():
    for rx, words in ((A._REBEL_CONTEXT, A._REBEL_CONTEXT_WORDS), (A._PARTY_CONTEXT, A._PARTY_CONTEXT_WORDS)):
        for text in _random_texts(2000, 11) + ["armed  group", "the rebels", "a party", "political parties", "insurgents"]:
            ctx = text.lower()
            if rx.search(ctx):
                assert any(w in ctx for w in words)


# --- accents ------------------------------------------------------------------------------

def test_strip_accents_maps_each_character_as_before(articles, every_character):
    def before(s: str) -> str:  # the one-table translation it replaced
        return s.translate({ord(c): N._base_char(c) for c in set(s) if c > "\x7f"})

    for s in articles + TEXTS + [every_character[i:i + 5000] for i in range(0, 0x30000, 5000)] + ["", "a", "é", "\x00é\x00"]:
        assert N.strip_accents(s) == before(s)
