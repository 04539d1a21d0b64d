"""The SLA report and the ticket's SLA metrics, with time controlled by time-machine.

The report is read from counters the ticket transactions keep; these tests drive tickets through
replies, solves, reopens, sweeps, deletes and re-matches and check the counters follow.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_sla_sweep import run_sweep

T0 = datetime.fromisoformat("2026-03-02T09:00:00+00:00")  # a Monday


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def at(offset: timedelta) -> Any:
    return time_machine.travel(T0 + offset, tick=False)


def policy(api: Client, acme: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"name": "Standard", "first_response_hours": 1, "resolution_hours": 4, **fields}
    reply = call(api, "POST", "/sla-policies", acme.token("manager"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def open_ticket(api: Client, acme: Tenant, subject: str = "Help", **fields: Any) -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject, **fields})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def reply_as_staff(api: Client, acme: Tenant, number: str) -> None:
    reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("manager"), {"content": "On it"})
    assert reply.status == 201, reply.body


def set_status(api: Client, acme: Tenant, number: str, status: str) -> dict[str, Any]:
    reply = call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"status": status})
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def report(api: Client, acme: Tenant, query: str = "?from=2026-03-01&to=2026-03-31") -> dict[str, Any]:
    reply = call(api, "GET", f"/reports/sla{query}", acme.token("manager"))
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def test_report_counts_met_and_breached_targets_once_with_median_and_mean_times(api: Client, acme: Tenant) -> None:
    with at(timedelta()):
        standard = policy(api, acme)
        a, b, c = (open_ticket(api, acme, s) for s in ("A", "B", "C"))
    with at(timedelta(minutes=30)):
        reply_as_staff(api, acme, a)  # first response met: 30 min
    with at(timedelta(hours=2)):
        reply_as_staff(api, acme, b)  # first response late: 2 h, breached without any sweep
        set_status(api, acme, a, "solved")  # resolution met: 2 h
    with at(timedelta(hours=3)):
        set_status(api, acme, b, "solved")  # resolution met: 3 h
    run_sweep(api, T0 + timedelta(hours=5))  # C breaches both targets
    run_sweep(api, T0 + timedelta(hours=5, minutes=1))  # a second sweep adds nothing
    with at(timedelta(hours=6)):
        reply_as_staff(api, acme, c)  # completes late: the breach is not counted again
        set_status(api, acme, c, "solved")

    body = report(api, acme)
    first, resolution = body["overall"]["first_response"], body["overall"]["resolution"]
    assert (first["met"], first["breached"], first["completed"]) == (1, 2, 3)
    assert first["met_rate"] == pytest.approx(0.3333)
    assert first["breach_rate"] == pytest.approx(0.6667)
    assert first["mean_seconds"] == (1800 + 7200 + 21600) / 3
    # 1800 s, 7200 s, 21600 s: the middle value is alone in its (1 h, 2 h] bucket, so exact.
    assert first["median_seconds"] == 7200
    assert first["median_business_seconds"] == 7200  # 24x7 calendar: business time = calendar time
    assert (resolution["met"], resolution["breached"], resolution["completed"]) == (2, 1, 3)
    assert resolution["mean_seconds"] == (7200 + 10800 + 21600) / 3
    assert [(p["policy_id"], p["policy_name"]) for p in body["by_policy"]] == [(standard["id"], "Standard")]
    assert [p["priority"] for p in body["by_priority"]] == ["normal"]
    assert body["by_policy_and_priority"][0]["resolution"]["met"] == 2
    assert (body["from"], body["to"]) == ("2026-03-01", "2026-03-31")

    # Days outside the range contribute nothing.
    empty = report(api, acme, "?from=2026-03-03&to=2026-03-31")
    assert empty["overall"]["first_response"]["met"] == 0
    assert empty["overall"]["first_response"]["median_seconds"] is None
    assert empty["by_policy"] == []


def test_reopen_delete_and_restore_move_the_counters(api: Client, acme: Tenant) -> None:
    with at(timedelta()):
        policy(api, acme)
        number = open_ticket(api, acme)
    with at(timedelta(minutes=10)):
        reply_as_staff(api, acme, number)
        set_status(api, acme, number, "solved")
    assert report(api, acme)["overall"]["resolution"]["met"] == 1

    with at(timedelta(minutes=20)):
        reopened = call(api, "POST", f"/tickets/{number}/comments", acme.token("customer"), {"content": "Not fixed"})
        assert reopened.status == 201
    resolution = report(api, acme)["overall"]["resolution"]
    assert (resolution["met"], resolution["completed"]) == (0, 0)  # reopened: no longer resolved

    with at(timedelta(minutes=40)):
        solved = set_status(api, acme, number, "solved")
    assert solved["time_to_resolution"] == 2400
    resolution = report(api, acme)["overall"]["resolution"]
    assert (resolution["met"], resolution["completed"], resolution["mean_seconds"]) == (1, 1, 2400)

    assert call(api, "DELETE", f"/tickets/{number}", acme.token("manager")).status == 204
    assert report(api, acme)["overall"]["first_response"]["met"] == 0
    assert call(api, "POST", f"/tickets/{number}/restore", acme.token("manager")).status == 200
    assert report(api, acme)["overall"]["first_response"]["met"] == 1


def test_business_time_metrics_follow_the_policy_calendar(api: Client, acme: Tenant) -> None:
    week = [{"day": d, "start": "09:00", "end": "17:00"} for d in range(5)]
    policy(api, acme, calendar={"timezone": "Europe/London", "hours": week})  # UTC+0 in March
    with time_machine.travel(datetime.fromisoformat("2026-03-06T16:00:00+00:00"), tick=False):  # Friday 16:00
        number = open_ticket(api, acme)
    with time_machine.travel(datetime.fromisoformat("2026-03-09T10:00:00+00:00"), tick=False):  # Monday 10:00
        reply_as_staff(api, acme, number)
        ticket = call(api, "GET", f"/tickets/{number}", acme.token("manager")).body
    assert ticket["time_to_first_response"] == 66 * 3600
    assert ticket["business_time_to_first_response"] == 2 * 3600  # Fri 16-17 + Mon 9-10
    first = report(api, acme)["overall"]["first_response"]
    assert (first["met"], first["breached"]) == (0, 1)  # due Friday 17:00
    assert first["median_business_seconds"] == 7200
    assert first["mean_business_seconds"] == 7200


def test_report_reads_counters_not_tickets(api: Client, acme: Tenant) -> None:
    with at(timedelta()):
        policy(api, acme)
        numbers = [open_ticket(api, acme, f"T{i}") for i in range(6)]
    with at(timedelta(minutes=5)):
        for number in numbers:
            reply_as_staff(api, acme, number)
    with metering.metered() as calls:
        body = report(api, acme)
    assert body["overall"]["first_response"]["met"] == 6
    # authorizer (1 BatchGetItem) + counters (1 Query) + policy names (1 Query) + CSAT day rows (1 Query):
    # not one read per ticket
    assert [c.operation for c in calls] == ["BatchGetItem", "Query", "Query", "Query"]
    assert sum(c.items_read for c in calls) <= 3 + 2  # session, user, org + one counter row + one policy


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?from=2026-03-10&to=2026-03-01", "invalid_query"),
        ("?from=2025-01-01&to=2026-03-01", "range_too_long"),
        ("?from=yesterday", "invalid_query"),
        ("?since=2026-01-01", "invalid_query"),
    ],
)
def test_bad_report_ranges_are_422(api: Client, acme: Tenant, query: str, code: str) -> None:
    reply = call(api, "GET", f"/reports/sla{query}", acme.token("admin"))
    assert reply.status == 422
    assert reply.body["error"]["code"] == code


def test_agents_and_customers_cannot_read_reports(api: Client, acme: Tenant) -> None:
    for role in ("agent", "customer"):
        assert call(api, "GET", "/reports/sla", acme.token(role)).status == 403


def test_a_customer_tier_change_rematches_their_active_tickets(api: Client, acme: Tenant, stream: Any) -> None:
    vip = policy(api, acme, name="VIP", order=0, conditions={"customer_tier": ["vip"]}, first_response_hours=0.5)
    default = policy(api, acme, name="Default", order=1)
    open_number = open_ticket(api, acme, "Still open")
    solved_number = open_ticket(api, acme, "Done")
    set_status(api, acme, solved_number, "solved")
    assert call(api, "GET", f"/tickets/{open_number}", acme.token("manager")).body["sla_policy_id"] == default["id"]
    stream.drain()

    changed = call(api, "PATCH", f"/users/{acme.user_id('customer')}", acme.token("admin"), {"customer_tier": "vip"})
    assert changed.status == 200, changed.body
    stream.drain()
    ticket = call(api, "GET", f"/tickets/{open_number}", acme.token("manager")).body
    assert ticket["sla_policy_id"] == vip["id"]
    created = datetime.fromisoformat(ticket["created_at"].replace("Z", "+00:00"))
    due = datetime.fromisoformat(ticket["first_response_due"].replace("Z", "+00:00"))
    assert due - created == timedelta(minutes=30)
    history = call(api, "GET", f"/tickets/{open_number}/history", acme.token("manager")).body["items"]
    assert any(h["change_type"] == "sla_rematched" and h["field_name"] == "sla_policy_id" for h in history)
    # Solved tickets keep the policy they were measured against.
    solved = call(api, "GET", f"/tickets/{solved_number}", acme.token("manager")).body
    assert solved["sla_policy_id"] == default["id"]

    # Delivering the same records again changes nothing (idempotent subscriber).
    version = ticket["version"]
    stream.poller.iterators.clear()  # re-read the stream from its start
    stream.drain()
    assert call(api, "GET", f"/tickets/{open_number}", acme.token("manager")).body["version"] == version
