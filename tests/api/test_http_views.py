"""Saved views through HTTP: CRUD per role, the built-ins' contents on seeded tickets (frozen
clock), counts equal to what the view lists (exact from the counters, else bounded and capped),
sorts, paging, If-Match and the read-only built-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.services import views as engine
from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_sla_sweep import run_sweep

BUILTIN_IDS = [
    "builtin:my_open",
    "builtin:unassigned",
    "builtin:due_soon",
    "builtin:breached",
    "builtin:pending_48h",
    "builtin:recently_solved",
]


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, subject: str = "Scanner offline", **fields: Any) -> str:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": subject, **fields})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def change(api: Client, tenant: Tenant, number: str, role: str = "manager", **fields: Any) -> None:
    reply = call(api, "PATCH", f"/tickets/{number}", tenant.token(role), fields)
    assert reply.status == 200, reply.body


def answer(api: Client, tenant: Tenant, number: str) -> None:
    reply = call(api, "POST", f"/tickets/{number}/comments", tenant.token("agent"), {"content": "On it"})
    assert reply.status == 201, reply.body


def create_view(api: Client, tenant: Tenant, role: str = "agent", **fields: Any) -> dict[str, Any]:
    body = {"name": "Mine", "filter": {}, **fields}
    reply = call(api, "POST", "/views", tenant.token(role), body)
    assert reply.status == 201, reply.body
    assert reply.headers["Location"].endswith(f"/views/{reply.body['id']}")
    result: dict[str, Any] = reply.body
    return result


def views_of(api: Client, tenant: Tenant, role: str = "manager", counts: bool = True) -> dict[str, dict[str, Any]]:
    reply = call(api, "GET", "/views" + ("?include=counts" if counts else ""), tenant.token(role))
    assert reply.status == 200, reply.body
    assert reply.body["next_cursor"] is None
    return {v["id"]: v for v in reply.body["items"]}


def listed(api: Client, tenant: Tenant, view_id: str, role: str = "manager", limit: int = 100) -> list[str]:
    """Every ticket number the view lists, following the cursor."""
    numbers: list[str] = []
    cursor = ""
    for _ in range(50):
        reply = call(api, "GET", f"/views/{view_id}/tickets?limit={limit}&cursor={cursor}", tenant.token(role))
        assert reply.status == 200, reply.body
        numbers += [t["ticket_number"] for t in reply.body["items"]]
        if reply.body["next_cursor"] is None:
            return numbers
        cursor = reply.body["next_cursor"]
    raise AssertionError("the cursor never ended")


def test_staff_see_the_builtins_first_with_counts_and_customers_have_no_views(api: Client, acme: Tenant) -> None:
    found = views_of(api, acme)
    assert list(found) == BUILTIN_IDS
    assert all(v["scope"] == "builtin" and v["count"] == 0 and v["count_capped"] is False for v in found.values())
    assert all(v["count"] is None for v in views_of(api, acme, counts=False).values())
    for path in ("/views", "/views/builtin:my_open", "/views/builtin:my_open/tickets"):
        reply = call(api, "GET", path, acme.token("customer"))
        assert reply.status == 403, (path, reply.body)
    assert call(api, "POST", "/views", acme.token("customer"), {"name": "X", "filter": {}}).status == 403


def test_an_agent_creates_reads_patches_and_deletes_a_personal_view(api: Client, acme: Tenant) -> None:
    view = create_view(api, acme, name="Urgent", filter={"priority": ["urgent"]}, position=2)
    assert view | {"id": None, "created_at": None, "updated_at": None} == {
        "id": None,
        "name": "Urgent",
        "scope": "personal",
        "department_id": None,
        "owner_id": acme.user_id("agent"),
        "filter": view["filter"],
        "sort": "-updated_at",
        "columns": ["ticket_number", "subject", "requester", "status", "priority", "assignee", "updated_at", "sla"],
        "position": 2,
        "count": None,
        "count_capped": False,
        "version": 1,
        "created_at": None,
        "updated_at": None,
    }
    assert view["filter"]["priority"] == ["urgent"]
    path = f"/views/{view['id']}"
    read = call(api, "GET", path, acme.token("agent"))
    assert (read.status, read.body["name"], read.headers["ETag"]) == (200, "Urgent", '"1"')
    assert list(views_of(api, acme, "agent"))[-1] == view["id"], "personal views come after the built-ins"

    stale = call(api, "PATCH", path, acme.token("agent"), {"name": "Hot"}, headers={"If-Match": '"7"'})
    assert stale.status == 412, stale.body
    patched = call(api, "PATCH", path, acme.token("agent"), {"name": "Hot", "sort": "priority"}, {"If-Match": '"1"'})
    assert patched.status == 200, patched.body
    assert (patched.body["name"], patched.body["sort"], patched.body["version"]) == ("Hot", "priority", 2)
    assert call(api, "PATCH", path, acme.token("agent"), {"scope": "organization"}).status == 422

    assert call(api, "DELETE", path, acme.token("agent")).status == 204
    assert call(api, "GET", path, acme.token("agent")).status == 404
    assert view["id"] not in views_of(api, acme, "agent")


def test_shared_views_need_a_manager_and_department_views_reach_its_members(api: Client, acme: Tenant) -> None:
    refused = call(api, "POST", "/views", acme.token("agent"), {"name": "All", "filter": {}, "scope": "organization"})
    assert refused.status == 403, refused.body
    shared = create_view(
        api, acme, "manager", name="Everything open", filter={"status": ["open"]}, scope="organization"
    )
    assert (shared["owner_id"], shared["scope"]) == (None, "organization")
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Billing"}).body["id"]
    missing = call(api, "POST", "/views", acme.token("admin"), {"name": "B", "filter": {}, "scope": "department"})
    assert missing.status == 422, missing.body
    unknown = call(
        api,
        "POST",
        "/views",
        acme.token("admin"),
        {"name": "B", "filter": {}, "scope": "department", "department_id": "0" * 20},
    )
    assert (unknown.status, unknown.body["error"]["code"]) == (422, "invalid_department")
    billing = create_view(api, acme, "admin", name="Billing queue", scope="department", department_id=department)

    agent_views = views_of(api, acme, "agent")
    assert shared["id"] in agent_views
    assert billing["id"] not in agent_views
    assert call(api, "GET", f"/views/{billing['id']}", acme.token("agent")).status == 404
    assert (
        call(api, "PUT", f"/departments/{department}/members/{acme.user_id('agent')}", acme.token("admin")).status
        == 200
    )
    assert billing["id"] in views_of(api, acme, "agent")
    assert call(api, "GET", f"/views/{billing['id']}/tickets", acme.token("agent")).status == 200

    for method, body in (("PATCH", {"name": "Mine now"}), ("DELETE", None)):
        reply = call(api, method, f"/views/{shared['id']}", acme.token("agent"), body)
        assert (reply.status, reply.body["error"]["code"]) == (403, "forbidden"), (method, reply.body)
    assert call(api, "PATCH", f"/views/{shared['id']}", acme.token("admin"), {"position": 3}).status == 200
    order = list(views_of(api, acme, "agent"))
    assert order.index(shared["id"]) < order.index(billing["id"]), "organization views before department views"


def test_builtins_are_read_only(api: Client, acme: Tenant) -> None:
    for role in ("agent", "admin"):
        patch = call(api, "PATCH", "/views/builtin:my_open", acme.token(role), {"name": "Renamed"})
        delete = call(api, "DELETE", "/views/builtin:unassigned", acme.token(role))
        assert (patch.status, patch.body["error"]["code"]) == (403, "builtin_view")
        assert (delete.status, delete.body["error"]["code"]) == (403, "builtin_view")
    assert call(api, "GET", "/views/builtin:nothing", acme.token("agent")).status == 404
    assert views_of(api, acme)["builtin:my_open"]["name"] == "My open tickets"


def test_builtins_list_the_right_tickets_and_count_what_they_list(api: Client, acme: Tenant) -> None:
    agent = acme.user_id("agent")
    # The clock goes back 49 hours for the old tickets (sessions stay valid), then comes back.
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=49)
    with time_machine.travel(start, tick=False):
        pending_old = open_ticket(api, acme, "Waiting on customer")  # before any SLA policy: no due
        change(api, acme, pending_old, assigned_agent_id=agent)
        change(api, acme, pending_old, status="pending")
        sla = {"name": "Fast", "first_response_hours": 1, "resolution_hours": 8}
        assert call(api, "POST", "/sla-policies", acme.token("manager"), sla).status == 201
        breached = open_ticket(api, acme, "Nobody answered")
    with time_machine.travel(start + timedelta(hours=49), tick=False):
        run_sweep(api, start + timedelta(hours=49))
        mine_open = open_ticket(api, acme, "Mine and open")
        change(api, acme, mine_open, assigned_agent_id=agent)
        answer(api, acme, mine_open)  # first response met: resolution due in 8 hours
        due_soon = open_ticket(api, acme, "Due soon")
        solved = open_ticket(api, acme, "Solved today")
        change(api, acme, solved, assigned_agent_id=agent)
        change(api, acme, solved, status="solved")
        pending_new = open_ticket(api, acme, "Pending, recent")
        answer(api, acme, pending_new)
        change(api, acme, pending_new, status="pending")
    with time_machine.travel(start + timedelta(hours=49, minutes=30), tick=False):
        expected = {
            "builtin:my_open": {mine_open, pending_old},
            "builtin:unassigned": {breached, due_soon, pending_new},
            "builtin:due_soon": {breached, due_soon},
            "builtin:breached": {breached},
            "builtin:pending_48h": {pending_old},
            "builtin:recently_solved": {solved},
        }
        for role in ("agent", "manager"):
            found = views_of(api, acme, role)
            for view_id, numbers in expected.items():
                numbers = set() if role == "manager" and view_id == "builtin:my_open" else numbers
                assert set(listed(api, acme, view_id, role)) == numbers, (role, view_id)
                assert (found[view_id]["count"], found[view_id]["count_capped"]) == (len(numbers), False), (
                    role,
                    view_id,
                )
        assert listed(api, acme, "builtin:due_soon") == [breached, due_soon], "soonest due first"
        page = call(api, "GET", "/views/builtin:due_soon/tickets?include=sla,users", acme.token("agent")).body
        assert [t["sla_status"]["state"] for t in page["items"]] == ["breached", "running"]
        assert {u["id"] for u in page["included"]["users"]} >= {acme.user_id("customer")}


def test_an_agent_never_sees_anothers_tickets_through_a_shared_view(api: Client, acme: Tenant) -> None:
    theirs = open_ticket(api, acme, "Agent 2's")
    change(api, acme, theirs, assigned_agent_id=acme.user_id("agent2"))
    mine = open_ticket(api, acme, "Agent 1's")
    change(api, acme, mine, assigned_agent_id=acme.user_id("agent"))
    unassigned = open_ticket(api, acme, "Nobody's")
    for sort in ("-updated_at", "created_at", "-priority", "sla_due_at"):
        shared = create_view(api, acme, "manager", name=f"All {sort}", filter={}, scope="organization", sort=sort)
        assert set(listed(api, acme, shared["id"], "manager")) == {theirs, mine, unassigned}, sort
        assert set(listed(api, acme, shared["id"], "agent")) == {mine, unassigned}, sort
        assert views_of(api, acme, "agent")[shared["id"]]["count"] == 2
    their_view = create_view(
        api, acme, "manager", name="Agent 2", filter={"assignee": [acme.user_id("agent2")]}, scope="organization"
    )
    assert listed(api, acme, their_view["id"], "agent") == []
    assert listed(api, acme, their_view["id"], "manager") == [theirs]
    assert views_of(api, acme, "agent")[their_view["id"]]["count"] == 0


def test_counts_cap_at_100_and_paging_walks_every_ticket(api: Client, acme: Tenant) -> None:
    numbers = [open_ticket(api, acme, f"Ticket {i}", priority="high" if i % 2 else "low") for i in range(103)]
    high = create_view(api, acme, "manager", name="High", filter={"priority": ["high"]})
    found = views_of(api, acme)
    assert (found["builtin:unassigned"]["count"], found["builtin:unassigned"]["count_capped"]) == (100, True)
    assert (found[high["id"]]["count"], found[high["id"]]["count_capped"]) == (51, False)
    assert listed(api, acme, "builtin:unassigned", limit=7) == list(reversed(numbers))
    assert listed(api, acme, high["id"], limit=10) == [n for i, n in enumerate(numbers) if i % 2][::-1]


def test_a_request_reads_at_most_its_budget_and_the_cursor_goes_on(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "READ_BUDGET", 30)
    monkeypatch.setattr(engine, "CHUNK", 25)
    wanted = open_ticket(api, acme, "The one", priority="urgent")
    for i in range(60):
        open_ticket(api, acme, f"Noise {i}")
    view = create_view(api, acme, "manager", name="Urgent", filter={"priority": ["urgent"], "tags": []})
    pages = 0
    cursor = ""
    found: list[str] = []
    while True:
        with metering.metered() as calls:
            reply = call(api, "GET", f"/views/{view['id']}/tickets?limit=5&cursor={cursor}", acme.token("manager"))
        assert reply.status == 200, reply.body
        read = sum(int(c.response.get("ScannedCount", 0)) for c in calls if c.operation == "Query")
        assert read <= 50, read
        found += [t["ticket_number"] for t in reply.body["items"]]
        pages += 1
        cursor = reply.body["next_cursor"]
        if cursor is None:
            break
    assert found == [wanted]
    assert pages >= 2, "the 61 tickets took more than one bounded request"


def test_a_view_counts_from_the_counters_when_it_is_one(api: Client, acme: Tenant) -> None:
    for _ in range(3):
        open_ticket(api, acme)
    mine_open = create_view(api, acme, "agent", name="New", filter={"status": ["new", "open"]})
    with metering.metered() as calls:
        found = views_of(api, acme, "agent")
    assert found[mine_open["id"]]["count"] == 3, "an agent counts their own and the unassigned queue"
    # Departments (1) and views (2), then the bounded counts of due_soon, breached, pending_48h and
    # recently_solved in the agent's two queues (2 each); my_open, unassigned and "New" are ONE
    # BatchGetItem of counters (the other BatchGetItem is the session's).
    assert [c.operation for c in calls].count("Query") == 3 + 4 * 2
    assert [c.operation for c in calls].count("BatchGetItem") == 2
    with metering.metered() as calls:
        views_of(api, acme, "manager")
    # A manager: due_soon on the SLA due order's key range (1 Query; no ticket is due, so no
    # BatchGetItem), breached on the four live status queues (4), pending_48h (1) and
    # recently_solved (the solved and closed queues, 2), each within its update-time range.
    assert [c.operation for c in calls].count("Query") == 3 + 1 + 4 + 1 + 2
    assert [c.operation for c in calls].count("BatchGetItem") == 2


def test_a_typical_set_of_ten_views_costs_a_bounded_number_of_calls(api: Client, acme: Tenant) -> None:
    for i in range(5):
        open_ticket(api, acme, f"Ticket {i}", priority="urgent" if i % 2 else "normal")
    create_view(api, acme, "manager", name="Open", filter={"status": ["open"]}, scope="organization")
    create_view(api, acme, "manager", name="Mine, waiting", filter={"assignee": ["me"], "status": ["pending"]})
    create_view(api, acme, "manager", name="Urgent", filter={"priority": ["urgent"], "status": ["new", "open"]})
    create_view(api, acme, "manager", name="VIP", filter={"tags": ["vip"], "assignee": ["none"]})
    with metering.metered() as calls:
        found = views_of(api, acme, "manager")
    assert len(found) == 10
    assert found[next(i for i, v in found.items() if v["name"] == "Urgent")]["count"] == 2
    operations = [c.operation for c in calls]
    print("GET /views?include=counts, 10 views (manager):", {o: operations.count(o) for o in set(operations)})
    # The built-ins' 11 Query, "Urgent" on the new and open queues (2), "VIP" on the unassigned
    # queue (1); "Open" and "Mine, waiting" join the counters' one BatchGetItem.
    assert operations.count("Query") == 11 + 2 + 1
    assert operations.count("BatchGetItem") == 2


def test_each_sort_orders_the_list_and_an_agents_two_queues_merge_in_order(api: Client, acme: Tenant) -> None:
    agent = acme.user_id("agent")
    numbers = []
    for i, priority in enumerate(("low", "urgent", "normal", "high", "urgent")):
        numbers.append(open_ticket(api, acme, f"Ticket {i}", priority=priority))
    for number in numbers[1::2]:
        change(api, acme, number, assigned_agent_id=agent)  # assigned now: updated after the others
    change(api, acme, numbers[0], tags=["touched"])  # the latest update
    view = create_view(api, acme, "agent", name="Everything", filter={})
    path = f"/views/{view['id']}"
    by_update = [numbers[0], numbers[3], numbers[1], numbers[4], numbers[2]]
    assert listed(api, acme, view["id"], "agent", limit=1) == by_update, "own and unassigned, newest update first"
    assert listed(api, acme, view["id"], "agent", limit=2) == by_update
    expected = {
        "updated_at": by_update[::-1],
        "created_at": numbers,
        "-created_at": numbers[::-1],
        "-priority": [numbers[4], numbers[1], numbers[3], numbers[2], numbers[0]],  # ties: the index's order
        "priority": [numbers[0], numbers[2], numbers[3], numbers[1], numbers[4]],
    }
    for sort, order in expected.items():
        assert call(api, "PATCH", path, acme.token("agent"), {"sort": sort}).status == 200
        assert listed(api, acme, view["id"], "agent", limit=2) == order, sort


def test_a_view_refuses_what_is_not_a_view(api: Client, acme: Tenant) -> None:
    cases = [
        {"name": "", "filter": {}},
        {"name": "X", "filter": {"status": ["lost"]}},
        {"name": "X", "filter": {"colour": "red"}},
        {"name": "X", "filter": {}, "sort": "subject"},
        {"name": "X", "filter": {}, "columns": []},
        {"name": "X", "filter": {}, "scope": "organization", "department_id": "0" * 20},
        {"name": "X", "filter": {"created_after": "2026-01-01T00:00:00"}},  # no offset: never guessed
        {"name": "X", "filter": {"updated_before": "0962-06-27T06:46:19Z"}},
    ]
    for body in cases:
        reply = call(api, "POST", "/views", acme.token("manager"), body)
        assert reply.status == 422, (body, reply.body)
    assert "Mine" not in {v["name"] for v in views_of(api, acme, counts=False).values()}


def test_repeated_values_and_ids_that_cannot_be_keys(api: Client, acme: Tenant) -> None:
    open_ticket(api, acme)
    for criteria in ({"status": ["new", "new"]}, {"assignee": ["none", "none"]}):
        twice = create_view(api, acme, "manager", name="Twice", filter=criteria)
        assert len(listed(api, acme, twice["id"])) == 1, ("a repeated value reads its queue once", criteria)
    odd: list[dict[str, Any]] = [{"assignee": ["a#b", " x"]}, {"requester_id": "ORG#other#USER"}]
    for unusable in odd:
        view = create_view(api, acme, "manager", name="Odd", filter=unusable)
        assert listed(api, acme, view["id"]) == [], unusable
        assert views_of(api, acme)[view["id"]]["count"] == 0, unusable
