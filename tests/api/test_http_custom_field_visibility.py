"""Customer-visible custom fields: a customer sees and sets only the fields the organization shows
them (``customer_visible``); an internal field an agent fills in never reaches the customer, by any
read that returns a ticket to them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, call, link_token, mails_to, make_tenant, stored_items

FIELDS: list[dict[str, Any]] = [
    {"name": "order_number", "type": "text", "customer_visible": True},
    {"name": "product", "type": "choice", "choices": ["printer", "scanner"], "customer_visible": True},
    {"name": "escalation_notes", "type": "text", "required": True},
    {"name": "churn_risk", "type": "choice", "choices": ["low", "high"]},
]
INTERNAL = {"escalation_notes": "Threatened to cancel; be careful", "churn_risk": "high"}
VISIBLE = {"order_number": "PO-7", "product": "printer"}


def define(api: Client, tenant: Tenant, fields: list[dict[str, Any]]) -> None:
    reply = call(api, "PATCH", "/organization", tenant.token("admin"), {"settings": {"custom_fields": fields}})
    assert reply.status == 200, reply.body


@pytest.fixture
def acme(api: Client) -> Tenant:
    tenant = make_tenant(api, "acme")
    define(api, tenant, FIELDS)
    return tenant


def open_with_internal_fields(api: Client, acme: Tenant) -> str:
    """A customer's ticket on which an agent then fills in the internal fields."""
    opened = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Jammed", "custom_fields": VISIBLE})
    assert opened.status == 201, opened.body
    number = str(opened.body["ticket_number"])
    patched = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"custom_fields": INTERNAL})
    assert patched.status == 200, patched.body
    assert patched.body["custom_fields"] == {**VISIBLE, **INTERNAL}  # staff see every field
    return number


def leaks(body: Any) -> list[str]:
    text = json.dumps(body)
    return [word for word in ("escalation_notes", "churn_risk", "Threatened", "cancel") if word in text]


# ---------------------------------------------------------------- the leak (attack first)


def test_an_internal_field_an_agent_set_never_reaches_the_customer(api: Client, acme: Tenant) -> None:
    number = open_with_internal_fields(api, acme)
    customer = acme.token("customer")
    detail = call(api, "GET", f"/tickets/{number}", customer)
    assert detail.status == 200
    assert detail.body["custom_fields"] == VISIBLE
    for path in ("/tickets", "/tickets?view=mine", f"/tickets/{number}?include=users,customers"):
        reply = call(api, "GET", path, customer)
        assert reply.status == 200, path
        assert leaks(reply.body) == [], path
    commented = call(api, "POST", f"/tickets/{number}/comments", customer, {"content": "Any news?"})
    assert commented.status == 201
    assert commented.body["ticket"]["custom_fields"] == VISIBLE
    assert leaks(commented.body) == []
    # Staff still read every field.
    assert call(api, "GET", f"/tickets/{number}", acme.token("agent")).body["custom_fields"] == {**VISIBLE, **INTERNAL}


def test_the_satisfaction_answer_shows_the_customer_no_internal_field(api: Client, acme: Tenant) -> None:
    number = open_with_internal_fields(api, acme)
    solved = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "solved"})
    assert solved.status == 200, solved.body
    rated = call(api, "POST", f"/tickets/{number}/satisfaction", acme.token("customer"), {"score": 5})
    assert rated.status == 201, rated.body
    assert rated.body["custom_fields"] == VISIBLE
    assert leaks(rated.body) == []


def test_a_ticket_link_session_sees_no_internal_field(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number = open_with_internal_fields(api, acme)
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Looking into it."})
    stream.drain()
    token = link_token(mails_to(outbox, "customer@example.com")[-1])
    opened = call(api, "POST", "/auth/ticket-link", body={"token": token})
    assert opened.status == 200
    assert leaks(opened.body) == []
    scoped = opened.body["token"]
    for reply in (
        call(api, "GET", f"/tickets/{number}", scoped),
        call(api, "POST", f"/tickets/{number}/comments", scoped, {"content": "Thanks"}),
    ):
        assert reply.status in (200, 201), reply.body
        assert leaks(reply.body) == []


def test_a_customers_own_data_export_holds_no_internal_field(api: Client, acme: Tenant) -> None:
    number = open_with_internal_fields(api, acme)
    exported = call(api, "POST", f"/users/{acme.user_id('customer')}/export", acme.token("customer"))
    assert exported.status == 201, exported.body
    raw = boto3.client("s3").get_object(Bucket=config.archive_bucket(), Key=exported.body["key"])["Body"].read()
    document = json.loads(raw)
    mine = next(t for t in document["tickets"] if t["ticket_number"] == number)
    assert mine["custom_fields"] == VISIBLE
    assert leaks(document["tickets"]) == []
    # An admin's export of the same person is the organization's full record.
    by_admin = call(api, "POST", f"/users/{acme.user_id('customer')}/export", acme.token("admin"))
    full = json.loads(
        boto3.client("s3").get_object(Bucket=config.archive_bucket(), Key=by_admin.body["key"])["Body"].read()
    )
    assert next(t for t in full["tickets"] if t["ticket_number"] == number)["custom_fields"] == {**VISIBLE, **INTERNAL}


# ---------------------------------------------------------------- what a customer may set


@pytest.mark.parametrize("name", ["churn_risk", "escalation_notes", "not_a_field"])
def test_a_customer_setting_any_other_field_is_422_with_its_path_and_nothing_written(
    api: Client, acme: Tenant, name: str
) -> None:
    before = len(stored_items())
    value = "high" if name == "churn_risk" else "x"
    body = {"subject": "Sneaky", "custom_fields": {**VISIBLE, name: value}}
    reply = call(api, "POST", "/tickets", acme.token("customer"), body)
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_request"
    assert [d["field"] for d in reply.body["error"]["details"]] == [f"custom_fields.{name}"]
    assert len(stored_items()) == before


def test_an_internal_field_and_an_unknown_one_are_refused_alike(api: Client, acme: Tenant) -> None:
    """A customer cannot learn the names of internal fields by trying them."""
    internal = call(
        api, "POST", "/tickets", acme.token("customer"), {"subject": "s", "custom_fields": {"churn_risk": 1}}
    )
    unknown = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "s", "custom_fields": {"nope": 1}})
    for reply in (internal, unknown):
        reply.body["error"]["details"][0].pop("field")
    assert internal.body == unknown.body


def test_an_internal_required_field_is_for_staff_to_fill_not_the_customer(api: Client, acme: Tenant) -> None:
    mine = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Only visible fields"})
    assert mine.status == 201, mine.body
    staff = call(
        api, "POST", "/tickets", acme.token("agent"), {"subject": "s", "customer_id": acme.user_id("customer")}
    )
    assert staff.status == 422
    assert [d["field"] for d in staff.body["error"]["details"]] == ["custom_fields.escalation_notes"]


def test_a_customer_visible_field_is_still_checked_against_its_definition(api: Client, acme: Tenant) -> None:
    body = {"subject": "s", "custom_fields": {"product": "toaster"}}
    reply = call(api, "POST", "/tickets", acme.token("customer"), body)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_custom_fields")
    assert [d["field"] for d in reply.body["error"]["details"]] == ["custom_fields.product"]


def test_the_setting_is_stored_and_defaults_to_internal(api: Client, acme: Tenant) -> None:
    define(api, acme, [{"name": "plan", "type": "text"}, *FIELDS])
    fields = call(api, "GET", "/organization", acme.token("admin")).body["settings"]["custom_fields"]
    assert {f["name"]: f["customer_visible"] for f in fields} == {
        "plan": False,
        "order_number": True,
        "product": True,
        "escalation_notes": False,
        "churn_risk": False,
    }


def test_each_organization_shows_its_own_fields(api: Client, acme: Tenant) -> None:
    """A name visible in one organization says nothing about another's field of the same name."""
    globex = make_tenant(api, "globex")
    define(api, globex, [{"name": "churn_risk", "type": "text", "customer_visible": True}])
    theirs = call(
        api, "POST", "/tickets", globex.token("customer"), {"subject": "s", "custom_fields": {"churn_risk": "?"}}
    )
    assert theirs.status == 201
    assert theirs.body["custom_fields"] == {"churn_risk": "?"}
    number = open_with_internal_fields(api, acme)
    assert call(api, "GET", f"/tickets/{number}", acme.token("customer")).body["custom_fields"] == VISIBLE


def test_a_signed_webhook_opening_a_ticket_for_a_customer_may_still_set_internal_fields(
    api: Client, acme: Tenant
) -> None:
    """The integration is trusted with every field; the customer it opens the ticket for still sees
    only the visible ones."""
    from tests.api.test_webhooks_inbound import post, ticket_payload

    secret = call(api, "POST", "/organization/webhook-secrets", acme.token("admin")).body["secret"]
    payload = ticket_payload(customer_email="customer@example.com", custom_fields=INTERNAL)
    reply = post(api, "acme", payload, secret)
    assert reply.status_code == 201, reply.body
    number = json.loads(reply.body)["ticket_number"]
    assert call(api, "GET", f"/tickets/{number}", acme.token("agent")).body["custom_fields"] == INTERNAL
    assert call(api, "GET", f"/tickets/{number}", acme.token("customer")).body["custom_fields"] == {}
