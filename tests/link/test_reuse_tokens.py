"""What the alignment reads of a text: token kinds, and the common runs of two texts."""

from __future__ import annotations

from eventcoder.link import reuse


def kinds(text: str) -> list[tuple[str, str]]:
    return [(text[t.start:t.end], t.kind) for t in reuse.tokenize(text)]


def test_numbers_names_quotes_and_ordinary_words():
    got = kinds('Police in Kome said 12 people died. "We will march again," they said.\nThe "end" came.')
    assert got == [
        ("Police", "n"),  # sentence-initial, but "police" never occurs in lower case here: a name
        ("in", "n"),  # a glue word between two names belongs to the name
        ("Kome", "n"), ("said", "w"), ("12", "d"), ("people", "w"), ("died", "w"),
        ("We", "n"),  # capitalised inside a quotation: still a name (names outrank quotes)
        ("will", "q"), ("march", "q"), ("again", "q"),
        ("they", "w"), ("said", "w"),
        ("The", "n"), ("end", "q"), ("came", "w"),
    ]


def test_a_paragraph_break_closes_an_open_quote_and_starts_a_sentence():
    got = kinds('He said "we stay\n\nthe army left. the town')
    assert [k for _, k in got] == ["n", "w", "q", "q", "w", "w", "w", "w", "w"]
    assert got[4] == ("the", "w")  # after the break: not inside the quotation any more


def test_sentence_initial_words_are_names_only_when_never_written_in_lower_case():
    got = dict(kinds("Troops fired. troops left. France protested."))
    assert got["Troops"] == "w" and got["France"] == "n"


def test_glue_words_between_names_belong_to_the_name_and_stems_fold_inflections():
    toks = reuse.tokenize("the Front for National Renewal in Chad was marching")
    assert [t.kind for t in toks] == ["w", "n", "n", "n", "n", "n", "n", "w", "w"]
    assert toks[-1].key == "march" and toks[1].key == "front"


def test_digits_in_any_script_make_a_number():
    assert [k for _, k in kinds("Gao ٣ km2 x½")] == ["n", "d", "d", "w"]


def test_common_runs_start_where_the_tokens_before_differ_and_are_one_to_one():
    a = reuse._prepare("alpha beta gamma delta epsilon zeta eta theta iota kappa")
    b = reuse._prepare("omega beta gamma delta epsilon zeta psi theta iota kappa chi")
    runs = reuse.common_runs(a, b)
    assert [(r.i, r.j, r.length) for r in runs] == [(1, 1, 5), (7, 7, 3)]
    # a 3-gram seen more often than MAX_POSTINGS times in the origin starts no run
    many = reuse._prepare(" ".join(["red green blue"] * (reuse.MAX_POSTINGS + 1)))
    assert reuse.common_runs(reuse._prepare("red green blue yellow"), many) == []
