"""Bad input is a clear 4xx JSON error, never a 500; an unexpected failure is a 500 with the request id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client
from pydantic import Field

from chalicelib.api.http import Api, Call, install_middleware
from chalicelib.api.models import Input, ListQuery, NoQuery, Output
from chalicelib.domain.errors import Conflict, NotFound, RuleViolation


class WidgetIn(Input):
    name: str = Field(min_length=1, max_length=50)
    size: int = Field(ge=1)
    password: str | None = None


class WidgetOut(Output):
    name: str
    size: int


def build_app() -> Chalice:
    app = Chalice("errors-under-test")
    install_middleware(app)
    api = Api("widgets", __name__, documented=False)

    @api.route(
        "/widgets",
        "POST",
        summary="create",
        request=WidgetIn,
        response=WidgetOut,
        status=201,
        public=True,
        location="/widgets/{name}",
        idempotent=False,
    )
    def create(call: Call[WidgetIn, NoQuery]) -> WidgetOut:
        if call.body.name == "taken":
            raise Conflict("That name is taken.", code="name_taken")
        if call.body.name == "huge" and call.body.size > 10:
            raise RuleViolation("Huge widgets are at most size 10.")
        return WidgetOut(name=call.body.name, size=call.body.size)

    @api.route("/widgets", "GET", summary="list", response=WidgetOut, query=ListQuery, public=True)
    def list_widgets(call: Call[None, ListQuery]) -> WidgetOut:
        return WidgetOut(name="limit", size=call.query.limit)

    @api.route("/widgets/{name}", "GET", summary="read", response=WidgetOut, public=True)
    def read(call: Call[None, NoQuery], name: str) -> WidgetOut:
        raise NotFound("No such widget.")

    @api.route(
        "/widgets/{name}", "PATCH", summary="update", request=WidgetIn, response=WidgetOut, public=True, if_match=True
    )
    def update(call: Call[WidgetIn, NoQuery], name: str) -> WidgetOut:
        return WidgetOut(name=name, size=call.if_match() or 0)

    @api.route("/boom", "GET", summary="bug", public=True)
    def boom(call: Call[None, NoQuery]) -> None:
        raise KeyError("a bug")

    app.register_blueprint(api.blueprint)
    return app


@pytest.fixture
def client() -> Iterator[Client]:
    with Client(build_app()) as c:
        yield c


def post(client: Client, body: bytes | str, content_type: str = "application/json"):
    return client.http.post("/widgets", body=body, headers={"Content-Type": content_type})


def error_of(response: Any) -> dict[str, Any]:
    assert response.headers["Content-Type"] == "application/json"
    body: dict[str, Any] = json.loads(response.body)
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    error: dict[str, Any] = body["error"]
    return error


def test_valid_request_is_served_with_its_status_a_location_and_a_request_id(client: Client) -> None:
    response = post(client, json.dumps({"name": "w", "size": 2}))
    assert response.status_code == 201
    assert json.loads(response.body) == {"name": "w", "size": 2}
    assert response.headers["X-Request-Id"]
    assert response.headers["Location"] == "/widgets/w"


def test_malformed_json_is_400(client: Client) -> None:
    response = post(client, '{"name": "w",')
    assert response.status_code == 400
    assert error_of(response)["code"] == "malformed_json"


def test_non_object_json_is_400(client: Client) -> None:
    response = post(client, "[1, 2]")
    assert response.status_code == 400
    assert error_of(response)["code"] == "not_an_object"


def test_empty_body_is_400(client: Client) -> None:
    response = post(client, "")
    assert response.status_code == 400
    assert error_of(response)["code"] == "missing_body"


def test_wrong_content_type_is_415(client: Client) -> None:
    response = post(client, "name=w", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"


def test_unknown_field_is_422_naming_the_field(client: Client) -> None:
    response = post(client, json.dumps({"name": "w", "size": 1, "colour": "red"}))
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_request"
    assert [d["field"] for d in error["details"]] == ["colour"]


def test_wrong_type_is_422_without_echoing_the_input(client: Client) -> None:
    response = post(client, json.dumps({"name": "w", "size": "big", "password": 12345}))
    assert response.status_code == 422
    error = error_of(response)
    assert {d["field"] for d in error["details"]} == {"size", "password"}
    assert "12345" not in response.body.decode()


def test_oversized_body_is_413(client: Client) -> None:
    response = post(client, json.dumps({"name": "w", "size": 1, "password": "x" * 300_000}))
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_typed_service_errors_map_to_their_status(client: Client) -> None:
    assert post(client, json.dumps({"name": "taken", "size": 1})).status_code == 409
    assert error_of(post(client, json.dumps({"name": "taken", "size": 1})))["code"] == "name_taken"
    assert post(client, json.dumps({"name": "huge", "size": 11})).status_code == 422
    assert client.http.get("/widgets/x").status_code == 404


def test_query_parameters_are_validated_as_422(client: Client) -> None:
    assert json.loads(client.http.get("/widgets").body)["size"] == 50  # the default page size of every list
    assert json.loads(client.http.get("/widgets?limit=7").body)["size"] == 7
    for bad in ("limit=0", "limit=101", "limit=abc", "colour=red"):
        response = client.http.get(f"/widgets?{bad}")
        assert response.status_code == 422, bad
        assert error_of(response)["code"] == "invalid_query"


@pytest.mark.parametrize("tag", ['"3"', 'W/"3"', "3"])
def test_if_match_takes_the_etag_the_weak_tag_or_the_bare_version(client: Client, tag: str) -> None:
    body = json.dumps({"name": "w", "size": 1})
    ok = client.http.patch("/widgets/w", body=body, headers={"Content-Type": "application/json", "If-Match": tag})
    assert ok.status_code == 200
    assert json.loads(ok.body)["size"] == 3


@pytest.mark.parametrize("tag", ["abc", '"3", "4"', '"3', "-1", ""])
def test_a_malformed_if_match_is_400_before_the_handler_runs(client: Client, tag: str) -> None:
    body = json.dumps({"name": "w", "size": 1})
    bad = client.http.patch("/widgets/w", body=body, headers={"Content-Type": "application/json", "If-Match": tag})
    assert bad.status_code == 400
    error = error_of(bad)
    assert error["code"] == "invalid_if_match"
    assert error["details"] == [{"field": "If-Match", "message": 'one entity tag such as "3"', "type": "entity_tag"}]


def test_if_match_on_an_operation_that_does_not_take_it_is_refused_not_ignored(client: Client) -> None:
    response = client.http.post(
        "/widgets",
        body=json.dumps({"name": "w", "size": 1}),
        headers={"Content-Type": "application/json", "If-Match": '"1"'},
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "if_match_not_supported"


def test_unsupported_method_is_405_in_the_error_shape(client: Client) -> None:
    response = client.http.delete("/widgets")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_unexpected_exception_is_500_naming_the_request_id(client: Client) -> None:
    response = client.http.get("/boom")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error"
    request_id = response.headers["X-Request-Id"]
    assert request_id in error["message"]
    assert error["details"] == [
        {"field": None, "message": error["message"], "type": "internal_error", "request_id": request_id}
    ]
    assert "a bug" not in response.body.decode()


def test_requests_are_logged_with_request_id_and_without_bodies(client: Client, log_capture) -> None:
    post(client, json.dumps({"name": "w", "size": "x", "password": "hunter2-secret"}))
    boom = client.http.get("/boom")
    lines = log_capture()
    assert "hunter2-secret" not in json.dumps(lines)
    served = [line for line in lines if line.get("message") == "request served"]
    assert [line["status"] for line in served] == [422, 500]
    failure = next(line for line in lines if line.get("message") == "unhandled error")
    assert failure["request_id"] == boom.headers["X-Request-Id"]
    assert "KeyError" in failure["exception"]
