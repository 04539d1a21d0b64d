"""POST /tickets/bulk: the rules of PATCH /tickets/{number} on up to 100 tickets, each in its own
transaction, one result per ticket, a retried request changing nothing twice."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant, stored_items


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def ticket(api: Client, tenant: Tenant) -> dict[str, Any]:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": "Printer", "description": "Jammed"})
    assert reply.status == 201, reply.body
    return dict(reply.body)


def bulk(api: Client, tenant: Tenant, numbers: list[str], changes: dict[str, Any], who: str = "agent", **h: str) -> Any:
    body = {"ticket_numbers": numbers, "changes": changes}
    return call(api, "POST", "/tickets/bulk", tenant.token(who), body, headers=h)


def test_bulk_changes_every_ticket_and_reports_each(api: Client, acme: Tenant) -> None:
    tickets = [ticket(api, acme) for _ in range(3)]
    numbers = [t["ticket_number"] for t in tickets]
    done = bulk(api, acme, numbers, {"priority": "urgent", "add_tags": ["outage"], "status": "open"})
    assert done.status == 200, done.body
    assert (done.body["applied"], done.body["failed"]) == (3, 0)
    for result in done.body["results"]:
        assert result["status"] == "applied"
        assert (result["ticket"]["priority"], result["ticket"]["tags"], result["ticket"]["status"]) == (
            "urgent",
            ["outage"],
            "open",
        )
    again = bulk(api, acme, numbers, {"priority": "urgent"})
    assert [r["status"] for r in again.body["results"]] == ["unchanged"] * 3


def test_bulk_mixes_applied_closed_invisible_and_invalid_transition(api: Client, acme: Tenant) -> None:
    fine, closed, theirs, solved = (ticket(api, acme) for _ in range(4))
    admin = acme.token("admin")
    for status in ("solved", "closed"):
        assert call(api, "PATCH", f"/tickets/{closed['ticket_number']}", admin, {"status": status}).status == 200
    assert call(api, "PATCH", f"/tickets/{solved['ticket_number']}", admin, {"status": "solved"}).status == 200
    for t in (fine, theirs):
        assert call(api, "PATCH", f"/tickets/{t['ticket_number']}", admin, {"status": "open"}).status == 200
    assigned = {"assigned_agent_id": acme.user_id("agent2")}
    assert call(api, "PATCH", f"/tickets/{theirs['ticket_number']}", admin, assigned).status == 200
    numbers = [fine["ticket_number"], closed["ticket_number"], theirs["ticket_number"], solved["ticket_number"]]
    # solved -> pending is not a transition the lifecycle allows; open -> pending is.
    done = bulk(api, acme, numbers, {"status": "pending"})
    got = {r["ticket_number"]: (r["status"], (r["error"] or {}).get("code")) for r in done.body["results"]}
    assert got[fine["ticket_number"]] == ("applied", None)
    assert got[closed["ticket_number"]] == ("failed", "ticket_closed")
    assert got[theirs["ticket_number"]] == ("failed", "not_found")
    assert got[solved["ticket_number"]] == ("failed", "invalid_transition")
    assert (done.body["applied"], done.body["failed"]) == (1, 3)
    hidden = next(r for r in done.body["results"] if r["ticket_number"] == theirs["ticket_number"])
    assert hidden["ticket"] is None


def test_an_agent_cannot_bulk_assign_to_someone_else(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    before = stored_items()
    done = bulk(api, acme, [t["ticket_number"]], {"assigned_agent_id": acme.user_id("agent2")})
    [result] = done.body["results"]
    assert (result["status"], result["error"]["code"]) == ("failed", "forbidden")
    assert stored_items() == before


def test_a_bulk_move_to_an_inactive_department_fails_that_ticket_only(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Old"}).body["id"]
    assert call(api, "DELETE", f"/departments/{department}", acme.token("admin")).status == 204
    done = bulk(api, acme, [t["ticket_number"]], {"department_id": department})
    [result] = done.body["results"]
    assert (result["status"], result["error"]["code"]) == ("failed", "invalid_department")


def test_customers_cannot_bulk_change(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    refused = bulk(api, acme, [t["ticket_number"]], {"priority": "urgent"}, who="customer")
    assert (refused.status, refused.body["error"]["code"]) == (403, "forbidden")


@pytest.mark.parametrize(
    "body",
    [
        {"ticket_numbers": [], "changes": {"priority": "high"}},
        {"ticket_numbers": [f"T-{i}" for i in range(101)], "changes": {"priority": "high"}},
        {"ticket_numbers": ["T-1"], "changes": {}},
        {"ticket_numbers": ["T-1"], "changes": {"status": None}},
        {"ticket_numbers": ["T-1"], "changes": {"subject": "x"}},
    ],
)
def test_a_bad_bulk_request_is_422(api: Client, acme: Tenant, body: dict[str, Any]) -> None:
    refused = call(api, "POST", "/tickets/bulk", acme.token("agent"), body)
    assert refused.status == 422, refused.body


def test_a_replayed_bulk_request_with_the_same_key_answers_the_same(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    first = bulk(api, acme, [t["ticket_number"]], {"add_tags": ["a"]}, **{"Idempotency-Key": "bulk-1"})
    again = bulk(api, acme, [t["ticket_number"]], {"add_tags": ["a"]}, **{"Idempotency-Key": "bulk-1"})
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.body == first.body
