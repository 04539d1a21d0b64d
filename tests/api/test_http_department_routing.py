"""A new ticket gets its department on arrival: from the support address its mail was sent to,
else from the organization's ``channel_departments`` for the channel it came through (web,
portal, api, email, webhook). Only active departments are accepted in the settings and on
addresses (422 ``invalid_department``); a route naming a department deactivated since is skipped,
never a reason to refuse the ticket. Rules' ``set_department`` and ``assign_to`` still apply."""

from __future__ import annotations

import json
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.domain.signing import signature
from tests.api.helpers import Tenant, call, deliver_mail, make_tenant
from tests.api.test_security_mailroute import latest_code
from tests.conftest import StreamPump

ADDRESSES = "/organization/support-addresses"
INBOUND = "mail.deskless.local"


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme", "acme.example")


def _department(api: Client, tenant: Tenant, name: str) -> str:
    reply = call(api, "POST", "/departments", tenant.token("admin"), {"name": name})
    assert reply.status == 201, reply.body
    return str(reply.body["id"])


def _route(api: Client, tenant: Tenant, channels: dict[str, str]) -> Any:
    return call(api, "PATCH", "/organization", tenant.token("admin"), {"settings": {"channel_departments": channels}})


def _mail(to: str, message_id: str, subject: str = "Printer on fire") -> bytes:
    message = EmailMessage()
    message["From"] = "Casey Customer <casey@customer.example>"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{message_id}>"
    message.set_content("Hello,\n\nThe printer is on fire again.\n")
    return message.as_bytes()


def _department_of(api: Client, tenant: Tenant, number: str) -> str | None:
    reply = call(api, "GET", f"/tickets/{number}", tenant.token("admin"))
    assert reply.status == 200, reply.body
    return reply.body["department_id"]  # type: ignore[no-any-return]


def _verified_address(api: Client, tenant: Tenant, address: str, outbox: Path, department: str | None) -> str:
    body: dict[str, Any] = {"address": address}
    if department is not None:
        body["department_id"] = department
    added = call(api, "POST", ADDRESSES, tenant.token("admin"), body)
    assert added.status == 201, added.body
    assert added.body["department_id"] == department
    code = latest_code(outbox, address)
    verified = call(api, "POST", f"{ADDRESSES}/{added.body['id']}/verify", tenant.token("admin"), {"code": code})
    assert verified.status == 200, verified.body
    return str(added.body["id"])


def test_each_channel_routes_new_tickets_to_its_department(api: Client, acme: Tenant) -> None:
    web, portal = _department(api, acme, "Front desk"), _department(api, acme, "Portal")
    api_dept = _department(api, acme, "Integrations")
    routed = _route(api, acme, {"web": web, "portal": portal, "api": api_dept})
    assert routed.status == 200, routed.body
    assert routed.body["settings"]["channel_departments"] == {"web": web, "portal": portal, "api": api_dept}

    by_staff = call(
        api, "POST", "/tickets", acme.token("agent"), {"subject": "Called in", "customer_id": acme.user_id("customer")}
    )
    assert (by_staff.status, by_staff.body["department_id"]) == (201, web)
    by_customer = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "From the portal"})
    assert (by_customer.status, by_customer.body["department_id"]) == (201, portal)
    token = call(api, "POST", "/organization/api-tokens", acme.token("admin"), {"name": "CRM", "role": "agent"})
    assert token.status == 201, token.body
    by_token = call(
        api, "POST", "/tickets", token.body["token"], {"subject": "Synced", "customer_id": acme.user_id("customer")}
    )
    assert (by_token.status, by_token.body["department_id"]) == (201, api_dept)
    # The creation and its department are one write: the history names no later move.
    history = call(api, "GET", f"/tickets/{by_customer.body['ticket_number']}/history", acme.token("admin"))
    assert [h["change_type"] for h in history.body["items"]] == ["created"]


def test_a_webhook_ticket_goes_to_the_webhook_channels_department(api: Client, acme: Tenant) -> None:
    alerts = _department(api, acme, "Alerts")
    assert _route(api, acme, {"webhook": alerts}).status == 200
    secret = call(api, "POST", "/organization/webhook-secrets", acme.token("admin")).body["secret"]
    body = json.dumps({"type": "ticket", "subject": "Sensor offline", "customer_email": "ops@partner.example"}).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Deskless-Signature": signature(secret, int(time.time()), body, "d-1"),
        "X-Deskless-Delivery": "d-1",
    }
    reply = api.http.post("/channels/webhooks/acme", headers=headers, body=body)
    assert reply.status_code == 201, reply.body
    assert _department_of(api, acme, json.loads(reply.body)["ticket_number"]) == alerts


def test_mail_goes_to_its_addresss_department_before_the_email_channels(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    billing, general = _department(api, acme, "Billing"), _department(api, acme, "General")
    assert _route(api, acme, {"email": general}).status == 200
    _verified_address(api, acme, "billing@acme.example", outbox, billing)
    _verified_address(api, acme, "help@acme.example", outbox, None)

    to_billing = deliver_mail(api, _mail("billing@acme.example", "m-1@customer.example"), "m1")
    assert to_billing["action"] == "created", to_billing
    assert _department_of(api, acme, to_billing["ticket_number"]) == billing
    to_help = deliver_mail(api, _mail("help@acme.example", "m-2@customer.example"), "m2")
    assert _department_of(api, acme, to_help["ticket_number"]) == general
    to_plus = deliver_mail(api, _mail(f"support+acme@{INBOUND}", "m-3@customer.example"), "m3")
    assert _department_of(api, acme, to_plus["ticket_number"]) == general


def test_an_addresss_department_is_changed_and_cleared_by_patch(api: Client, acme: Tenant, outbox: Path) -> None:
    billing = _department(api, acme, "Billing")
    address_id = _verified_address(api, acme, "billing@acme.example", outbox, None)
    moved = call(api, "PATCH", f"{ADDRESSES}/{address_id}", acme.token("admin"), {"department_id": billing})
    assert (moved.status, moved.body["department_id"], moved.body["state"]) == (200, billing, "verified")
    mail = deliver_mail(api, _mail("billing@acme.example", "m-1@customer.example"), "m1")
    assert _department_of(api, acme, mail["ticket_number"]) == billing
    cleared = call(api, "PATCH", f"{ADDRESSES}/{address_id}", acme.token("admin"), {"department_id": None})
    assert (cleared.status, cleared.body["department_id"]) == (200, None)
    listed = call(api, "GET", ADDRESSES, acme.token("admin"))
    assert [a["department_id"] for a in listed.body["items"]] == [None]
    again = deliver_mail(api, _mail("billing@acme.example", "m-2@customer.example"), "m2")
    assert _department_of(api, acme, again["ticket_number"]) is None


@pytest.mark.parametrize("which", ["unknown", "inactive", "other_org", "malformed"])
def test_routes_to_anything_but_an_active_department_of_the_org_are_refused(
    api: Client, acme: Tenant, outbox: Path, which: str
) -> None:
    if which == "unknown":
        department = "d" * 20
    elif which == "inactive":
        department = _department(api, acme, "Old team")
        assert call(api, "DELETE", f"/departments/{department}", acme.token("admin")).status == 204
    elif which == "other_org":
        department = _department(api, make_tenant(api, "globex", "globex.example"), "Theirs")
    else:
        department = "not#an-id"
    refused = _route(api, acme, {"web": _department(api, acme, "Fine"), "email": department})
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_department")
    assert [d["field"] for d in refused.body["error"]["details"]] == ["email"]
    settings = call(api, "GET", "/organization", acme.token("admin")).body["settings"]
    assert settings["channel_departments"] == {}
    added = call(
        api, "POST", ADDRESSES, acme.token("admin"), {"address": "x@acme.example", "department_id": department}
    )
    assert (added.status, added.body["error"]["code"]) == (422, "invalid_department")
    listed = call(api, "GET", ADDRESSES, acme.token("admin"))
    assert listed.body["items"] == []


def test_only_admins_route_and_an_unknown_channel_is_refused(api: Client, acme: Tenant) -> None:
    sales = _department(api, acme, "Sales")
    forbidden = call(
        api, "PATCH", "/organization", acme.token("manager"), {"settings": {"channel_departments": {"web": sales}}}
    )
    assert forbidden.status in (403, 404)
    assert _route(api, acme, {"fax": sales}).status == 422


def test_a_department_deactivated_after_routing_is_skipped_not_a_refusal(api: Client, acme: Tenant) -> None:
    portal = _department(api, acme, "Portal")
    assert _route(api, acme, {"portal": portal}).status == 200
    assert call(api, "DELETE", f"/departments/{portal}", acme.token("admin")).status == 204
    created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Still taken in"})
    assert (created.status, created.body["department_id"]) == (201, None)


def test_rules_still_move_and_assign_within_a_department(api: Client, acme: Tenant, stream: StreamPump) -> None:
    sales, billing = _department(api, acme, "Sales"), _department(api, acme, "Billing")
    agent2 = acme.user_id("agent2")
    assert call(api, "PUT", f"/departments/{billing}/members/{agent2}", acme.token("admin")).status == 200
    assert _route(api, acme, {"portal": sales}).status == 200
    rule = {
        "name": "Invoices to billing",
        "trigger_type": "ticket_created",
        "trigger_conditions": {"all": [{"field": "subject", "operator": "contains", "value": "invoice"}]},
        "actions": [
            {"type": "set_department", "department_id": billing},
            {"type": "assign_to", "department_id": billing, "strategy": "round_robin"},
        ],
    }
    created_rule = call(api, "POST", "/automation-rules", acme.token("admin"), rule)
    assert created_rule.status == 201, created_rule.body
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Wrong invoice"})
    assert ticket.body["department_id"] == sales
    stream.drain()
    read = call(api, "GET", f"/tickets/{ticket.body['ticket_number']}", acme.token("admin")).body
    # Only Billing's member can be picked (agent, in no department, never is).
    assert (read["department_id"], read["assigned_agent_id"]) == (billing, agent2)
    counts = call(api, "GET", "/tickets/counts", acme.token("manager")).body
    by_name = {d["name"]: (d["total"]["total"], d["unassigned"]["total"]) for d in counts["departments"]}
    assert by_name == {"Billing": (1, 0), "Sales": (0, 0)}
