"""Inbound webhooks: signature, replay window, idempotent deliveries, payload validation, secrets."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.domain.signing import signature
from tests.api.helpers import Tenant, all_tickets, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def secret(api: Client, acme: Tenant) -> str:
    reply = call(api, "POST", "/organization/webhook-secrets", acme.token("admin"))
    assert reply.status == 201, reply.body
    return str(reply.body["secret"])


def post(
    api: Client,
    slug: str,
    payload: Any,
    secret: str,
    delivery: str | None = "d-1",
    at: int | None = None,
    raw: bytes | None = None,
) -> Any:
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Deskless-Signature": signature(secret, at or int(time.time()), body, delivery),
    }
    if delivery:
        headers["X-Deskless-Delivery"] = delivery
    response = api.http.post(f"/channels/webhooks/{slug}", headers=headers, body=body)
    return response


def ticket_payload(**fields: Any) -> dict[str, Any]:
    return {"type": "ticket", "subject": "Sensor offline", "customer_email": "ops@partner.example", **fields}


def count_tickets(api: Client, acme: Tenant) -> int:
    return len(all_tickets(api, acme))


def test_a_signed_delivery_opens_a_ticket_once(api: Client, acme: Tenant, secret: str) -> None:
    first = post(api, "acme", ticket_payload(external_id="alert-77", priority="high"), secret)
    assert first.status_code == 201, first.body
    body = json.loads(first.body)
    assert body["action"] == "created"
    ticket = call(api, "GET", f"/tickets/{body['ticket_number']}", acme.token("admin")).body
    assert (ticket["channel"], ticket["source"], ticket["priority"]) == ("webhook", "webhook:alert-77", "high")

    again = post(api, "acme", ticket_payload(external_id="alert-77", priority="high"), secret)
    assert (again.status_code, json.loads(again.body)) == (201, body)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert count_tickets(api, acme) == 1


def test_comments_by_webhook(api: Client, acme: Tenant, secret: str) -> None:
    created = json.loads(post(api, "acme", ticket_payload(), secret, "d-1").body)
    comment = {
        "type": "comment",
        "ticket_number": created["ticket_number"],
        "content": "Back online",
        "author_email": "agent@example.com",
    }
    reply = post(api, "acme", comment, secret, "d-2")
    assert reply.status_code == 200, reply.body
    ticket = call(api, "GET", f"/tickets/{created['ticket_number']}", acme.token("admin")).body
    assert [c["content"] for c in ticket["comments"]] == ["Back online"]
    stranger = {**comment, "author_email": "nobody@else.example"}
    assert post(api, "acme", stranger, secret, "d-3").status_code == 422


@pytest.mark.parametrize(
    "case", ["bad_signature", "wrong_secret", "stale", "future", "no_signature", "unknown_org", "tampered"]
)
def test_unsigned_or_stale_deliveries_are_401_and_write_nothing(
    api: Client, acme: Tenant, secret: str, case: str
) -> None:
    body = json.dumps(ticket_payload()).encode()
    now = int(time.time())
    headers = {"Content-Type": "application/json", "X-Deskless-Delivery": "d-x"}
    slug = "acme"
    if case == "bad_signature":
        headers["X-Deskless-Signature"] = f"t={now},v1=" + "0" * 64
    elif case == "wrong_secret":
        headers["X-Deskless-Signature"] = signature("whsec_not_the_one", now, body, "d-x")
    elif case == "stale":
        headers["X-Deskless-Signature"] = signature(secret, now - 301, body, "d-x")
    elif case == "future":
        headers["X-Deskless-Signature"] = signature(secret, now + 301, body, "d-x")
    elif case == "unknown_org":
        headers["X-Deskless-Signature"] = signature(secret, now, body, "d-x")
        slug = "nobody"
    elif case == "tampered":
        headers["X-Deskless-Signature"] = signature(secret, now, body, "d-x")
        body = body.replace(b"Sensor", b"Sensei")
    response = api.http.post(f"/channels/webhooks/{slug}", headers=headers, body=body)
    assert response.status_code == 401, response.body
    assert json.loads(response.body)["error"]["code"] == "invalid_signature"
    assert count_tickets(api, acme) == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"type": "ticket", "subject": "x"}, "ticket.customer_email"),
        ({"type": "ticket", "subject": "x", "customer_email": "a@b.example", "priority": "asap"}, "ticket.priority"),
        ({"type": "refund"}, ""),
        ({"type": "comment", "ticket_number": "T-1", "author_email": "a@b.example"}, "comment.content"),
    ],
)
def test_bad_payloads_are_422_with_the_path(
    api: Client, acme: Tenant, secret: str, payload: dict[str, Any], field: str
) -> None:
    response = post(api, "acme", payload, secret)
    assert response.status_code == 422, response.body
    error = json.loads(response.body)["error"]
    assert error["code"] == "invalid_payload"
    assert any(d["field"].startswith(field) for d in error["details"])
    assert count_tickets(api, acme) == 0


def test_a_missing_delivery_id_or_bad_json_is_4xx(api: Client, acme: Tenant, secret: str) -> None:
    assert post(api, "acme", ticket_payload(), secret, delivery=None).status_code == 400
    assert post(api, "acme", None, secret, raw=b"{not json").status_code == 422


def test_two_secrets_are_valid_during_rotation(api: Client, acme: Tenant, secret: str) -> None:
    newer = call(api, "POST", "/organization/webhook-secrets", acme.token("admin")).body["secret"]
    assert post(api, "acme", ticket_payload(), secret, "d-old").status_code == 201
    assert post(api, "acme", ticket_payload(), newer, "d-new").status_code == 201
    newest = call(api, "POST", "/organization/webhook-secrets", acme.token("admin")).body["secret"]
    assert post(api, "acme", ticket_payload(), secret, "d-oldest").status_code == 401, "only the newest two"
    assert post(api, "acme", ticket_payload(), newest, "d-newest").status_code == 201
    listed = call(api, "GET", "/organization/webhook-secrets", acme.token("admin")).body["items"]
    assert len(listed) == 2
    assert all("secret" not in s and s["hint"].startswith("...") for s in listed)
    assert call(api, "DELETE", f"/organization/webhook-secrets/{listed[1]['id']}", acme.token("admin")).status == 204
    assert post(api, "acme", ticket_payload(), newer, "d-revoked").status_code == 401
    assert call(api, "GET", "/organization/webhook-secrets", acme.token("manager")).status == 403
