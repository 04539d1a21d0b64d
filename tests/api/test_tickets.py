"""Tickets through the HTTP API: lifecycle, numbers, assignment, comments, history, queues, rating."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.domain.commands import CreateTicketCommand, SignupCommand, UpdateTicketCommand
from chalicelib.domain.errors import Conflict, PreconditionFailed
from chalicelib.domain.identity import Principal, Role
from chalicelib.services import identity, tickets
from chalicelib.services.tickets import Actor
from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant, stored_items


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, role: str = "customer", **body: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"subject": "Printer on fire", "description": "Smoke everywhere"}
    if role != "customer":
        payload["customer_id"] = tenant.user_id("customer")
    payload.update(body)
    reply = call(api, "POST", "/tickets", tenant.token(role), payload)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def test_customer_opens_a_ticket_numbered_with_the_org_prefix(api: Client, acme: Tenant) -> None:
    first = open_ticket(api, acme)
    second = open_ticket(api, acme)
    assert (first["ticket_number"], second["ticket_number"]) == ("T-1", "T-2")
    assert first["customer_id"] == acme.user_id("customer")
    assert first["created_by_id"] == acme.user_id("customer")
    assert first["status"] == "new"
    call(api, "PATCH", "/organization", acme.token("admin"), {"settings": {"ticket_number_prefix": "ACME"}})
    assert open_ticket(api, acme)["ticket_number"] == "ACME-3"


def test_agent_opens_a_ticket_for_a_new_customer_by_email(api: Client, acme: Tenant) -> None:
    ticket = open_ticket(
        api,
        acme,
        "agent",
        customer_id=None,
        customer_email="walkin@client.example.com",
        customer_name="Walk In",
        channel="phone",
        assigned_agent_id=acme.user_id("agent"),
    )
    assert ticket["status"] == "open"
    requester = call(api, "GET", f"/users/{ticket['customer_id']}", acme.token("admin")).body
    assert (requester["role"], requester["email"]) == ("customer", "walkin@client.example.com")
    again = open_ticket(api, acme, "agent", customer_id=None, customer_email="WALKIN@client.example.com")
    assert again["customer_id"] == ticket["customer_id"], "a known email is the same customer"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"subject": "x" * 251}, 422, "invalid_request"),
        ({"subject": ""}, 422, "invalid_request"),
        ({"description": "x" * 20_001}, 422, "invalid_request"),
        ({"priority": "critical"}, 422, "invalid_request"),
        ({"channel": "pigeon"}, 422, "invalid_request"),
        ({"custom_fields": {"colour": "red"}}, 422, "invalid_request"),  # customers: not a field shown to them
        ({"tags": "not-a-list"}, 422, "invalid_request"),
        ({"status": "open"}, 422, "invalid_request"),
    ],
)
def test_bad_ticket_input_is_refused_and_writes_nothing(
    api: Client, acme: Tenant, body: dict[str, Any], status: int, code: str
) -> None:
    before = len(stored_items())
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "ok", **body})
    assert (reply.status, reply.body["error"]["code"]) == (status, code)
    assert len(stored_items()) == before


def test_custom_fields_follow_the_organization_definitions(api: Client, acme: Tenant) -> None:
    call(
        api,
        "PATCH",
        "/organization",
        acme.token("admin"),
        {
            "settings": {
                "custom_fields": [
                    {
                        "name": "plan",
                        "type": "choice",
                        "choices": ["basic", "pro"],
                        "required": True,
                        "customer_visible": True,
                    },
                    {"name": "seats", "type": "number", "customer_visible": True},
                ]
            }
        },
    )
    missing = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "s"})
    assert missing.status == 422
    wrong = call(
        api,
        "POST",
        "/tickets",
        acme.token("customer"),
        {"subject": "s", "custom_fields": {"plan": "gold", "seats": "ten"}},
    )
    assert {d["field"] for d in wrong.body["error"]["details"]} == {"custom_fields.plan", "custom_fields.seats"}
    ok = open_ticket(api, acme, custom_fields={"plan": "pro", "seats": 12})
    assert ok["custom_fields"] == {"plan": "pro", "seats": 12}


def test_assignment_rules(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    number = open_ticket(api, acme)["ticket_number"]
    for bad in (acme.user_id("customer2"), globex.user_id("agent"), "nobody"):
        reply = call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"assigned_agent_id": bad})
        assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_assignee")
    other = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"assigned_agent_id": acme.user_id("agent2")})
    assert other.status == 403, "agents assign only to themselves"
    mine = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"assigned_agent_id": acme.user_id("agent")})
    assert (mine.status, mine.body["status"]) == (200, "open")


def test_max_concurrent_tickets_is_enforced_unless_a_manager_forces(api: Client, acme: Tenant) -> None:
    call(api, "PATCH", f"/users/{acme.user_id('agent')}", acme.token("admin"), {"max_concurrent_tickets": 1})
    agent = acme.user_id("agent")
    open_ticket(api, acme, "manager", assigned_agent_id=agent)
    second = open_ticket(api, acme)["ticket_number"]
    full = call(api, "PATCH", f"/tickets/{second}", acme.token("manager"), {"assigned_agent_id": agent})
    assert (full.status, full.body["error"]["code"]) == (422, "agent_at_capacity")
    forced = call(
        api, "PATCH", f"/tickets/{second}", acme.token("manager"), {"assigned_agent_id": agent, "force": True}
    )
    assert forced.status == 200
    solved = call(api, "PATCH", "/tickets/T-1", acme.token("agent"), {"status": "solved"})
    assert solved.status == 200
    third = open_ticket(api, acme)["ticket_number"]
    still_full = call(api, "PATCH", f"/tickets/{third}", acme.token("manager"), {"assigned_agent_id": agent})
    assert still_full.status == 422, "the forced ticket still counts"
    call(api, "PATCH", f"/tickets/{second}", acme.token("agent"), {"status": "solved"})
    assert call(api, "PATCH", f"/tickets/{third}", acme.token("manager"), {"assigned_agent_id": agent}).status == 200


def test_lifecycle_transitions_and_timestamps(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)["ticket_number"]
    token = acme.token("manager")
    bad = call(api, "PATCH", f"/tickets/{number}", token, {"status": "closed"})
    assert (bad.status, bad.body["error"]["code"]) == (409, "invalid_transition")
    assert "solved" in bad.body["error"]["details"][0]["allowed"]
    for status in ("open", "pending", "on_hold", "solved"):
        reply = call(api, "PATCH", f"/tickets/{number}", token, {"status": status})
        assert (reply.status, reply.body["status"]) == (200, status)
    assert reply.body["resolved_at"]
    assert reply.body["time_to_resolution"] is not None
    reopened = call(api, "PATCH", f"/tickets/{number}", token, {"status": "open"})
    assert reopened.body["resolved_at"] is None
    call(api, "PATCH", f"/tickets/{number}", token, {"status": "solved"})
    closed = call(api, "PATCH", f"/tickets/{number}", token, {"status": "closed"})
    assert closed.body["closed_at"]
    frozen = call(api, "PATCH", f"/tickets/{number}", token, {"priority": "high"})
    assert (frozen.status, frozen.body["error"]["code"]) == (409, "ticket_closed")


def test_comments_first_response_internal_notes_and_reopening(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)["ticket_number"]
    note = call(
        api,
        "POST",
        f"/tickets/{number}/comments",
        acme.token("agent"),
        {"content": "Check the toner", "comment_type": "internal"},
    )
    assert note.status == 201
    assert note.body["ticket"]["first_response_at"] is None, "an internal note is not a response"
    reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "We are on it"})
    assert reply.body["ticket"]["first_response_at"]
    assert reply.body["ticket"]["time_to_first_response"] is not None
    assert (
        call(
            api,
            "POST",
            f"/tickets/{number}/comments",
            acme.token("customer"),
            {"content": "psst", "comment_type": "internal"},
        ).status
        == 403
    )
    call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "pending"})
    answer = call(api, "POST", f"/tickets/{number}/comments", acme.token("customer"), {"content": "Still smoking"})
    assert answer.body["ticket"]["status"] == "open", "a customer reply reopens a pending ticket"
    seen_by_customer = call(api, "GET", f"/tickets/{number}", acme.token("customer")).body["comments"]
    assert [c["content"] for c in seen_by_customer] == ["We are on it", "Still smoking"]
    seen_by_agent = call(api, "GET", f"/tickets/{number}/comments", acme.token("agent")).body["items"]
    assert len(seen_by_agent) == 3


def test_customer_reply_to_a_closed_ticket_opens_a_linked_follow_up(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)["ticket_number"]
    for status in ("solved", "closed"):
        call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"status": status})
    reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("customer"), {"content": "It is back"})
    assert reply.status == 201
    assert reply.body["ticket"]["follow_up_of"] == number
    assert reply.body["ticket"]["ticket_number"] != number
    assert call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "x"}).status == 409


def test_history_has_one_entry_per_changed_field(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)["ticket_number"]
    call(
        api,
        "PATCH",
        f"/tickets/{number}",
        acme.token("manager"),
        {
            "priority": "high",
            "tags": ["fire"],
            "subject": "Printer really on fire",
            "assigned_agent_id": acme.user_id("agent"),
        },
        headers={"User-Agent": "pytest-agent"},
    )
    entries = call(api, "GET", f"/tickets/{number}/history", acme.token("manager")).body["items"]
    by_field = {e["field_name"]: e for e in entries}
    assert set(by_field) == {"ticket", "priority", "tags", "subject", "assigned_agent_id", "status"}
    assert (by_field["priority"]["old_value"], by_field["priority"]["new_value"]) == ("normal", "high")
    assert by_field["status"]["change_type"] == "status_changed"
    assert by_field["assigned_agent_id"]["change_type"] == "assigned"
    assert by_field["subject"]["user_agent"] == "pytest-agent"
    assert by_field["subject"]["user_id"] == acme.user_id("manager")
    assert call(api, "GET", f"/tickets/{number}/history", acme.token("customer")).status == 403
    unchanged = call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"priority": "high"})
    assert unchanged.status == 200
    assert len(call(api, "GET", f"/tickets/{number}/history", acme.token("manager")).body["items"]) == len(entries)


def test_visibility_per_role_in_reads_and_queues(api: Client, acme: Tenant) -> None:
    mine = open_ticket(api, acme, "manager", assigned_agent_id=acme.user_id("agent"))["ticket_number"]
    theirs = open_ticket(api, acme, "manager", assigned_agent_id=acme.user_id("agent2"))["ticket_number"]
    unassigned = open_ticket(api, acme)["ticket_number"]
    other_customer = open_ticket(api, acme, "manager", customer_id=acme.user_id("customer2"))["ticket_number"]

    def numbers(role: str, query: str = "") -> set[str]:
        reply = call(api, "GET", f"/tickets{query}", acme.token(role))
        assert reply.status == 200, reply.body
        return {t["ticket_number"] for t in reply.body["items"]}

    assert numbers("agent", "?view=mine") == {mine}
    assert numbers("agent", "?view=unassigned") == {unassigned, other_customer}
    assert call(api, "GET", "/tickets?view=all", acme.token("agent")).status == 403
    assert call(api, "GET", f"/tickets/{theirs}", acme.token("agent")).status == 404
    assert call(api, "GET", f"/tickets/{mine}", acme.token("agent")).status == 200
    assert numbers("customer") == {mine, theirs, unassigned}
    assert numbers("customer2") == {other_customer}
    assert call(api, "GET", f"/tickets/{mine}", acme.token("customer2")).status == 404
    assert call(api, "GET", f"/tickets?customer_id={acme.user_id('customer')}", acme.token("customer2")).status == 403
    assert numbers("manager") == {mine, theirs, unassigned, other_customer}
    assert numbers("manager", f"?customer_id={acme.user_id('customer2')}") == {other_customer}
    assert numbers("manager", "?status=open") == {mine, theirs}
    assert numbers("manager", "?status=new&priority=normal") == {unassigned, other_customer}
    call(
        api,
        "POST",
        f"/users/{acme.user_id('agent')}/permissions",
        acme.token("admin"),
        {"permission": "tickets.view_all"},
    )
    assert numbers("agent", "?view=all") == {mine, theirs, unassigned, other_customer}


def test_queue_pages_follow_the_cursor_newest_first(api: Client, acme: Tenant) -> None:
    created = [open_ticket(api, acme)["ticket_number"] for _ in range(5)]
    seen: list[str] = []
    cursor = None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        with metering.metered() as calls:
            page = call(api, "GET", f"/tickets{query}", acme.token("manager")).body
        assert [c.operation for c in calls] == ["BatchGetItem", "Query"], "authorizer + ONE Query per page"
        seen += [t["ticket_number"] for t in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(created))


def test_ticket_with_comments_is_one_query(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)["ticket_number"]
    for n in range(3):
        call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": f"c{n}"})
    with metering.metered() as calls:
        reply = call(api, "GET", f"/tickets/{number}", acme.token("manager"))
    assert len(reply.body["comments"]) == 3
    assert [c.operation for c in calls] == ["BatchGetItem", "Query"]


def test_if_match_and_stale_versions(api: Client, acme: Tenant) -> None:
    ticket = open_ticket(api, acme)
    number, version = ticket["ticket_number"], ticket["version"]
    ok = call(
        api,
        "PATCH",
        f"/tickets/{number}",
        acme.token("manager"),
        {"priority": "low"},
        headers={"If-Match": str(version)},
    )
    assert ok.body["version"] == version + 1
    stale = call(
        api,
        "PATCH",
        f"/tickets/{number}",
        acme.token("manager"),
        {"priority": "high"},
        headers={"If-Match": str(version)},
    )
    assert (stale.status, stale.body["error"]["code"]) == (412, "precondition_failed")


def test_trash_and_restore(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)["ticket_number"]
    assert call(api, "DELETE", f"/tickets/{number}", acme.token("agent")).status == 403
    assert call(api, "DELETE", f"/tickets/{number}", acme.token("manager")).status == 204
    assert call(api, "GET", f"/tickets/{number}", acme.token("manager")).status == 404
    assert call(api, "GET", "/tickets", acme.token("manager")).body["items"] == []
    assert call(api, "GET", "/tickets", acme.token("customer")).body["items"] == []
    assert call(api, "POST", f"/tickets/{number}/restore", acme.token("manager")).status == 200
    assert [t["ticket_number"] for t in call(api, "GET", "/tickets", acme.token("manager")).body["items"]] == [number]


def test_satisfaction_rating_once_by_the_requester(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)["ticket_number"]
    early = call(api, "POST", f"/tickets/{number}/satisfaction", acme.token("customer"), {"score": 5})
    assert (early.status, early.body["error"]["code"]) == (422, "not_solved")
    call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"status": "solved"})
    assert call(api, "POST", f"/tickets/{number}/satisfaction", acme.token("manager"), {"score": 5}).status == 403
    assert call(api, "POST", f"/tickets/{number}/satisfaction", acme.token("customer"), {"score": 6}).status == 422
    rated = call(
        api, "POST", f"/tickets/{number}/satisfaction", acme.token("customer"), {"score": 4, "comment": "quick"}
    )
    assert (rated.status, rated.body["customer_satisfaction_score"]) == (201, 4)
    assert rated.headers["Location"] == f"/tickets/{number}"
    again = call(api, "POST", f"/tickets/{number}/satisfaction", acme.token("customer"), {"score": 5})
    assert (again.status, again.body["error"]["code"]) == (409, "already_rated")


def test_other_tenants_tickets_are_404(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    number = open_ticket(api, globex)["ticket_number"]
    before = stored_items()
    for method, path, body in [
        ("GET", f"/tickets/{number}", None),
        ("PATCH", f"/tickets/{number}", {"priority": "low"}),
        ("DELETE", f"/tickets/{number}", None),
        ("POST", f"/tickets/{number}/comments", {"content": "x"}),
        ("GET", f"/tickets/{number}/history", None),
        ("POST", f"/tickets/{number}/restore", None),
    ]:
        assert call(api, method, path, acme.token("admin"), body).status == 404, (method, path)
    assert stored_items() == before


def _org_admin(slug: str) -> tuple[Principal, str]:
    """An organization made through the services (no HTTP): its admin principal and a customer id."""
    from chalicelib.domain.commands import CreateUserCommand
    from chalicelib.services import users

    command = SignupCommand.model_validate(
        {
            "name": slug,
            "slug": slug,
            "admin_email": f"admin@{slug}.example.com",
            "admin_password": "correct-horse-battery",
            "admin_first_name": "A",
            "admin_last_name": "B",
        }
    )
    org, admin, _ = identity.signup(command, None, None)
    principal = Principal(org_id=org.id, user_id=admin.id, role=Role.ADMIN, session_id="test")
    customer = users.create_user(
        principal,
        CreateUserCommand(
            email="c@client.example.com",
            first_name="C",
            last_name="D",
            role=Role.CUSTOMER,
            password="correct-horse-battery",
        ),
    )
    return principal, customer.id


def test_concurrent_creates_get_distinct_numbers(server_table: str) -> None:
    principal, customer = _org_admin("busy")
    numbers: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(25):
            ticket = tickets.create_ticket(
                principal, CreateTicketCommand(subject="load", customer_id=customer), Actor(principal)
            )
            with lock:
                numbers.append(ticket.ticket_number)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(numbers) == 200
    assert len(set(numbers)) == 200


def test_concurrent_patches_with_one_version_have_one_winner(server_table: str) -> None:
    principal, customer = _org_admin("racy")
    ticket = tickets.create_ticket(
        principal, CreateTicketCommand(subject="race", customer_id=customer), Actor(principal)
    )
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        command = UpdateTicketCommand(subject=f"subject {n}")
        try:
            tickets.update_ticket(principal, ticket.ticket_number, command, ticket.version, Actor(principal))
            result = "ok"
        except (Conflict, PreconditionFailed) as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["precondition_failed"] * 19


def test_a_cursor_only_works_for_its_own_queue_and_tenant(api: Client, acme: Tenant) -> None:
    for _ in range(3):
        open_ticket(api, acme)
    cursor = call(api, "GET", "/tickets?view=all&limit=1", acme.token("manager")).body["next_cursor"]
    assert cursor
    crossed = call(api, "GET", f"/tickets?view=unassigned&limit=1&cursor={cursor}", acme.token("agent"))
    assert (crossed.status, crossed.body["error"]["code"]) == (400, "invalid_cursor")
    customer = call(api, "GET", f"/tickets?limit=1&cursor={cursor}", acme.token("customer"))
    assert customer.status == 400
    globex = make_tenant(api, "globex")
    assert call(api, "GET", f"/tickets?view=all&limit=1&cursor={cursor}", globex.token("manager")).status == 400
