"""Metadata rules: take only what the text states near its top or bottom."""

from datetime import date

import pytest

from eventcoder.ingest.metadata import extract, guess_language, html_published, parse_dateline

LEAD = "Soldiers fired tear gas at several hundred protesters in Niamey on Thursday, witnesses said."


def test_markdown_heading_is_the_title():
    meta = extract(f"# Junta closes border with Benin\n\n{LEAD}")
    assert meta.title == "Junta closes border with Benin"
    assert 0 in meta.lines


def test_first_headline_like_line_is_the_title_when_there_is_no_heading():
    meta = extract(f"By Amina Diallo\nIssue 412\n\nJunta closes border with Benin\n\n{LEAD}")
    assert meta.title == "Junta closes border with Benin"


def test_lead_paragraph_is_not_taken_as_title():
    assert extract(f"{LEAD}\n\nThe ministry said order was restored.").title is None


def test_by_line_gives_author():
    assert extract(f"# Border closed\n\nBy Amina Diallo\n\n{LEAD}").author == "Amina Diallo"


def test_name_line_directly_under_headline_gives_author():
    meta = extract(f"# Border closed\n\nAmina Diallo  \n3 August 2023\n\n{LEAD}")
    assert (meta.author, meta.published) == ("Amina Diallo", date(2023, 8, 3))


def test_sentence_starting_with_by_is_not_a_byline():
    text = "# Border closed\n\nBy Friday, thousands of traders were stranded at the crossing near Malanville."
    meta = extract(text)
    assert meta.author is None
    assert meta.lines == {0}


def test_capitalised_headline_words_under_title_are_not_an_author():
    assert extract(f"# Border closed\n\nTraders are stranded\n\n{LEAD}").author is None


@pytest.mark.parametrize(
    "line",
    ["22 June 2020", "June 22, 2020", "2020-06-22", "Monday 22 June 2020", "Monday, June 22, 2020",
     "Published: 22 June 2020", "22 Jun 2020, 14:05 GMT", "2020-06-22T09:15:00Z"],
)  # fmt: skip
def test_datelines_in_common_forms_are_read(line):
    assert parse_dateline(line) == date(2020, 6, 22)


@pytest.mark.parametrize(
    "line", ["This article is over 3 years, 9 months old", "2 hours ago", "yesterday", "Issue 2719", "June 2020"]
)
def test_relative_or_partial_phrases_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_impossible_date_is_not_a_date():
    assert parse_dateline("31 February 2020") is None


def test_no_date_in_text_means_published_is_none():
    meta = extract(f"# Border closed\n\nThis article is over 3 years, 9 months old\nIssue 2719\n\n{LEAD}")
    assert meta.published is None


def test_date_inside_a_reporting_sentence_is_not_a_dateline():
    meta = extract("# Border closed\n\nProtesters gathered in Niamey on 22 June 2020 to demand elections.")
    assert meta.published is None


def test_byline_with_date_gives_both():
    meta = extract(f"# Border closed\nBy Amina Diallo | 3 August 2023\n\n{LEAD}")
    assert (meta.author, meta.published) == ("Amina Diallo", date(2023, 8, 3))


@pytest.mark.parametrize(
    "line, outlet",
    [("Source: Lake Chad Monitor", "Lake Chad Monitor"), ("Published by Sahel Wire", "Sahel Wire"),
     ("© 2025 Lake Chad Monitor. All rights reserved.", "Lake Chad Monitor")],
)  # fmt: skip
def test_outlet_named_in_a_footer_line(line, outlet):
    assert extract(f"# Border closed\n\n{LEAD}\n\n{line}").source == outlet


def test_reporting_line_starting_with_copyright_names_no_outlet():
    assert extract(f"{LEAD}\n\nCopyright lawyers for the musicians said the ruling was unfair.").source is None


def test_outlet_and_date_from_a_top_outlet_line():
    meta = extract(f"Sahel Wire — 3 August 2023\n\n# Border closed\n\n{LEAD}")
    assert (meta.source, meta.published) == ("Sahel Wire", date(2023, 8, 3))


def test_place_dateline_on_a_lead_is_not_an_outlet():
    assert extract("NIAMEY — Soldiers fired tear gas at protesters on Thursday.").source is None


def test_outlet_from_contact_link_domain_spelled_as_the_footer_does():
    text = f"{LEAD}\n\nTo contact the LCM newsroom visit:\n\n[lcm.example/contact](https://lcm.example/contact)"
    assert extract(text).source == "LCM"


def test_outlet_from_contact_link_domain_when_footer_does_not_spell_it():
    text = f"{LEAD}\n\nWrite to us:\n\nhttps://www.sahelwire.example/contact-us"
    assert extract(text).source == "sahelwire.example"


def test_html_date_comes_only_from_what_the_page_states():
    stated = '<html><head><meta property="article:published_time" content="2023-08-03T09:15:00Z"></head></html>'
    assert html_published(stated) == date(2023, 8, 3)
    unstated = '<html><head><link rel="canonical" href="https://x.example/2021/05/04/story"></head><p>Text.</p></html>'
    assert html_published(unstated) is None


def test_html_date_from_json_ld_and_time_element():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-01-09"}</script>'
    assert html_published(ld) == date(2022, 1, 9)
    assert html_published("<p>Posted <time>9 January 2022</time></p>") == date(2022, 1, 9)


def test_english_text_is_tagged_en_and_french_is_not():
    assert guess_language(LEAD + " The ministry said that the gathering had not been authorised.") == "en"
    french = "Les soldats ont tiré des gaz lacrymogènes sur des centaines de manifestants à Niamey jeudi, selon des témoins."
    assert guess_language(french) is None
