"""The API against its own OpenAPI schema with schemathesis (over ASGI): no input gives a 5xx,
every response has a documented status, content type and shape.

schemathesis' pytest plugin fails under pytest 9 (4.32: ``'Function' object has no attribute
'_nodeid'``), so its Python API is used: each operation's strategy, schema-valid and
schema-violating, is driven by Hypothesis in a plain test, bounded to a few examples.
"""

from __future__ import annotations

import re
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.web_fixtures import bearer, make_doc

EXAMPLES = 15
# Not "schema-valid is accepted" (an empty file is valid to the schema and still no document) nor
# "schema-violating is rejected" (FastAPI reads "01" as the integer 1).
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_api_against_its_schema(app: Any, client: Any, users: dict[str, str]) -> None:
    assert client.post("/api/documents", files={"file": ("a.txt", make_doc())},
                       headers=bearer(users["admin"])).status_code == 201   # ids 1, 2, 3 … exist
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    failures: list[str] = []
    for operation in operations:
        # Also aim at the stored rows, so that edits and reviews run for real on random values.
        existing = dict.fromkeys(re.findall(r"{(\w+)}", operation.path), 1)
        strategy = st.one_of(operation.as_strategy(), operation.as_strategy(GenerationMode.NEGATIVE),
                             operation.as_strategy(path_parameters=existing))

        @given(case=strategy)
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            response = case.call_and_validate(headers=bearer(users["admin"]), checks=CHECKS)
            if response.status_code >= 400:
                assert set(response.json()["error"]) >= {"code", "message"}, response.text

        try:
            run()
        except Exception as exc:  # one report per operation, each shrunk by Hypothesis
            failures.append(f"{operation.label}: {exc}")
    assert failures == [], "\n\n".join(failures)
