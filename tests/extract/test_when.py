"""Date resolution rules, each stated in its test name."""

from datetime import date

from eventcoder.extract.when import resolve_date, sentence_date

WED_19_AUG_2020 = date(2020, 8, 19)
MON_22_JUN_2020 = date(2020, 6, 22)


def test_last_wednesday_in_an_article_published_wednesday_is_the_week_before():
    r = resolve_date("last Wednesday", WED_19_AUG_2020)
    assert (r.value, r.precision) == (date(2020, 8, 12), 1)


def test_on_tuesday_is_the_most_recent_tuesday_on_or_before_publication():
    assert resolve_date("resigned on Tuesday", WED_19_AUG_2020).value == date(2020, 8, 18)


def test_weekday_of_publication_day_is_publication_day():
    assert resolve_date("on Wednesday morning", WED_19_AUG_2020).value == WED_19_AUG_2020


def test_future_tense_weekday_is_the_next_one():
    r = sentence_date("The opposition said it will march on Friday.", WED_19_AUG_2020)
    assert r.value == date(2020, 8, 21)


def test_on_friday_in_a_monday_article_is_the_friday_before():
    assert resolve_date("on Friday", MON_22_JUN_2020).value == date(2020, 6, 19)


def test_full_date_with_year_is_that_day():
    r = resolve_date("On March 23, 2019, a militia attacked", MON_22_JUN_2020)
    assert (r.value, r.precision) == (date(2019, 3, 23), 1)


def test_day_month_takes_the_publication_year():
    assert resolve_date("on 2 June", WED_19_AUG_2020).value == date(2020, 6, 2)
    assert resolve_date("on January 26", MON_22_JUN_2020).value == date(2020, 1, 26)


def test_day_month_after_publication_means_the_year_before():
    assert resolve_date("on 20 December", date(2021, 1, 5)).value == date(2020, 12, 20)


def test_in_february_is_month_precision():
    r = resolve_date("In February, the government announced", MON_22_JUN_2020)
    assert (r.value, r.precision) == (date(2020, 2, 1), 3)


def test_end_of_april_is_the_last_week_with_precision_2():
    r = resolve_date("at the end of April", WED_19_AUG_2020)
    assert (r.value, r.precision) == (date(2020, 4, 24), 2)


def test_this_week_is_the_monday_of_the_publication_week_precision_2():
    r = resolve_date("this week", WED_19_AUG_2020)
    assert (r.value, r.precision) == (date(2020, 8, 17), 2)


def test_a_month_later_counts_from_the_event_just_mentioned():
    r = sentence_date("A month later protesters blocked key bridges.", WED_19_AUG_2020, context=date(2020, 6, 5))
    assert (r.value, r.precision) == (date(2020, 7, 1), 3)


def test_days_of_fighting_followed_start_the_day_after_the_context_event():
    r = sentence_date("Three days of fighting between protesters and security forces followed.", WED_19_AUG_2020,
                      context=date(2020, 7, 10))
    assert (r.value, r.precision) == (date(2020, 7, 11), 2)


def test_relative_date_without_publication_date_stays_unresolved_and_says_why():
    r = resolve_date("resigned on Tuesday", None)
    assert r.value is None and "publication date unknown" in r.note


def test_absolute_date_needs_no_publication_date():
    assert resolve_date("on March 23, 2019", None).value == date(2019, 3, 23)


def test_day_month_without_year_or_publication_date_is_unresolved():
    r = resolve_date("on 5 June", None)
    assert r.value is None and "year unknown" in r.note


def test_never_todays_date():
    assert resolve_date("yesterday", None).value is None


def test_future_marker_elsewhere_in_the_sentence_does_not_move_a_past_weekday():
    s = "A statement said the five were arrested on Thursday and would be questioned by a judge."
    assert sentence_date(s, WED_19_AUG_2020).value == date(2020, 8, 13)


def test_possessive_weekday_is_past():
    s = "Diplomats said Saturday's statement was coordinated and would be followed by others."
    assert sentence_date(s, WED_19_AUG_2020).value == date(2020, 8, 15)


def test_future_marker_right_before_the_weekday_makes_it_future():
    s = "The union said teachers would hold a sit-in on Friday."
    assert sentence_date(s, WED_19_AUG_2020).value == date(2020, 8, 21)
