"""Conflicting figures: every claim is kept; the event shows ACLED's lowest credible figure and UCDP's low/best/high."""

from __future__ import annotations

from datetime import date

from eventcoder.link import dedupe, reconcile
from eventcoder.model import Span

CLASH = dict(event_type="Battles", sub_event_type="Armed clash")


def stated(m, **figures):
    """Give a mention stated figures (with their evidence spans, as the extractor does)."""
    for k, v in figures.items():
        setattr(m, k, v)
        m.evidence[k] = Span(m.article_id, m.quote.start, m.quote.end, m.quote.text)
    return m


def clash_reports(mention):
    a = stated(mention("A", 0, "Eight soldiers were killed near Kadara on Monday, the army said.", source="Wire One",
                       attribution="the army said", **CLASH), fatalities=8, injuries=4)
    b = stated(mention("B", 0, "Ten soldiers died near Kadara on Monday, according to an official tally.",
                       source="Wire Two", attribution="according to an official tally", **CLASH), fatalities=10,
               injuries=9)
    c = stated(mention("C", 0, "Nine soldiers were killed in fighting near Kadara on Monday, hospital sources said.",
                       source="Wire Three", attribution="hospital sources said", **CLASH), fatalities=9)
    return a, b, c


def test_lowest_credible_figure_is_acled_fatalities(mention):
    [event] = dedupe.link(clash_reports(mention))
    assert event.fatalities == 8


def test_fatalities_low_best_high_span_the_reports(mention):
    [event] = dedupe.link(clash_reports(mention))
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (8, 9, 10)
    assert (event.injuries, event.injuries_low, event.injuries_best, event.injuries_high) == (4, 4, 4, 9)


def test_every_claim_is_kept_with_its_outlet_and_attribution(mention):
    [event] = dedupe.link(clash_reports(mention))
    fatal = sorted((c.value, c.source, c.attribution) for c in event.claims if c.field == "fatalities")
    assert fatal == [(8, "Wire One", "the army said"), (9, "Wire Three", "hospital sources said"),
                     (10, "Wire Two", "according to an official tally")]


def test_a_defaulted_zero_does_not_undercut_a_stated_death_toll(mention):
    a, b, _ = clash_reports(mention)
    silent = mention("D", 0, "Fighting broke out near Kadara on Monday.", fatalities=0, **CLASH)
    [event] = dedupe.link([a, b, silent])
    assert event.fatalities == 8
    assert all(c.article_id != "D" for c in event.claims)


def test_nobody_reporting_deaths_gives_zero_fatalities(mention):
    [event] = dedupe.link([mention("A", 0, fatalities=0), mention("B", 0, "Thousands marched in Kadara on Monday again.")])
    assert event.fatalities == 0


def test_a_reused_report_gets_no_vote_for_best(mention):
    a, b, c = clash_reports(mention)
    copy = stated(mention("E", 0, "Ten soldiers died near Kadara on Monday, according to an official tally.",
                          source="Copier", published=date(2024, 5, 9), **CLASH), fatalities=10)
    copy2 = stated(mention("F", 0, "Ten soldiers died near Kadara on Monday, according to an official tally.",
                           source="Copier Two", published=date(2024, 5, 9), **CLASH), fatalities=10)
    [event] = dedupe.link([a, b, c, copy, copy2], reused_from={"E:0": "B", "F:0": "B"})
    assert event.fatalities_best == 9  # median of 8, 9, 10 — not of 8, 9, 10, 10, 10
    assert len([x for x in event.claims if x.field == "fatalities"]) == 5


def test_hundreds_against_thousands_keeps_both_and_shows_the_smaller_crowd(mention):
    a = stated(mention("A", 0, "Hundreds marched in Kadara on Monday against fuel prices.", source="One"),
               crowd_size="hundreds")
    b = stated(mention("B", 0, "Thousands marched in Kadara on Monday against fuel prices.", source="Two"),
               crowd_size="thousands")
    [event] = dedupe.link([a, b])
    assert event.crowd_size == "hundreds"
    assert (event.crowd_size_low, event.crowd_size_high) == (100, 1000)
    assert sorted((c.value, c.source) for c in event.claims if c.field == "crowd_size") == [("hundreds", "One"),
                                                                                          ("thousands", "Two")]


def test_arrest_figures_reconcile_like_fatalities(mention):
    kw = dict(event_type="Strategic developments", sub_event_type="Arrests")
    a = stated(mention("A", 0, "Police arrested 45 people in Kadara on Monday.", **kw), arrests=45)
    b = stated(mention("B", 0, "Police arrested 64 people in Kadara on Monday, the opposition said.", **kw), arrests=64)
    [event] = dedupe.link([a, b])
    assert (event.arrests, event.arrests_low, event.arrests_best, event.arrests_high) == (45, 45, 45, 64)


def test_crowd_phrases_read_as_numbers():
    assert reconcile.crowd_number("several thousand") == 3000
    assert reconcile.crowd_number("hundreds of thousands") == 100_000
    assert reconcile.crowd_number("about 400") == 400
    assert reconcile.crowd_number("a few dozen") == 36
