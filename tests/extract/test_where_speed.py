"""Speed-ups of the place stage that must not change what it finds: each fast path against the plain one."""

from __future__ import annotations

from importlib import resources

from eventcoder.extract import where
from eventcoder.extract.where import TOKEN, PlaceFinder, Token
from eventcoder.geo.gazetteer import KEY_INDEX, Bundle, bundled, key_index_lines


def _plain_tokens(text: str) -> list[Token]:
    """``PlaceFinder._tokens`` as a loop over ``TOKEN.finditer`` (its definition)."""
    out = []
    for m in TOKEN.finditer(text):
        s, e = m.span()
        t, full_end, poss = m.group(0), e, False
        if len(t) > 3 and t[-2:] in ("'s", "’s"):
            e, t, poss = e - 2, t[:-2], True
        cap = t[0].isupper() or (("-" in t or "'" in t or "’" in t) and bool(where._PREFIXED_CAP.match(t)))
        out.append(Token(s, e, t, cap, poss, full_end))
    return out


def test_tokens_equal_the_finditer_definition():
    texts = [
        "", "   ", "...", "Gunmen attacked Gao's market on Friday.", "Gao's", "it's", "Mali’s al-Qaim d'Ivoire",
        "Côte d’Ivoire's army; N'Djamena-based, Ouagadougou—Bamako", "x-y- -z 'a' ‘b’ e's 12's 3-4",
        "under_score __init__ İstanbul ſ Ünye", "al-", "-al", "St. Louis\nMt Kenya  Kigali\t(Goma)",
        "A's ab's Abc's ABCD's al-Shabaab's",
    ]
    for text in texts:
        assert PlaceFinder._tokens(text) == _plain_tokens(text), text


def test_shipped_key_index_matches_the_places():
    """``places.keys.gz`` is derived from ``places.tsv.gz``: the shipped one is current and used."""
    root = resources.files("eventcoder.geo.data")
    places, admin1 = root.joinpath("places.tsv.gz").read_bytes(), root.joinpath("admin1.tsv.gz").read_bytes()
    built = Bundle(places, admin1, "")  # no index: built from the places
    assert built._index == key_index_lines(built._lines)
    assert bundled()._index == built._index  # the shipped index was read, and says the same
    shipped = root.joinpath(KEY_INDEX).read_bytes()
    assert Bundle(places, admin1, "", shipped)._index == built._index


def test_a_stale_key_index_is_ignored():
    import gzip

    root = resources.files("eventcoder.geo.data")
    places, admin1 = root.joinpath("places.tsv.gz").read_bytes(), root.joinpath("admin1.tsv.gz").read_bytes()
    stale = gzip.compress(b"# eventcoder key index of places.tsv crc32=00000000 rows=1\nbamako\t0")
    b = Bundle(places, admin1, "", stale)
    assert [r.name for r in b.lookup("bamako") if r.country_code == "ML"] == ["Bamako"]


def test_key_index_lookups_equal_a_dict_of_keys():
    b = bundled()
    rows: dict[str, list[int]] = {}
    for i, line in enumerate(b._lines[:20000]):
        for k in line.split("\t", 4)[3].split("|"):
            rows.setdefault(k, []).append(i)
    for k, ids in list(rows.items())[::7]:
        got = b._rows(k)
        assert got[: len(ids)] == ids  # (rows past the first 20,000 may follow)
        assert b.has(k)
    for k in ("zzqx", "bamako zzq", "qqqq qqqq", "a" * 50):
        assert b._rows(k) == [] and not b.has(k)
    # keys sharing a prefix are told apart ("ab" < "ab c" < "abc" in the index)
    assert [r.name for r in b.lookup("gao") if r.country_code == "ML"] == ["Gao"]


def test_scan_finds_compounds_and_longest_matches():
    f = PlaceFinder.default()
    text = "French-backed troops left Gao and Mali-based New York Times reporters met in Ouagadougou."
    hits = f._scan(text, f._tokens(text))
    got = [(h.text, h.kind, h.compound) for h in hits]
    assert ("French", "demonym", "-backed") in got and ("Mali", "country", "-based") in got
    assert ("New York", "place", "") in got and ("Gao", "place", "") in got and ("Ouagadougou", "place", "") in got


def test_ruler_patterns_keep_the_big_cities():
    texts = {p["pattern"] for p in where._ruler_patterns()}
    assert {"Lagos", "Kinshasa", "Bamako"} <= texts
    assert "Gao" not in texts  # under 250,000 inhabitants
