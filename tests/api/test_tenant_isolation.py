"""Two organizations with the same user emails: every id of one is invisible to the other."""

from __future__ import annotations

import json
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import PASSWORD, Tenant, call, make_tenant, stored_items


def table_contents() -> str:
    """Every item, in a stable order (read from moto's memory: the API never scans)."""
    return json.dumps(sorted(stored_items(), key=lambda i: (i["PK"]["S"], i["SK"]["S"])))


@pytest.fixture
def tenants(api: Client) -> tuple[Tenant, Tenant]:
    return make_tenant(api, "acme"), make_tenant(api, "globex")


def foreign_requests(globex: Tenant, globex_session: str, department: str, customer: str) -> list[tuple[str, str, Any]]:
    agent = globex.user_id("agent")
    return [
        ("GET", f"/departments/{department}", None),
        ("PATCH", f"/departments/{department}", {"name": "Hijacked"}),
        ("DELETE", f"/departments/{department}", None),
        ("PUT", f"/departments/{department}/members/{agent}", None),
        ("DELETE", f"/departments/{department}/members/{agent}", None),
        ("GET", f"/customers/{customer}", None),
        ("PATCH", f"/customers/{customer}", {"company": "Hijacked"}),
        ("DELETE", f"/customers/{customer}", None),
        ("GET", f"/users/{agent}", None),
        ("PATCH", f"/users/{agent}", {"last_name": "Hijacked"}),
        ("PATCH", f"/users/{agent}", {"role": "manager"}),
        ("DELETE", f"/users/{agent}", None),
        ("POST", f"/users/{agent}/restore", None),
        ("GET", f"/users/{agent}/permissions", None),
        ("POST", f"/users/{agent}/permissions", {"permission": "tickets.view_all"}),
        ("DELETE", f"/users/{agent}/permissions/tickets.view_all", None),
        ("DELETE", f"/auth/sessions/{globex_session}", None),
    ]


def test_other_tenants_ids_are_404_and_change_nothing(api: Client, tenants: tuple[Tenant, Tenant]) -> None:
    acme, globex = tenants
    call(
        api,
        "POST",
        f"/users/{globex.user_id('agent')}/permissions",
        globex.token("admin"),
        {"permission": "tickets.view_all"},
    )
    globex_session = call(api, "GET", "/auth/sessions", globex.token("agent")).body["items"][0]["id"]
    department = call(api, "POST", "/departments", globex.token("admin"), {"name": "Globex Support"}).body["id"]
    call(api, "PUT", f"/departments/{department}/members/{globex.user_id('agent')}", globex.token("admin"))
    customer = call(api, "POST", "/customers", globex.token("admin"), {"company": "Globex Client"}).body["id"]
    before = table_contents()
    for method, path, body in foreign_requests(globex, globex_session, department, customer):
        reply = call(api, method, path, acme.token("admin"), body)
        assert reply.status == 404, (method, path, reply.status, reply.body)
    assert table_contents() == before, "a request with another tenant's ids wrote something"
    assert call(api, "GET", "/auth/me", globex.token("agent")).status == 200


def test_lists_show_only_the_callers_tenant(api: Client, tenants: tuple[Tenant, Tenant]) -> None:
    acme, _globex = tenants
    ids = {u["id"] for u in call(api, "GET", "/users?limit=100", acme.token("admin")).body["items"]}
    assert ids == {u["id"] for u in acme.users.values()}
    call(api, "POST", "/departments", _globex.token("admin"), {"name": "Globex only"})
    call(api, "POST", "/customers", _globex.token("admin"), {"company": "Globex only"})
    assert call(api, "GET", "/departments", acme.token("admin")).body["items"] == []
    assert call(api, "GET", "/customers", acme.token("admin")).body["items"] == []


def test_a_cursor_from_another_tenant_is_400(api: Client, tenants: tuple[Tenant, Tenant]) -> None:
    acme, globex = tenants
    cursor = call(api, "GET", "/users?limit=2", globex.token("admin")).body["next_cursor"]
    assert cursor
    reply = call(api, "GET", f"/users?limit=2&cursor={cursor}", acme.token("admin"))
    assert (reply.status, reply.body["error"]["code"]) == (400, "invalid_cursor")


def test_a_token_cannot_be_moved_to_another_tenant(api: Client, tenants: tuple[Tenant, Tenant]) -> None:
    acme, globex = tenants
    token = globex.token("admin")
    _, org_id, user_id, secret = token.split("_", 3)
    forged = f"dk_{acme.org_id}_{user_id}_{secret}"
    assert call(api, "GET", "/auth/me", forged).status == 401
    forged_user = f"dk_{org_id}_{acme.user_id('admin')}_{secret}"
    assert call(api, "GET", "/auth/me", forged_user).status == 401


def test_login_to_the_other_organization_needs_its_own_password(api: Client, tenants: tuple[Tenant, Tenant]) -> None:
    _acme, globex = tenants
    call(
        api,
        "POST",
        "/auth/password",
        globex.token("agent"),
        {"current_password": PASSWORD, "new_password": "globex-only-passphrase"},
    )
    wrong = call(
        api, "POST", "/auth/login", body={"organization": "globex", "email": "agent@example.com", "password": PASSWORD}
    )
    assert wrong.status == 401
    right = call(
        api, "POST", "/auth/login", body={"organization": "acme", "email": "agent@example.com", "password": PASSWORD}
    )
    assert right.status == 200
