"""Collision detection through HTTP: the presence heartbeat (``POST/DELETE /tickets/{n}/presence``),
presence on ``GET /tickets/{n}``, and what each costs in DynamoDB calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant) -> str:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": "Scanner offline"})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def beat(api: Client, tenant: Tenant, role: str, number: str, state: str = "viewing") -> dict[str, Any]:
    reply = call(api, "POST", f"/tickets/{number}/presence", tenant.token(role), {"state": state})
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def others(api: Client, tenant: Tenant, role: str, number: str) -> list[tuple[str, str, str]]:
    """(user id, name, state) of each entry ``role`` sees on the ticket's read."""
    reply = call(api, "GET", f"/tickets/{number}", tenant.token(role))
    assert reply.status == 200, reply.body
    return [(p["user_id"], p["name"], p["state"]) for p in reply.body["presence"]]


def comment(api: Client, tenant: Tenant, role: str, number: str, kind: str = "public") -> str:
    reply = call(
        api, "POST", f"/tickets/{number}/comments", tenant.token(role), {"content": "Hi", "comment_type": kind}
    )
    assert reply.status == 201, reply.body
    return str(reply.body["comment"]["id"])


def test_the_heartbeat_answers_the_other_staff_on_the_ticket_never_the_caller(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = beat(api, acme, "agent", number)
    assert first == {"presence": [], "newest_comment_id": None}

    second = beat(api, acme, "manager", number, "replying")
    assert [(p["user_id"], p["name"], p["state"]) for p in second["presence"]] == [
        (acme.user_id("agent"), "Agent User", "viewing")
    ]
    entry = second["presence"][0]
    assert set(entry) == {"user_id", "name", "state", "since", "expires_at"}
    since, expires = (datetime.fromisoformat(entry[k].replace("Z", "+00:00")) for k in ("since", "expires_at"))
    assert expires - since == timedelta(seconds=60)

    third = beat(api, acme, "agent", number)
    assert [(p["user_id"], p["state"]) for p in third["presence"]] == [(acme.user_id("manager"), "replying")]


def test_the_heartbeat_names_the_newest_comment_internal_notes_included(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    beat(api, acme, "agent", number)  # an entry sorts after the comments: the read must look past it
    public = comment(api, acme, "customer", number)
    assert beat(api, acme, "agent", number)["newest_comment_id"] == public
    note = comment(api, acme, "manager", number, "internal")
    assert beat(api, acme, "agent", number)["newest_comment_id"] == note


def test_viewing_then_replying_then_leaving(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    agent = acme.user_id("agent")
    start = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        beat(api, acme, "agent", number, "viewing")
    with time_machine.travel(start + timedelta(seconds=20), tick=False):
        beat(api, acme, "agent", number, "viewing")
        seen = beat(api, acme, "manager", number)["presence"]
        assert [(p["state"], p["since"]) for p in seen] == [("viewing", "2026-11-30T09:00:00.000000Z")]
        assert seen[0]["expires_at"] == "2026-11-30T09:01:20.000000Z"
    with time_machine.travel(start + timedelta(seconds=40), tick=False):
        beat(api, acme, "agent", number, "replying")
        seen = beat(api, acme, "manager", number)["presence"]
        assert [(p["user_id"], p["state"], p["since"]) for p in seen] == [
            (agent, "replying", "2026-11-30T09:00:40.000000Z")
        ]
        left = call(api, "DELETE", f"/tickets/{number}/presence", acme.token("agent"))
        assert (left.status, left.body) == (204, None)
        assert beat(api, acme, "manager", number)["presence"] == []
        assert others(api, acme, "admin", number) == [(acme.user_id("manager"), "Manager User", "viewing")]
        again = call(api, "DELETE", f"/tickets/{number}/presence", acme.token("agent"))
        assert again.status == 204, "leaving twice is fine"


def test_an_entry_expires_a_minute_after_its_last_heartbeat(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    start = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        beat(api, acme, "agent", number, "replying")
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert [s for _, _, s in others(api, acme, "manager", number)] == ["replying"]
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        # Still stored (DynamoDB's TTL deletes lazily), but no longer shown anywhere.
        assert others(api, acme, "manager", number) == []
        assert beat(api, acme, "manager", number)["presence"] == []
    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        # Back after a lapse: a new visit, so `since` starts again.
        beat(api, acme, "agent", number, "replying")
        seen = beat(api, acme, "manager", number)["presence"]
        assert [p["since"] for p in seen] == ["2026-11-30T09:01:30.000000Z"]


def test_replying_staff_are_listed_first(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    beat(api, acme, "agent", number, "viewing")
    beat(api, acme, "agent2", number, "replying")
    beat(api, acme, "manager", number, "viewing")
    assert [(u, s) for u, _, s in others(api, acme, "admin", number)] == [
        (acme.user_id("agent2"), "replying"),
        (acme.user_id("agent"), "viewing"),
        (acme.user_id("manager"), "viewing"),
    ]


def test_the_ticket_read_carries_presence_for_staff_and_never_for_customers(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    beat(api, acme, "agent", number, "replying")
    assert others(api, acme, "manager", number) == [(acme.user_id("agent"), "Agent User", "replying")]
    assert others(api, acme, "agent", number) == [], "the caller is not listed"
    assert others(api, acme, "customer", number) == []


def test_the_ticket_read_finds_presence_in_its_one_query(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    comment(api, acme, "customer", number)
    call(api, "GET", f"/tickets/{number}", acme.token("manager"))  # the session's activity write is done
    with metering.metered() as calls:
        assert others(api, acme, "manager", number) == []
    alone = [c.operation for c in calls]
    beat(api, acme, "agent", number)
    beat(api, acme, "agent2", number, "replying")
    with metering.metered() as calls:
        assert len(others(api, acme, "manager", number)) == 2
    assert [c.operation for c in calls] == alone == ["BatchGetItem", "Query"], "no read added for presence"


def test_a_ticket_with_more_than_a_page_of_comments_reads_presence_with_one_more_query(
    api: Client, acme: Tenant
) -> None:
    number = open_ticket(api, acme)
    for _ in range(51):
        comment(api, acme, "customer", number)
    beat(api, acme, "agent", number, "replying")
    call(api, "GET", f"/tickets/{number}", acme.token("manager"))
    with metering.metered() as calls:
        reply = call(api, "GET", f"/tickets/{number}", acme.token("manager"))
    assert reply.status == 200
    assert reply.body["comments_next_cursor"] is not None
    assert [p["state"] for p in reply.body["presence"]] == ["replying"]
    assert [c.operation for c in calls] == ["BatchGetItem", "Query", "Query"]
    with metering.metered() as calls:
        assert call(api, "GET", f"/tickets/{number}", acme.token("customer")).body["presence"] == []
    assert [c.operation for c in calls].count("Query") == 1, "customers never pay for presence"


def test_a_heartbeat_costs_the_ticket_read_one_query_and_one_put(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    comment(api, acme, "customer", number)
    beat(api, acme, "manager", number)
    with metering.metered() as calls:
        beat(api, acme, "agent", number)
    first = [c.operation for c in calls]
    assert first == ["BatchGetItem", "GetItem", "Query", "GetItem", "PutItem"], "a visit's first: the user's name"
    with metering.metered() as calls:
        assert len(beat(api, acme, "agent", number, "replying")["presence"]) == 1
    assert [c.operation for c in calls] == ["BatchGetItem", "GetItem", "Query", "PutItem"]


def test_an_unknown_state_is_refused(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    reply = call(api, "POST", f"/tickets/{number}/presence", acme.token("agent"), {"state": "typing"})
    assert reply.status == 422, reply.body
    assert reply.body["error"]["details"][0]["field"] == "state"
    missing = call(api, "POST", f"/tickets/{number}/presence", acme.token("agent"), {})
    assert missing.status == 422


@pytest.mark.parametrize("role", ["admin", "manager", "agent"])
def test_every_staff_role_may_announce_itself(api: Client, acme: Tenant, role: str) -> None:
    number = open_ticket(api, acme)
    beat(api, acme, role, number)
    assert call(api, "DELETE", f"/tickets/{number}/presence", acme.token(role)).status == 204


def test_the_openapi_document_describes_the_heartbeat(api: Client) -> None:
    document = call(api, "GET", "/openapi.json").body
    post = document["paths"]["/tickets/{number}/presence"]["post"]
    assert {"200", "403", "404", "422"} <= set(post["responses"])
    assert "delete" in document["paths"]["/tickets/{number}/presence"]
    schema = document["components"]["schemas"]["CommentCommand"]["properties"]
    assert {"seen_comment_id", "confirm"} <= set(schema)
