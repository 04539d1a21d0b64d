"""Attacks on macros and bulk changes: reaching past one's permissions through a macro, seeing
tickets one cannot see, template injection, caps, and usage counts under concurrency (on the
locked moto server, real transactions)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chalice.local import LocalChalice
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant, stored_items
from tests.api.test_http_macros import apply, macro, read, ticket
from tests.api.test_security_writes import at_once, request


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def test_an_agent_cannot_assign_to_someone_else_through_a_shared_macro(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    m = macro(api, acme, [{"type": "assign_to", "user_id": acme.user_id("agent2")}], "manager", scope="organization")
    before = stored_items()
    done = apply(api, acme, m.body["id"], [t["ticket_number"]])
    [result] = done.body["results"]
    assert (result["status"], result["error"]["code"]) == ("failed", "forbidden")
    assert stored_items() == before
    # The manager may: the same macro assigns for them.
    assert apply(api, acme, m.body["id"], [t["ticket_number"]], "manager").body["applied"] == 1


def test_an_agent_cannot_preview_a_ticket_they_cannot_see(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    assigned = {"assigned_agent_id": acme.user_id("agent2")}
    assert call(api, "PATCH", f"/tickets/{t['ticket_number']}", acme.token("admin"), assigned).status == 200
    m = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}])
    hidden = call(
        api, "POST", f"/macros/{m.body['id']}/preview", acme.token("agent"), {"ticket_number": t["ticket_number"]}
    )
    missing = call(api, "POST", f"/macros/{m.body['id']}/preview", acme.token("agent"), {"ticket_number": "T-999"})
    assert (hidden.status, hidden.body) == (missing.status, missing.body) == (404, hidden.body)


def test_customers_cannot_preview_or_apply_a_shared_macro(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    m = macro(api, acme, [{"type": "set_status", "status": "solved"}], "admin", scope="organization")
    token = acme.token("customer")
    body = {"ticket_number": t["ticket_number"]}
    assert call(api, "POST", f"/macros/{m.body['id']}/preview", token, body).status == 403
    assert apply(api, acme, m.body["id"], [t["ticket_number"]], "customer").status == 403
    assert read(api, acme, t["ticket_number"]).body["status"] == "new"


def test_a_requester_name_holding_a_placeholder_is_not_expanded(api: Client, acme: Tenant) -> None:
    customer = acme.user_id("customer")
    renamed = call(api, "PATCH", f"/users/{customer}", acme.token("customer"), {"first_name": "{{agent.name}}"})
    assert renamed.status == 200, renamed.body
    t = ticket(api, acme)
    m = macro(api, acme, [{"type": "reply_to_requester", "template": "Dear {{requester.first_name}}"}])
    assert apply(api, acme, m.body["id"], [t["ticket_number"]]).body["applied"] == 1
    replies = [c["content"] for c in read(api, acme, t["ticket_number"]).body["comments"] if c["id"] != "description"]
    assert replies == ["Dear {{agent.name}}"]


def test_an_unknown_placeholder_is_refused_at_save(api: Client, acme: Tenant) -> None:
    refused = macro(api, acme, [{"type": "reply_to_requester", "template": "{{ticket.description}}"}])
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_macro")


def test_a_macros_internal_note_never_reaches_the_customer(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    m = macro(api, acme, [{"type": "add_internal_note", "content": "VIP, handle with care"}])
    assert apply(api, acme, m.body["id"], [t["ticket_number"]]).body["applied"] == 1
    shown = read(api, acme, t["ticket_number"], "customer").body
    assert "VIP" not in str(shown)


def test_personal_macros_are_capped_per_user(api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.store import macros as store

    monkeypatch.setattr(store, "MAX_PERSONAL", 2)
    for _ in range(2):
        assert macro(api, acme, [{"type": "add_tags", "tags": ["x"]}]).status == 201
    full = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}])
    assert (full.status, full.body["error"]["code"]) == (422, "too_many_macros")
    # Another user's cap is their own.
    assert macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], "agent2").status == 201
    first = call(api, "GET", "/macros", acme.token("agent")).body["items"][0]["id"]
    assert call(api, "DELETE", f"/macros/{first}", acme.token("agent")).status == 204
    assert macro(api, acme, [{"type": "add_tags", "tags": ["x"]}]).status == 201


# ---- concurrency (locked moto server) ---------------------------------------------------------


@pytest.fixture
def server_api(server_table: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    from app import app
    from chalicelib.services import retry

    monkeypatch.setattr(app, "__class__", type("ThreadedChalice", (LocalChalice, type(app)), {}))
    monkeypatch.setattr(retry, "BUDGET", 600.0)
    with Client(app, stage_name="local") as client:
        yield client


def test_concurrent_applies_count_every_use(server_api: Client) -> None:
    tenant = make_tenant(server_api, "busy")
    m = macro(server_api, tenant, [{"type": "add_tags", "tags": ["seen"]}], "admin", scope="organization")
    tickets = [ticket(server_api, tenant)["ticket_number"] for _ in range(6)]
    who = ("admin", "manager", "agent")
    sends = [
        request(
            server_api,
            "POST",
            f"/macros/{m.body['id']}/apply",
            tenant.token(role),
            {"ticket_numbers": tickets[2 * i : 2 * i + 2]},
        )
        for i, role in enumerate(who)
    ]
    replies = at_once(sends)
    assert [r.body["applied"] for r in replies] == [2, 2, 2], [r.body for r in replies]
    counted = call(server_api, "GET", f"/macros/{m.body['id']}", tenant.token("admin")).body
    assert counted["usage_count"] == 6


def test_concurrent_bulk_changes_on_the_same_tickets_lose_no_tag(server_api: Client) -> None:
    tenant = make_tenant(server_api, "tags")
    tickets = [ticket(server_api, tenant)["ticket_number"] for _ in range(3)]
    sends = [
        request(
            server_api,
            "POST",
            "/tickets/bulk",
            tenant.token(role),
            {"ticket_numbers": tickets, "changes": {"add_tags": [role]}},
        )
        for role in ("admin", "manager", "agent")
    ]
    replies = at_once(sends)
    assert [r.body["applied"] for r in replies] == [3, 3, 3], [r.body for r in replies]
    for number in tickets:
        tags = call(server_api, "GET", f"/tickets/{number}", tenant.token("admin")).body["tags"]
        assert sorted(tags) == ["admin", "agent", "manager"]
