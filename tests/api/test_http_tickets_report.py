"""GET /reports/tickets: created vs solved per day, the backlog by age and agents' workload, kept
by the ticket transactions as counter rows and read without one read per ticket."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_security_writes import at_once, request, server_api  # noqa: F401 (fixture)

T0 = datetime.fromisoformat("2026-03-02T09:00:00+00:00")


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def at(offset: timedelta) -> Any:
    return time_machine.travel(T0 + offset, tick=False)


def open_ticket(api: Client, acme: Tenant, subject: str = "Help") -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def patch(api: Client, acme: Tenant, number: str, **fields: Any) -> None:
    reply = call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), fields)
    assert reply.status == 200, reply.body


def report(api: Client, acme: Tenant, query: str = "?from=2026-03-01&to=2026-03-10", role: str = "manager") -> Any:
    reply = call(api, "GET", f"/reports/tickets{query}", acme.token(role))
    assert reply.status == 200, reply.body
    return reply.body


def flow(body: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """The days with activity: day -> (created, solved)."""
    return {d["day"]: (d["created"], d["solved"]) for d in body["by_day"] if d["created"] or d["solved"]}


def backlog(body: dict[str, Any]) -> dict[str, int]:
    return {b["bucket"]: b["open"] for b in body["backlog"]}


def test_created_and_solved_per_day_follow_solve_reopen_close_delete_and_restore(api: Client, acme: Tenant) -> None:
    with at(timedelta()):
        a, b, c = (open_ticket(api, acme, s) for s in "ABC")
    with at(timedelta(days=1)):
        patch(api, acme, a, status="solved")
    with at(timedelta(days=2)):
        body = report(api, acme)
    assert flow(body) == {"2026-03-02": (3, 0), "2026-03-03": (0, 1)}
    assert len(body["by_day"]) == 10  # every day of the range, the empty ones too
    assert backlog(body) == {"lt_1d": 0, "1_3d": 2, "3_7d": 0, "7_30d": 0, "gt_30d": 0}

    with at(timedelta(days=3)):
        reopened = call(api, "POST", f"/tickets/{a}/comments", acme.token("customer"), {"content": "Not fixed"})
        assert reopened.status == 201
        assert flow(report(api, acme)) == {"2026-03-02": (3, 0)}  # reopened: no longer solved
    with at(timedelta(days=4)):
        patch(api, acme, a, status="solved")
        patch(api, acme, b, status="solved")
        patch(api, acme, b, status="closed")  # closed stays solved on the day it was solved
        assert call(api, "DELETE", f"/tickets/{c}", acme.token("manager")).status == 204
        body = report(api, acme)
    assert flow(body) == {"2026-03-02": (2, 0), "2026-03-06": (0, 2)}
    assert sum(backlog(body).values()) == 0

    assert call(api, "POST", f"/tickets/{c}/restore", acme.token("manager")).status == 200
    with at(timedelta(days=40)):
        body = report(api, acme, "?from=2026-03-01&to=2026-03-10", role="admin")
    assert flow(body) == {"2026-03-02": (3, 0), "2026-03-06": (0, 2)}
    assert backlog(body)["gt_30d"] == 1  # the restored ticket, created 40 days before


def test_workload_counts_each_agents_active_tickets_by_status(api: Client, acme: Tenant) -> None:
    agent = acme.user_id("agent")
    numbers = [open_ticket(api, acme, f"T{i}") for i in range(4)]
    patch(api, acme, numbers[0], assigned_agent_id=agent)
    patch(api, acme, numbers[1], assigned_agent_id=agent, status="pending")
    patch(api, acme, numbers[2], assigned_agent_id=agent, status="solved")  # solved: not active
    body = report(api, acme, "")
    rows = {w["agent_id"]: w for w in body["workload"]}
    assert list(rows) == [agent]
    assert (rows[agent]["active"], rows[agent]["pending"], rows[agent]["new"] + rows[agent]["open"]) == (2, 1, 1)
    assert rows[agent]["agent_name"]
    assert body["unassigned"]["active"] == 1


def test_report_reads_counter_rows_not_tickets(api: Client, acme: Tenant) -> None:
    with at(timedelta()):
        numbers = [open_ticket(api, acme, f"T{i}") for i in range(6)]
        for number in numbers[:3]:
            patch(api, acme, number, status="solved", assigned_agent_id=acme.user_id("agent"))
        with metering.metered() as calls:
            body = report(api, acme)
    assert flow(body) == {"2026-03-02": (6, 3)}
    # authorizer (1 BatchGetItem) + flow rows (1 Query) + queue counters (1 Query); no agent has active
    # tickets, so no user read: never a read per ticket.
    assert [c.operation for c in calls] == ["BatchGetItem", "Query", "Query"]
    # session, user, org + one flow row + five queue counters (all, unassigned, the agent's, no
    # department and its unassigned part)
    assert sum(c.items_read for c in calls) == 3 + 1 + 5


@pytest.mark.parametrize("role", ["agent", "customer"])
def test_agents_and_customers_may_not_read_the_tickets_report(api: Client, acme: Tenant, role: str) -> None:
    open_ticket(api, acme)
    reply = call(api, "GET", "/reports/tickets", acme.token(role))
    assert reply.status == 403, reply.body


def test_other_organizations_tickets_do_not_count(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    open_ticket(api, globex)
    body = report(api, acme, "")
    assert sum(d["created"] for d in body["by_day"]) == 0
    assert body["unassigned"]["active"] == 0


@pytest.mark.parametrize(
    ("query", "code"),
    [("?from=2026-03-10&to=2026-03-01", "invalid_query"), ("?from=2025-01-01&to=2026-03-01", "range_too_long")],
)
def test_bad_ranges_are_422(api: Client, acme: Tenant, query: str, code: str) -> None:
    reply = call(api, "GET", f"/reports/tickets{query}", acme.token("admin"))
    assert (reply.status, reply.body["error"]["code"]) == (422, code)


def test_sla_report_has_met_and_breached_per_day(api: Client, acme: Tenant) -> None:
    with at(timedelta()):
        body = {"name": "Standard", "first_response_hours": 1, "resolution_hours": 4}
        assert call(api, "POST", "/sla-policies", acme.token("manager"), body).status == 201
        a, b = open_ticket(api, acme, "A"), open_ticket(api, acme, "B")
    with at(timedelta(minutes=30)):
        patch(api, acme, a, status="solved")
    with at(timedelta(days=1)):
        patch(api, acme, b, status="solved")  # both targets late
        reply = call(api, "GET", "/reports/sla?from=2026-03-01&to=2026-03-10", acme.token("manager"))
    days = {d["day"]: d["resolution"] for d in reply.body["by_day"]}
    assert (days["2026-03-02"]["met"], days["2026-03-02"]["breached"]) == (1, 1)  # B breached at its due time
    assert days["2026-03-02"]["median_seconds"] == 1800
    assert days["2026-03-03"]["median_seconds"] == 86400  # B completed the next day


def test_sla_report_filters_by_priority_and_department(api: Client, acme: Tenant) -> None:
    with at(timedelta()):
        body = {"name": "Standard", "first_response_hours": 1, "resolution_hours": 4}
        assert call(api, "POST", "/sla-policies", acme.token("manager"), body).status == 201
        a, b = open_ticket(api, acme, "A"), open_ticket(api, acme, "B")
        patch(api, acme, b, priority="urgent")
    with at(timedelta(minutes=30)):
        patch(api, acme, a, status="solved")
        patch(api, acme, b, status="solved")

    def resolved(query: str) -> int:
        reply = call(api, "GET", f"/reports/sla?from=2026-03-01&to=2026-03-10{query}", acme.token("manager"))
        assert reply.status == 200, reply.body
        return int(reply.body["overall"]["resolution"]["met"])

    assert (resolved(""), resolved("&priority=urgent"), resolved("&priority=low")) == (2, 1, 0)
    assert (resolved("&department_id=none"), resolved("&department_id=0123456789abcdef0123")) == (2, 0)


def test_concurrent_creates_and_solves_all_count(server_api: Client) -> None:  # noqa: F811
    tenant = make_tenant(server_api, "busy")
    numbers = [open_ticket(server_api, tenant) for _ in range(5)]
    manager = tenant.token("manager")
    replies = at_once(
        [request(server_api, "PATCH", f"/tickets/{n}", manager, {"status": "solved"}) for n in numbers]
        + [request(server_api, "POST", "/tickets", tenant.token("customer"), {"subject": "More"}) for _ in range(5)]
    )
    assert [r.status for r in replies] == [200] * 5 + [201] * 5, [r.body for r in replies]
    body = report(server_api, tenant, "")
    assert (sum(d["created"] for d in body["by_day"]), sum(d["solved"] for d in body["by_day"])) == (10, 5)
    assert sum(backlog(body).values()) == 5


def test_a_retried_stream_batch_never_counts_a_solve_twice(
    api: Client, acme: Tenant, stream: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = {
        "name": "Auto-solve",
        "trigger_type": "ticket_created",
        "actions": [{"type": "set_status", "status": "solved"}],
    }
    assert call(api, "POST", "/automation-rules", acme.token("manager"), rule).status == 201
    first = stream.poller._invoke

    def twice(name: str, records: list[dict[str, Any]]) -> Any:
        first(name, records)  # Lambda retries a batch whole, also the records it had finished
        return first(name, records)

    monkeypatch.setattr(stream.poller, "_invoke", twice)
    open_ticket(api, acme)
    open_ticket(api, acme)
    stream.drain()
    body = report(api, acme, "")
    assert (sum(d["created"] for d in body["by_day"]), sum(d["solved"] for d in body["by_day"])) == (2, 2)
    assert sum(backlog(body).values()) == 0
