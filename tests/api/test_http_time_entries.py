"""Time entries: staff log minutes on a ticket, the ticket's sums stay exact through creation, change
and deletion, only the author (or a manager/admin) changes an entry, and customers never see any."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, who: str = "customer") -> str:
    reply = call(api, "POST", "/tickets", tenant.token(who), {"subject": "Printer", "description": "Jammed"})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def log(api: Client, tenant: Tenant, number: str, who: str = "agent", **body: Any) -> Any:
    return call(api, "POST", f"/tickets/{number}/time-entries", tenant.token(who), {"minutes": 30, **body})


def sums(api: Client, tenant: Tenant, number: str, who: str = "admin") -> tuple[int, int]:
    body = call(api, "GET", f"/tickets/{number}", tenant.token(who)).body
    return body["time_spent_minutes"], body["billable_minutes"]


def test_logging_time_adds_to_the_ticket_sums(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = log(api, acme, number, minutes=45, note="Replaced the fuser")
    assert first.status == 201, first.body
    entry = first.body
    assert (entry["minutes"], entry["billable"], entry["note"], entry["user_id"]) == (
        45,
        True,
        "Replaced the fuser",
        acme.user_id("agent"),
    )
    assert (entry["ticket_number"], entry["version"]) == (number, 1)
    assert entry["spent_on"] == date.today().isoformat()
    assert first.headers["Location"] == f"/tickets/{number}/time-entries/{entry['id']}"
    assert log(api, acme, number, who="manager", minutes=15, billable=False).status == 201
    assert sums(api, acme, number) == (60, 45)
    listed = call(api, "GET", f"/tickets/{number}/time-entries", acme.token("agent2"))
    assert listed.status == 200
    assert [e["minutes"] for e in listed.body["items"]] == [45, 15]


def test_editing_and_deleting_keep_the_sums_exact(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    entry = log(api, acme, number, minutes=30).body
    other = log(api, acme, number, minutes=20, billable=False).body
    path = f"/tickets/{number}/time-entries/{entry['id']}"
    changed = call(api, "PATCH", path, acme.token("agent"), {"minutes": 90, "billable": False})
    assert changed.status == 200, changed.body
    assert (changed.body["minutes"], changed.body["billable"], changed.body["version"]) == (90, False, 2)
    assert sums(api, acme, number) == (110, 0)
    stale = call(api, "PATCH", path, acme.token("agent"), {"minutes": 10}, headers={"If-Match": '"1"'})
    assert stale.status == 412
    assert call(api, "PATCH", path, acme.token("agent"), {"billable": True}, headers={"If-Match": '"2"'}).status == 200
    assert sums(api, acme, number) == (110, 90)
    assert call(api, "DELETE", path, acme.token("agent")).status == 204
    assert sums(api, acme, number) == (20, 0)
    assert call(api, "DELETE", path, acme.token("agent")).status == 404
    assert call(api, "DELETE", f"/tickets/{number}/time-entries/{other['id']}", acme.token("agent")).status == 204
    assert sums(api, acme, number) == (0, 0)


def test_an_agent_cannot_change_anothers_entry_but_a_manager_can(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    entry = log(api, acme, number, who="agent2", minutes=30).body
    path = f"/tickets/{number}/time-entries/{entry['id']}"
    refused = call(api, "PATCH", path, acme.token("agent"), {"minutes": 1})
    assert (refused.status, refused.body["error"]["code"]) == (403, "forbidden")
    assert call(api, "DELETE", path, acme.token("agent")).status == 403
    assert sums(api, acme, number) == (30, 30)
    assert call(api, "PATCH", path, acme.token("manager"), {"minutes": 40}).status == 200
    assert call(api, "DELETE", path, acme.token("admin")).status == 204
    assert sums(api, acme, number) == (0, 0)


def test_customers_never_see_entries_or_sums(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    assert log(api, acme, number, minutes=30).status == 201
    customer = acme.token("customer")
    assert sums(api, acme, number, who="customer") == (0, 0)
    listed = call(api, "GET", "/tickets", customer).body["items"]
    assert [(t["time_spent_minutes"], t["billable_minutes"]) for t in listed] == [(0, 0)]
    assert call(api, "GET", f"/tickets/{number}/time-entries", customer).status == 403
    assert log(api, acme, number, who="customer").status == 403
    others = open_ticket(api, acme, who="customer2")
    assert call(api, "GET", f"/tickets/{others}/time-entries", customer).status == 404
    assert sums(api, acme, number) == (30, 30)


def test_an_agent_cannot_log_time_on_a_ticket_they_cannot_see(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    assigned = {"assigned_agent_id": acme.user_id("agent2")}
    assert call(api, "PATCH", f"/tickets/{number}", acme.token("admin"), assigned).status == 200
    assert log(api, acme, number).status == 404
    globex = make_tenant(api, "globex", "globex.example")
    assert log(api, globex, number, who="admin").status == 404
    assert sums(api, acme, number) == (0, 0)


def test_entries_are_checked(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    for body in ({"minutes": 0}, {"minutes": 1441}, {"note": "x" * 1001}):
        reply = log(api, acme, number, **body)
        assert reply.status == 422, (body, reply.body)
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    future = log(api, acme, number, spent_on=tomorrow)
    assert (future.status, future.body["error"]["details"][0]["field"]) == (422, "spent_on")
    unknown = log(api, acme, number, comment_id="nope")
    assert (unknown.status, unknown.body["error"]["code"]) == (422, "invalid_comment")
    comment = call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "On it"}).body
    linked = log(api, acme, number, comment_id=comment["comment"]["id"], spent_on="2026-01-05")
    assert linked.status == 201, linked.body
    assert (linked.body["comment_id"], linked.body["spent_on"]) == (comment["comment"]["id"], "2026-01-05")
    assert sums(api, acme, number) == (30, 30)


def test_closed_tickets_take_no_time_entries(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    entry = log(api, acme, number).body
    admin = acme.token("admin")
    for status in ("solved", "closed"):
        assert call(api, "PATCH", f"/tickets/{number}", admin, {"status": status}).status == 200
    refused = log(api, acme, number)
    assert (refused.status, refused.body["error"]["code"]) == (409, "ticket_closed")
    assert call(api, "DELETE", f"/tickets/{number}/time-entries/{entry['id']}", admin).status == 409
    assert sums(api, acme, number) == (30, 30)


def test_a_retried_create_with_the_same_idempotency_key_logs_once(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    key = {"Idempotency-Key": "log-once-1"}
    first = call(api, "POST", f"/tickets/{number}/time-entries", acme.token("agent"), {"minutes": 25}, key)
    again = call(api, "POST", f"/tickets/{number}/time-entries", acme.token("agent"), {"minutes": 25}, key)
    assert first.status == again.status == 201
    assert first.body["id"] == again.body["id"]
    assert sums(api, acme, number) == (25, 25)
