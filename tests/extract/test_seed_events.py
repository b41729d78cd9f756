"""The real-world acceptance: events of the two seed reports (read from ../shared/seeds, never copied).

Gold annotations are ours: type, date, place and figures per event, written from reading the articles.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.pipeline import Pipeline
from eventcoder.queries import EventFilter, event_records

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    pipe = Pipeline(db)
    pipe.ingest([str(SEEDS / "001_6dff0cb9d0f146f5.txt")])
    pipe.ingest([str(SEEDS / "000_2acd1dbdbc1249de.txt")], published=date(2020, 8, 19))
    return event_records(pipe.store, EventFilter(modality=None))


def find(events, day, event_type=None, sub=None, location=None):
    out = [e for e in events if e["event_date"] == day and (event_type is None or e["event_type"] == event_type)
           and (sub is None or e["sub_event_type"] in sub) and (location is None or e["location"] == location)
           and e["modality"] == "occurred"]
    assert out, f"no occurred {event_type or sub} event on {day} at {location}: " + str(
        [(e["event_date"], e["sub_event_type"], e["location"], e["modality"]) for e in events])
    return out[0]


def test_friday_19_june_protest_in_bamako(events):
    find(events, "2020-06-19", "Protests", location="Bamako")


def test_5_june_protest_in_bamako_told_by_both_outlets(events):
    e = find(events, "2020-06-05", "Protests", location="Bamako")
    assert {r["source"] for r in e["reports"]} == {"WSWS", "Socialist Worker"}


def test_teachers_boycott_from_2_june_rests_on_one_independent_source(events):
    e = find(events, "2020-06-02", sub={"Peaceful protest"})
    assert len(e["reports"]) == 2
    assert e["independent_sources"] == 1


def test_3_february_killing_of_one_herder_in_kogoni_peuhi(events):
    e = find(events, "2020-02-03", sub={"Attack"}, location="Kogoni-Peuhi")
    assert e["fatalities"] == 1 and e["country"] == "Mali"


def test_7_february_executions_of_eight_in_massabougou(events):
    e = find(events, "2020-02-07", sub={"Attack"}, location="Massabougou")
    assert e["fatalities"] == 8


def test_23_march_2019_massacre_of_160_villagers(events):
    e = find(events, "2019-03-23", sub={"Attack"})
    assert e["fatalities"] == 160 and e["actor1"].startswith("Dogon")


def test_26_january_2020_killing_of_20_soldiers(events):
    e = find(events, "2020-01-26", sub={"Armed clash", "Attack"})
    assert e["fatalities"] == 20


def test_18_august_seizure_of_the_president(events):
    find(events, "2020-08-18", sub={"Arrests", "Other", "Non-violent transfer of territory"})


def test_last_wednesday_tear_gas_on_protesters_in_bamako(events):
    find(events, "2020-08-12", sub={"Protest with intervention", "Excessive force against protesters"}, location="Bamako")


def test_july_unrest_with_11_dead_and_158_injured(events):
    hits = [e for e in events if e["event_date"] and e["event_date"].startswith("2020-07") and e["fatalities"] == 11]
    assert hits and hits[0]["injuries"] == 158


def test_the_planned_friday_rally_is_not_an_occurred_event(events):
    assert not [e for e in events if e["event_date"] == "2020-08-21" and e["modality"] == "occurred"]
    assert [e for e in events if e["modality"] == "planned"]


def test_aggregates_and_epidemic_tallies_are_not_events(events):
    assert not [e for e in events if e["fatalities"] in (199, 109)]
