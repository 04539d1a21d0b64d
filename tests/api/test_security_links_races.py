"""Linked tickets and time entries under contention, through the HTTP API on the locked moto server
(real transactions): concurrent links to one parent all count, concurrent time entries all add up."""

from __future__ import annotations

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_security_writes import at_once, request
from tests.api.test_security_writes import server_api as server_api  # the fixture


@pytest.fixture
def acme(server_api: Client) -> Tenant:
    return make_tenant(server_api, "acme")


def open_ticket(api: Client, acme: Tenant) -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Outage", "description": "Down"})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def test_concurrent_links_to_one_parent_keep_child_count_exact(server_api: Client, acme: Tenant) -> None:
    parent = open_ticket(server_api, acme)
    children = [open_ticket(server_api, acme) for _ in range(5)]
    replies = at_once(
        [
            request(
                server_api,
                "POST",
                f"/tickets/{child}/links",
                acme.token("agent"),
                {"kind": "parent", "ticket_number": parent},
            )
            for child in children
        ]
    )
    assert [r.status for r in replies] == [201] * 5, [r.body for r in replies]
    assert call(server_api, "GET", f"/tickets/{parent}", acme.token("admin")).body["child_count"] == 5
    listed = call(server_api, "GET", f"/tickets/{parent}/links", acme.token("admin")).body["items"]
    assert sorted(i["ticket"]["ticket_number"] for i in listed) == sorted(children)
    for child in children:
        assert call(server_api, "GET", f"/tickets/{child}", acme.token("admin")).body["parent_number"] == parent


def test_concurrent_time_entries_keep_the_ticket_sums_exact(server_api: Client, acme: Tenant) -> None:
    number = open_ticket(server_api, acme)
    people = ["agent", "agent2", "manager", "admin", "agent"]
    replies = at_once(
        [
            request(
                server_api,
                "POST",
                f"/tickets/{number}/time-entries",
                acme.token(who),
                {"minutes": 10 + n, "billable": n % 2 == 0},
            )
            for n, who in enumerate(people)
        ]
    )
    assert [r.status for r in replies] == [201] * 5, [r.body for r in replies]
    body = call(server_api, "GET", f"/tickets/{number}", acme.token("admin")).body
    assert (body["time_spent_minutes"], body["billable_minutes"]) == (60, 10 + 12 + 14)
    total = call(server_api, "GET", "/reports/time?group_by=day", acme.token("manager")).body["total"]
    assert (total["minutes"], total["billable_minutes"], total["entries"]) == (60, 36, 5)
