"""Property-based fuzzing of the running local stack from its own OpenAPI document (Schemathesis).

The real runner (``python -m chalicelib.local run``: API, database server, scheduler, stream poller,
seeded demo organization) is started on free ports and serves ``/openapi.json``; the same document
(built at collection, so each operation is its own test; a test checks the two are equal) drives
generation, and every generated request is sent once as each demo role. Every response must be a non-5xx,
carry a documented status code and content type, and match its documented schema.

The run is bounded and reproducible (``derandomize``): ``FUZZ_EXAMPLES`` raises the number of
examples per operation, ``FUZZ_RANDOM=1`` draws fresh inputs, e.g.
``FUZZ_EXAMPLES=50 FUZZ_RANDOM=1 .venv/bin/python -m pytest tests/fuzz -p no:xdist``;
``FUZZ_COVERAGE=1`` adds Schemathesis's boundary-value cases.
"""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
# Schemathesis's coverage phase (boundary values for every parameter, hundreds of requests per
# operation) runs as Hypothesis's explicit phase: on request only, it takes minutes per role.
COVERAGE = os.environ.get("FUZZ_COVERAGE") == "1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Operations that end the caller's own session or the whole tenant would log every later request
# out; each has its own tests (tests/api/test_identity.py, test_lifecycle.py).
SESSION_ENDING = [
    ("POST", "/auth/logout"),
    ("DELETE", "/auth/sessions/{session_id}"),
    ("POST", "/auth/password"),
    ("DELETE", "/organization"),
    ("POST", "/organization/offboarding/confirm"),
]


def _document() -> dict[str, Any]:
    from app import app  # noqa: F401  (registers every route)
    from chalicelib.api.openapi import build_document

    return build_document()


DOCUMENT = _document()
schema: Any = schemathesis.openapi.from_dict(DOCUMENT)
for _method, _path in SESSION_ENDING:
    schema = schema.exclude(method=_method, path=_path)


def test_the_running_stack_serves_the_document_the_fuzzer_uses(local_stack: dict[str, Any]) -> None:
    with urllib.request.urlopen(local_stack["api"] + "/openapi.json", timeout=30) as response:
        assert json.loads(response.read()) == DOCUMENT


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    phases=[Phase.explicit, Phase.generate] if COVERAGE else [Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.slow
def test_no_server_error_and_every_response_matches_its_schema(case: Any, local_stack: dict[str, Any]) -> None:
    for token in local_stack["tokens"].values():
        case.call_and_validate(base_url=local_stack["api"], headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
