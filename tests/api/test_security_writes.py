"""Writes under contention, through the HTTP API on the locked moto server (real transactions).

Without ``If-Match`` a write means "apply my change to whatever is current": a lost version race is
re-read and re-applied (business rules checked again), so concurrent adds and field changes all
land. Only a caller's explicit ``If-Match`` gets the conflict answer.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from chalice.local import LocalChalice
from chalice.test import Client

from tests.api.helpers import Reply, Tenant, call, make_tenant


@pytest.fixture
def server_api(server_table: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """The Chalice test client on the moto server, able to serve requests from many threads at once.

    Chalice keeps the current request on the app object (one request at a time, as in one Lambda
    container); ``chalice local`` keeps it per thread, as concurrent Lambdas each have their own.
    """
    from app import app
    from chalicelib.services import retry

    monkeypatch.setattr(app, "__class__", type("ThreadedChalice", (LocalChalice, type(app)), {}))
    # The suite shares its CPUs: the time budget guards the API's 29 s, it is not what these tests
    # measure (tests/unit/test_retry.py checks it), so it does not cut a slow run short here.
    monkeypatch.setattr(retry, "BUDGET", 600.0)
    with Client(app, stage_name="local") as client:
        yield client


@pytest.fixture
def acme(server_api: Client) -> Tenant:
    return make_tenant(server_api, "acme")


def request(api: Client, method: str, path: str, token: str, body: Any = None, **headers: str) -> Callable[[], Reply]:
    """A request to send later (by ``at_once``)."""
    return functools.partial(call, api, method, path, token, body, headers)


def at_once(requests: Sequence[Callable[[], Reply]]) -> list[Reply]:
    """Run every request in its own thread, all released together; the replies in request order."""
    replies: list[Reply | None] = [None] * len(requests)
    start = threading.Barrier(len(requests))

    def run(index: int) -> None:
        start.wait()
        replies[index] = requests[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(reply is not None for reply in replies)
    return [reply for reply in replies if reply is not None]


def open_ticket(api: Client, acme: Tenant, **body: Any) -> dict[str, Any]:
    payload = {"subject": "Printer on fire", "customer_id": acme.user_id("customer"), **body}
    reply = call(api, "POST", "/tickets", acme.token("agent"), payload)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def pages(api: Client, path: str, token: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        reply = call(api, "GET", path + (f"&cursor={cursor}" if cursor else ""), token)
        assert reply.status == 200, reply.body
        items += reply.body["items"]
        cursor = reply.body["next_cursor"]
        if not cursor:
            return items


def test_a_hundred_concurrent_comments_without_if_match_are_all_accepted(server_api: Client, acme: Tenant) -> None:
    ticket = open_ticket(server_api, acme)
    number = ticket["ticket_number"]
    roles = ["agent", "agent2", "manager", "admin"]

    comments = [
        request(
            server_api,
            "POST",
            f"/tickets/{number}/comments",
            acme.token(roles[n % len(roles)]),
            {"content": f"note {n}", "comment_type": "internal"},
        )
        for n in range(100)
    ]

    replies = at_once(comments)

    assert [r.status for r in replies] == [201] * 100, {r.status: r.body for r in replies if r.status != 201}
    stored = pages(server_api, f"/tickets/{number}/comments?limit=100", acme.token("agent"))
    assert sorted(c["content"] for c in stored) == sorted(f"note {n}" for n in range(100))
    history = pages(server_api, f"/tickets/{number}/history?limit=100", acme.token("agent"))
    commented = {h["new_value"] for h in history if h["change_type"] == "commented"}
    assert commented == {c["id"] for c in stored}
    final = call(server_api, "GET", f"/tickets/{number}", acme.token("agent")).body
    assert final["version"] == ticket["version"] + 100
    assert final["updated_at"] == max(c["created_at"] for c in stored)


def test_concurrent_patches_of_different_fields_without_if_match_all_land(server_api: Client, acme: Tenant) -> None:
    ticket = open_ticket(server_api, acme)
    path = f"/tickets/{ticket['ticket_number']}"
    token = acme.token("manager")
    changes: list[dict[str, Any]] = [
        {"subject": "Printer still on fire"},
        {"description": "Now the toner too"},
        {"priority": "urgent"},
        {"category": "hardware"},
        {"subcategory": "printers"},
        {"status": "pending"},
        {"assigned_agent_id": acme.user_id("agent")},
        *({"add_tags": [f"tag-{n}"]} for n in range(13)),
    ]

    replies = at_once([request(server_api, "PATCH", path, token, change) for change in changes])

    assert [r.status for r in replies] == [200] * len(changes), [r.body for r in replies if r.status != 200]
    final = call(server_api, "GET", path, token).body
    assert final["subject"] == "Printer still on fire"
    assert final["description"] == "Now the toner too"
    assert (final["priority"], final["category"], final["subcategory"]) == ("urgent", "hardware", "printers")
    assert (final["status"], final["assigned_agent_id"]) == ("pending", acme.user_id("agent"))
    assert sorted(final["tags"]) == sorted(f"tag-{n}" for n in range(13))
    assert final["version"] == ticket["version"] + len(changes)
    history = pages(server_api, f"{path}/history?limit=100", token)
    changed = {h["field_name"] for h in history}
    assert {"subject", "description", "priority", "category", "subcategory", "status", "tags"} <= changed
    assert len([h for h in history if h["field_name"] == "tags"]) == 13


def test_concurrent_attachments_without_if_match_are_all_recorded(server_api: Client, acme: Tenant) -> None:
    ticket = open_ticket(server_api, acme)
    path = f"/tickets/{ticket['ticket_number']}"
    token = acme.token("agent")

    uploads = [
        request(
            server_api,
            "POST",
            f"{path}/attachments",
            token,
            {"file_name": f"photo-{n}.png", "file_size": 1000, "file_type": "image/png"},
        )
        for n in range(20)
    ]

    replies = at_once(uploads)

    assert [r.status for r in replies] == [201] * 20, [r.body for r in replies if r.status != 201]
    detail = call(server_api, "GET", path, token).body
    assert sorted(a["file_name"] for a in detail["attachments"]) == sorted(f"photo-{n}.png" for n in range(20))
    assert detail["version"] == ticket["version"] + 20


def test_a_stale_if_match_is_412_even_when_the_race_is_lost_at_the_write(server_api: Client, acme: Tenant) -> None:
    ticket = open_ticket(server_api, acme)
    path = f"/tickets/{ticket['ticket_number']}"
    token = acme.token("manager")
    seen = str(ticket["version"])

    stale = {"If-Match": seen}
    replies = at_once([request(server_api, "PATCH", path, token, {"subject": f"s{n}"}, **stale) for n in range(10)])

    assert sorted(r.status for r in replies) == [200] + [412] * 9
    assert {r.body["error"]["code"] for r in replies if r.status == 412} == {"precondition_failed"}
    late = call(server_api, "PATCH", path, token, {"priority": "high"}, {"If-Match": seen})
    assert (late.status, late.body["error"]["code"]) == (412, "precondition_failed")
    assert call(server_api, "GET", path, token).body["version"] == ticket["version"] + 1


def test_concurrent_field_changes_of_other_entities_without_if_match_all_land(server_api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    user_path = f"/users/{acme.user_id('agent')}"
    user_changes: list[dict[str, Any]] = [
        {"first_name": "Agnes"},
        {"last_name": "Agentson"},
        {"phone": "+14155550100"},
        {"max_concurrent_tickets": 7},
        {"language": "fr"},
        {"availability_status": "busy"},
    ]
    department = call(server_api, "POST", "/departments", admin, {"name": "Support"}).body
    department_path = f"/departments/{department['id']}"
    department_changes: list[dict[str, Any]] = [{"name": "Field support"}, {"description": "On site"}]

    requests = [request(server_api, "PATCH", user_path, admin, c) for c in user_changes]
    requests += [request(server_api, "PATCH", department_path, admin, c) for c in department_changes]
    replies = at_once(requests)

    assert [r.status for r in replies] == [200] * len(requests), [r.body for r in replies if r.status != 200]
    user = call(server_api, "GET", user_path, admin).body
    assert (user["first_name"], user["last_name"], user["phone"]) == ("Agnes", "Agentson", "+14155550100")
    assert (user["max_concurrent_tickets"], user["language"], user["availability_status"]) == (7, "fr", "busy")
    final = call(server_api, "GET", department_path, admin).body
    assert (final["name"], final["description"]) == ("Field support", "On site")


def during_the_first_save(monkeypatch: pytest.MonkeyPatch, change: Callable[[], None]) -> None:
    """Run ``change`` (another writer) just before the first ticket write, which then loses its version."""
    from chalicelib.store import tickets as ticket_store

    real = ticket_store.save_ticket
    done: list[bool] = []

    def save(*args: Any, **kwargs: Any) -> Any:
        if not done:
            done.append(True)
            change()
        return real(*args, **kwargs)

    monkeypatch.setattr(ticket_store, "save_ticket", save)


def test_a_retry_checks_the_rules_again_and_refuses_a_transition_the_ticket_no_longer_allows(
    api: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.domain.commands import UpdateTicketCommand
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import tickets

    acme = make_tenant(api, "acme")
    ticket = open_ticket(api, acme)
    path = f"/tickets/{ticket['ticket_number']}"
    assert call(api, "PATCH", path, acme.token("manager"), {"status": "solved"}).status == 200
    agent = Principal(org_id=acme.org_id, user_id=acme.user_id("agent"), role=Role.AGENT, session_id="s")

    def reopen() -> None:
        command = UpdateTicketCommand(status="open")  # type: ignore[arg-type]
        tickets.update_ticket(agent, ticket["ticket_number"], command, None, tickets.Actor(agent))

    during_the_first_save(monkeypatch, reopen)
    closing = call(api, "PATCH", path, acme.token("manager"), {"status": "closed"})

    assert (closing.status, closing.body["error"]["code"]) == (409, "invalid_transition")
    final = call(api, "GET", path, acme.token("manager")).body
    assert (final["status"], final["version"]) == ("open", ticket["version"] + 2)
    history = call(api, "GET", f"{path}/history?limit=100", acme.token("manager")).body["items"]
    assert [h["new_value"] for h in history if h["field_name"] == "status"] == ["solved", "open"]


def test_a_lost_race_without_if_match_is_re_applied_to_the_current_ticket(
    api: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.domain.commands import UpdateTicketCommand
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import tickets

    acme = make_tenant(api, "acme")
    ticket = open_ticket(api, acme)
    path = f"/tickets/{ticket['ticket_number']}"
    agent = Principal(org_id=acme.org_id, user_id=acme.user_id("agent"), role=Role.AGENT, session_id="s")

    def other_writer() -> None:
        command = UpdateTicketCommand(priority="urgent", add_tags=["vip"])  # type: ignore[arg-type]
        tickets.update_ticket(agent, ticket["ticket_number"], command, None, tickets.Actor(agent))

    during_the_first_save(monkeypatch, other_writer)
    reply = call(api, "PATCH", path, acme.token("manager"), {"subject": "Both changes land", "add_tags": ["printer"]})

    assert reply.status == 200, reply.body
    assert (reply.body["subject"], reply.body["priority"]) == ("Both changes land", "urgent")
    assert (reply.body["tags"], reply.body["version"]) == (["vip", "printer"], ticket["version"] + 2)
