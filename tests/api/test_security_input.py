"""Bad input is never a 500: deeply nested JSON, signed cursors with unusable keys, and changes that
would leave a stored entity invalid (refused before anything is written)."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.domain.signing import signature
from chalicelib.store.cursor import encode_cursor
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def raw_post(api: Client, path: str, body: bytes | str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    response = api.http.post(path, headers={"Content-Type": "application/json", **(headers or {})}, body=body)
    return response.status_code, json.loads(response.body) if response.body else None


def nested(depth: int, leaf: str = "1") -> str:
    """A JSON array nested ``depth`` deep (the outermost array is level 1)."""
    return "[" * depth + leaf + "]" * depth


# ---- JSON nesting -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/auth/login", "/organizations"])
def test_deeply_nested_json_on_an_unauthenticated_route_is_400_too_deep(api: Client, path: str) -> None:
    status, body = raw_post(api, path, nested(990))
    assert (status, body["error"]["code"]) == (400, "too_deep")
    inside = '{"organization": "acme", "email": ' + nested(5000) + "}"
    status, body = raw_post(api, path, inside)
    assert (status, body["error"]["code"]) == (400, "too_deep")


def test_nesting_up_to_32_levels_is_parsed_and_33_is_refused(api: Client) -> None:
    # The body object is level 1: an email nested 31 deep is 32 levels, a field error, not too_deep.
    ok = raw_post(api, "/auth/login", '{"organization": "acme", "email": ' + nested(31) + ', "password": "x"}')
    assert (ok[0], ok[1]["error"]["code"]) == (422, "invalid_request")
    deep = raw_post(api, "/auth/login", '{"organization": "acme", "email": ' + nested(32) + ', "password": "x"}')
    assert (deep[0], deep[1]["error"]["code"]) == (400, "too_deep")


def test_brackets_inside_strings_do_not_count_as_nesting(api: Client, acme: Tenant) -> None:
    subject = '[[[[{{{{ "quoted \\" [[[[ \\\\' * 10
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject[:250], "description": "[" * 5000})
    assert reply.status == 201, reply.body
    assert reply.body["description"] == "[" * 5000


def test_deeply_nested_json_on_an_authenticated_route_is_400_too_deep(api: Client, acme: Tenant) -> None:
    body = '{"subject": "Deep", "custom_fields": {"a": ' + nested(40) + "}}"
    response = api.http.post(
        "/tickets",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {acme.token('customer')}"},
        body=body,
    )
    assert (response.status_code, json.loads(response.body)["error"]["code"]) == (400, "too_deep")


def test_a_deeply_nested_signed_webhook_payload_is_400_too_deep(api: Client, acme: Tenant) -> None:
    secret = call(api, "POST", "/organization/webhook-secrets", acme.token("admin")).body["secret"]
    for depth in (40, 990):
        raw = '{"type": "ticket", "subject": "x", "customer_email": "a@b.example", "tags": ' + nested(depth) + "}"
        headers = {
            "X-Deskless-Signature": signature(secret, int(time.time()), raw.encode(), f"deep-{depth}"),
            "X-Deskless-Delivery": f"deep-{depth}",
        }
        status, body = raw_post(api, "/channels/webhooks/acme", raw, headers)
        assert (status, body["error"]["code"]) == (400, "too_deep")


# ---- cursors ----------------------------------------------------------------------------------


def tickets_cursor(org_id: str, key: Any) -> str:
    cursor = encode_cursor(org_id, "tickets:all:", key)
    assert cursor is not None
    return cursor


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(lambda t: {"PK": {"S": t}, "SK": {"N": "1"}, "GSI4PK": {"S": f"{t}#TICKETS"}}, id="number-type"),
        pytest.param(lambda t: {"PK": {"S": t}, "SK": "TICKET", "GSI4PK": {"S": f"{t}#TICKETS"}}, id="bare-value"),
        pytest.param(lambda t: {"PK": {"S": t}, "SK": {"S": 5}, "GSI4PK": {"S": f"{t}#TICKETS"}}, id="not-a-string"),
        pytest.param(lambda t: {"PK": {"S": f"{t}#TICKET#1"}, "SK": {"S": "TICKET"}}, id="no-index-keys"),
        pytest.param(
            lambda t: {
                "PK": {"S": f"{t}#TICKET#1"},
                "SK": {"S": "TICKET"},
                "GSI1PK": {"S": f"{t}#STATUS#new"},
                "GSI1SK": {"S": "2020"},
            },
            id="another-index",
        ),
        pytest.param(
            lambda t: {
                "PK": {"S": f"{t}#TICKET#1"},
                "SK": {"S": "TICKET"},
                "GSI4PK": {"S": f"{t}#TICKETS"},
                "GSI4SK": {"S": "2020"},
                "subject": {"S": "extra"},
            },
            id="extra-attribute",
        ),
        pytest.param(
            lambda t: {
                "PK": {"S": f"{t}#TICKET#1"},
                "SK": {"S": "TICKET"},
                "GSI4PK": {"S": f"{t}#STATUS#new"},
                "GSI4SK": {"S": "2020"},
            },
            id="another-partition",
        ),
        pytest.param(
            lambda t: {
                "PK": {"S": f"{t}#TICKET#1"},
                "SK": {"S": "TICKET", "N": "1"},
                "GSI4PK": {"S": f"{t}#TICKETS"},
                "GSI4SK": {"S": "2020"},
            },
            id="two-types",
        ),
        pytest.param(
            lambda t: {"PK": {"S": t}, "SK": {"S": "x"}, "GSI4PK": {"S": f"{t}#TICKETS"}, "GSI4SK": {}}, id="empty"
        ),
    ],
)
def test_a_signed_cursor_with_an_unusable_key_is_400_invalid_cursor(api: Client, acme: Tenant, key: Any) -> None:
    cursor = tickets_cursor(acme.org_id, key(f"ORG#{acme.org_id}"))
    reply = call(api, "GET", f"/tickets?view=all&cursor={cursor}", acme.token("manager"))
    assert reply.status == 400, (reply.status, reply.body)
    assert reply.body["error"]["code"] == "invalid_cursor"


def test_a_start_key_dynamodb_refuses_is_400_invalid_cursor(api: Client, acme: Tenant) -> None:
    """DynamoDB refuses a start key outside the query's key condition (moto does not check): the
    cursor, not the server, is at fault."""
    from botocore.exceptions import ClientError

    from chalicelib.store import metering

    for n in range(2):
        assert call(api, "POST", "/tickets", acme.token("customer"), {"subject": f"T{n}"}).status == 201
    cursor = call(api, "GET", "/tickets?view=all&limit=1", acme.token("manager")).body["next_cursor"]

    def refuse(operation: str, params: dict[str, Any]) -> None:
        if operation == "Query" and "ExclusiveStartKey" in params:
            error = {"Code": "ValidationException", "Message": "The provided starting key is invalid"}
            raise ClientError({"Error": error}, operation)

    metering.add_before_listener(refuse)
    try:
        reply = call(api, "GET", f"/tickets?view=all&limit=1&cursor={cursor}", acme.token("manager"))
    finally:
        metering.remove_before_listener(refuse)
    assert reply.status == 400, reply.body
    assert reply.body["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("key", [[1, 2], "PK", 7, {"PK": None}])
def test_a_signed_cursor_whose_key_is_not_an_object_of_attributes_is_400(api: Client, acme: Tenant, key: Any) -> None:
    import base64
    import hashlib
    import hmac

    payload = json.dumps({"o": acme.org_id, "s": "tickets:all:", "k": key}, separators=(",", ":"), sort_keys=True)
    sign = hmac.new(b"test-cursor-secret", payload.encode(), hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    cursor = b64(payload.encode()) + "." + b64(sign)
    reply = call(api, "GET", f"/tickets?view=all&cursor={cursor}", acme.token("manager"))
    assert reply.status == 400, (reply.status, reply.body)
    assert reply.body["error"]["code"] == "invalid_cursor"


def test_a_good_cursor_still_pages(api: Client, acme: Tenant) -> None:
    for n in range(3):
        assert call(api, "POST", "/tickets", acme.token("customer"), {"subject": f"T{n}"}).status == 201
    seen: list[str] = []
    cursor = None
    while True:
        path = "/tickets?view=all&limit=1" + (f"&cursor={cursor}" if cursor else "")
        reply = call(api, "GET", path, acme.token("manager"))
        assert reply.status == 200, reply.body
        seen += [t["subject"] for t in reply.body["items"]]
        cursor = reply.body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == ["T0", "T1", "T2"]


# ---- validation on change ---------------------------------------------------------------------


@pytest.mark.parametrize("field", ["first_name", "max_concurrent_tickets", "email_notifications", "timezone"])
def test_a_null_for_a_required_user_field_is_422_naming_it_and_nothing_is_written(
    api: Client, acme: Tenant, field: str
) -> None:
    path = f"/users/{acme.user_id('agent')}"
    before = call(api, "GET", path, acme.token("admin")).body
    reply = call(api, "PATCH", path, acme.token("admin"), {field: None, "last_name": "Changed"})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_request")
    assert [d["field"] for d in reply.body["error"]["details"]] == [field]
    assert call(api, "GET", path, acme.token("admin")).body == before


def writes_during(action: Any) -> list[str]:
    """The DynamoDB write calls ``action`` made (it is expected to raise)."""
    from chalicelib.domain.errors import RuleViolation
    from chalicelib.store import metering

    with metering.metered() as calls, pytest.raises(RuleViolation) as refused:
        action()
    assert refused.value.code == "invalid_change"
    return [c.operation for c in calls if c.operation not in ("GetItem", "Query", "BatchGetItem")]


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")  # the bypassing command
def test_a_ticket_change_that_bypassed_the_command_model_is_refused_before_any_write(api: Client, acme: Tenant) -> None:
    from chalicelib.domain.commands import UpdateTicketCommand
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import tickets

    created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Valid"}).body
    number = created["ticket_number"]
    manager = Principal(org_id=acme.org_id, user_id=acme.user_id("manager"), role=Role.MANAGER, session_id="s")
    actor = tickets.Actor(manager)
    for bad in ({"subject": "x" * 251}, {"subject": ""}, {"priority": "whenever"}, {"tags": ["t"] * 51}):
        command = UpdateTicketCommand.model_construct(**bad)  # type: ignore[arg-type]
        assert writes_during(lambda c=command: tickets.update_ticket(manager, number, c, None, actor)) == []
    after = call(api, "GET", f"/tickets/{number}", acme.token("manager")).body
    assert (after["subject"], after["priority"], after["version"]) == ("Valid", "normal", created["version"])
    history = call(api, "GET", f"/tickets/{number}/history", acme.token("manager")).body["items"]
    assert [h["change_type"] for h in history] == ["created"]


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")  # the bypassing command
def test_a_user_change_that_bypassed_the_command_model_is_refused_before_any_write(api: Client, acme: Tenant) -> None:
    from chalicelib.domain.commands import UpdateUserCommand
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import users

    admin = Principal(org_id=acme.org_id, user_id=acme.user_id("admin"), role=Role.ADMIN, session_id="s")
    agent = acme.user_id("agent")
    before = call(api, "GET", f"/users/{agent}", acme.token("admin")).body
    for bad in ({"max_concurrent_tickets": -1}, {"availability_status": "asleep"}, {"first_name": "x" * 101}):
        command = UpdateUserCommand.model_construct(**bad)  # type: ignore[arg-type]
        assert writes_during(lambda c=command: users.update_user(admin, agent, c, None)) == []
    assert call(api, "GET", f"/users/{agent}", acme.token("admin")).body == before
