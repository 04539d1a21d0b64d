"""Attacks on saved views: reaching another organization's or another user's view, seeing tickets
through a view the reader could not list, steering a view's cursor, and racing past the caps."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import views as view_store
from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_security_writes import at_once, request, server_api  # noqa: F401 (fixture)


def create_view(api: Client, tenant: Tenant, role: str = "agent", **fields: Any) -> dict[str, Any]:
    reply = call(api, "POST", "/views", tenant.token(role), {"name": "Mine", "filter": {}, **fields})
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def open_ticket(api: Client, tenant: Tenant, subject: str = "Scanner offline") -> str:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": subject})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def every_route(view_id: str) -> list[tuple[str, str, Any]]:
    path = f"/views/{view_id}"
    return [
        ("GET", path, None),
        ("GET", f"{path}/tickets", None),
        ("PATCH", path, {"name": "Mine now"}),
        ("DELETE", path, None),
    ]


def test_another_organizations_view_is_404_on_every_route(api: Client) -> None:
    acme, globex = make_tenant(api, "acme"), make_tenant(api, "globex", "globex.example")
    theirs = create_view(api, globex, "admin", name="Globex shared", scope="organization")
    for method, path, body in every_route(theirs["id"]):
        reply = call(api, method, path, acme.token("admin"), body)
        assert (reply.status, reply.body["error"]["code"]) == (404, "not_found"), (method, path)
    assert theirs["id"] not in {v["id"] for v in call(api, "GET", "/views", acme.token("admin")).body["items"]}
    assert call(api, "GET", f"/views/{theirs['id']}", globex.token("agent")).body["name"] == "Globex shared"


def test_a_personal_view_is_its_owners_alone_even_for_an_admin(api: Client) -> None:
    acme = make_tenant(api, "acme")
    private = create_view(api, acme, "agent2", name="Agent 2's secret list")
    for role in ("agent", "manager", "admin"):
        for method, path, body in every_route(private["id"]):
            reply = call(api, method, path, acme.token(role), body)
            assert (reply.status, reply.body["error"]["code"]) == (404, "not_found"), (role, method, path)
        listed = call(api, "GET", "/views?include=counts", acme.token(role)).body["items"]
        assert private["id"] not in {v["id"] for v in listed}, role
    assert call(api, "GET", f"/views/{private['id']}", acme.token("agent2")).body["version"] == 1


def test_a_view_naming_another_agent_shows_an_agent_nothing_of_theirs(api: Client) -> None:
    acme = make_tenant(api, "acme")
    theirs = open_ticket(api, acme, "Agent 2's")
    reply = call(
        api, "PATCH", f"/tickets/{theirs}", acme.token("manager"), {"assigned_agent_id": acme.user_id("agent2")}
    )
    assert reply.status == 200, reply.body
    spy = create_view(api, acme, "agent", name="Spy", filter={"assignee": [acme.user_id("agent2")]})
    for sort in ("-updated_at", "-created_at", "priority", "-sla_due_at"):
        patched = call(api, "PATCH", f"/views/{spy['id']}", acme.token("agent"), {"sort": sort})
        assert patched.status == 200, patched.body
        page = call(api, "GET", f"/views/{spy['id']}/tickets", acme.token("agent"))
        assert (page.status, page.body["items"]) == (200, []), sort
    counted = {v["id"]: v for v in call(api, "GET", "/views?include=counts", acme.token("agent")).body["items"]}
    assert (counted[spy["id"]]["count"], counted[spy["id"]]["count_capped"]) == (0, False)


def test_a_cursor_only_continues_the_list_it_came_from(api: Client) -> None:
    acme, globex = make_tenant(api, "acme"), make_tenant(api, "globex", "globex.example")
    for i in range(3):
        open_ticket(api, acme, f"Ticket {i}")
    first = call(api, "GET", "/views/builtin:unassigned/tickets?limit=1", acme.token("manager"))
    cursor = first.body["next_cursor"]
    assert cursor is not None
    other_view = call(api, "GET", f"/views/builtin:due_soon/tickets?cursor={cursor}", acme.token("manager"))
    other_user = call(api, "GET", f"/views/builtin:unassigned/tickets?cursor={cursor}", acme.token("admin"))
    other_org = call(api, "GET", f"/views/builtin:unassigned/tickets?cursor={cursor}", globex.token("manager"))
    body, signature = cursor.split(".")
    forged = call(
        api, "GET", f"/views/builtin:unassigned/tickets?cursor={body}.{signature[::-1]}", acme.token("manager")
    )
    for reply in (other_view, other_user, other_org, forged):
        assert (reply.status, reply.body["error"]["code"]) == (400, "invalid_cursor"), reply.body


def test_the_caps_refuse_the_view_past_them(api: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(view_store, "MAX_PERSONAL", 2)
    monkeypatch.setattr(view_store, "MAX_SHARED", 1)
    acme = make_tenant(api, "acme")
    first = create_view(api, acme, "agent", name="One")
    create_view(api, acme, "agent", name="Two")
    third = call(api, "POST", "/views", acme.token("agent"), {"name": "Three", "filter": {}})
    assert (third.status, third.body["error"]["code"]) == (422, "too_many_views"), third.body
    create_view(api, acme, "agent2", name="Agent 2 has their own allowance")
    assert call(api, "DELETE", f"/views/{first['id']}", acme.token("agent")).status == 204
    create_view(api, acme, "agent", name="Three, after a delete")
    create_view(api, acme, "manager", name="Shared", scope="organization")
    second_shared = call(
        api, "POST", "/views", acme.token("admin"), {"name": "S2", "filter": {}, "scope": "organization"}
    )
    assert (second_shared.status, second_shared.body["error"]["code"]) == (422, "too_many_views")


def test_concurrent_creates_never_pass_the_cap(server_api: Client, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(view_store, "MAX_PERSONAL", 3)
    acme = make_tenant(server_api, "acme")
    replies = at_once(
        [request(server_api, "POST", "/views", acme.token("agent"), {"name": f"V{i}", "filter": {}}) for i in range(6)]
    )
    assert sorted(r.status for r in replies) == [201, 201, 201, 422, 422, 422], [r.body for r in replies]
    mine = [v for v in call(server_api, "GET", "/views", acme.token("agent")).body["items"] if v["scope"] == "personal"]
    assert len(mine) == 3


def test_the_engine_gives_a_customer_only_their_own_tickets_and_no_internal_field(api: Client) -> None:
    """``list_filtered`` is public (search's filter-only queries): a customer's filter reads their
    own requests only, and may not test an internal custom field's value."""
    from chalicelib.domain.errors import RuleViolation
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.domain.ticket_filter import TicketFilter
    from chalicelib.services.views import list_filtered

    acme = make_tenant(api, "acme")
    fields = [{"name": "risk", "type": "text"}, {"name": "model", "type": "text", "customer_visible": True}]
    reply = call(api, "PATCH", "/organization", acme.token("admin"), {"settings": {"custom_fields": fields}})
    assert reply.status == 200, reply.body
    mine = open_ticket(api, acme, "Mine")
    theirs = call(api, "POST", "/tickets", acme.token("customer2"), {"subject": "Theirs"}).body["ticket_number"]
    for number in (mine, theirs):
        body = {"custom_fields": {"risk": "high", "model": "X1"}}
        assert call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), body).status == 200
    customer = Principal(org_id=acme.org_id, user_id=acme.user_id("customer"), role=Role.CUSTOMER, session_id="s")
    page = list_filtered(customer, TicketFilter(custom_fields={"model": "x1"}), "-updated_at", 10, None)
    assert [t.ticket_number for t in page.items] == [mine]
    with pytest.raises(RuleViolation) as refused:
        list_filtered(customer, TicketFilter(custom_fields={"risk": "high"}), "-updated_at", 10, None)
    assert (refused.value.code, refused.value.details[0]["field"]) == ("invalid_query", "custom_fields.risk")
    other = TicketFilter(requester_id=acme.user_id("customer2"))
    assert list_filtered(customer, other, "-updated_at", 10, None).items == []


def test_concurrent_patches_of_one_version_apply_once(server_api: Client) -> None:  # noqa: F811
    acme = make_tenant(server_api, "acme")
    view = create_view(server_api, acme, "manager", name="Shared", scope="organization")
    path = f"/views/{view['id']}"
    replies = at_once(
        [
            request(server_api, "PATCH", path, acme.token(role), {"name": f"By {role}"}, **{"If-Match": '"1"'})
            for role in ("manager", "admin", "manager", "admin")
        ]
    )
    assert sorted(r.status for r in replies) == [200, 412, 412, 412], [r.body for r in replies]
    winner = next(r.body for r in replies if r.status == 200)
    stored = call(server_api, "GET", path, acme.token("agent")).body
    assert (stored["name"], stored["version"]) == (winner["name"], 2)
