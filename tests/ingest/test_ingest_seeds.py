"""The two real seed articles (read in place: their text is not copied into the project)."""

from datetime import date
from pathlib import Path

import pytest

from eventcoder.ingest import read
from eventcoder.ingest.markup import plain_line
from eventcoder.model import Article

SEEDS = Path("/work/shared/seeds")
SOLIDARITY = SEEDS / "000_2acd1dbdbc1249de.txt"
WSWS = SEEDS / "001_6dff0cb9d0f146f5.txt"


def article(path: Path) -> Article:
    if not path.exists():
        pytest.skip(f"seed article {path} is not available")
    [item] = list(read(path))
    assert isinstance(item, Article), item
    return item


def normal(text: str) -> str:
    return " ".join(plain_line(text).split())


def reporting_paragraphs(path: Path, drop: list[str]) -> list[str]:
    """The raw paragraphs minus the lines a rule names (metadata, boilerplate, captions)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [normal(line) for line in lines if line.strip() and not any(d in line for d in drop)]


def test_wsws_seed_metadata():
    a = article(WSWS)
    assert a.title == "Tens of thousands rally in French-occupied Mali for resignation of president"
    assert a.author == "Will Morrow"
    assert a.published == date(2020, 6, 22)
    assert a.origin == str(WSWS)


def test_wsws_seed_contact_footer_is_gone():
    text = article(WSWS).text
    assert "To contact" not in text and "Socialist Equality Party visit" not in text and "wsws.org" not in text


def test_wsws_seed_sentence_broken_across_blank_line_is_rejoined():
    text = article(WSWS).text
    assert "who responded by erecting barricades" in text
    assert "who\n" not in text


def test_wsws_seed_every_reporting_paragraph_is_kept():
    a = article(WSWS)
    text = " ".join(a.text.split())
    drop = ["# Tens of thousands", "Will Morrow", "22 June 2020", "To contact", "Socialist Equality Party", "wsws.org"]
    for paragraph in reporting_paragraphs(WSWS, drop):
        assert paragraph in text
    assert a.text.splitlines()[0].startswith("Tens of thousands demonstrated")


def test_solidarity_seed_metadata_and_no_date():
    a = article(SOLIDARITY)
    assert a.title == "Mali’s military oust Western-backed president amid mass protests"
    assert a.author == "Charlie Kimber"
    assert a.published is None


def test_solidarity_seed_boilerplate_and_duplicated_caption_are_gone():
    text = article(SOLIDARITY).text
    for phrase in ("Downloading PDF", "Issue 2719", "This article is over", "Sign up for our daily email",
                   "Latest News", "Make a donation", "(Pic:", "Three British Chinooks"):  # fmt: skip
        assert phrase not in text


def test_solidarity_seed_reporting_is_kept():
    a = article(SOLIDARITY)
    text = " ".join(a.text.split())
    for phrase in ("11 dead and 158 injured", "RAF Odiham", "Such resistance gives hope for the future"):
        assert phrase in text
    drop = ["By Charlie Kimber", "Downloading PDF", "military oust", "This article is over", "Issue 2719",
            "Three British Chinooks", "Sign up", "Latest News", "Make a donation", "Help fund"]  # fmt: skip
    for paragraph in reporting_paragraphs(SOLIDARITY, drop):
        assert paragraph in text
