"""API tokens for integrations: create (secret once) -> use -> list with last use -> revoke."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.domain.clock import utcnow
from chalicelib.services import identity
from chalicelib.store import api_tokens as token_store
from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant

BASE = "/organization/api-tokens"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def create_token(api: Client, tenant: Tenant, body: dict[str, Any], as_role: str = "admin") -> dict[str, Any]:
    reply = call(api, "POST", BASE, tenant.token(as_role), body)
    assert reply.status == 201, reply.body
    return dict(reply.body)


def test_admin_creates_a_token_uses_it_sees_its_last_use_and_revokes_it_at_once(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    created = call(api, "POST", BASE, admin, {"name": "Zapier", "role": "manager"})
    assert created.status == 201
    assert created.headers["Location"] == f"{BASE}/{created.body['id']}"
    secret = created.body["token"]
    assert secret.startswith(f"dkt_{acme.org_id}_{acme.user_id('admin')}_{created.body['id']}_")
    assert created.body["role"] == "manager"
    assert created.body["actions"] is None
    assert created.body["created_by_id"] == acme.user_id("admin")
    assert created.body["last_used_at"] is None

    assert call(api, "GET", "/tickets", secret).status == 200

    listed = call(api, "GET", BASE, admin)
    assert listed.status == 200
    [item] = listed.body["items"]
    assert item["id"] == created.body["id"]
    assert item["name"] == "Zapier"
    assert item["last_used_at"] is not None
    assert item["revoked_at"] is None
    assert "token" not in item
    one = call(api, "GET", f"{BASE}/{item['id']}", admin)
    assert one.status == 200
    assert "token" not in one.body
    assert one.body["last_used_at"] == item["last_used_at"]

    assert call(api, "DELETE", f"{BASE}/{item['id']}", admin).status == 204
    refused = call(api, "GET", "/tickets", secret)
    assert (refused.status, refused.body["error"]["code"]) == (401, "token_revoked")
    revoked = call(api, "GET", f"{BASE}/{item['id']}", admin).body
    assert revoked["revoked_at"] is not None
    assert revoked["revoked_by_id"] == acme.user_id("admin")
    assert call(api, "DELETE", f"{BASE}/{item['id']}", admin).status == 204, "revoking again changes nothing"

    actions = [e["action"] for e in call(api, "GET", "/audit-log", admin).body["items"]]
    assert actions.count("api_token.created") == 1
    assert actions.count("api_token.revoked") == 1


def test_a_token_is_refused_once_it_has_expired(api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    expiry = utcnow() + timedelta(days=1)
    secret = create_token(api, acme, {"name": "CI", "role": "manager", "expires_at": expiry.isoformat()})["token"]
    assert call(api, "GET", "/tickets", secret).status == 200
    monkeypatch.setattr("chalicelib.services.identity.utcnow", lambda: expiry + timedelta(seconds=1))
    refused = call(api, "GET", "/tickets", secret)
    assert (refused.status, refused.body["error"]["code"]) == (401, "token_expired")


def test_last_use_is_written_at_most_once_a_minute(api: Client, acme: Tenant) -> None:
    created = create_token(api, acme, {"name": "Sync", "role": "agent"})
    header, now = f"Bearer {created['token']}", utcnow()
    identity.authenticate(header, now=now)
    with metering.metered() as calls:
        identity.authenticate(header, now=now + timedelta(seconds=30))
    assert [c.operation for c in calls] == ["BatchGetItem"], "one read, no write within the minute"
    stored = token_store.get(acme.org_id, created["id"])
    assert stored is not None
    assert stored.last_used_at == now
    identity.authenticate(header, now=now + timedelta(minutes=2))
    later = token_store.get(acme.org_id, created["id"])
    assert later is not None
    assert later.last_used_at == now + timedelta(minutes=2)


def test_an_action_token_may_take_only_its_actions(api: Client, acme: Tenant) -> None:
    secret = create_token(api, acme, {"name": "Directory", "actions": ["departments.read", "departments.read"]})
    assert secret["actions"] == ["departments.read"], "repeats are dropped"
    assert call(api, "GET", "/departments", secret["token"]).status == 200
    for method, path, body in (
        ("POST", "/departments", {"name": "Field"}),
        ("GET", "/organization", None),
        ("GET", BASE, None),
    ):
        reply = call(api, method, path, secret["token"], body)
        assert reply.status == 403, (method, path, reply.body)


def test_a_role_token_acts_with_its_role_not_its_creators(api: Client, acme: Tenant) -> None:
    secret = create_token(api, acme, {"name": "Helper", "role": "agent"})["token"]
    assert call(api, "GET", "/organization", secret).status == 403, "agents may not read the organization"
    assert call(api, "POST", BASE, secret, {"name": "More", "role": "agent"}).status == 403
    assert call(api, "DELETE", f"/users/{acme.user_id('agent2')}", secret).status == 403


def test_a_ticket_written_with_a_token_is_its_creators_and_side_loads(api: Client, acme: Tenant) -> None:
    secret = create_token(api, acme, {"name": "Importer", "role": "manager"})["token"]
    body = {"subject": "Printer jam", "customer_email": "customer@example.com"}
    created = call(api, "POST", "/tickets", secret, body)
    assert created.status == 201, created.body
    number = created.body["ticket_number"]
    assert created.body["created_by_id"] == acme.user_id("admin"), "a token writes as the admin it acts for"
    page = call(api, "GET", "/tickets?include=users", secret)
    assert page.status == 200
    assert acme.user_id("admin") in {u["id"] for u in page.body["included"]["users"]}
    history = call(api, "GET", f"/tickets/{number}/history", secret)
    assert history.status == 200, history.body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Both", "role": "agent", "actions": ["tickets.update"]}, None),
        ({"name": "Neither"}, None),
        ({"name": "Customer", "role": "customer"}, "role"),
        ({"name": "Unknown", "actions": ["tickets.update", "tickets.fly"]}, "actions"),
        ({"name": "Past", "role": "agent", "expires_at": "2020-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "", "role": "agent"}, "name"),
    ],
)
def test_an_invalid_token_request_is_422_and_creates_nothing(
    api: Client, acme: Tenant, body: dict[str, Any], field: str | None
) -> None:
    reply = call(api, "POST", BASE, acme.token("admin"), body)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_request"), reply.body
    if field is not None:
        assert field in {str(d["field"]).split(".")[0] for d in reply.body["error"]["details"]}
    assert call(api, "GET", BASE, acme.token("admin")).body["items"] == []


def test_the_list_pages_newest_first(api: Client, acme: Tenant) -> None:
    ids = [create_token(api, acme, {"name": f"T{i}", "role": "agent"})["id"] for i in range(3)]
    first = call(api, "GET", f"{BASE}?limit=2", acme.token("admin")).body
    second = call(api, "GET", f"{BASE}?limit=2&cursor={first['next_cursor']}", acme.token("admin")).body
    assert [t["id"] for t in first["items"] + second["items"]] == ids[::-1]
    assert second["next_cursor"] is None


def test_an_unknown_token_id_is_404(api: Client, acme: Tenant) -> None:
    for token_id in ("0" * 20, "not-an-id"):
        assert call(api, "GET", f"{BASE}/{token_id}", acme.token("admin")).status == 404
        assert call(api, "DELETE", f"{BASE}/{token_id}", acme.token("admin")).status == 404


def test_the_authorizer_reads_an_api_token_with_one_batch_get(api: Client, acme: Tenant) -> None:
    header = f"Bearer {create_token(api, acme, {'name': 'Count', 'role': 'agent'})['token']}"
    identity.authenticate(header)  # the first use records last_used_at
    with metering.metered() as calls:
        principal = identity.authenticate(header)
    assert [c.operation for c in calls] == ["BatchGetItem"]
    assert (principal.kind, principal.user_id, principal.role.value) == ("api_token", acme.user_id("admin"), "agent")
