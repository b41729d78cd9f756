"""The actor stage's speed-ups give exactly what the plain ways give.

* :class:`~eventcoder.extract.actors._WordScan` (one combined, pruned pattern) finds what each pattern's
  own ``finditer`` finds;
* the pattern strings rebuilt from parsed patterns (``_unparse``) compile to the same code;
* ``_name_spans`` (``str.find``) finds the name starts the per-person lookahead pattern finds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventcoder.extract import actors as A

DATA = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data"

TEXTS = [
    "French troops killed 3 Boko Haram fighters near Gao, Mali.",
    "A Dogon militia attacked Fulani herders; Dogon hunters and Mossi civilians fled. The Fulani militia denied it.",
    "Islamic State West Africa Province (ISWAP) and JNIM-linked gunmen ambushed Nigerien soldiers.",
    "Police fired tear gas at protesters in Côte d'Ivoire; Ébola, Ñandú and Ürümqi are not actors. Mali",
    "ethnic militias, communal Misseriya self-defence groups, UN peacekeepers, MINUSMA, private security contractors",
    "Burkinabè and Malian forces; the Government of Chad; rioters; unidentified armed men; a criminal gang; drones",
]


def _texts() -> list[str]:
    from eventcoder.ingest import read
    from eventcoder.model import Article

    out = list(TEXTS)
    for a in read(str(DATA / "sample_corpus")):
        if isinstance(a, Article):
            out.append(a.text)
    return out


@pytest.mark.skipif(A._K is None, reason="no regex parser on this Python")
def test_unparse_compiles_to_the_same_code():
    from re import _compiler, _parser

    for body in A._scan_bodies():
        tree = _parser.parse(body, 0)
        again = _parser.parse(A._unparse(tree), 0)
        assert list(map(int, _compiler._code(again, 0))) == list(map(int, _compiler._code(tree, 0))), body


def test_word_scan_finds_what_finditer_finds():
    for text in _texts():
        scan = A._WordScan(text)
        for rx in A._scanned():
            assert [m.span() for m in scan.finditer(rx)] == [m.span() for m in rx.finditer(text)], (rx.pattern[:60], text[:60])


def test_pruned_gate_is_smaller_than_the_patterns_repeated():
    full = sum(len(A._scan_bodies()[i]) for _, todo in A._scan_classes()[0] for i in todo)
    assert len(A._scan_gate().pattern) < full


@pytest.mark.parametrize("names,acronyms", [(["Keita", "Ibrahim Boubacar Keita"], ["IBK"]), (["aa"], []), (["Ali"], ["AA"])])
def test_name_starts_as_the_pattern(names, acronyms):
    plain = "President Ibrahim Boubacar Keita (IBK) met KEITA and keita; aaaa Ali ali AA AAA Aa. IBKIBK"
    p = "(?:(?i:" + "|".join(re.escape(n) for n in names) + ")" + "".join("|" + re.escape(a) for a in acronyms) + ")"
    spans = A._name_spans(names, acronyms, plain)  # where _learn_roles takes the names' starts from
    assert sorted({q for q, _ in spans}) == [m.start() for m in re.finditer(f"(?={p})", plain)]
    assert A._name_spans(names, acronyms, plain + " ı") is None  # not ASCII: the pattern decides


def test_token_offsets():
    doc = A.parse("Police fired tear gas  at protesters in Bamako.\n\nTwo died.")
    if doc is None:
        pytest.skip("no spaCy model")
    assert A._token_offsets(doc) == [t.idx for t in doc]
