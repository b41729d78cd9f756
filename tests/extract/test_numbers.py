"""Event figures from a sentence: what counts and what does not."""

from eventcoder.extract.numbers import extract_figures, parse_number


def values(s, **kw):
    f = extract_figures(s, **kw)
    return {k: (getattr(f, k).value if getattr(f, k) else None) for k in ("fatalities", "injuries", "arrests", "crowd_size")}


def test_number_words_and_digits():
    assert parse_number("eight") == 8
    assert parse_number("twenty-two") == 22
    assert parse_number("1,933") == 1933
    assert parse_number("at least 95") == 95
    assert parse_number("tens of thousands") == 10000
    assert parse_number("dozens") == 12


def test_dead_and_injured_after_leaving():
    v = values("Three days of fighting followed, leaving 11 dead and 158 injured, according to an official tally.")
    assert v["fatalities"] == 11 and v["injuries"] == 158


def test_executed_eight_and_arrested_22():
    v = values("Security forces combed houses, arrested 22 people, and executed eight on site.")
    assert v["fatalities"] == 8 and v["arrests"] == 22


def test_killing_one_and_arresting_two():
    v = values("Soldiers intervened in the town on February 3, killing one herder and arresting two others.")
    assert v["fatalities"] == 1 and v["arrests"] == 2


def test_at_least_keeps_the_stated_number():
    assert values("A reprisal attack killing at least 95 followed.")["fatalities"] == 95


def test_incident_tallies_are_not_fatalities():
    assert values("The report lists at least 199 such incidents in three months.")["fatalities"] is None


def test_population_is_not_a_crowd():
    assert values("Thousands joined protests in Mali, a country of 20 million people.", event_type="Protests")["crowd_size"] == 1000


def test_disease_death_tallies_are_not_event_fatalities():
    assert values("So far 109 deaths have been confirmed and 1,933 cases of coronavirus.")["fatalities"] is None


def test_troop_totals_are_not_figures():
    assert values("France now has 5,100 soldiers in the country.") == {"fatalities": None, "injuries": None, "arrests": None, "crowd_size": None}


def test_crowd_size_from_vague_quantity():
    assert values("Tens of thousands demonstrated in the capital on Friday.", event_type="Protests")["crowd_size"] == 10000


def test_crowd_size_only_for_protests_and_riots():
    assert values("Hundreds of people fled the village.", event_type="Battles")["crowd_size"] is None


def test_deaths_on_both_sides_add_up():
    v = values("Six soldiers were killed and 14 wounded when fighters attacked; the ministry said about 20 assailants were killed.")
    assert v["fatalities"] == 26 and v["injuries"] == 14


def test_including_does_not_add_a_subset():
    assert values("A suicide bomber killed at least nine people, including four soldiers.")["fatalities"] == 9


def test_drowned_is_a_death():
    assert values("At least 18 migrants drowned when the boat capsized.")["fatalities"] == 18
