"""Attacks on authentication in the handler's own process (one Lambda per request, no authorizer
function): no header, malformed headers, a forged authorizer context, revocation on the very next
request, restricted credentials, public routes, and a route that would slip past authentication."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chalice.local import LambdaContext, LocalGateway
from chalice.test import Client

from chalicelib.api.http import PRIVATE_ROUTES, ROUTES, requires_authorization
from chalicelib.store import metering
from tests.api.helpers import Tenant, call, login, make_tenant
from tests.api.test_security_portal import scoped_session


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def ticket_numbers(api: Client, acme: Tenant) -> list[int]:
    listed = call(api, "GET", "/tickets?view=all", acme.token("admin"))
    return [t["ticket_number"] for t in listed.body["items"]]


def operations_during(action: Any) -> tuple[Any, list[str]]:
    """What ``action`` returned and the DynamoDB operations it made (the limiter's claims too)."""
    seen: list[str] = []

    def record(made: metering.DynamoCall) -> None:
        seen.append(made.operation)

    metering.add_listener(record)
    try:
        return action(), seen
    finally:
        metering.remove_listener(record)


def test_no_header_is_401_unauthenticated_and_runs_no_handler(api: Client, acme: Tenant) -> None:
    reply, seen = operations_during(lambda: call(api, "POST", "/tickets", None, {"subject": "Anonymous"}))
    assert (reply.status, reply.body["error"]["code"]) == (401, "unauthenticated")
    assert reply.body["error"]["details"] == []
    assert "BatchGetItem" not in seen, "no token: no read"
    assert "TransactWriteItems" not in seen, "no token: no write"
    assert ticket_numbers(api, acme) == []


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "bearer-dk_x_y_z",
        "Bearer dk_../../ORG#x_y_" + "z" * 43,
        "Bearer " + "A" * 8000,
        "Bearer dkt_",
        "Bearer dk_a_b_c Bearer dk_d_e_f",
    ],
)
def test_a_malformed_header_is_401_and_creates_nothing(api: Client, acme: Tenant, header: str) -> None:
    reply = call(api, "POST", "/tickets", None, {"subject": "Forged"}, headers={"Authorization": header})
    assert reply.status == 401, reply.body
    assert reply.body["error"]["code"] in ("unauthenticated", "invalid_session", "invalid_token")
    assert ticket_numbers(api, acme) == []


def test_a_forged_authorizer_context_in_the_event_is_not_trusted(api: Client, acme: Tenant) -> None:
    """An event that carries an authorizer's context (as the former authorizer function wrote it)
    but no token: the handler authenticates the header itself and answers 401."""
    from app import app

    gateway = LocalGateway(app, api._chalice_config)  # type: ignore[attr-defined]
    event = gateway._generate_lambda_event(
        "POST", "/tickets", {"content-type": "application/json"}, json.dumps({"subject": "Spoofed"}).encode()
    )
    event["requestContext"]["authorizer"] = {
        "org_id": acme.org_id,
        "user_id": acme.user_id("admin"),
        "role": "admin",
        "session_id": "s" * 64,
        "permissions": "",
        "org_active": "true",
        "subscription_tier": "enterprise",
        "kind": "session",
        "allowed_actions": "*",
        "ticket_number": "",
    }
    response = app(event, LambdaContext("api_handler", 256))
    assert response["statusCode"] == 401
    assert json.loads(response["body"])["error"]["code"] == "unauthenticated"
    assert ticket_numbers(api, acme) == []


def test_a_session_ended_is_refused_on_the_very_next_request(api: Client, acme: Tenant) -> None:
    token = login(api, "acme", "agent@example.com")
    assert call(api, "GET", "/auth/me", token).status == 200
    assert call(api, "POST", "/auth/logout", token).status == 204
    reply = call(api, "GET", "/auth/me", token)
    assert (reply.status, reply.body["error"]["code"]) == (401, "session_expired")


def test_a_deactivated_user_is_refused_on_the_very_next_request(api: Client, acme: Tenant) -> None:
    token = acme.token("agent")
    assert call(api, "GET", "/tickets?view=mine", token).status == 200
    assert call(api, "DELETE", f"/users/{acme.user_id('agent')}", acme.token("admin")).status == 204
    reply = call(api, "GET", "/tickets?view=mine", token)
    assert (reply.status, reply.body["error"]["code"]) == (401, "session_expired")


def test_a_revoked_api_token_is_refused_on_the_very_next_request(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    created = call(api, "POST", "/organization/api-tokens", admin, {"name": "CI", "role": "agent"}).body
    assert call(api, "GET", "/tickets?view=mine", created["token"]).status == 200
    assert call(api, "DELETE", f"/organization/api-tokens/{created['id']}", admin).status == 204
    reply = call(api, "GET", "/tickets?view=mine", created["token"])
    assert reply.status == 401
    assert reply.body["error"]["code"] in ("invalid_token", "token_revoked")


def test_an_action_token_stays_limited_to_its_actions(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    created = call(
        api, "POST", "/organization/api-tokens", admin, {"name": "Reader", "actions": ["tickets.view_all"]}
    ).body
    assert call(api, "GET", "/tickets?view=all", created["token"]).status == 200
    refused = call(api, "POST", "/tickets", created["token"], {"subject": "Past its scope"})
    assert refused.status == 403
    assert call(api, "GET", "/organization/api-tokens", created["token"]).status == 403
    assert ticket_numbers(api, acme) == []


def test_a_ticket_link_session_still_reaches_its_ticket_only(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    token, first, second = scoped_session(api, acme, stream, outbox)
    assert call(api, "GET", f"/tickets/{first}", token).status == 200
    assert call(api, "GET", f"/tickets/{second}", token).status == 404
    assert call(api, "POST", "/tickets", token, {"subject": "new"}).status == 403


def test_public_routes_stay_public_with_or_without_a_header(api: Client, acme: Tenant) -> None:
    for headers in ({}, {"Authorization": "Bearer garbage"}, {"Authorization": f"Bearer {acme.token('admin')}"}):
        health = call(api, "GET", "/health", None, headers=headers)
        assert health.status == 200, headers
        document = call(api, "GET", "/openapi.json", None, headers=headers)
        assert document.status == 200, headers
    logged_in = call(
        api,
        "POST",
        "/auth/login",
        None,
        {"organization": "acme", "email": "agent@example.com", "password": "correct-horse-battery"},
        headers={"Authorization": "Bearer garbage"},
    )
    assert logged_in.status == 200


def test_a_public_route_reads_no_credential(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    reply, seen = operations_during(lambda: call(api, "GET", "/health", token))
    assert reply.status == 200
    assert "BatchGetItem" not in seen, "a public route does not authenticate"


def test_every_route_of_the_app_is_either_public_or_authenticated() -> None:
    from app import app
    from chalicelib.api import routes

    routes.load_all()

    public = {(spec.path, spec.method) for spec in ROUTES if spec.public}
    deployed = {(path, method) for path, methods in app.routes.items() for method in methods}
    assert deployed == public | PRIVATE_ROUTES, "a route outside Api.route would skip authentication"
    assert not public & PRIVATE_ROUTES
    assert requires_authorization("/tickets", "POST")
    assert requires_authorization("/tickets/{number}", "get")
    assert not requires_authorization("/auth/login", "POST")


def test_a_credential_that_cannot_be_checked_is_503_never_let_through(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.store import identity as identity_store

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the table did not answer")

    monkeypatch.setattr(identity_store, "auth_snapshot", broken)
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "During an outage"})
    assert (reply.status, reply.body["error"]["code"]) == (503, "unavailable")
    monkeypatch.undo()
    assert ticket_numbers(api, acme) == []
