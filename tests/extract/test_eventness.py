"""The eventness filter keeps event reports and drops background."""

from eventcoder.extract.classify import read_labelled
from eventcoder.extract.eventness import DATA_DIR, EventnessModel, score


def test_tallies_and_history_are_background():
    m = EventnessModel.load()
    bg = ["More than 300 attacks have been recorded in the region this year.",
          "The country has been ruled by the military since 2021."]
    assert m.is_event(bg) == [False, False]


def test_specific_dated_occurrences_are_events():
    m = EventnessModel.load()
    ev = ["Soldiers killed three herders in Diafarabe on Sunday, residents said.",
          "Police fired tear gas at hundreds of traders marching in Moundou on Monday."]
    assert m.is_event(ev) == [True, True]


def test_dev_set_scores_hold():
    rows = [(t, lab == "event") for _, t, lab in read_labelled(DATA_DIR / "dev.tsv")]
    res = score(rows)
    assert res["event_recall"] >= 0.9 and res["accuracy"] >= 0.85, res
