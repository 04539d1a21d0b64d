"""SLA policies through the API, and their application to tickets (24x7 calendars: no waiting on clocks)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def add_policy(api: Client, tenant: Tenant, **body: Any) -> dict[str, Any]:
    payload = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24, **body}
    reply = call(api, "POST", "/sla-policies", tenant.token("manager"), payload)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_policies_are_managed_by_managers_and_read_by_agents(api: Client, acme: Tenant) -> None:
    created = add_policy(
        api,
        acme,
        calendar={
            "timezone": "Europe/Paris",
            "hours": [{"day": 0, "start": "09:00", "end": "17:00"}],
            "holidays": ["2026-12-25"],
        },
    )
    assert created["calendar"]["timezone"] == "Europe/Paris"
    assert call(api, "GET", "/sla-policies", acme.token("agent")).body["items"][0]["id"] == created["id"]
    assert (
        call(
            api,
            "POST",
            "/sla-policies",
            acme.token("agent"),
            {"name": "x", "first_response_hours": 1, "resolution_hours": 2},
        ).status
        == 403
    )
    patched = call(
        api, "PATCH", f"/sla-policies/{created['id']}", acme.token("manager"), {"order": 5}, headers={"If-Match": "1"}
    )
    assert (patched.status, patched.body["order"], patched.body["version"]) == (200, 5, 2)
    assert (
        call(
            api,
            "PATCH",
            f"/sla-policies/{created['id']}",
            acme.token("manager"),
            {"order": 6},
            headers={"If-Match": "1"},
        ).status
        == 412
    )
    assert call(api, "DELETE", f"/sla-policies/{created['id']}", acme.token("manager")).status == 204
    assert call(api, "GET", f"/sla-policies/{created['id']}", acme.token("manager")).status == 404


@pytest.mark.parametrize(
    "body",
    [
        {"first_response_hours": 0},
        {"pause_statuses": ["open"]},
        {"calendar": {"timezone": "Nowhere/Land"}},
        {"calendar": {"hours": [{"day": 7, "start": "09:00", "end": "17:00"}]}},
        {"calendar": {"hours": [{"day": 0, "start": "00:00", "end": 0}]}},  # a number is not a wall-clock time
        {"calendar": {"hours": [{"day": 0, "start": "09:00+02:00", "end": "17:00+02:00"}]}},
        {"escalation_rules": [{"when": "after_breach", "actions": [{"type": "raise_priority"}]}]},
        {"escalation_rules": [{"when": "after_breach", "minutes": 5, "actions": [{"type": "reassign"}]}]},
        {"conditions": {"priority": ["whenever"]}},
    ],
)
def test_invalid_policies_are_422(api: Client, acme: Tenant, body: dict[str, Any]) -> None:
    payload = {"name": "Bad", "first_response_hours": 4, "resolution_hours": 24, **body}
    reply = call(api, "POST", "/sla-policies", acme.token("admin"), payload)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_request")


def test_ticket_gets_due_times_from_the_first_matching_policy(api: Client, acme: Tenant) -> None:
    standard = add_policy(api, acme, order=10)
    urgent = add_policy(
        api,
        acme,
        name="Urgent",
        order=1,
        first_response_hours=1,
        resolution_hours=4,
        conditions={"priority": ["urgent"]},
    )
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Slow"}).body
    assert ticket["sla_policy_id"] == standard["id"]
    assert at(ticket["first_response_due"]) - at(ticket["created_at"]) == timedelta(hours=4)
    assert at(ticket["resolution_due"]) - at(ticket["created_at"]) == timedelta(hours=24)
    raised = call(api, "PATCH", f"/tickets/{ticket['ticket_number']}", acme.token("agent"), {"priority": "urgent"}).body
    assert raised["sla_policy_id"] == urgent["id"], "a priority change re-matches the policy"
    assert at(raised["resolution_due"]) - at(raised["created_at"]) == timedelta(hours=4)
    history = call(api, "GET", f"/tickets/{ticket['ticket_number']}/history", acme.token("manager")).body["items"]
    assert "resolution_due" in {h["field_name"] for h in history}


def test_sla_status_and_first_response(api: Client, acme: Tenant) -> None:
    add_policy(api, acme)
    number = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Help"}).body["ticket_number"]
    status = call(api, "GET", f"/tickets/{number}/sla", acme.token("customer")).body
    assert status["targets"]["first_response"]["state"] == "running"
    assert 0 < status["targets"]["first_response"]["remaining_seconds"] <= 4 * 3600
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Hello"})
    status = call(api, "GET", f"/tickets/{number}/sla", acme.token("agent")).body
    assert status["targets"]["first_response"]["state"] == "met"
    assert status["breached"] is False


def test_pending_pauses_the_resolution_clock(api: Client, acme: Tenant) -> None:
    add_policy(api, acme)
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Waiting"}).body
    number = ticket["ticket_number"]
    call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "pending"})
    paused = call(api, "GET", f"/tickets/{number}/sla", acme.token("agent")).body
    assert paused["targets"]["resolution"]["state"] == "paused"
    assert paused["targets"]["first_response"]["state"] == "running", "only the resolution clock pauses"
    resumed = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "open"}).body
    assert at(resumed["resolution_due"]) > at(ticket["resolution_due"]), "the due time moved on by the pause"


def test_no_matching_policy_means_no_targets(api: Client, acme: Tenant) -> None:
    add_policy(api, acme, conditions={"channel": ["phone"]})
    number = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Web"}).body["ticket_number"]
    status = call(api, "GET", f"/tickets/{number}/sla", acme.token("customer")).body
    assert status == {"policy_id": None, "policy_name": None, "breached": False, "targets": {}}


def test_other_tenants_policies_are_404(api: Client, acme: Tenant) -> None:
    policy = add_policy(api, acme)
    globex = make_tenant(api, "globex")
    for method in ("GET", "PATCH", "DELETE"):
        assert (
            call(
                api,
                method,
                f"/sla-policies/{policy['id']}",
                globex.token("admin"),
                {"order": 1} if method == "PATCH" else None,
            ).status
            == 404
        )
    assert call(api, "GET", "/sla-policies", globex.token("admin")).body["items"] == []
