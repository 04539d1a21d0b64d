"""``sort=`` on the ticket list: every order is read from an index in order (never sorted in memory
after a filter), and an order no index serves is refused naming what is supported."""

from __future__ import annotations

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def three_tickets(api: Client, acme: Tenant) -> list[str]:
    """Created 1, 2, 3; then the first is edited, so by update the order is 2, 3, 1."""
    numbers = []
    for subject in ("one", "two", "three"):
        reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject})
        assert reply.status == 201, reply.body
        numbers.append(reply.body["ticket_number"])
    edited = call(api, "PATCH", f"/tickets/{numbers[0]}", acme.token("manager"), {"priority": "high"})
    assert edited.status == 200, edited.body
    return numbers


def numbers_of(api: Client, acme: Tenant, query: str, role: str = "manager") -> list[str]:
    reply = call(api, "GET", f"/tickets{query}", acme.token(role))
    assert reply.status == 200, reply.body
    return [t["ticket_number"] for t in reply.body["items"]]


def test_tickets_sort_by_creation_and_by_update_both_ways(api: Client, acme: Tenant) -> None:
    one, two, three = three_tickets(api, acme)
    assert numbers_of(api, acme, "") == [one, three, two], "default: newest update first"
    assert numbers_of(api, acme, "?sort=updated_at") == [two, three, one]
    assert numbers_of(api, acme, "?sort=-created_at") == [three, two, one]
    assert numbers_of(api, acme, "?sort=created_at") == [one, two, three]
    assert numbers_of(api, acme, "?sort=updated_at", role="customer") == [two, three, one]


def test_creation_order_pages_through_its_index_and_skips_deleted_tickets(api: Client, acme: Tenant) -> None:
    one, two, three = three_tickets(api, acme)
    with metering.metered() as calls:
        first = call(api, "GET", "/tickets?sort=created_at&limit=2", acme.token("admin"))
    assert [t["ticket_number"] for t in first.body["items"]] == [one, two]
    queries = [c for c in calls if c.operation == "Query"]
    assert [q.params.get("IndexName") for q in queries] == ["GSI5"]
    assert [c.operation for c in calls].count("BatchGetItem") == 2, "the session, then the page's tickets"
    rest = call(api, "GET", f"/tickets?sort=created_at&limit=2&cursor={first.body['next_cursor']}", acme.token("admin"))
    assert [t["ticket_number"] for t in rest.body["items"]] == [three]
    assert call(api, "DELETE", f"/tickets/{two}", acme.token("admin")).status in (200, 204)
    assert numbers_of(api, acme, "?sort=created_at") == [one, three]
    globex = make_tenant(api, "globex")
    assert numbers_of(api, globex, "?sort=created_at", role="admin") == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?sort=created_at&status=open", "status"),
        ("?sort=-created_at&view=mine", "view"),
        ("?sort=created_at&priority=high", "priority"),
        ("?sort=created_at&updated_since=2026-01-01T00:00:00Z", "updated_since"),
    ],
)
def test_a_creation_order_with_a_filter_is_refused_naming_the_filter(
    api: Client, acme: Tenant, query: str, field: str
) -> None:
    reply = call(api, "GET", f"/tickets{query}", acme.token("manager"))
    assert reply.status == 422, reply.body
    detail = reply.body["error"]["details"][0]
    assert detail["field"] == field
    assert "supported" in detail["message"]


@pytest.mark.parametrize("sort", ["priority", "-sla_due_at", "subject"])
def test_an_order_no_index_serves_is_refused(api: Client, acme: Tenant, sort: str) -> None:
    reply = call(api, "GET", f"/tickets?sort={sort}", acme.token("manager"))
    assert reply.status in (400, 422), reply.body
    assert reply.body["error"]["code"] == "invalid_query"
    assert "sort" in str(reply.body["error"]["details"])


def test_creation_order_is_for_staff_who_see_every_ticket(api: Client, acme: Tenant) -> None:
    three_tickets(api, acme)
    assert call(api, "GET", "/tickets?sort=created_at", acme.token("agent")).status == 403
    assert call(api, "GET", "/tickets?sort=created_at", acme.token("customer")).status == 422
