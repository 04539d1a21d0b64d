"""Users and permission grants: the role rules, uniqueness, soft delete."""

from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from chalice.test import Client

from tests.api.helpers import PASSWORD, Tenant, call, login, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def new_user(role: str = "agent", email: str = "new@example.com", **extra: object) -> dict[str, object]:
    return {"email": email, "first_name": "New", "last_name": "Person", "role": role, "password": PASSWORD, **extra}


def test_admin_creates_reads_lists_and_updates_a_user(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    created = call(api, "POST", "/users", token, new_user(phone="+1 415 555 0100", skills=["billing"]))
    assert created.status == 201
    assert created.body["phone"] == "+14155550100"
    assert created.body["username"] == "new"
    user_id = created.body["id"]
    assert call(api, "GET", f"/users/{user_id}", token).body["skills"] == ["billing"]
    agents = call(api, "GET", "/users?role=agent", token).body["items"]
    assert {u["email"] for u in agents} == {"agent@example.com", "agent2@example.com", "new@example.com"}
    patched = call(api, "PATCH", f"/users/{user_id}", token, {"last_name": "Renamed"}, headers={"If-Match": "1"})
    assert (patched.status, patched.body["last_name"], patched.body["version"]) == (200, "Renamed", 2)
    stale = call(api, "PATCH", f"/users/{user_id}", token, {"last_name": "Again"}, headers={"If-Match": "1"})
    assert stale.status == 412


def test_users_list_pages_with_a_cursor(api: Client, acme: Tenant) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        path = "/users?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = call(api, "GET", path, acme.token("manager")).body
        seen += [u["id"] for u in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(u["id"] for u in acme.users.values())


def test_email_and_username_are_unique_case_insensitively(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    dup_email = call(api, "POST", "/users", token, new_user(email="AGENT@example.com", username="someone"))
    assert (dup_email.status, dup_email.body["error"]["code"]) == (409, "email_taken")
    dup_name = call(api, "POST", "/users", token, new_user(email="x@example.com", username="Agent"))
    assert (dup_name.status, dup_name.body["error"]["code"]) == (409, "username_taken")
    move = call(api, "PATCH", f"/users/{acme.user_id('agent2')}", token, {"email": "Agent@Example.com"})
    assert (move.status, move.body["error"]["code"]) == (409, "email_taken")


def test_changing_email_frees_the_old_one(
    api: Client, acme: Tenant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    token = acme.token("admin")
    moved = call(api, "PATCH", f"/users/{acme.user_id('agent2')}", token, {"email": "agent.two@example.com"})
    assert moved.status == 200
    # The new address confirms with the code mailed to it (tests/api/test_security_email_change.py).
    messages = [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in tmp_path.glob("*.eml")]
    (mailed,) = [m for m in messages if "agent.two@example.com" in str(m["To"])]
    assert isinstance(mailed, EmailMessage)
    code = re.search(r"\bec_\S+", mailed.get_content())
    assert code is not None
    assert call(api, "POST", "/auth/email/confirm", body={"token": code.group(0)}).status == 200
    assert call(api, "POST", "/users", token, new_user(email="agent2@example.com", username="fresh")).status == 201
    assert login(api, "acme", "agent.two@example.com")


def test_same_email_may_exist_in_two_organizations(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    assert globex.users["agent"]["email"] == acme.users["agent"]["email"]


@pytest.mark.parametrize(
    ("actor", "body", "status", "code"),
    [
        ("manager", new_user(role="admin"), 403, "privilege_escalation"),
        ("agent", new_user(), 403, "forbidden"),
        ("customer", new_user(), 403, "forbidden"),
        ("admin", new_user(password="password123"), 422, "weak_password"),
        ("admin", new_user(phone="12345"), 422, "invalid_phone"),
        ("admin", new_user(customer_tier="vip"), 422, "customer_tier_for_staff"),
        ("admin", new_user(role="owner"), 422, "invalid_request"),
    ],
)
def test_user_creation_rules(
    api: Client, acme: Tenant, actor: str, body: dict[str, object], status: int, code: str
) -> None:
    reply = call(api, "POST", "/users", acme.token(actor), body)
    assert (reply.status, reply.body["error"]["code"]) == (status, code)


def test_nobody_changes_their_own_role(api: Client, acme: Tenant) -> None:
    for role, wanted in (("admin", "agent"), ("manager", "admin"), ("manager", "agent"), ("agent", "manager")):
        reply = call(api, "PATCH", f"/users/{acme.user_id(role)}", acme.token(role), {"role": wanted})
        assert reply.status == 403, (role, wanted)


def test_manager_cannot_touch_admins_but_manages_agents(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    assert call(api, "PATCH", f"/users/{acme.user_id('admin')}", token, {"last_name": "X"}).status == 403
    assert call(api, "DELETE", f"/users/{acme.user_id('admin')}", token).status == 403
    assert call(api, "PATCH", f"/users/{acme.user_id('agent')}", token, {"role": "admin"}).status == 403
    promoted = call(api, "PATCH", f"/users/{acme.user_id('agent')}", token, {"role": "manager"})
    assert (promoted.status, promoted.body["role"]) == (200, "manager")
    assert call(api, "GET", "/auth/me", acme.token("agent")).status == 401, "a role change ends the sessions"


def test_agents_and_customers_edit_only_their_own_profile(api: Client, acme: Tenant) -> None:
    own = call(api, "PATCH", f"/users/{acme.user_id('agent')}", acme.token("agent"), {"availability_status": "busy"})
    assert (own.status, own.body["availability_status"]) == (200, "busy")
    skills = call(api, "PATCH", f"/users/{acme.user_id('agent')}", acme.token("agent"), {"skills": ["everything"]})
    assert (skills.status, skills.body["error"]["code"]) == (403, "forbidden_field")
    assert call(api, "PATCH", f"/users/{acme.user_id('agent2')}", acme.token("agent"), {"last_name": "X"}).status == 403
    assert (
        call(api, "PATCH", f"/users/{acme.user_id('customer2')}", acme.token("customer"), {"last_name": "X"}).status
        == 404
    )


def test_customers_see_only_themselves(api: Client, acme: Tenant) -> None:
    token = acme.token("customer")
    assert call(api, "GET", f"/users/{acme.user_id('customer')}", token).status == 200
    assert call(api, "GET", f"/users/{acme.user_id('customer2')}", token).status == 404
    assert call(api, "GET", f"/users/{acme.user_id('agent')}", token).status == 404
    assert call(api, "GET", "/users", token).status == 403


def test_deleted_user_cannot_log_in_and_is_restored(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    agent_token = acme.token("agent")
    deleted = call(api, "DELETE", f"/users/{acme.user_id('agent')}", token)
    assert (deleted.status, deleted.body) == (204, None)
    assert call(api, "GET", "/auth/me", agent_token).status == 401
    refused = call(
        api, "POST", "/auth/login", body={"organization": "acme", "email": "agent@example.com", "password": PASSWORD}
    )
    assert refused.status == 401
    assert call(api, "GET", f"/users/{acme.user_id('agent')}", token).status == 404
    assert call(api, "DELETE", f"/users/{acme.user_id('manager')}", token).status == 403, "no self-delete"
    restored = call(api, "POST", f"/users/{acme.user_id('agent')}/restore", token)
    assert (restored.status, restored.body["is_active"]) == (200, True)
    assert login(api, "acme", "agent@example.com")


def test_admin_grants_and_revokes_a_permission(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    agent = acme.user_id("agent")
    granted = call(api, "POST", f"/users/{agent}/permissions", admin, {"permission": "tickets.view_all"})
    assert granted.status == 201
    assert granted.body["granted_by_id"] == acme.user_id("admin")
    assert call(api, "GET", "/auth/me", acme.token("agent")).body["permissions"] == ["tickets.view_all"]
    listed = call(api, "GET", f"/users/{agent}/permissions", acme.token("agent")).body["items"]
    assert [p["permission"] for p in listed] == ["tickets.view_all"]
    assert call(api, "DELETE", f"/users/{agent}/permissions/tickets.view_all", admin).status == 204
    assert call(api, "GET", "/auth/me", acme.token("agent")).body["permissions"] == []
    assert call(api, "DELETE", f"/users/{agent}/permissions/tickets.view_all", admin).status == 204
    assert call(api, "DELETE", f"/users/{agent}/permissions/users.create", admin).status == 404
    # Granted again after the revoke (found by the bench: was 409 stale_version), and once more
    # while held: an upsert that keeps one row.
    for _ in range(2):
        again = call(api, "POST", f"/users/{agent}/permissions", admin, {"permission": "tickets.view_all"})
        assert again.status == 201, again.body
    assert call(api, "GET", "/auth/me", acme.token("agent")).body["permissions"] == ["tickets.view_all"]
    listed = call(api, "GET", f"/users/{agent}/permissions", admin).body["items"]
    assert [(p["permission"], p["is_active"]) for p in listed] == [("tickets.view_all", True)]


def test_a_granted_permission_extends_what_the_user_may_do(api: Client, acme: Tenant) -> None:
    agent = acme.token("agent")
    assert call(api, "POST", "/users", agent, new_user(role="customer", email="c3@example.com")).status == 403
    call(
        api, "POST", f"/users/{acme.user_id('agent')}/permissions", acme.token("admin"), {"permission": "users.create"}
    )
    assert call(api, "POST", "/users", agent, new_user(role="customer", email="c3@example.com")).status == 201
    assert call(api, "POST", "/users", agent, new_user(role="admin", email="a3@example.com")).status == 403


def test_grants_cannot_escalate(api: Client, acme: Tenant) -> None:
    manager = call(
        api,
        "POST",
        f"/users/{acme.user_id('agent')}/permissions",
        acme.token("manager"),
        {"permission": "tickets.view_all"},
    )
    assert manager.status == 403
    unknown = call(
        api, "POST", f"/users/{acme.user_id('agent')}/permissions", acme.token("admin"), {"permission": "root"}
    )
    assert (unknown.status, unknown.body["error"]["code"]) == (422, "unknown_permission")
    past = call(
        api,
        "POST",
        f"/users/{acme.user_id('agent')}/permissions",
        acme.token("admin"),
        {"permission": "tickets.view_all", "expires_at": "2020-01-01T00:00:00Z"},
    )
    assert past.status == 422
