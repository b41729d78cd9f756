"""Property-based tests of the API against its own OpenAPI schema (schemathesis): no input makes it fail.

Every operation of /openapi.json gets generated requests — valid ones and invalid ones — sent straight
to the ASGI app on a private copy of the sample database, once anonymously and once with an admin token
(so the review and user routes get past authentication). Each response must not be a 5xx and must match
the documented schema. Examples are bounded and derandomized: the run is repeatable and takes seconds.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from eventcoder.web.app import create_app

from .conftest import copy_db

EXAMPLES = 25
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def api_schema(base_db, tmp_path_factory):
    db = copy_db(base_db.path, tmp_path_factory.mktemp("schemathesis") / "st.db")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def fuzz(api_schema, headers: dict | None) -> list[str]:
    failures: list[str] = []
    operations = [r.ok() for r in api_schema.get_all_operations()]
    assert len(operations) >= 20, "the schema lost operations"
    for op in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=op.as_strategy(generation_mode=mode))
            @FUZZ
            def check(case):
                case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

            try:
                check()
            except Unsatisfiable:  # no parameters to make invalid (e.g. GET /api/health)
                assert mode is GenerationMode.NEGATIVE
            except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report them all
                failures.append(f"{op.method.upper()} {op.path} ({mode.value}): {exc}")
    return failures


def test_schema_fuzz_anonymous(api_schema):
    failures = fuzz(api_schema, None)
    assert not failures, "\n\n".join(failures)


def test_schema_fuzz_as_admin(api_schema, base_db):
    failures = fuzz(api_schema, {"Authorization": f"Bearer {base_db.tokens['admin']}"})
    assert not failures, "\n\n".join(failures)
