"""Independence: outlets whose report copies another report of the same event do not count twice."""

from __future__ import annotations

from datetime import date

from eventcoder.link import dedupe


def event_of(mentions, reused_from=None):
    [event] = dedupe.link(mentions, reused_from)
    return event


def boycott_reports(mention):
    """Mirrors the seeds: a June report of a teachers' boycott and an August article that paraphrases it."""
    june = mention("JUNE", 100, "Thousands of teachers boycotted the reopened schools of Kadara on Monday.",
                   source="Weekly Worker", published=date(2024, 6, 22))
    august = mention("AUG", 400, "Thousands of teachers refused to return to the reopened schools of Kadara on Monday.",
                     source="Socialist Paper", published=date(2024, 8, 19))
    return june, august


def test_copied_report_does_not_count_as_independent(mention):
    june, august = boycott_reports(mention)
    event = event_of([june, august], reused_from={"AUG:400": "JUNE"})
    assert event.independent_sources == 1
    by_article = {r.article_id: r for r in event.reports}
    assert by_article["AUG"].reused_from == "JUNE" and by_article["AUG"].independent is False
    assert by_article["JUNE"].reused_from is None and by_article["JUNE"].independent is True


def test_event_source_lists_every_outlet_including_the_copier(mention):
    june, august = boycott_reports(mention)
    event = event_of([june, august], reused_from={"AUG:400": "JUNE"})
    assert event.sources == ["Weekly Worker", "Socialist Paper"]


def test_two_outlets_reporting_in_their_own_words_are_two_independent_sources(mention):
    june, august = boycott_reports(mention)
    assert event_of([june, august]).independent_sources == 2


def test_reuse_from_an_article_outside_the_event_keeps_the_report_independent(mention):
    """Reused background text about something else does not make the report of *this* event derivative."""
    june, august = boycott_reports(mention)
    event = event_of([june, august], reused_from={"AUG:400": "SOME-OTHER-ARTICLE"})
    assert event.independent_sources == 2
    assert {r.article_id: r.independent for r in event.reports} == {"JUNE": True, "AUG": True}
    assert {r.article_id: r.reused_from for r in event.reports}["AUG"] == "SOME-OTHER-ARTICLE"


def test_an_outlet_with_an_own_report_beside_a_copied_one_stays_independent(mention):
    june, august = boycott_reports(mention)
    own = mention("AUG", 900, "Teachers in Kadara told us they boycotted classes on Monday over unpaid wages.",
                  source="Socialist Paper", published=date(2024, 8, 19))
    event = event_of([june, august, own], reused_from={"AUG:400": "JUNE"})
    assert event.independent_sources == 2


def test_a_chain_of_copies_counts_only_the_first_outlet(mention):
    june, august = boycott_reports(mention)
    third = mention("SEPT", 0, "Thousands of teachers refused to return to the reopened schools of Kadara on Monday.",
                    source="Third Outlet", published=date(2024, 9, 1))
    event = event_of([june, august, third], reused_from={"AUG:400": "JUNE", "SEPT:0": "AUG"})
    assert event.independent_sources == 1
    assert [r.independent for r in event.reports] == [True, False, False]


def test_reports_of_unknown_outlets_count_per_article(mention):
    a = mention("A", 0, "Thousands marched in Kadara on Monday against fuel prices.", source=None)
    b = mention("B", 0, "Thousands marched in Kadara on Monday against the fuel price rise.", source=None)
    assert event_of([a, b]).independent_sources == 2
    assert event_of([a, b], reused_from={"B:0": "A"}).independent_sources == 1
