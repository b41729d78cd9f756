"""Merge: which mentions become one event (link.dedupe), on hand-made mentions."""

from __future__ import annotations

from datetime import date

from eventcoder.link import dedupe


def groups(mentions, reused_from=None):
    """The clusters as sets of mention ids."""
    return sorted(sorted(m.mention_id for m in c) for c in dedupe.cluster(mentions, reused_from))


def test_same_protest_from_two_outlets_becomes_one_event_with_two_reports(mention):
    a = mention("A", 0, "Thousands marched through Kadara on Monday against fuel prices.")
    b = mention("B", 50, "Several thousand people protested in Kadara on Monday over the fuel price rise.",
                published=date(2024, 5, 8))
    [event] = dedupe.link([a, b])
    assert [r.mention_id for r in event.reports] == ["A:0", "B:50"]
    assert event.independent_sources == 2
    assert event.sources == ["Outlet A", "Outlet B"]


def test_repeated_mentions_inside_one_article_merge(mention):
    a1 = mention("A", 0, "Police fired tear gas at marchers in Kadara on Monday.", sub_event_type="Protest with intervention")
    a2 = mention("A", 200, "The Kadara march had been called by the teachers' union.")
    [event] = dedupe.link([a1, a2])
    assert len(event.reports) == 2
    assert event.independent_sources == 1


def test_two_clauses_of_one_sentence_stay_apart(mention):
    a1 = mention("A", 0, "Teachers marched in Kadara on Monday", sentence_start=0)
    a2 = mention("A", 40, "and traders closed their shops in Kadara", sentence_start=0)
    assert groups([a1, a2]) == [["A:0"], ["A:40"]]


def test_mentions_a_week_apart_with_day_precision_stay_apart(mention):
    a = mention("A", 0, day=date(2024, 5, 6))
    b = mention("B", 0, day=date(2024, 5, 13))
    assert groups([a, b]) == [["A:0"], ["B:0"]]


def test_mentions_a_day_apart_with_day_precision_stay_apart(mention):
    a = mention("A", 0, day=date(2024, 5, 6))
    b = mention("B", 0, day=date(2024, 5, 7))
    assert not dedupe.compatible(a, b)


def test_week_precision_date_agrees_with_a_day_inside_the_week(mention):
    a = mention("A", 0, "Thousands marched in Kadara on Monday against fuel prices.", day=date(2024, 5, 6))
    b = mention("B", 0, "Thousands marched in Kadara last week against fuel prices.", day=date(2024, 5, 8), precision=2)
    assert dedupe.dates_agree(a, b)
    assert groups([a, b]) == [["A:0", "B:0"]]


def test_week_precision_date_does_not_reach_a_day_two_weeks_away(mention):
    a = mention("A", 0, day=date(2024, 5, 6))
    b = mention("B", 0, day=date(2024, 5, 20), precision=2)
    assert not dedupe.dates_agree(a, b)


def test_undated_mention_only_meets_undated_ones(mention):
    a = mention("A", 0, day=None)
    b = mention("B", 0)
    assert not dedupe.compatible(a, b)


def test_different_towns_on_the_same_day_stay_apart(mention):
    a = mention("A", 0, where="Kadara")
    b = mention("B", 0, where="Belmo")
    assert groups([a, b]) == [["A:0"], ["B:0"]]


def test_a_town_lies_within_its_province_and_country(mention, where):
    town = mention("A", 0, "Thousands marched in Kadara on Monday against fuel prices.")
    province = mention("B", 0, "Thousands marched across North province on Monday against fuel prices.",
                       where=where("North", precision=3, admin1="North"))
    other_province = mention("C", 0, "Thousands marched across South province on Monday against fuel prices.",
                             where=where("South", precision=3, admin1="South"))
    country = mention("D", 0, where=where("Testland", precision=3))
    assert dedupe.places_agree(town, province)
    assert dedupe.places_agree(town, country)
    assert not dedupe.places_agree(town, other_province)
    assert groups([town, province, other_province]) == [["A:0", "B:0"], ["C:0"]]


def test_nested_place_without_other_evidence_stays_apart(mention, where):
    """A country-level "protests on Monday" could be any of the day's protests: it needs wording, actors or reuse."""
    town = mention("A", 0, "Thousands marched in Kadara on Monday against fuel prices.")
    vague = mention("B", 0, "Students also demonstrated on Monday, witnesses said.", where=where("Testland", precision=3))
    assert dedupe.compatible(town, vague)
    assert groups([town, vague]) == [["A:0"], ["B:0"]]


def test_vague_date_without_other_evidence_stays_apart(mention):
    a = mention("A", 0, "Tens of thousands rallied in Kadara on Friday to demand the minister resign.")
    b = mention("B", 0, "A month later crowds blocked the bridges of Kadara and stormed the broadcaster.",
                day=date(2024, 5, 20), precision=3)
    assert dedupe.compatible(a, b)
    assert groups([a, b]) == [["A:0"], ["B:0"]]


def test_reused_text_is_evidence_enough_for_a_vague_mention(mention, where):
    a = mention("A", 0, "Teachers boycotted the reopened schools of Kadara on Monday.")
    b = mention("B", 0, "Teachers refused to come to work.", where=where("Testland", precision=3),
                published=date(2024, 6, 1))
    assert groups([a, b]) == [["A:0"], ["B:0"]]
    assert groups([a, b], reused_from={"B:0": "A"}) == [["A:0", "B:0"]]


def test_a_mention_joins_the_best_matching_of_two_candidate_events(mention, where):
    kadara = mention("A", 0, "Thousands marched in Kadara on Monday against fuel prices.")
    belmo = mention("B", 0, "Farmers blocked the main road in Belmo on Monday demanding seed subsidies.", where="Belmo")
    province = mention("C", 0, "Farmers blocked roads in North province on Monday demanding seed subsidies.",
                       where=where("North", precision=3, admin1="North"), published=date(2024, 5, 9))
    assert groups([kadara, belmo, province]) == [["A:0"], ["B:0", "C:0"]]


def test_different_countries_never_merge(mention):
    from eventcoder.model import Place

    a = mention("A", 0, where=Place("Kadara", country="Testland", iso3="TST", admin1="North", geo_precision=1))
    b = mention("B", 0, where=Place("Kadara", country="Otherland", iso3="OTH", admin1="North", geo_precision=1))
    assert not dedupe.compatible(a, b)


def test_protest_and_riot_reports_of_one_march_merge(mention):
    a = mention("A", 0, "Police dispersed marchers in Kadara on Monday.", sub_event_type="Protest with intervention")
    b = mention("B", 0, "Rioters threw stones at police in Kadara on Monday.", event_type="Riots",
                sub_event_type="Violent demonstration")
    assert groups([a, b]) == [["A:0", "B:0"]]


def test_protest_and_battle_stay_apart(mention):
    a = mention("A", 0)
    b = mention("B", 0, "Soldiers clashed with rebels near Kadara on Monday.", event_type="Battles",
                sub_event_type="Armed clash")
    assert groups([a, b]) == [["A:0"], ["B:0"]]


def test_strategic_developments_merge_only_within_their_sub_type(mention):
    a = mention("A", 0, "Police arrested the opposition leader in Kadara on Monday.", event_type="Strategic developments",
                sub_event_type="Arrests")
    b = mention("B", 0, "The governor banned demonstrations in Kadara on Monday.", event_type="Strategic developments",
                sub_event_type="Change to group/activity")
    assert not dedupe.compatible(a, b)


def test_planned_protest_and_the_protest_itself_stay_apart(mention):
    a = mention("A", 0, "The opposition will march in Kadara on Monday.", modality="planned")
    b = mention("B", 0)
    assert groups([a, b]) == [["A:0"], ["B:0"]]


def test_named_groups_with_nothing_in_common_are_different_events(mention):
    kw = dict(event_type="Battles", sub_event_type="Armed clash")
    a = mention("A", 0, "FRNT fighters attacked an army post near Kadara.", actor1="Front for National Renewal (FRNT)",
                actor2="Military Forces of Testland", **kw)
    b = mention("B", 0, "Boko Haram fighters attacked an army post near Kadara.", actor1="Boko Haram - JAS",
                actor2="Military Forces of Testland", **kw)
    c = mention("C", 0, "Rebels of the FRNT attacked soldiers near Kadara.", actor1="FRNT", **kw)
    assert not dedupe.compatible(a, b)
    assert dedupe.compatible(a, c)


def test_fatality_figures_far_apart_are_different_events(mention):
    kw = dict(event_type="Battles", sub_event_type="Armed clash")
    assert dedupe.compatible(mention("A", 0, fatalities=8, **kw), mention("B", 0, fatalities=10, **kw))
    assert not dedupe.compatible(mention("A", 0, fatalities=2, **kw), mention("B", 0, fatalities=40, **kw))


def test_an_unlocated_village_merges_by_its_name_on_the_same_day(mention):
    from eventcoder.link.dedupe import link
    from eventcoder.model import Place

    village = Place(location="Massabougou", country="Testland", iso3="TST", admin1="North", geo_precision=3)
    a = mention("A", 0, "Security forces combed houses in the village and executed eight.", event_type="Violence against civilians",
                sub_event_type="Attack", where=village)
    b = mention("A", 400, "A witness said they arrived around 5pm shooting in the air.", event_type="Violence against civilians",
                sub_event_type="Attack", where=village)
    assert len(link([a, b])) == 1
