"""Reuse: copied, lightly edited and paraphrased passages are found; shared names, numbers and quotes are not reuse."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from eventcoder.ingest import read
from eventcoder.link import reuse
from eventcoder.model import Article

DATA = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data"
SEEDS = Path("/work/shared/seeds")
JUNE_SEED = SEEDS / "001_6dff0cb9d0f146f5.txt"
AUGUST_SEED = SEEDS / "000_2acd1dbdbc1249de.txt"

ORIGIN = """Kadara, 3 May. Hundreds of market traders closed their stalls in Kadara on Thursday to protest against a new tax on imported cloth.

The traders carried placards reading "No tax without bread" and marched from the central market to the governor's office, where they handed over a petition signed by more than two thousand merchants.

The governor's spokesman said the tax would remain in place because the province needed revenue to repair roads damaged by the floods.

Local officials from Belmo, Sorrel, Tarvin, Ostrog and Melk attended a meeting on the budget the same week."""


def art(text: str, aid: str, published: date | None = None, source: str | None = None) -> Article:
    return Article(article_id=aid, content_hash=aid, text=text, published=published, source=source)


def origin() -> Article:
    return art(ORIGIN, "origin", date(2024, 5, 3), "Kadara Daily")


def test_verbatim_copy_of_a_sentence_is_reuse():
    sentence = ("The governor's spokesman said the tax would remain in place because the province needed revenue to "
                "repair roads damaged by the floods.")
    copy = art(f"Traders in Kadara are angry.\n\n{sentence}\n\nThey plan to march again next week.", "copy",
               date(2024, 5, 5))
    pair = reuse.compare(copy, origin())
    assert pair is not None and pair.article_id == "copy" and pair.reused_from == "origin"
    [p] = pair.passages
    assert p["quote"] == sentence == copy.text[p["start"]:p["end"]]
    assert p["source_quote"] == sentence == ORIGIN[p["source_start"]:p["source_end"]]
    assert p["similarity"] == 1.0


def test_lightly_edited_sentence_is_reuse():
    edited = ("A spokesman for the governor said the tax would stay in place because the province needed revenue to "
              "repair the roads damaged by floods.")
    pair = reuse.compare(art(edited, "copy", date(2024, 5, 5)), origin())
    assert pair is not None
    assert pair.passages[0]["quote"] == edited


def test_close_paraphrase_of_a_paragraph_is_one_passage_per_paragraph():
    paraphrase = ("Cloth traders protested in Kadara this month.\n\n"
                  "They carried placards and marched from the central market to the governor's office. "
                  "There they handed over a petition signed by more than 2,000 merchants.\n\n"
                  "Nothing else happened.")
    pair = reuse.compare(art(paraphrase, "copy", date(2024, 5, 9)), origin())
    assert pair is not None
    [p] = pair.passages
    assert p["quote"].startswith("They carried placards") and p["quote"].endswith("2,000 merchants.")
    assert p["source_quote"].startswith("The traders carried placards")


def test_a_shared_list_of_country_or_town_names_alone_is_not_reuse():
    other = art("Delegates from Belmo, Sorrel, Tarvin, Ostrog and Melk met to discuss water rights in the valley.",
                "other", date(2024, 5, 9))
    assert reuse.compare(other, origin()) is None


def test_independent_reports_sharing_names_figures_and_stock_phrases_are_not_reuse():
    a = art("Six soldiers were killed when fighters of the Front for National Renewal attacked an army post near "
            "Zouar in Tibesti province on Wednesday, the interior ministry said. Police fired tear gas and arrested "
            "45 people in the capital.", "a", date(2024, 3, 14))
    b = art("Eight soldiers died after rebels of the Front for National Renewal attacked an army position near Zouar "
            "in the Tibesti region on Wednesday, hospital sources said. Police fired tear gas and arrested 64 "
            "people at the march.", "b", date(2024, 3, 15))
    assert reuse.compare(a, b) is None


def test_the_same_quotation_in_two_reports_is_not_reuse():
    quote = '"We will not stop until the tax on cloth is withdrawn and every merchant can trade in peace again," '
    a = art(quote + "said Amina Saleh, who leads the traders' association in Kadara.", "a", date(2024, 5, 3))
    b = art(quote + "the head of the merchants' union told reporters outside the market on Friday.", "b",
            date(2024, 5, 4))
    assert reuse.compare(a, b) is None


def test_later_publication_is_the_copy_and_direction_is_known():
    copy = art(ORIGIN, "aaa-later", date(2024, 6, 1))
    pair = reuse.compare(origin(), copy)
    assert (pair.article_id, pair.reused_from, pair.direction_known) == ("aaa-later", "origin", True)


def test_unknown_or_equal_dates_give_direction_known_false_and_a_stable_orientation():
    a = art(ORIGIN, "a", None)
    b = art(ORIGIN + "\n\nMore later.", "b", date(2024, 5, 3))
    ab, ba = reuse.compare(a, b), reuse.compare(b, a)
    assert ab.direction_known is False
    assert (ab.article_id, ab.reused_from, ab.passages) == (ba.article_id, ba.reused_from, ba.passages)
    same_day = reuse.compare(art(ORIGIN, "x", date(2024, 5, 3)), art(ORIGIN, "y", date(2024, 5, 3)))
    assert same_day.direction_known is False


def test_a_copied_sentence_shares_an_lsh_band_with_its_origin():
    sentence = ("The traders carried placards and marched from the central market to the governor's office, where they "
                "handed over a petition.")
    mine = {b for s in reuse.signatures(art(sentence, "copy")) for b in s.bands}
    theirs = {b for s in reuse.signatures(origin()) for b in s.bands}
    assert mine & theirs


def test_mentions_inside_a_reused_passage_are_marked_with_their_origin():
    pair = reuse.ReusePair("copy", "origin", True, [{"quote": "x", "source_quote": "y", "start": 100, "end": 200,
                                                     "similarity": 0.9}])
    marked = reuse.reused_mentions([pair], [("copy:120", "copy", 120, 180), ("copy:300", "copy", 300, 350),
                                            ("other:120", "other", 120, 180)])
    assert marked == {"copy:120": "origin"}


# -- the real texts ---------------------------------------------------------------------------------------
def corpus() -> list[Article]:
    arts = [a for a in read(DATA / "sample_corpus") if isinstance(a, Article)]
    for line in (DATA / "eval" / "eval_articles.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        arts.append(Article.from_text(d["text"], published=date.fromisoformat(d["published"]) if d.get("published") else None,
                                      source=d.get("source"), origin=f"eval:{d['id']}"))
    return arts


def name(a: Article) -> str:
    return Path(a.origin).name if a.origin and not a.origin.startswith("eval:") else a.origin


def test_sample_corpus_reuse_case_is_found_with_its_direction_and_sentences():
    gold = json.loads((DATA / "eval" / "sample_gold.json").read_text(encoding="utf-8"))["_reuse"]
    arts = {name(a): a for a in corpus()}
    for case in gold:
        copy, origin_article = arts[case["article"]], arts[case["reused_from"]]
        pair = reuse.compare(origin_article, copy)
        assert (pair.article_id, pair.reused_from, pair.direction_known) == (copy.article_id, origin_article.article_id, True)
        found = " ".join(p["quote"] for p in pair.passages)
        for sentence in case["sentences"]:
            assert sentence in found


def test_no_false_reuse_in_the_sample_corpus_and_eval_articles():
    """Every pair of the 36 articles is aligned (no LSH shortcut): only the gold case may come out."""
    gold = json.loads((DATA / "eval" / "sample_gold.json").read_text(encoding="utf-8"))["_reuse"]
    expected = {(g["article"], g["reused_from"]) for g in gold}
    arts = corpus()
    found = set()
    for a, b in itertools.combinations(arts, 2):
        pair = reuse.compare(a, b)
        if pair:
            by_id = {a.article_id: a, b.article_id: b}
            found.add((name(by_id[pair.article_id]), name(by_id[pair.reused_from])))
    assert found == expected


def seed(path: Path, **kw) -> Article:
    if not path.exists():
        pytest.skip(f"seed article {path} is not available")
    [a] = [x for x in read(path, **kw) if isinstance(x, Article)]
    return a


def test_august_seed_reuses_passages_of_the_june_seed():
    june = seed(JUNE_SEED)
    august = seed(AUGUST_SEED, published=date(2020, 8, 19))
    pair = reuse.compare(june, august)
    assert (pair.article_id, pair.reused_from, pair.direction_known) == (august.article_id, june.article_id, True)
    quotes = [p["quote"] for p in pair.passages]
    assert any("signs" in q for q in quotes)  # the protest signs
    assert any("teachers" in q for q in quotes)  # the teachers' boycott
    assert any("2013" in q for q in quotes)  # the French intervention
    for p in pair.passages:
        assert august.text[p["start"]:p["end"]] == p["quote"]
        assert june.text[p["source_start"]:p["source_end"]] == p["source_quote"]
