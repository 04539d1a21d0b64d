"""GET /reports/time: minutes per agent, customer, department or day from counter rows kept by the time
entries' and work order jobs' own transactions (never by reading tickets), for managers and admins."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, who: str = "customer") -> str:
    reply = call(api, "POST", "/tickets", tenant.token(who), {"subject": "Printer", "description": "Jammed"})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def log(api: Client, tenant: Tenant, number: str, who: str, **body: Any) -> dict[str, Any]:
    reply = call(api, "POST", f"/tickets/{number}/time-entries", tenant.token(who), body)
    assert reply.status == 201, reply.body
    return dict(reply.body)


def report(api: Client, tenant: Tenant, group_by: str, who: str = "manager", **extra: str) -> Any:
    query = "&".join(f"{k}={v}" for k, v in {"group_by": group_by, **extra}.items())
    return call(api, "GET", f"/reports/time?{query}", tenant.token(who))


def rows(reply: Any) -> dict[str, tuple[str, int, int, int, int, int]]:
    assert reply.status == 200, reply.body
    return {
        r["key"]: (
            r["label"],
            r["minutes"],
            r["billable_minutes"],
            r["ticket_minutes"],
            r["work_order_minutes"],
            r["entries"],
        )
        for r in reply.body["rows"]
    }


def test_the_report_sums_entries_per_agent_customer_department_and_day(api: Client, acme: Tenant) -> None:
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Printers"}).body["id"]
    mine, theirs = open_ticket(api, acme), open_ticket(api, acme, who="customer2")
    assert call(api, "PATCH", f"/tickets/{mine}", acme.token("admin"), {"department_id": department}).status == 200
    today = date.today()
    yesterday = (today - timedelta(days=1)).isoformat()
    first = log(api, acme, mine, "agent", minutes=30)
    log(api, acme, mine, "agent", minutes=15, billable=False, spent_on=yesterday)
    log(api, acme, theirs, "agent2", minutes=20)
    gone = log(api, acme, theirs, "agent2", minutes=500)
    assert call(api, "DELETE", f"/tickets/{theirs}/time-entries/{gone['id']}", acme.token("agent2")).status == 204
    changed = {"minutes": 40}
    assert call(api, "PATCH", f"/tickets/{mine}/time-entries/{first['id']}", acme.token("agent"), changed).status == 200
    log(api, acme, mine, "agent", minutes=99, spent_on=(today - timedelta(days=40)).isoformat())  # outside the range

    by_agent = report(api, acme, "agent")
    assert rows(by_agent) == {
        acme.user_id("agent"): ("Agent User", 55, 40, 55, 0, 2),
        acme.user_id("agent2"): ("Agent2 User", 20, 20, 20, 0, 1),
    }
    assert by_agent.body["total"] == {
        "minutes": 75,
        "billable_minutes": 60,
        "ticket_minutes": 75,
        "work_order_minutes": 0,
        "entries": 3,
    }
    assert [r["key"] for r in by_agent.body["rows"]] == [acme.user_id("agent"), acme.user_id("agent2")]
    assert rows(report(api, acme, "customer")) == {
        acme.user_id("customer"): ("Customer User", 55, 40, 55, 0, 2),
        acme.user_id("customer2"): ("Customer2 User", 20, 20, 20, 0, 1),
    }
    assert rows(report(api, acme, "department")) == {
        department: ("Printers", 55, 40, 55, 0, 2),
        "-": ("No department", 20, 20, 20, 0, 1),
    }
    assert rows(report(api, acme, "day")) == {
        yesterday: (yesterday, 15, 0, 15, 0, 1),
        today.isoformat(): (today.isoformat(), 60, 60, 60, 0, 2),
    }
    only_yesterday = report(api, acme, "day", **{"from": yesterday, "to": yesterday})
    assert only_yesterday.body["total"]["minutes"] == 15


def test_completed_work_order_jobs_count_as_work_order_minutes_once(api: Client, acme: Tenant) -> None:
    technician = call(
        api,
        "POST",
        "/technicians",
        acme.token("manager"),
        # Works every day, all day: the job is scheduled relative to the wall clock the suite runs at.
        {
            "user_id": acme.user_id("agent"),
            "employee_id": "E1",
            "working_hours": {"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "23:59"},
        },
    ).body
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)  # inside the sessions' lifetime
    at = start + timedelta(hours=1)
    if (at.hour, at.minute) == (23, 59):  # the one minute "00:00-23:59" leaves out
        at -= timedelta(minutes=2)
    scheduled = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    order = call(
        api,
        "POST",
        "/work-orders",
        acme.token("manager"),
        {"title": "Boiler", "customer_id": acme.user_id("customer"), "scheduled_at": scheduled},
    ).body
    number = order["work_order_number"]
    with time_machine.travel(start, tick=False):
        assigned = call(
            api,
            "POST",
            f"/work-orders/{number}/assignments",
            acme.token("manager"),
            {"technician_id": technician["id"]},
        )
        assert assigned.status == 201, assigned.body
        job = assigned.body["assignment"]["id"]
        path = f"/work-orders/{number}/assignments/{job}"
        assert call(api, "PATCH", path, acme.token("agent"), {"status": "started"}).status == 200
    with time_machine.travel(start + timedelta(minutes=95), tick=False):
        done = call(api, "PATCH", path, acme.token("agent"), {"status": "completed"})
        assert done.status == 200, done.body
        again = call(api, "PATCH", path, acme.token("agent"), {"status": "completed"})
        assert again.status == 200
    day = (start + timedelta(minutes=95)).date()
    window = {"from": (day - timedelta(days=1)).isoformat(), "to": day.isoformat()}
    by_agent = rows(report(api, acme, "agent", **window))
    assert by_agent == {acme.user_id("agent"): ("Agent User", 95, 0, 0, 95, 0)}
    assert rows(report(api, acme, "customer", **window)) == {
        acme.user_id("customer"): ("Customer User", 95, 0, 0, 95, 0)
    }
    assert rows(report(api, acme, "day", **window)) == {day.isoformat(): (day.isoformat(), 95, 0, 0, 95, 0)}


def test_only_managers_and_admins_read_the_time_report(api: Client, acme: Tenant) -> None:
    for who in ("agent", "customer"):
        refused = report(api, acme, "agent", who=who)
        assert (refused.status, refused.body["error"]["code"]) == (403, "forbidden"), who
    assert report(api, acme, "agent", who="admin").status == 200


def test_one_organizations_time_never_shows_in_anothers_report(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", "globex.example")
    log(api, acme, open_ticket(api, acme), "agent", minutes=30)
    assert report(api, globex, "agent").body == {
        "from": (date.today() - timedelta(days=29)).isoformat(),
        "to": date.today().isoformat(),
        "group_by": "agent",
        "rows": [],
        "total": {"minutes": 0, "billable_minutes": 0, "ticket_minutes": 0, "work_order_minutes": 0, "entries": 0},
    }


def test_report_ranges_are_checked(api: Client, acme: Tenant) -> None:
    reversed_range = report(api, acme, "day", **{"from": "2026-02-01", "to": "2026-01-01"})
    assert reversed_range.status == 422
    too_long = report(api, acme, "day", **{"from": "2024-01-01", "to": "2026-01-01"})
    assert (too_long.status, too_long.body["error"]["code"]) == (422, "range_too_long")
    assert report(api, acme, "week").status in (400, 422)
