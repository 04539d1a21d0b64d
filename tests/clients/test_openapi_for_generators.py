"""The OpenAPI document is fit for client generators and for Schemathesis's stateful mode.

Generators name a class after each component schema (openapi-python-client by its ``title``): two
schemas under one title, or a name that is not an identifier, made the generator drop the models
and every operation using them. Links feed one operation's response into another's parameters;
a link naming an operation or a parameter that does not exist would silently test nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from chalicelib.api.http import ROUTES, Link, RouteSpec, links_to
from chalicelib.api.models import NoQuery
from chalicelib.api.openapi import build_document, check_links, clean_component_names

IDENTIFIER = re.compile(r"^[A-Z][A-Za-z0-9]*$")
# The runtime expressions this API's links use (OpenAPI 3.1, "Runtime Expressions").
EXPRESSION = re.compile(r"^\$(response\.body#(/[A-Za-z0-9_]+)+|request\.path\.[A-Za-z0-9_]+)$")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    from app import app  # noqa: F401  (registers every route)

    return build_document()


def refs_in(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(refs_in(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(refs_in(value) for value in node))
    return set()


def test_every_component_schema_is_named_by_an_identifier(document: dict[str, Any]) -> None:
    names = list(document["components"]["schemas"])
    assert [name for name in names if not IDENTIFIER.match(name)] == []


def test_no_two_component_schemas_share_a_title(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    titles = Counter(schema.get("title", name) for name, schema in schemas.items())
    assert [title for title, seen in titles.items() if seen > 1] == []
    assert all(schema.get("title", name) == name for name, schema in schemas.items())


def test_the_two_condition_classes_keep_their_module_in_every_name(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert {"AutomationConditions", "SlaConditionsInput", "SlaConditionsOutput"} <= set(schemas)
    assert "ConditionsOutput" not in schemas, "one class, one family of names"
    sla_policy_in = schemas["SLAPolicyCommand"]["properties"]["conditions"]
    assert sla_policy_in == {"$ref": "#/components/schemas/SlaConditionsInput"}
    sla_policy_out = schemas["SLAPolicyOut"]["properties"]["conditions"]
    assert sla_policy_out == {"$ref": "#/components/schemas/SlaConditionsOutput"}


def test_every_reference_points_at_a_component(document: dict[str, Any]) -> None:
    components = document["components"]

    def resolves(ref: str) -> bool:
        _, _, kind, name = ref.split("/", 3)  # "#/components/<kind>/<name>": schemas, headers...
        return name in components.get(kind, {})

    refs = refs_in(document)
    assert any(ref.startswith("#/components/headers/") for ref in refs), "the rate limit headers are shared"
    assert sorted(ref for ref in refs if not resolves(ref)) == []


def test_clean_component_names_renames_keys_titles_and_references() -> None:
    schemas = {
        "pkg__domain__sla__Conditions": {"title": "Conditions", "type": "object"},
        "Conditions-Output": {"title": "Conditions", "type": "object"},
        "Policy": {
            "title": "Policy",
            "properties": {"c": {"$ref": "#/components/schemas/pkg__domain__sla__Conditions"}},
        },
    }
    paths = {"/p": {"get": {"responses": {"200": {"$ref": "#/components/schemas/Conditions-Output"}}}}}
    renamed_schemas, renamed_paths = clean_component_names(schemas, paths)
    assert renamed_schemas == {
        "SlaConditions": {"title": "SlaConditions", "type": "object"},
        "ConditionsOutput": {"title": "ConditionsOutput", "type": "object"},
        "Policy": {"title": "Policy", "properties": {"c": {"$ref": "#/components/schemas/SlaConditions"}}},
    }
    assert renamed_paths == {"/p": {"get": {"responses": {"200": {"$ref": "#/components/schemas/ConditionsOutput"}}}}}


def test_a_module_qualified_name_keeps_its_mode_suffix() -> None:
    schemas = {"pkg__domain__sla__Conditions-Input": {"type": "object"}}
    renamed, _ = clean_component_names(schemas, {})
    assert list(renamed) == ["SlaConditionsInput"]


def test_a_response_schema_requires_every_field_it_always_carries(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    page = schemas["TicketPage"]
    assert set(page["required"]) == {"items", "next_cursor", "included"}, "null when there is none, never absent"
    for name in ("TicketOut", "CreatedTicketOut", "HistoryOut", "ErrorBody"):
        assert set(schemas[name]["required"]) == set(schemas[name]["properties"]), name


def test_a_request_schema_keeps_its_defaulted_fields_optional(document: dict[str, Any]) -> None:
    command = document["components"]["schemas"]["CreateTicketCommand"]
    assert command["required"] == ["subject"]


def test_clean_component_names_refuses_a_rename_onto_an_existing_name() -> None:
    schemas = {"a__sla__Conditions": {"type": "object"}, "SlaConditions": {"type": "string"}}
    with pytest.raises(ValueError, match="SlaConditions"):
        clean_component_names(schemas, {})


def _links(document: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                for link in response.get("links", {}).values():
                    found.append((f"{method.upper()} {path}", status, link["operationId"], link))
    return found


def test_the_ticket_lifecycle_is_linked_from_the_created_ticket(document: dict[str, Any]) -> None:
    created = document["paths"]["/tickets"]["post"]["responses"]["201"]["links"]
    targets = {link["operationId"] for link in created.values()}
    assert targets >= {
        "get_ticket",
        "update_ticket",
        "delete_ticket",
        "restore_ticket",
        "add_comment",
        "list_comments",
        "list_history",
        "ticket_sla",
        "add_attachment",
    }
    assert created["get_ticket"]["parameters"] == {"number": "$response.body#/ticket_number"}


def test_every_link_targets_an_operation_and_fills_exactly_its_path_parameters(document: dict[str, Any]) -> None:
    operations = {op["operationId"]: (path, op) for path, ops in document["paths"].items() for op in ops.values()}
    links = _links(document)
    assert links, "the document declares links"
    for source, status, target, link in links:
        assert status.startswith("2"), f"{source}: links only from success responses"
        assert target in operations, f"{source} links to {target}, which does not exist"
        path, _ = operations[target]
        assert set(link["parameters"]) == set(re.findall(r"{([^}]+)}", path)), f"{source} -> {target}"
        for expression in link["parameters"].values():
            assert EXPRESSION.match(expression), f"{source} -> {target}: {expression}"


def test_a_link_body_pointer_names_a_field_of_the_response(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for response in operation["responses"].values():
                if "links" not in response:
                    continue
                schema = response["content"]["application/json"]["schema"]
                for link in response["links"].values():
                    for expression in link["parameters"].values():
                        if not expression.startswith("$response.body#"):
                            continue
                        node = schema
                        for part in expression.split("#", 1)[1].strip("/").split("/"):
                            node = schemas[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node
                            assert part in node.get("properties", {}), f"{path}: {expression}"
                            assert part in node.get("required", []), f"{path}: {expression} is always there"
                            node = node["properties"][part]


def _spec(name: str, path: str, links: tuple[Link, ...] = ()) -> RouteSpec:
    return RouteSpec(
        path=path,
        method="GET",
        name=name,
        summary=name,
        tag="t",
        request=None,
        response=dict,
        status=200,
        query=NoQuery,
        public=True,
        links=links,
    )


def test_a_link_to_an_unknown_operation_is_refused() -> None:
    routes = [_spec("source", "/things", links_to("get_nothing", number="$response.body#/number"))]
    with pytest.raises(ValueError, match="get_nothing"):
        check_links(routes)


def test_a_link_that_misses_or_invents_a_path_parameter_is_refused() -> None:
    target = _spec("get_thing", "/things/{number}")
    with pytest.raises(ValueError, match="number"):
        check_links([_spec("source", "/things", links_to("get_thing", id="$response.body#/id")), target])


def test_the_registered_routes_links_are_consistent() -> None:
    from app import app  # noqa: F401  (registers every route)
    from chalicelib.api import routes

    routes.load_all()  # every route module, for what reads ROUTES whole

    check_links(ROUTES)
