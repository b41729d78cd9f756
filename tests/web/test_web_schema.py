"""Property-based tests of the API against its own OpenAPI schema (schemathesis): no input makes it fail with a 5xx.

Requests go straight to the ASGI app on a private copy of the sample database, once anonymously and once
with an admin token (so the review and user routes get past authentication). Examples are bounded and
derandomized so the run is repeatable and stays well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from eventcoder.web.app import create_app

from .conftest import copy_db

EXAMPLES = 12


@pytest.fixture(scope="module")
def api_schema(base_db, tmp_path_factory):
    db = copy_db(base_db.path, tmp_path_factory.mktemp("schemathesis") / "st.db")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


schema = schemathesis.pytest.from_fixture("api_schema")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


@schema.parametrize()
@FUZZ
def test_no_server_error_anonymous(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


@schema.parametrize()
@FUZZ
def test_no_server_error_as_admin(case, base_db):
    case.call_and_validate(headers={"Authorization": f"Bearer {base_db.tokens['admin']}"},
                           checks=[not_a_server_error, response_schema_conformance])
