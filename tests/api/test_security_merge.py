"""Merge and split as attacks: who may merge or split what, across organizations, and under
contention (on the locked moto server: a comment written while its ticket is merged is never lost;
a split racing a change of its ticket loses neither)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_security_writes import at_once, pages, request


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, role: str = "customer", **body: Any) -> str:
    payload = {"subject": "Printer offline", **body}
    if not role.startswith("customer"):
        payload.setdefault("customer_id", tenant.user_id("customer"))
    reply = call(api, "POST", "/tickets", tenant.token(role), payload)
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def note(api: Client, tenant: Tenant, role: str, number: str, content: str = "Hello", kind: str = "public") -> str:
    body = {"content": content, "comment_type": kind}
    reply = call(api, "POST", f"/tickets/{number}/comments", tenant.token(role), body)
    assert reply.status == 201, reply.body
    return str(reply.body["comment"]["id"])


def merge(api: Client, tenant: Tenant, role: str, target: str, sources: list[str]) -> Any:
    return call(api, "POST", f"/tickets/{target}/merge", tenant.token(role), {"source_numbers": sources})


def split(api: Client, tenant: Tenant, role: str, number: str, comment_id: str) -> Any:
    return call(api, "POST", f"/tickets/{number}/comments/{comment_id}/split", tenant.token(role), {})


def merged_into(api: Client, tenant: Tenant, number: str) -> Any:
    return call(api, "GET", f"/tickets/{number}", tenant.token("admin")).body["merged_into"]


def test_customers_cannot_merge_even_their_own_tickets(api: Client, acme: Tenant) -> None:
    target, source = open_ticket(api, acme), open_ticket(api, acme)
    foreign = open_ticket(api, acme, "customer2")

    own = merge(api, acme, "customer", target, [source])
    preview = call(
        api, "POST", f"/tickets/{target}/merge/preview", acme.token("customer"), {"source_numbers": [source]}
    )
    others = merge(api, acme, "customer", foreign, [source])

    assert (own.status, own.body["error"]["code"]) == (403, "forbidden")
    assert preview.status == 403
    assert others.status == 404
    assert merged_into(api, acme, source) is None


def test_an_agent_cannot_merge_tickets_they_cannot_see(api: Client, acme: Tenant) -> None:
    mine = open_ticket(api, acme, "agent", assigned_agent_id=acme.user_id("agent"))
    theirs = open_ticket(api, acme, "manager", assigned_agent_id=acme.user_id("agent2"))

    pull = merge(api, acme, "agent", mine, [theirs])
    push = merge(api, acme, "agent", theirs, [mine])

    assert (pull.status, pull.body["error"]["code"]) == (404, "ticket_not_found")
    assert push.status == 404
    assert merged_into(api, acme, theirs) is None
    assert merged_into(api, acme, mine) is None
    assert merge(api, acme, "manager", mine, [theirs]).status == 200  # tickets.view_all sees both


def test_ticket_numbers_of_another_organization_are_not_found(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", "globex.example")
    ours = open_ticket(api, acme)
    theirs = open_ticket(api, globex)  # the same number in the other organization's sequence
    note_id = note(api, globex, "customer", theirs)
    second = open_ticket(api, globex)

    into_theirs = merge(api, globex, "admin", theirs, [second])
    assert into_theirs.status == 200
    cross = merge(api, acme, "admin", ours, [open_ticket(api, globex)])
    split_theirs = split(api, acme, "admin", ours, note_id)

    assert cross.status == 404
    assert split_theirs.status == 404
    # acme's ticket of the same number as globex's merged one is untouched
    assert merged_into(api, acme, ours) is None
    assert call(api, "GET", f"/tickets/{ours}", acme.token("admin")).body["merged_from"] == []


def test_split_is_staff_only_and_only_for_comments_of_that_ticket(api: Client, acme: Tenant) -> None:
    original = open_ticket(api, acme)
    other = open_ticket(api, acme)
    comment_id = note(api, acme, "customer", original)
    elsewhere = note(api, acme, "customer", other)

    by_customer = split(api, acme, "customer", original, comment_id)
    wrong_ticket = split(api, acme, "agent", original, elsewhere)
    unknown = split(api, acme, "agent", original, "x" * 300)

    assert (by_customer.status, by_customer.body["error"]["code"]) == (403, "forbidden")
    assert wrong_ticket.status == 404
    assert unknown.status == 404
    assert call(api, "GET", f"/tickets/{original}", acme.token("admin")).body["split_into"] == []


def test_a_customer_cannot_reach_a_merge_target_they_do_not_request_by_replying_to_their_ticket(
    api: Client, acme: Tenant
) -> None:
    target = open_ticket(api, acme, "customer2")
    source = open_ticket(api, acme)
    assert merge(api, acme, "agent", target, [source]).status == 200

    reply = call(api, "POST", f"/tickets/{source}/comments", acme.token("customer"), {"content": "Hi again"})

    # Not the requester of the target: their reply to their closed ticket starts a follow-up, as before.
    assert reply.status == 201, reply.body
    assert reply.body["ticket"]["ticket_number"] not in (target, source)
    assert call(api, "GET", f"/tickets/{target}", acme.token("customer")).status == 404


# ---------------------------------------------------------------- under contention (locked moto server)


@pytest.fixture
def server_api(server_table: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """The Chalice test client on the moto server, serving requests from many threads at once (as
    in tests/api/test_security_writes.py)."""
    from chalice.local import LocalChalice

    from app import app
    from chalicelib.services import retry

    monkeypatch.setattr(app, "__class__", type("ThreadedChalice", (LocalChalice, type(app)), {}))
    monkeypatch.setattr(retry, "BUDGET", 600.0)  # a shared, slow machine: the attempts bound the retries
    with Client(app, stage_name="local") as client:
        yield client


@pytest.fixture
def busy(server_api: Client) -> Tenant:
    return make_tenant(server_api, "busy")


def test_comments_written_while_their_ticket_is_merged_all_end_up_on_the_target(
    server_api: Client, busy: Tenant
) -> None:
    api = server_api
    target, source = open_ticket(api, busy), open_ticket(api, busy)
    for n in range(5):
        note(api, busy, "customer", source, f"before {n}")
    roles = ["customer", "agent", "agent2", "manager"]
    writes = [
        request(api, "POST", f"/tickets/{source}/comments", busy.token(roles[n % 4]), {"content": f"during {n}"})
        for n in range(12)
    ]
    the_merge = request(api, "POST", f"/tickets/{target}/merge", busy.token("admin"), {"source_numbers": [source]})

    replies = at_once([*writes, the_merge])

    assert [r.status for r in replies] == [201] * 12 + [200], [r.body for r in replies if r.status >= 300]
    on_target = pages(api, f"/tickets/{target}/comments?limit=100", busy.token("admin"))
    contents = [c["content"] for c in on_target]
    expected = [f"before {n}" for n in range(5)] + [f"during {n}" for n in range(12)]
    assert sorted(c for c in contents if c.startswith(("before", "during"))) == sorted(expected)
    on_source = pages(api, f"/tickets/{source}/comments?limit=100", busy.token("admin"))
    late = [c["content"] for c in on_source if c["content"].startswith("during")]
    # Each comment that landed on the source before its close was copied: none is only there.
    assert set(late) <= set(contents)
    assert merged_into(api, busy, source) == target


def test_a_split_racing_a_change_of_its_ticket_loses_neither(server_api: Client, busy: Tenant) -> None:
    api = server_api
    original = open_ticket(api, busy)
    comment_id = note(api, busy, "customer", original, "Also my scanner jams.")

    replies = at_once(
        [
            request(api, "POST", f"/tickets/{original}/comments/{comment_id}/split", busy.token("agent"), {}),
            request(api, "POST", f"/tickets/{original}/comments/{comment_id}/split", busy.token("agent2"), {}),
            request(api, "PATCH", f"/tickets/{original}", busy.token("manager"), {"priority": "urgent"}),
            request(api, "PATCH", f"/tickets/{original}", busy.token("agent"), {"add_tags": ["scanner"]}),
        ]
    )

    assert [r.status for r in replies] == [201, 201, 200, 200], [r.body for r in replies]
    assert replies[0].body["ticket_number"] == replies[1].body["ticket_number"]
    after = call(api, "GET", f"/tickets/{original}", busy.token("admin")).body
    assert after["split_into"] == [replies[0].body["ticket_number"]]
    assert (after["priority"], after["tags"]) == ("urgent", ["scanner"])
