"""The API against its own OpenAPI schema (schemathesis over ASGI): no input gives a 5xx.

Each operation is driven by Hypothesis with a bounded number of examples. (schemathesis'
own pytest plugin does not run under pytest 9 yet, so the operations are walked here.)
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from tests.web.web_fixtures import bearer, make_doc

EXAMPLES = 12


def test_no_server_errors(app: Any, client: Any, users: dict[str, str]) -> None:
    assert client.post("/api/documents", files={"file": ("a.txt", make_doc())},
                       headers=bearer(users["admin"])).status_code == 201   # ids 1, 2, 3 … exist
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            response = case.call(headers=bearer(users["admin"]))
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")
            elif response.status_code >= 400:
                body = response.json()
                if not set(body.get("error", {})) >= {"code", "message"}:
                    failures.append(f"{case.method} {case.formatted_path}: error shape {body}")

        run()
    assert failures == []
