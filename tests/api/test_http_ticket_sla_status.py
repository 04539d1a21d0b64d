"""``include=sla``: each ticket's SLA at a glance (target, due, remaining business time, state) on
the list and the read, computed as ``GET /tickets/{number}/sla`` computes it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def policy(api: Client, acme: Tenant, **fields: Any) -> None:
    body = {"name": "Fast", "first_response_hours": 1, "resolution_hours": 2, **fields}
    reply = call(api, "POST", "/sla-policies", acme.token("manager"), body)
    assert reply.status == 201, reply.body


def open_ticket(api: Client, acme: Tenant) -> tuple[str, datetime]:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Clock is ticking"})
    assert reply.status == 201, reply.body
    return reply.body["ticket_number"], datetime.fromisoformat(reply.body["created_at"].replace("Z", "+00:00"))


def badge(api: Client, acme: Tenant, number: str, when: datetime, role: str = "manager") -> dict[str, Any]:
    """The ticket's ``sla_status`` at ``when``, from the list and from the read (they must agree)."""
    with time_machine.travel(when, tick=False):
        page = call(api, "GET", "/tickets?include=sla", acme.token(role))
        detail = call(api, "GET", f"/tickets/{number}?include=sla", acme.token(role))
    assert page.status == 200, page.body
    assert detail.status == 200, detail.body
    listed = next(t["sla_status"] for t in page.body["items"] if t["ticket_number"] == number)
    assert listed == detail.body["sla_status"]
    result: dict[str, Any] = listed
    return result


def test_first_response_runs_then_warns_in_its_last_quarter_then_breaches(api: Client, acme: Tenant) -> None:
    policy(api, acme)
    number, created = open_ticket(api, acme)
    due = created + timedelta(hours=1)
    running = badge(api, acme, number, created + timedelta(minutes=10))
    assert running == {
        "target": "first_response",
        "due": due.isoformat(timespec="microseconds").replace("+00:00", "Z"),
        "remaining_seconds": 3000.0,
        "state": "running",
    }
    assert badge(api, acme, number, created + timedelta(minutes=44))["state"] == "running"
    warning = badge(api, acme, number, created + timedelta(minutes=46))
    assert (warning["state"], warning["remaining_seconds"]) == ("warning", 840.0)
    breached = badge(api, acme, number, created + timedelta(minutes=61))
    assert (breached["target"], breached["state"], breached["remaining_seconds"]) == (
        "first_response",
        "breached",
        -60.0,
    )
    with time_machine.travel(created + timedelta(minutes=61), tick=False):
        targets = call(api, "GET", f"/tickets/{number}/sla", acme.token("manager")).body["targets"]
    assert targets["first_response"]["remaining_seconds"] == breached["remaining_seconds"]


def test_the_policys_first_before_breach_step_sets_the_warning(api: Client, acme: Tenant) -> None:
    step = {
        "target": "first_response",
        "when": "before_breach",
        "percent": 90,
        "actions": [{"type": "add_tag", "tag": "w"}],
    }
    policy(api, acme, escalation_rules=[step])
    number, created = open_ticket(api, acme)
    assert badge(api, acme, number, created + timedelta(minutes=50))["state"] == "running", "10 % left, not 25 %"
    assert badge(api, acme, number, created + timedelta(minutes=55))["state"] == "warning"


def test_after_the_reply_resolution_runs_pauses_and_is_met(api: Client, acme: Tenant) -> None:
    policy(api, acme)
    number, created = open_ticket(api, acme)
    with time_machine.travel(created + timedelta(minutes=5), tick=False):
        reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Looking"})
        assert reply.status == 201, reply.body
    resolution = badge(api, acme, number, created + timedelta(minutes=30))
    assert (resolution["target"], resolution["state"], resolution["remaining_seconds"]) == (
        "resolution",
        "running",
        5400.0,
    )
    with time_machine.travel(created + timedelta(minutes=40), tick=False):
        assert call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "pending"}).status == 200
    paused = badge(api, acme, number, created + timedelta(hours=5))
    assert (paused["state"], paused["remaining_seconds"]) == ("paused", 4800.0), "the clock stopped at the pause"
    with time_machine.travel(created + timedelta(hours=6), tick=False):
        assert call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "solved"}).status == 200
    met = badge(api, acme, number, created + timedelta(hours=7))
    assert (met["target"], met["state"]) == ("resolution", "met")


def test_a_ticket_without_a_policy_has_no_target(api: Client, acme: Tenant) -> None:
    number, created = open_ticket(api, acme)
    assert badge(api, acme, number, created + timedelta(minutes=1)) == {
        "target": None,
        "due": None,
        "remaining_seconds": None,
        "state": "none",
    }
    plain = call(api, "GET", "/tickets", acme.token("manager")).body["items"][0]
    assert plain["sla_status"] is None, "only with include=sla"


def test_a_customer_sees_their_tickets_sla_status_but_not_the_policy(api: Client, acme: Tenant) -> None:
    policy(api, acme)
    number, created = open_ticket(api, acme)
    assert badge(api, acme, number, created + timedelta(minutes=10), role="customer")["state"] == "running"
    page = call(api, "GET", "/tickets?include=sla,sla_policy", acme.token("customer")).body
    assert page["included"]["sla_policies"] == []


def test_an_unknown_include_is_refused(api: Client, acme: Tenant) -> None:
    reply = call(api, "GET", "/tickets?include=sla,counters", acme.token("manager"))
    assert reply.status == 422
    assert reply.body["error"]["code"] == "invalid_query"
