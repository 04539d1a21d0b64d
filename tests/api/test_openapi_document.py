"""The served OpenAPI document is valid for client generators: it passes openapi-spec-validator,
every operation has its own id, and the request examples it shows are requests the API accepts."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from chalice.test import Client
from openapi_spec_validator import OpenAPIV31SpecValidator

from chalicelib.api.http import ROUTES, Api, Call
from chalicelib.api.models import NoQuery


def served_document(api: Client) -> dict[str, Any]:
    response = api.http.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = json.loads(response.body)
    return document


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def test_the_served_document_passes_openapi_spec_validator(api: Client) -> None:
    errors = [str(error).splitlines()[0] for error in OpenAPIV31SpecValidator(served_document(api)).iter_errors()]
    assert errors == []


def test_every_operation_id_is_unique(api: Client) -> None:
    ids = Counter(op["operationId"] for _, _, op in operations(served_document(api)))
    assert [name for name, seen in ids.items() if seen > 1] == []


def test_sla_and_retention_policies_are_separate_operations(api: Client) -> None:
    ids = {(method, path): op["operationId"] for method, path, op in operations(served_document(api))}
    assert ids[("GET", "/sla-policies")] == "list_sla_policies"
    assert ids[("GET", "/sla-policies/{policy_id}")] == "get_sla_policy"
    assert ids[("GET", "/retention-policies")] == "list_retention_policies"
    assert ids[("GET", "/retention-policies/{entity}")] == "get_retention_policy"


def test_a_second_route_with_an_operation_name_already_in_use_is_refused_at_registration() -> None:
    import app  # noqa: F401  (registers every route)
    from chalicelib.api import routes

    routes.load_all()
    taken = ROUTES[0].name
    api = Api("duplicates", __name__)
    before = len(ROUTES)

    def handler(call: Call[None, NoQuery]) -> None:
        """Reuses a documented operation's name."""

    handler.__name__ = taken
    with pytest.raises(ValueError, match=taken):
        api.route("/duplicate-operation", "GET", summary="dup", public=True)(handler)
    assert len(ROUTES) == before, "the refused route is not documented"


REQUEST_MODELS_WITH_EXAMPLES = {
    "SignupCommand",
    "LoginCommand",
    "CreateUserCommand",
    "CustomerCommand",
    "CreateTicketCommand",
    "UpdateTicketCommand",
    "CommentCommand",
    "RatingCommand",
    "AutomationRuleCommand",
    "SLAPolicyCommand",
    "WorkOrderCommand",
    "TechnicianCommand",
    "AssignCommand",
    "DepartmentCommand",
}


def test_the_main_request_bodies_carry_examples_the_api_accepts(api: Client) -> None:
    document = served_document(api)
    shown: set[str] = set()
    for spec in ROUTES:
        if spec.request is None:
            continue
        content = document["paths"][spec.path][spec.method.lower()]["requestBody"]["content"]["application/json"]
        schema_examples = spec.request.model_json_schema().get("examples", [])
        if spec.request.__name__ in REQUEST_MODELS_WITH_EXAMPLES:
            assert schema_examples, f"{spec.request.__name__} has no example"
            assert content["example"] == schema_examples[0], f"{spec.method} {spec.path} shows its model's example"
        for example in schema_examples:
            spec.request.model_validate(example)  # an example the API would refuse is a wrong example
        if schema_examples:
            shown.add(spec.request.__name__)
    assert shown >= REQUEST_MODELS_WITH_EXAMPLES


def test_non_json_responses_are_documented_with_their_media_types(api: Client) -> None:
    document = served_document(api)
    page = document["paths"]["/docs"]["get"]["responses"]["200"]["content"]
    assert set(page) == {"text/html"}
    assets = document["paths"]["/docs/assets/{name}"]["get"]["responses"]["200"]["content"]
    assert set(assets) == {"text/javascript", "text/css"}
    assert document["paths"]["/docs"]["get"]["security"] == [], "the documentation is public"
