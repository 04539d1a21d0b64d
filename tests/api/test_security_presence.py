"""Collision detection's attacks and guarantees: presence is staff-only and never crosses a ticket
the caller cannot see or an organization; a reply sent after someone else's is refused with
409 ``newer_reply`` (nothing written) unless confirmed, also when two replies race; a customer
never learns of internal notes through it."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_security_writes import at_once, request, server_api  # noqa: F401 (fixture)


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, role: str = "customer", **fields: Any) -> str:
    body = {"subject": "Scanner offline", **fields}
    if role != "customer":
        body.setdefault("customer_id", tenant.user_id("customer"))
    reply = call(api, "POST", "/tickets", tenant.token(role), body)
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def post_comment(api: Client, tenant: Tenant, role: str, number: str, **body: Any) -> Any:
    return call(api, "POST", f"/tickets/{number}/comments", tenant.token(role), {"content": "Reply", **body})


def comment(api: Client, tenant: Tenant, role: str, number: str, kind: str = "public") -> str:
    reply = post_comment(api, tenant, role, number, comment_type=kind)
    assert reply.status == 201, reply.body
    return str(reply.body["comment"]["id"])


def stored(api: Client, tenant: Tenant, number: str) -> tuple[list[str], int]:
    """The ticket's comment ids (as an admin reads them) and its version."""
    reply = call(api, "GET", f"/tickets/{number}", tenant.token("admin"))
    assert reply.status == 200, reply.body
    return [c["id"] for c in reply.body["comments"]], int(reply.body["version"])


# ---------------------------------------------------------------- presence: who may announce and see


def test_customers_cannot_announce_presence_nor_see_it(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    assert call(api, "POST", f"/tickets/{number}/presence", acme.token("agent"), {"state": "replying"}).status == 200
    posted = call(api, "POST", f"/tickets/{number}/presence", acme.token("customer"), {"state": "viewing"})
    assert (posted.status, posted.body["error"]["code"]) == (403, "forbidden")
    assert call(api, "DELETE", f"/tickets/{number}/presence", acme.token("customer")).status == 403
    assert call(api, "GET", f"/tickets/{number}", acme.token("customer")).body["presence"] == []
    # Another customer's ticket is not even there for them.
    assert call(api, "POST", f"/tickets/{number}/presence", acme.token("customer2"), {"state": "viewing"}).status == 404
    seen = call(api, "GET", f"/tickets/{number}", acme.token("manager")).body["presence"]
    assert [p["user_id"] for p in seen] == [acme.user_id("agent")], "the refused calls wrote nothing"


def test_an_agent_cannot_announce_or_watch_on_a_ticket_they_cannot_see(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme, "manager", assigned_agent_id=acme.user_id("agent2"))
    assert call(api, "POST", f"/tickets/{number}/presence", acme.token("agent2"), {"state": "replying"}).status == 200
    probe = call(api, "POST", f"/tickets/{number}/presence", acme.token("agent"), {"state": "viewing"})
    assert (probe.status, probe.body["error"]["code"]) == (404, "not_found"), "no names of who works on it"
    assert call(api, "DELETE", f"/tickets/{number}/presence", acme.token("agent")).status == 404
    seen = call(api, "GET", f"/tickets/{number}", acme.token("manager")).body["presence"]
    assert [p["user_id"] for p in seen] == [acme.user_id("agent2")]


def test_presence_never_crosses_organizations(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", "globex.example")
    number = open_ticket(api, acme)
    assert call(api, "POST", f"/tickets/{number}/presence", acme.token("agent"), {"state": "replying"}).status == 200
    theirs = open_ticket(api, globex)
    assert theirs == number, "the same number exists in both organizations"
    assert call(api, "POST", f"/tickets/{number}/presence", globex.token("admin"), {"state": "viewing"}).body == {
        "presence": [],
        "newest_comment_id": None,
    }
    assert call(api, "GET", f"/tickets/{number}", globex.token("admin")).body["presence"] == []
    assert [p["user_id"] for p in call(api, "GET", f"/tickets/{number}", acme.token("admin")).body["presence"]] == [
        acme.user_id("agent")
    ]
    missing = call(api, "POST", "/tickets/T-999/presence", globex.token("admin"), {"state": "viewing"})
    assert missing.status == 404


def test_a_deleted_ticket_takes_no_presence(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    assert call(api, "DELETE", f"/tickets/{number}", acme.token("admin")).status == 204
    assert call(api, "POST", f"/tickets/{number}/presence", acme.token("admin"), {"state": "viewing"}).status == 404


# ---------------------------------------------------------------- newer_reply


def test_a_reply_after_someone_elses_newer_comment_is_refused_with_it(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = comment(api, acme, "customer", number)
    newer = comment(api, acme, "customer", number)
    before = stored(api, acme, number)

    reply = post_comment(api, acme, "agent", number, seen_comment_id=first)
    assert reply.status == 409, reply.body
    error = reply.body["error"]
    assert error["code"] == "newer_reply"
    assert [(d["id"], d["author_id"], d["comment_type"], d["content"]) for d in error["details"]] == [
        (newer, acme.user_id("customer"), "public", "Reply")
    ]
    assert error["details"][0]["created_at"].endswith("Z")
    assert stored(api, acme, number) == before, "nothing written"

    up_to_date = post_comment(api, acme, "agent", number, seen_comment_id=newer)
    assert up_to_date.status == 201, up_to_date.body


def test_confirm_sends_the_reply_anyway(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = comment(api, acme, "customer", number)
    comment(api, acme, "manager", number)
    reply = post_comment(api, acme, "agent", number, seen_comment_id=first, confirm=True)
    assert reply.status == 201, reply.body
    assert stored(api, acme, number)[0][-1] == reply.body["comment"]["id"]


def test_the_callers_own_newer_comments_do_not_warn_them(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = comment(api, acme, "customer", number)
    comment(api, acme, "agent", number)
    comment(api, acme, "agent", number, "internal")
    assert post_comment(api, acme, "agent", number, seen_comment_id=first).status == 201


def test_another_agents_internal_note_warns_staff(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = comment(api, acme, "customer", number)
    note = comment(api, acme, "manager", number, "internal")
    reply = post_comment(api, acme, "agent", number, seen_comment_id=first, comment_type="internal")
    assert reply.status == 409, reply.body
    assert [(d["id"], d["comment_type"]) for d in reply.body["error"]["details"]] == [(note, "internal")]


def test_a_customer_is_warned_of_public_replies_and_never_of_internal_notes(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = comment(api, acme, "customer", number)
    comment(api, acme, "manager", number, "internal")
    quiet = post_comment(api, acme, "customer", number, seen_comment_id=first)
    assert quiet.status == 201, "an internal note alone is no newer reply for a customer"

    mine = quiet.body["comment"]["id"]
    public = comment(api, acme, "agent", number)
    secret = comment(api, acme, "agent", number, "internal")
    warned = post_comment(api, acme, "customer", number, seen_comment_id=mine)
    assert warned.status == 409, warned.body
    assert [d["id"] for d in warned.body["error"]["details"]] == [public]
    assert secret not in str(warned.body)
    assert "internal" not in str(warned.body)


def test_a_customer_cannot_name_an_internal_note_as_seen(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    note = comment(api, acme, "manager", number, "internal")
    probe = post_comment(api, acme, "customer", number, seen_comment_id=note)
    assert probe.status == 422, "indistinguishable from an id that does not exist"
    unknown = post_comment(api, acme, "customer", number, seen_comment_id="0123456789abcdef")
    assert probe.body == unknown.body


def test_an_unknown_seen_comment_is_refused_naming_the_field(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    comment(api, acme, "customer", number)
    other = open_ticket(api, acme)
    elsewhere = comment(api, acme, "customer", other)
    before = stored(api, acme, number)
    reply = post_comment(api, acme, "agent", number, seen_comment_id=elsewhere)
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_request"
    assert [(d["field"], d["type"]) for d in reply.body["error"]["details"]] == [("seen_comment_id", "unknown_comment")]
    assert stored(api, acme, number) == before
    too_long = post_comment(api, acme, "agent", number, seen_comment_id="x" * 65)
    assert too_long.status == 422


def test_seen_nothing_is_warned_of_every_comment_of_others(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    assert post_comment(api, acme, "agent", number, seen_comment_id="").status == 201, "no comments yet"
    theirs = comment(api, acme, "customer", number)
    reply = post_comment(api, acme, "agent", number, seen_comment_id="")
    assert reply.status == 409
    assert [d["id"] for d in reply.body["error"]["details"]] == [theirs]


def test_without_seen_comment_id_replies_are_never_checked(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    comment(api, acme, "customer", number)
    comment(api, acme, "manager", number)
    assert post_comment(api, acme, "agent", number).status == 201, "email, webhooks and old clients unchanged"


# ---------------------------------------------------------------- the race


def test_two_replies_sent_at_the_same_moment_cannot_both_pass(server_api: Client) -> None:  # noqa: F811
    acme = make_tenant(server_api, "acme")
    number = open_ticket(server_api, acme)
    seen = comment(server_api, acme, "customer", number)
    racers = ("agent", "agent2", "manager")
    replies = at_once(
        [
            request(
                server_api,
                "POST",
                f"/tickets/{number}/comments",
                acme.token(role),
                {"content": f"Answer from {role}", "seen_comment_id": seen},
            )
            for role in racers
        ]
    )
    statuses = sorted(r.status for r in replies)
    assert statuses == [201, 409, 409], [r.body for r in replies]
    winner = next(r for r in replies if r.status == 201).body["comment"]
    for lost in (r for r in replies if r.status == 409):
        assert lost.body["error"]["code"] == "newer_reply"
        assert [d["id"] for d in lost.body["error"]["details"]] == [winner["id"]]
    comments = call(server_api, "GET", f"/tickets/{number}", acme.token("admin")).body["comments"]
    assert [c["id"] for c in comments] == [seen, winner["id"]], "exactly one reply stored"
