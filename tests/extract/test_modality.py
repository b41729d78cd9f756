"""Did it happen: planned, threatened, negated and hypothetical are told apart from occurred."""

from eventcoder.extract.modality import classify_modality


def mod(s):
    return classify_modality(s)[0]


def test_would_hold_protests_culminating_in_a_rally_is_planned():
    assert mod("The opposition declared it would hold daily protests this week culminating in a mass rally on Friday.") == "planned"


def test_union_said_it_would_strike_is_planned():
    assert mod("The union said it would strike on Monday.") == "planned"


def test_threatened_to_storm_is_threatened():
    assert mod("The gang threatened to storm the town if its leader was not freed.") == "threatened"


def test_police_denied_firing_is_negated():
    assert mod("Police denied firing live rounds at the protesters.") == "negated"


def test_conditional_fighting_could_resume_is_hypothetical():
    assert mod("If talks fail, fighting could resume in the north.") == "hypothetical"


def test_no_casualties_reported_does_not_negate_the_event():
    assert mod("A bomb exploded near the market on Monday; no casualties were reported.") == "occurred"


def test_past_dispersal_of_a_planned_rally_is_occurred():
    assert mod("Police dispersed protesters who had planned to march on the parliament.") == "occurred"


def test_soldiers_seized_the_president_is_occurred():
    assert mod("But before that could happen soldiers mutinied at a key base and seized Keita.") == "occurred"
