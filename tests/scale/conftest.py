"""Fixtures for the scale tests."""

from __future__ import annotations

import json

import pytest

from eventcoder.queries import EventFilter, event_records
from eventcoder.store.repo import Store


def events_of(db) -> list[str]:
    """Every event (all modalities, rejected too) as sorted JSON lines: equal lists mean equal datasets."""
    recs = event_records(Store(db), EventFilter(modality=None, include_rejected=True))
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in recs)


@pytest.fixture(name="events_of")
def events_of_fixture():
    """``events_of(db)``: a store's events as a canonical, order-free list."""
    return events_of
