"""Boilerplate rules: whole short lines go, reporting stays."""

import pytest

from eventcoder.ingest.boilerplate import RULES, boilerplate_rules, clean_lines, is_boilerplate

REPORT = "Police fired tear gas at protesters in Bamako on Friday, witnesses said."


def test_sign_up_line_is_removed():
    text = f"{REPORT}\n\nSign up for our daily email update ‘Breakfast in Red’\n"
    assert clean_lines(text) == REPORT


def test_sentence_containing_sign_up_mid_paragraph_is_kept():
    line = "Hundreds of teachers queued to sign up for the strike, union officials said."
    assert clean_lines(line) == line


def test_sentence_starting_with_sign_up_but_reporting_is_kept():
    line = "Sign up sheets for the union were burned by soldiers at the depot on Tuesday."
    assert clean_lines(line) == line


def test_sentence_containing_donation_mid_paragraph_is_kept():
    line = "The minister denied that a donation from the mining company had influenced the decision."
    assert clean_lines(line) == line


@pytest.mark.parametrize(
    "ask", ["Make a donation to Socialist Worker", "Support independent journalism", "Donate now", "Help fund the resistance"]
)
def test_donation_ask_lines_are_removed(ask):
    assert clean_lines(f"{REPORT}\n\n{ask}") == REPORT


def test_pdf_loader_with_glued_issue_number_is_removed():
    assert clean_lines(f"Downloading PDF. Please wait... Issue 2719\n\n{REPORT}") == REPORT


def test_bare_issue_number_is_removed():
    assert clean_lines(f"Issue 2719\n{REPORT}") == REPORT


def test_article_age_notice_is_removed_and_is_not_reporting():
    assert clean_lines(f"This article is over 3 years, 9 months old\n\n{REPORT}") == REPORT


def test_latest_news_heading_is_removed():
    assert clean_lines(f"{REPORT}\n\nLatest News\n") == REPORT


def test_contact_footer_split_over_two_lines_and_its_link_line_are_removed():
    footer = "To contact the WSWS and the  \nSocialist Equality Party visit:\n\n**[wsws.org/contact](https://wsws.org/contact)**"
    assert clean_lines(f"{REPORT}\n\n\n\n{footer}") == REPORT


def test_cookie_notice_is_removed():
    notice = "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies."
    assert clean_lines(f"{notice}\n\nAccept all cookies\n\n{REPORT}") == REPORT


@pytest.mark.parametrize(
    "line", ["Share this article", "Follow us on Twitter", "Share | Tweet | Email", "Follow us on Facebook and Telegram"]
)
def test_share_and_follow_buttons_are_removed(line):
    assert clean_lines(f"{REPORT}\n\n{line}") == REPORT


def test_read_more_line_is_removed():
    assert clean_lines(f"{REPORT}\n\nRead more: Junta promises elections within 18 months") == REPORT


def test_copyright_line_is_removed():
    assert clean_lines(f"{REPORT}\n\n© 2025 Lake Chad Monitor. All rights reserved.") == REPORT


@pytest.mark.parametrize(
    "line",
    ["Copyright lawyers for the musicians said the ruling was unfair.",
     "Donate to the flood appeal, the governor urged residents of Maiduguri."],
)  # fmt: skip
def test_reporting_lines_starting_with_rule_words_are_kept(line):
    assert clean_lines(line) == line


def test_caption_and_its_credited_duplicate_are_both_removed():
    caption = "Armoured vehicles outside the presidential palace in Niamey (2023)"
    text = f"{caption}\n{caption} (Pic: Sahel Wire)\n\n{REPORT}"
    assert clean_lines(text) == REPORT


def test_single_line_without_credited_duplicate_is_kept():
    line = "Armoured vehicles surrounded the presidential palace in Niamey"
    assert clean_lines(f"{line}\n{REPORT}") == f"{line}\n{REPORT}"


def test_boilerplate_wrapped_in_markdown_is_removed():
    text = f"{REPORT}\n\n## Latest News\n\n**Sign up for our newsletter**\n\n[Share this article](https://x.example/share)"
    assert clean_lines(text) == REPORT


def test_paragraph_broken_mid_sentence_is_rejoined():
    text = "Police fired tear gas at the protesters, who\n\nresponded by erecting barricades."
    assert clean_lines(text) == "Police fired tear gas at the protesters, who responded by erecting barricades."


def test_finished_sentence_is_not_joined_to_next_paragraph():
    text = "The talks ended on Monday.\n\nnew talks are planned for June."
    assert clean_lines(text) == text


def test_unfinished_line_is_not_joined_to_capitalised_paragraph():
    text = "Such resistance gives hope\n\nThe army said nothing."
    assert clean_lines(text) == text


def test_blank_line_runs_collapse_to_one():
    assert clean_lines("First report.\n\n\n\n\nSecond report.") == "First report.\n\nSecond report."


def test_trailing_spaces_and_outer_blank_lines_are_stripped():
    assert clean_lines("\n\nFirst report.   \nSecond report.\u00a0\n\n") == "First report.\nSecond report."


def test_a_long_reporting_line_made_of_rule_words_is_kept():
    line = "Share prices fell in Bamako after the junta said it would print more money."
    assert not is_boilerplate(line)


def test_glued_phrases_are_named_rule_by_rule():
    assert boilerplate_rules("Downloading PDF. Please wait... Issue 2719") == ["pdf_download", "issue_number"]


def test_every_rule_has_a_unique_name_and_a_docstring():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.doc.strip() for rule in RULES)
