"""``unassigned_visibility: own_departments``: an agent without tickets.view_all sees unassigned
tickets only of their own departments (and those without a department), on every read: the
ticket and what hangs off it, the lists, the department queues, the counts, the views (and their
counts) and search. The attacker is ``agent`` (member of Sales); the target is an unassigned
ticket of Billing (``agent2``'s department)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.conftest import StreamPump


@dataclass
class Setup:
    tenant: Tenant
    sales: str
    billing: str
    target: str  # unassigned, Billing
    own: str  # unassigned, Sales
    loose: str  # unassigned, no department


def _department(api: Client, tenant: Tenant, name: str, member: str) -> str:
    reply = call(api, "POST", "/departments", tenant.token("admin"), {"name": name})
    assert reply.status == 201, reply.body
    department = str(reply.body["id"])
    joined = call(api, "PUT", f"/departments/{department}/members/{member}", tenant.token("admin"))
    assert joined.status in (200, 201), joined.body
    return department


def _ticket(api: Client, tenant: Tenant, subject: str, department: str | None) -> str:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": subject, "description": subject})
    assert reply.status == 201, reply.body
    number = str(reply.body["ticket_number"])
    if department:
        moved = call(api, "PATCH", f"/tickets/{number}", tenant.token("admin"), {"department_id": department})
        assert moved.status == 200, moved.body
    return number


def _visibility(api: Client, tenant: Tenant, value: str) -> None:
    reply = call(api, "PATCH", "/organization", tenant.token("admin"), {"settings": {"unassigned_visibility": value}})
    assert reply.status == 200, reply.body
    assert reply.body["settings"]["unassigned_visibility"] == value


@pytest.fixture
def setup(api: Client) -> Setup:
    tenant = make_tenant(api, "acme")
    sales = _department(api, tenant, "Sales", tenant.user_id("agent"))
    billing = _department(api, tenant, "Billing", tenant.user_id("agent2"))
    found = Setup(
        tenant,
        sales,
        billing,
        target=_ticket(api, tenant, "Invoice dispute zebra", billing),
        own=_ticket(api, tenant, "Quote request zebra", sales),
        loose=_ticket(api, tenant, "General question zebra", None),
    )
    _visibility(api, tenant, "own_departments")
    return found


def _numbers(reply: Any) -> list[str]:
    assert reply.status == 200, reply.body
    return [t["ticket_number"] for t in reply.body["items"]]


def test_the_agent_cannot_read_or_touch_another_departments_unassigned_ticket(api: Client, setup: Setup) -> None:
    token = setup.tenant.token("agent")
    n = setup.target
    for method, path, body in (
        ("GET", f"/tickets/{n}", None),
        ("GET", f"/tickets/{n}/comments", None),
        ("GET", f"/tickets/{n}/history", None),
        ("GET", f"/tickets/{n}/sla", None),
        ("PATCH", f"/tickets/{n}", {"priority": "urgent"}),
        ("POST", f"/tickets/{n}/comments", {"content": "mine now", "comment_type": "internal"}),
    ):
        reply = call(api, method, path, token, body)
        assert reply.status == 404, (method, path, reply.body)
    # Nor take it: assigning it to themselves needs seeing it first.
    taken = call(api, "PATCH", f"/tickets/{n}", token, {"assigned_agent_id": setup.tenant.user_id("agent")})
    assert taken.status == 404
    stored = call(api, "GET", f"/tickets/{n}", setup.tenant.token("admin")).body
    assert (stored["priority"], stored["assigned_agent_id"], stored["version"]) == ("normal", None, 2)
    # Their own department's and the department-less unassigned tickets stay readable; so does the
    # target for its department's agent.
    assert call(api, "GET", f"/tickets/{setup.own}", token).status == 200
    assert call(api, "GET", f"/tickets/{setup.loose}", token).status == 200
    assert call(api, "GET", f"/tickets/{n}", setup.tenant.token("agent2")).status == 200


def test_the_agent_does_not_list_another_departments_unassigned_ticket(api: Client, setup: Setup) -> None:
    token = setup.tenant.token("agent")
    unassigned = _numbers(call(api, "GET", "/tickets?view=unassigned", token))
    assert sorted(unassigned) == sorted([setup.own, setup.loose])
    queue = call(api, "GET", f"/tickets?department_id={setup.billing}&view=unassigned", token)
    assert _numbers(queue) == []
    assert _numbers(call(api, "GET", f"/tickets?department_id={setup.billing}", token)) == []
    assert _numbers(call(api, "GET", f"/tickets?department_id={setup.sales}", token)) == [setup.own]
    created = call(api, "GET", f"/tickets?created_by_id={setup.tenant.user_id('customer')}", token)
    assert created.status == 403  # others' creations need tickets.view_all (unchanged)
    # Billing's agent lists it.
    theirs = _numbers(call(api, "GET", "/tickets?view=unassigned", setup.tenant.token("agent2")))
    assert setup.target in theirs
    assert setup.own not in theirs


def test_the_agent_does_not_count_another_departments_unassigned_ticket(api: Client, setup: Setup) -> None:
    counts = call(api, "GET", "/tickets/counts", setup.tenant.token("agent"))
    assert counts.status == 200, counts.body
    assert counts.body["unassigned"]["total"] == 2  # Sales' and the one without a department
    assert [d["name"] for d in counts.body["departments"]] == ["Sales"]
    included = call(api, "GET", "/tickets?view=unassigned&include=counts", setup.tenant.token("agent"))
    assert included.body["included"]["counts"]["unassigned"]["total"] == 2
    # The built-in "Unassigned" view counts what the agent may list.
    views = call(api, "GET", "/views?include=counts", setup.tenant.token("agent"))
    unassigned_view = next(v for v in views.body["items"] if v["id"] == "builtin:unassigned")
    assert unassigned_view["count"] == 2
    # With visibility "all" the agent counts every unassigned ticket again.
    _visibility(api, setup.tenant, "all")
    assert call(api, "GET", "/tickets/counts", setup.tenant.token("agent")).body["unassigned"]["total"] == 3


def test_the_agent_does_not_see_it_through_a_view_or_a_filtered_search(api: Client, setup: Setup) -> None:
    token = setup.tenant.token("agent")
    listed = _numbers(call(api, "GET", "/views/builtin:unassigned/tickets", token))
    assert setup.target not in listed
    assert setup.own in listed
    filtered = call(api, "GET", f"/search/tickets?q={quote('status:new')}", token)
    assert filtered.status == 200, filtered.body
    found = [h["ticket"]["ticket_number"] for h in filtered.body["items"]]
    assert setup.target not in found
    assert setup.own in found


def test_the_agent_does_not_find_it_by_full_text_search(api: Client, setup: Setup, stream: StreamPump) -> None:
    stream.drain()
    token = setup.tenant.token("agent")
    reply = call(api, "GET", f"/search/tickets?q={quote('zebra')}", token)
    assert reply.status == 200, reply.body
    found = sorted(h["ticket"]["ticket_number"] for h in reply.body["items"])
    assert found == sorted([setup.own, setup.loose])
    by_number = call(api, "GET", f"/search/tickets?q={quote(setup.target)}", token)
    assert setup.target not in [h["ticket"]["ticket_number"] for h in by_number.body["items"]]
    theirs = call(api, "GET", f"/search/tickets?q={quote('zebra')}", setup.tenant.token("agent2"))
    assert setup.target in [h["ticket"]["ticket_number"] for h in theirs.body["items"]]


def test_an_assigned_ticket_of_another_department_stays_its_assignees(api: Client, setup: Setup) -> None:
    admin = setup.tenant.token("admin")
    agent = setup.tenant.user_id("agent")
    moved = call(api, "PATCH", f"/tickets/{setup.target}", admin, {"assigned_agent_id": agent})
    assert moved.status == 200, moved.body
    assert call(api, "GET", f"/tickets/{setup.target}", setup.tenant.token("agent")).status == 200
    mine = _numbers(call(api, "GET", "/tickets?view=mine", setup.tenant.token("agent")))
    assert mine == [setup.target]


def test_managers_and_the_default_setting_see_every_unassigned_ticket(api: Client, setup: Setup) -> None:
    manager = setup.tenant.token("manager")
    assert call(api, "GET", f"/tickets/{setup.target}", manager).status == 200
    assert setup.target in _numbers(call(api, "GET", "/tickets?view=unassigned", manager))
    _visibility(api, setup.tenant, "all")
    assert call(api, "GET", f"/tickets/{setup.target}", setup.tenant.token("agent")).status == 200
    assert setup.target in _numbers(call(api, "GET", "/tickets?view=unassigned", setup.tenant.token("agent")))


def test_an_unknown_setting_value_is_refused(api: Client, setup: Setup) -> None:
    reply = call(
        api, "PATCH", "/organization", setup.tenant.token("admin"), {"settings": {"unassigned_visibility": "none"}}
    )
    assert reply.status == 422
