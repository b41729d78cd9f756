"""Fixtures for the report tests (the stores are described in report_helpers)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the test modules import report_helpers beside this file

from report_helpers import SEED_SW, SEED_WSWS, SEEDS, Handmade, build_handmade  # noqa: E402


@pytest.fixture(scope="session")
def handmade(tmp_path_factory) -> Handmade:
    return build_handmade(tmp_path_factory.mktemp("report_handmade") / "handmade.db")


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> str:
    if not (SEED_WSWS.exists() and SEED_SW.exists()):
        pytest.skip(f"seed articles not available in {SEEDS}")
    from eventcoder.pipeline import Pipeline

    path = tmp_path_factory.mktemp("report_seeds") / "seeds.db"
    pipe = Pipeline(path)
    assert pipe.ingest([str(SEED_WSWS)]).ok
    assert pipe.ingest([str(SEED_SW)], published=date(2020, 8, 19)).ok
    return str(path)
