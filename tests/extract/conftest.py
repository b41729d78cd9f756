"""Fixtures for the extraction tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy English pipeline (``extract/nlp.english()``); the test is skipped without a model."""
    from eventcoder.extract import nlp as shared

    model = shared.english()
    if model is None:
        pytest.skip("no spaCy English model")
    return model
