"""The local stack's gateway answers what no route handles in the API's error shape, like the deployed one."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from chalice.cli.factory import CLIFactory

from chalicelib.api.gateway import GATEWAY_RESPONSES
from chalicelib.local.gateway import local_server


@pytest.fixture
def gateway(aws: None) -> Iterator[tuple[str, int]]:
    from app import app

    config = CLIFactory(".").create_config_obj(chalice_stage_name="local")
    server = local_server(app, config, "127.0.0.1", 0)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", server.server.server_address[1]
    finally:
        server.server.shutdown()
        server.server.server_close()


def request(target: tuple[str, int], method: str, path: str, headers: dict[str, str] | None = None) -> Any:
    connection = http.client.HTTPConnection(*target, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type"), json.loads(body)


def test_gateway_refusals_use_the_api_error_shape(gateway: tuple[str, int]) -> None:
    status, content_type, body = request(gateway, "GET", "/tickets")
    assert (status, content_type, body["error"]["code"]) == (401, "application/json", "unauthenticated")
    assert body["error"]["details"] == []

    for method, path, headers in (
        ("GET", "/no-such-route", {}),
        ("GET", "/no-such-route", {"Authorization": "Bearer x"}),
        ("TRACE", "/tickets", {}),
    ):
        status, content_type, body = request(gateway, method, path, headers)
        assert (status, content_type, body["error"]["code"]) == (404, "application/json", "no_route"), (method, path)

    status, _, body = request(gateway, "PUT", "/health")
    assert (status, body["error"]["code"]) == (405, "method_not_allowed"), "the app's own answer, same shape"

    status, _, body = request(gateway, "GET", "/health")
    assert (status, body["status"]) == (200, "ok"), "routed requests are untouched"


def test_the_deployed_gateway_responses_send_the_same_bodies() -> None:
    from infra.build_merge_template import gateway_responses

    deployed = gateway_responses()
    assert set(deployed) == {entry.response_type for entry in GATEWAY_RESPONSES}
    for entry in GATEWAY_RESPONSES:
        assert json.loads(deployed[entry.response_type]["responseTemplates"]["application/json"]) == entry.body()


def test_the_gateway_refuses_a_missing_authorization_header_before_any_function_runs(
    gateway: tuple[str, int],
) -> None:
    def answer(method: str, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        connection = http.client.HTTPConnection(*gateway, timeout=10)
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    # No header on a route that needs a principal: the gateway's 401 (as the deployed request
    # validator answers it), no function ran (no request id, no rate-limit headers).
    for method, path in (("GET", "/tickets"), ("POST", "/tickets"), ("GET", "/tickets/7"), ("DELETE", "/users/u1")):
        status, headers, body = answer(method, path, {})
        assert (status, body["error"]["code"]) == (401, "unauthenticated"), (method, path)
        assert "x-request-id" not in headers, (method, path)
        assert "x-ratelimit-limit" not in headers, (method, path)
    # A header the handler cannot accept: the handler's own 401, with its reason.
    status, headers, body = answer("GET", "/tickets", {"Authorization": "Bearer not-a-token"})
    assert (status, body["error"]["code"]) == (401, "unauthenticated")
    assert "x-request-id" in headers
    # Public routes need no header.
    status, _, body = answer("GET", "/health", {})
    assert status == 200
