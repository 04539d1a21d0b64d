"""A ticket belongs to a department: set and cleared by staff through PATCH, checked against the
organization's active departments inside the ticket's own transaction, recorded in the history."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def _department(api: Client, tenant: Tenant, name: str) -> str:
    reply = call(api, "POST", "/departments", tenant.token("admin"), {"name": name})
    assert reply.status == 201, reply.body
    return str(reply.body["id"])


def _ticket(api: Client, tenant: Tenant) -> dict[str, Any]:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": "Printer", "description": "Jammed"})
    assert reply.status == 201, reply.body
    return dict(reply.body)


def _patch(api: Client, tenant: Tenant, ticket: dict[str, Any], body: dict[str, Any], who: str = "agent") -> Any:
    return call(api, "PATCH", f"/tickets/{ticket['ticket_number']}", tenant.token(who), body)


def test_staff_set_and_clear_a_tickets_department_and_the_history_records_both(api: Client, acme: Tenant) -> None:
    billing = _department(api, acme, "Billing")
    ticket = _ticket(api, acme)
    assert ticket["department_id"] is None
    moved = _patch(api, acme, ticket, {"department_id": billing})
    assert (moved.status, moved.body["department_id"]) == (200, billing)
    cleared = _patch(api, acme, ticket, {"department_id": None})
    assert (cleared.status, cleared.body["department_id"]) == (200, None)
    history = call(api, "GET", f"/tickets/{ticket['ticket_number']}/history", acme.token("agent"))
    changes = [(h["field_name"], h["old_value"], h["new_value"]) for h in history.body["items"]]
    assert ("department_id", None, billing) in changes
    assert ("department_id", billing, None) in changes


@pytest.mark.parametrize("which", ["unknown", "inactive", "other_org"])
def test_a_department_that_is_not_an_active_one_of_the_org_is_refused_and_nothing_changes(
    api: Client, acme: Tenant, which: str
) -> None:
    ticket = _ticket(api, acme)
    if which == "unknown":
        department = "d" * 20
    elif which == "inactive":
        department = _department(api, acme, "Old team")
        assert call(api, "DELETE", f"/departments/{department}", acme.token("admin")).status == 204
    else:
        department = _department(api, make_tenant(api, "globex", email_domain="globex.example"), "Theirs")
    refused = _patch(api, acme, ticket, {"department_id": department})
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_department")
    read = call(api, "GET", f"/tickets/{ticket['ticket_number']}", acme.token("agent"))
    assert (read.body["department_id"], read.body["version"]) == (None, ticket["version"])


def test_a_customer_cannot_move_their_ticket_to_a_department(api: Client, acme: Tenant) -> None:
    billing = _department(api, acme, "Billing")
    ticket = _ticket(api, acme)
    refused = _patch(api, acme, ticket, {"department_id": billing}, who="customer")
    assert refused.status == 403
