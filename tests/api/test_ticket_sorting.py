"""``sort=`` on the ticket list: every order is read from an index in order (never sorted in memory
after a filter), and an order no index serves is refused naming what is supported."""

from __future__ import annotations

from typing import Any

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


@pytest.mark.parametrize("sort", ["subject", "-status", "customer_id"])
def test_an_order_no_index_serves_is_refused(api: Client, acme: Tenant, sort: str) -> None:
    reply = call(api, "GET", f"/tickets?sort={sort}", acme.token("manager"))
    assert reply.status in (400, 422), reply.body
    assert reply.body["error"]["code"] == "invalid_query"
    assert "sort" in str(reply.body["error"]["details"])


def test_creation_order_is_for_staff_who_see_every_ticket(api: Client, acme: Tenant) -> None:
    three_tickets(api, acme)
    assert call(api, "GET", "/tickets?sort=created_at", acme.token("agent")).status == 403
    assert call(api, "GET", "/tickets?sort=created_at", acme.token("customer")).status == 422


def pages(api: Client, acme: Tenant, query: str, role: str = "manager") -> list[list[str]]:
    """Every page of ``/tickets{query}&limit=2``, following next_cursor."""
    found: list[list[str]] = []
    cursor = ""
    while True:
        reply = call(api, "GET", f"/tickets{query}&limit=2{cursor}", acme.token(role))
        assert reply.status == 200, reply.body
        found.append([t["ticket_number"] for t in reply.body["items"]])
        if reply.body["next_cursor"] is None:
            return found
        cursor = f"&cursor={reply.body['next_cursor']}"


def open_ticket(api: Client, acme: Tenant, subject: str, priority: str = "normal", role: str = "manager") -> str:
    body: dict[str, Any] = {"subject": subject, "priority": priority}
    if role != "customer":
        body["customer_id"] = acme.user_id("customer")
    reply = call(api, "POST", "/tickets", acme.token(role), body)
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def test_priority_order_reads_urgent_first_across_pages_and_follows_a_priority_change(
    api: Client, acme: Tenant
) -> None:
    low = open_ticket(api, acme, "low", "low")
    urgent = open_ticket(api, acme, "urgent", "urgent")
    normal = open_ticket(api, acme, "normal", "normal")
    high = open_ticket(api, acme, "high", "high")
    assert pages(api, acme, "?sort=-priority") == [[urgent, high], [normal, low]]
    assert pages(api, acme, "?sort=priority") == [[low, normal], [high, urgent]]
    raised = call(api, "PATCH", f"/tickets/{low}", acme.token("manager"), {"priority": "urgent"})
    assert raised.status == 200, raised.body
    assert pages(api, acme, "?sort=-priority") == [[urgent, low], [high, normal]], "within a priority: newest first"
    with metering.metered() as calls:
        first = call(api, "GET", "/tickets?sort=-priority&limit=2", acme.token("admin"))
    assert first.status == 200, first.body
    queries = [c for c in calls if c.operation == "Query"]
    assert [q.params.get("IndexName") for q in queries] == ["GSI5"]
    assert [c.operation for c in calls].count("BatchGetItem") == 2, "the session, then the page's tickets"


def test_sla_due_order_puts_the_next_due_first_and_moves_a_ticket_on_its_first_reply(api: Client, acme: Tenant) -> None:
    policy = {"name": "Fast", "first_response_hours": 1, "resolution_hours": 24}
    policy["conditions"] = {"priority": ["normal", "high", "urgent"]}
    assert call(api, "POST", "/sla-policies", acme.token("manager"), policy).status == 201
    first = open_ticket(api, acme, "first", role="customer")
    without = open_ticket(api, acme, "no policy", "low")
    second = open_ticket(api, acme, "second", role="customer")
    assert pages(api, acme, "?sort=sla_due_at") == [[first, second], [without]], "no pending due: last"
    assert pages(api, acme, "?sort=-sla_due_at") == [[without, second], [first]]
    shown = call(api, "GET", f"/tickets/{first}", acme.token("manager")).body
    assert shown["sla_due_at"] == shown["first_response_due"]
    reply = call(api, "POST", f"/tickets/{first}/comments", acme.token("agent"), {"content": "On it"})
    assert reply.status == 201, reply.body
    assert pages(api, acme, "?sort=sla_due_at") == [[second, first], [without]], "now due at its resolution"
    shown = call(api, "GET", f"/tickets/{first}", acme.token("manager")).body
    assert shown["sla_due_at"] == shown["resolution_due"]
    assert call(api, "GET", f"/tickets/{without}", acme.token("manager")).body["sla_due_at"] is None


def test_a_deleted_ticket_leaves_every_order_and_comes_back_on_restore(api: Client, acme: Tenant) -> None:
    one = open_ticket(api, acme, "one", "high")
    two = open_ticket(api, acme, "two", "low")
    queries = ("?sort=-priority", "?sort=sla_due_at", f"?created_by_id={acme.user_id('manager')}")
    assert call(api, "DELETE", f"/tickets/{one}", acme.token("admin")).status in (200, 204)
    for query in queries:
        assert pages(api, acme, query) == [[two]], query
    assert call(api, "POST", f"/tickets/{one}/restore", acme.token("admin")).status == 200
    assert pages(api, acme, "?sort=-priority") == [[one, two]]
    assert pages(api, acme, "?sort=sla_due_at") == [[one, two]], "no policy: ordered by number"
    assert pages(api, acme, f"?created_by_id={acme.user_id('manager')}") == [[two, one]]


def test_created_by_lists_only_that_creators_tickets_newest_first(api: Client, acme: Tenant) -> None:
    mine = [open_ticket(api, acme, f"customer {i}", role="customer") for i in range(3)]
    staff = open_ticket(api, acme, "by the manager")
    other = call(api, "POST", "/tickets", acme.token("customer2"), {"subject": "by another customer"})
    assert other.status == 201, other.body
    customer = acme.user_id("customer")
    assert pages(api, acme, f"?created_by_id={customer}") == [[mine[2], mine[1]], [mine[0]]]
    assert pages(api, acme, f"?created_by_id={customer}&sort=created_at") == [[mine[0], mine[1]], [mine[2]]]
    assert pages(api, acme, f"?created_by_id={acme.user_id('manager')}") == [[staff]]
    assert pages(api, acme, f"?created_by_id={customer}", role="customer") == [[mine[2], mine[1]], [mine[0]]]
    assert pages(api, acme, f"?created_by_id={acme.user_id('agent')}", role="agent") == [[]]
    with metering.metered() as calls:
        call(api, "GET", f"/tickets?created_by_id={customer}", acme.token("manager"))
    queries = [c for c in calls if c.operation == "Query"]
    assert [q.params.get("IndexName") for q in queries] == ["GSI5"]


def test_created_by_of_someone_else_needs_tickets_view_all(api: Client, acme: Tenant) -> None:
    open_ticket(api, acme, "mine", role="customer")
    customer = acme.user_id("customer")
    for role in ("customer2", "agent"):
        reply = call(api, "GET", f"/tickets?created_by_id={customer}", acme.token(role))
        assert reply.status == 403, (role, reply.body)
    globex = make_tenant(api, "globex")
    reply = call(api, "GET", f"/tickets?created_by_id={customer}", globex.token("admin"))
    assert reply.status == 200, reply.body
    assert reply.body["items"] == [], "another organization's creator partition is its own"


def test_an_agent_sees_only_the_created_tickets_they_may_see(api: Client, acme: Tenant) -> None:
    created = call(
        api,
        "POST",
        "/tickets",
        acme.token("agent"),
        {"subject": "for agent2", "customer_id": acme.user_id("customer")},
    )
    assert created.status == 201, created.body
    number = created.body["ticket_number"]
    moved = call(
        api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"assigned_agent_id": acme.user_id("agent2")}
    )
    assert moved.status == 200, moved.body
    assert pages(api, acme, f"?created_by_id={acme.user_id('agent')}", role="agent") == [[]]
    assert pages(api, acme, f"?created_by_id={acme.user_id('agent')}", role="manager") == [[number]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?sort=-priority&status=open", "status"),
        ("?sort=sla_due_at&view=unassigned", "view"),
        ("?sort=priority&customer_id=someone", "customer_id"),
        ("?sort=-sla_due_at&created_by_id=someone", "sort"),
        ("?created_by_id=someone&status=open", "status"),
        ("?created_by_id=someone&sort=-updated_at", "sort"),
        ("?created_by_id=someone&assigned_agent_id=someone", "assigned_agent_id"),
    ],
)
def test_an_entry_order_or_creator_list_with_another_filter_is_refused_naming_it(
    api: Client, acme: Tenant, query: str, field: str
) -> None:
    reply = call(api, "GET", f"/tickets{query}", acme.token("manager"))
    assert reply.status == 422, reply.body
    detail = reply.body["error"]["details"][0]
    assert detail["field"] == field
    assert "created_by_id" in detail["message"]


@pytest.mark.parametrize("sort", ["-priority", "sla_due_at"])
def test_entry_orders_are_for_staff_who_see_every_ticket(api: Client, acme: Tenant, sort: str) -> None:
    assert call(api, "GET", f"/tickets?sort={sort}", acme.token("agent")).status == 403
    assert call(api, "GET", f"/tickets?sort={sort}", acme.token("customer")).status == 422


def test_index_entries_are_invisible_to_stream_consumers(api: Client, acme: Tenant, stream: Any) -> None:
    hook = {"url": "https://hooks.example.com/events", "events": ["ticket.created", "ticket.updated"]}
    subscription = call(api, "POST", "/webhook-subscriptions", acme.token("admin"), hook)
    assert subscription.status == 201, subscription.body
    number = open_ticket(api, acme, "watched", "low")
    assert call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"priority": "urgent"}).status == 200
    assert call(api, "DELETE", f"/tickets/{number}", acme.token("admin")).status in (200, 204)
    assert call(api, "POST", f"/tickets/{number}/restore", acme.token("admin")).status == 200
    stream.drain()
    path = f"/webhook-subscriptions/{subscription.body['id']}/deliveries"
    log = call(api, "GET", path, acme.token("admin")).body["items"]
    assert sorted(d["event"] for d in log) == ["ticket.created", "ticket.updated", "ticket.updated"], (
        "one per ticket change (the priority change, the restore); the entries' writes publish nothing"
    )
