"""Look-alike addresses never silently become new users: an address mixing scripts (a Cyrillic a, U+0430,
in a Latin address), or whose Unicode TR39 skeleton equals an existing user's address, is refused
(422 ``confusable_email``) on every path that creates a customer or changes an address."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.domain.signing import signature
from tests.api.helpers import PASSWORD, Tenant, all_tickets, call, make_tenant

MIXED = "c\u0430sey@client.example"  # Cyrillic a (U+0430)
LOOKALIKE = "agent@examp1e.com"  # "1" for "l": the agent's address to the eye


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def user_count(api: Client, acme: Tenant) -> int:
    return len(call(api, "GET", "/users?limit=100", acme.token("admin")).body["items"])


def refused(reply: Any) -> bool:
    return (reply.status, reply.body["error"]["code"]) == (422, "confusable_email")


@pytest.mark.parametrize("address", [MIXED, LOOKALIKE, "AGENT@EXAMP1E.COM", "\u0430gent@example.com"])
def test_a_ticket_for_a_look_alike_customer_email_is_refused(api: Client, acme: Tenant, address: str) -> None:
    before = user_count(api, acme)
    reply = call(api, "POST", "/tickets", acme.token("agent"), {"subject": "Hi", "customer_email": address})
    assert refused(reply), reply.body
    assert user_count(api, acme) == before
    assert all_tickets(api, acme) == []


def test_ordinary_and_single_script_addresses_are_still_welcome(api: Client, acme: Tenant) -> None:
    for address in (
        "new.person@client.example",
        "\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
    ):
        reply = call(api, "POST", "/tickets", acme.token("agent"), {"subject": "Hi", "customer_email": address})
        assert reply.status == 201, reply.body


@pytest.mark.parametrize("address", [MIXED, LOOKALIKE])
def test_creating_a_user_with_a_look_alike_email_is_refused(api: Client, acme: Tenant, address: str) -> None:
    body = {"email": address, "first_name": "L", "last_name": "A", "role": "customer", "password": PASSWORD}
    assert refused(call(api, "POST", "/users", acme.token("admin"), body))


@pytest.mark.parametrize("address", [MIXED, LOOKALIKE])
def test_changing_to_a_look_alike_email_is_refused(api: Client, acme: Tenant, address: str) -> None:
    reply = call(api, "PATCH", f"/users/{acme.user_id('customer')}", acme.token("customer"), {"email": address})
    assert refused(reply), reply.body


def test_a_webhook_for_a_look_alike_customer_is_refused_and_writes_nothing(api: Client, acme: Tenant) -> None:
    secret = call(api, "POST", "/organization/webhook-secrets", acme.token("admin")).body["secret"]
    before = user_count(api, acme)
    for address in (MIXED, LOOKALIKE):
        body = json.dumps({"type": "ticket", "subject": "Alert", "customer_email": address}).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Deskless-Signature": signature(secret, int(time.time()), body, f"d-{address}"),
            "X-Deskless-Delivery": f"d-{address}",
        }
        response = api.http.post("/channels/webhooks/acme", headers=headers, body=body)
        assert response.status_code == 422, response.body
        assert json.loads(response.body)["error"]["code"] == "confusable_email"
    assert user_count(api, acme) == before
    assert all_tickets(api, acme) == []
