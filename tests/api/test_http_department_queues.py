"""Queues per department: ``GET /tickets/counts`` gains the caller's departments (exact counters
moved in each ticket's own transaction on every change), ``GET /tickets?department_id=`` lists one
department's queue from its own index partition, and the re-indexing job backfills both for
tickets stored before them."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_http_ticket_counts import queue
from tests.api.test_security_writes import at_once, request, server_api  # noqa: F401 (fixture)


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def _department(api: Client, tenant: Tenant, name: str, *members: str) -> str:
    reply = call(api, "POST", "/departments", tenant.token("admin"), {"name": name})
    assert reply.status == 201, reply.body
    for member in members:
        assert (
            call(api, "PUT", f"/departments/{reply.body['id']}/members/{member}", tenant.token("admin")).status == 200
        )
    return str(reply.body["id"])


def _open(api: Client, tenant: Tenant, subject: str = "Scanner offline", **fields: Any) -> str:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": subject, **fields})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def _change(api: Client, tenant: Tenant, number: str, **fields: Any) -> None:
    reply = call(api, "PATCH", f"/tickets/{number}", tenant.token("manager"), fields)
    assert reply.status == 200, reply.body


def _departments(api: Client, tenant: Tenant, role: str = "manager") -> dict[str, Any]:
    reply = call(api, "GET", "/tickets/counts", tenant.token(role))
    assert reply.status == 200, reply.body
    return {d["name"]: {"unassigned": d["unassigned"], "total": d["total"]} for d in reply.body["departments"]}


def _listed(api: Client, tenant: Tenant, query: str, role: str = "manager") -> list[str]:
    reply = call(api, "GET", f"/tickets?{query}", tenant.token(role))
    assert reply.status == 200, reply.body
    return [t["ticket_number"] for t in reply.body["items"]]


def test_department_counts_follow_every_change_of_a_ticket(api: Client, acme: Tenant) -> None:
    sales = _department(api, acme, "Sales")
    _department(api, acme, "Billing")
    assert _departments(api, acme) == {
        "Billing": {"unassigned": queue(), "total": queue()},
        "Sales": {"unassigned": queue(), "total": queue()},
    }
    number = _open(api, acme, priority="high")
    _change(api, acme, number, department_id=sales)
    sales_new = queue(1, {"new": 1}, {"high": 1})
    assert _departments(api, acme)["Sales"] == {"unassigned": sales_new, "total": sales_new}
    _change(api, acme, number, assigned_agent_id=acme.user_id("agent"))
    assert _departments(api, acme)["Sales"] == {"unassigned": queue(), "total": queue(1, {"open": 1}, {"high": 1})}
    billing = next(
        d["department_id"]
        for d in call(api, "GET", "/tickets/counts", acme.token("manager")).body["departments"]
        if d["name"] == "Billing"
    )
    _change(api, acme, number, department_id=billing, priority="low")
    moved = _departments(api, acme)
    assert moved["Sales"]["total"] == queue()
    assert moved["Billing"] == {"unassigned": queue(), "total": queue(1, {"open": 1}, {"low": 1})}
    assert call(api, "DELETE", f"/tickets/{number}", acme.token("manager")).status == 204
    assert _departments(api, acme)["Billing"]["total"] == queue()
    assert call(api, "POST", f"/tickets/{number}/restore", acme.token("manager")).status == 200
    assert _departments(api, acme)["Billing"]["total"] == queue(1, {"open": 1}, {"low": 1})
    _change(api, acme, number, status="solved")
    _change(api, acme, number, status="closed")
    assert _departments(api, acme)["Billing"] == {"unassigned": queue(), "total": queue()}


def test_an_agent_counts_their_own_departments_and_managers_every_active_one(api: Client, acme: Tenant) -> None:
    _department(api, acme, "Sales", acme.user_id("agent"))
    _department(api, acme, "Billing", acme.user_id("agent2"))
    closed = _department(api, acme, "Closed team", acme.user_id("agent"))
    assert call(api, "DELETE", f"/departments/{closed}", acme.token("admin")).status == 204
    assert list(_departments(api, acme, "agent")) == ["Sales"]
    assert list(_departments(api, acme, "agent2")) == ["Billing"]
    assert list(_departments(api, acme, "manager")) == ["Billing", "Sales"]
    assert call(api, "GET", "/tickets/counts", acme.token("customer")).status == 403


def test_a_department_queue_lists_its_tickets_by_update_and_its_unassigned_part(api: Client, acme: Tenant) -> None:
    sales = _department(api, acme, "Sales")
    first, second, third, elsewhere = (_open(api, acme, f"Ticket {i}") for i in range(4))
    for number in (first, second, third):
        _change(api, acme, number, department_id=sales)
    _change(api, acme, second, assigned_agent_id=acme.user_id("agent"))
    _change(api, acme, first, priority="urgent")  # the latest update: first in the queue
    assert _listed(api, acme, f"department_id={sales}") == [first, second, third]
    assert _listed(api, acme, f"department_id={sales}&sort=updated_at") == [third, second, first]
    assert _listed(api, acme, f"department_id={sales}&view=unassigned") == [first, third]
    assert _listed(api, acme, "department_id=none") == [elsewhere]
    # Pages follow the cursor.
    page = call(api, "GET", f"/tickets?department_id={sales}&limit=2", acme.token("manager")).body
    assert [t["ticket_number"] for t in page["items"]] == [first, second]
    rest = call(
        api, "GET", f"/tickets?department_id={sales}&limit=2&cursor={page['next_cursor']}", acme.token("manager")
    )
    assert [t["ticket_number"] for t in rest.body["items"]] == [third]
    # Leaving the department (or being deleted) leaves its queue.
    _change(api, acme, third, department_id=None)
    assert call(api, "DELETE", f"/tickets/{first}", acme.token("manager")).status == 204
    assert _listed(api, acme, f"department_id={sales}") == [second]
    assert sorted(_listed(api, acme, "department_id=none")) == sorted([third, elsewhere])
    # An id naming no department lists nothing.
    assert _listed(api, acme, f"department_id={'e' * 20}") == []


def test_the_department_queue_is_one_key_bounded_query(api: Client, acme: Tenant) -> None:
    sales = _department(api, acme, "Sales")
    for i in range(3):
        _change(api, acme, _open(api, acme, f"Ticket {i}"), department_id=sales)
    for i in range(5):
        _open(api, acme, f"Elsewhere {i}")
    with metering.metered() as calls:
        assert len(_listed(api, acme, f"department_id={sales}")) == 3
    assert [c.operation for c in calls] == ["BatchGetItem", "Query", "BatchGetItem"]
    assert calls[1].items_read == 3, "only the department's entries are read"


def test_agents_list_only_what_they_may_see_of_a_department(api: Client, acme: Tenant) -> None:
    sales = _department(api, acme, "Sales", acme.user_id("agent"))
    mine, theirs, free = (_open(api, acme, f"Ticket {i}") for i in range(3))
    for number in (mine, theirs, free):
        _change(api, acme, number, department_id=sales)
    _change(api, acme, mine, assigned_agent_id=acme.user_id("agent"))
    _change(api, acme, theirs, assigned_agent_id=acme.user_id("agent2"))
    assert sorted(_listed(api, acme, f"department_id={sales}", "agent")) == sorted([mine, free])
    assert call(api, "GET", f"/tickets?department_id={sales}", acme.token("customer")).status == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("view=mine", "view"),
        ("status=open", "status"),
        ("priority=high", "priority"),
        ("sort=-created_at", "sort"),
    ],
)
def test_a_department_queue_takes_no_other_filter(api: Client, acme: Tenant, query: str, field: str) -> None:
    sales = _department(api, acme, "Sales")
    reply = call(api, "GET", f"/tickets?department_id={sales}&{query}", acme.token("manager"))
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_query")
    assert reply.body["error"]["details"][0]["field"] == field


def test_department_queues_never_reach_another_organization(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", "globex.example")
    theirs = _department(api, globex, "Theirs")
    number = _open(api, globex)
    _change(api, globex, number, department_id=theirs)
    assert _listed(api, acme, f"department_id={theirs}") == []
    assert _departments(api, acme) == {}


def test_the_reindex_job_backfills_department_queues_and_counters(api: Client, acme: Tenant) -> None:
    from chalicelib.jobs import reindex_lists
    from chalicelib.store.keys import org_pk
    from chalicelib.store.queue_counts import QueueCountItem
    from chalicelib.store.table import TableItem
    from chalicelib.store.tickets import TicketIndexEntryItem, ticket_pk

    sales = _department(api, acme, "Sales")
    numbers = [_open(api, acme, f"Ticket {i}") for i in range(2)]
    for number in numbers:
        _change(api, acme, number, department_id=sales)
    expected = _departments(api, acme)
    # As tickets stored before department queues existed: no department entries, no counters.
    for number in numbers:
        pk = ticket_pk(acme.org_id, int(number.split("-")[1]))
        for item in TicketIndexEntryItem.query(pk, TableItem.SK.startswith("INDEX#department")):
            item.delete()
    for counter in QueueCountItem.query(org_pk(acme.org_id), QueueCountItem.SK.startswith("QUEUECOUNT#DEPT#")):
        counter.delete()
    assert _listed(api, acme, f"department_id={sales}") == []
    assert _departments(api, acme)["Sales"]["total"] == queue()

    reindex_lists.run([acme.org_id])
    assert _listed(api, acme, f"department_id={sales}") == list(reversed(numbers))
    assert _departments(api, acme) == expected
    assert reindex_lists.run([acme.org_id])["rewritten"] == 0, "a second run writes nothing"


def test_the_sla_report_has_a_row_per_department_that_follows_a_move(api: Client, acme: Tenant) -> None:
    from datetime import timedelta

    from tests.api.test_sla_report import at, policy, reply_as_staff, report

    with at(timedelta()):
        sales = _department(api, acme, "Sales")
        policy(api, acme)
        in_sales, loose = _open(api, acme, "A"), _open(api, acme, "B")
        _change(api, acme, in_sales, department_id=sales)
    with at(timedelta(minutes=30)):
        reply_as_staff(api, acme, in_sales)  # first response met, in Sales
    with at(timedelta(hours=2)):
        reply_as_staff(api, acme, loose)  # first response breached, no department
    rows = {r["department_name"]: r["first_response"] for r in report(api, acme)["by_department"]}
    assert {name: (r["met"], r["breached"]) for name, r in rows.items()} == {"Sales": (1, 0), None: (0, 1)}
    by_id = [r["department_id"] for r in report(api, acme)["by_department"]]
    assert by_id == [sales, None]
    # Moving a ticket moves its outcomes: the counters stay the sum over tickets.
    with at(timedelta(hours=3)):
        _change(api, acme, loose, department_id=sales)
    moved = report(api, acme)
    rows = {r["department_name"]: r["first_response"] for r in moved["by_department"]}
    assert (rows["Sales"]["met"], rows["Sales"]["breached"]) == (1, 1)
    assert None not in rows or (rows[None]["met"], rows[None]["breached"]) == (0, 0)
    assert (moved["overall"]["first_response"]["met"], moved["overall"]["first_response"]["breached"]) == (1, 1)


@pytest.fixture
def busy(server_api: Client) -> tuple[Client, Tenant]:  # noqa: F811
    return server_api, make_tenant(server_api, "busy")


def test_concurrent_moves_and_routed_creates_all_count(busy: tuple[Client, Tenant]) -> None:
    api, tenant = busy
    sales = _department(api, tenant, "Sales")
    assert (
        call(
            api,
            "PATCH",
            "/organization",
            tenant.token("admin"),
            {"settings": {"channel_departments": {"portal": sales}}},
        ).status
        == 200
    )
    numbers = [_open(api, tenant, f"Ticket {i}") for i in range(2)]  # routed: Sales
    for number in numbers:
        _change(api, tenant, number, department_id=None)
    more = [_open(api, tenant, f"More {i}") for i in range(4)]
    replies = at_once(
        [request(api, "PATCH", f"/tickets/{n}", tenant.token("manager"), {"department_id": sales}) for n in numbers]
        + [
            request(
                api, "PATCH", f"/tickets/{n}", tenant.token("manager"), {"assigned_agent_id": tenant.user_id("agent")}
            )
            for n in more
        ]
        + [request(api, "POST", "/tickets", tenant.token("customer"), {"subject": "Routed"}) for _ in range(3)]
    )
    assert [r.status for r in replies] == [200] * 6 + [201] * 3, [r.body for r in replies]
    counts = _departments(api, tenant)["Sales"]
    assert counts["total"]["total"] == 9
    assert counts["unassigned"] == queue(5, {"new": 5}, {"normal": 5})
    assert sorted(_listed(api, tenant, f"department_id={sales}&view=unassigned")) == sorted(
        [*numbers, *(r.body["ticket_number"] for r in replies[6:])]
    )
