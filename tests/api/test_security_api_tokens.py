"""Attacks on API tokens: forged and foreign tokens, secrets at rest, escalation past the creator,
and a token taking over its creator's sign-in."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from chalicelib.store.audit import audit_pk
from chalicelib.store.keys import org_pk
from tests.api.helpers import PASSWORD, Tenant, call, login, make_tenant

BASE = "/organization/api-tokens"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def create_token(api: Client, token: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = call(api, "POST", BASE, token, body)
    assert reply.status == 201, reply.body
    return dict(reply.body)


def partition(pk: str) -> list[dict[str, Any]]:
    """Every raw item of a partition, as DynamoDB stores it."""
    client = boto3.client("dynamodb")
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {
        "TableName": config.table_name(),
        "KeyConditionExpression": "PK = :pk",
        "ExpressionAttributeValues": {":pk": {"S": pk}},
    }
    while True:
        page = client.query(**kwargs)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def test_a_token_with_our_prefix_but_a_wrong_secret_is_401(api: Client, acme: Tenant) -> None:
    secret = create_token(api, acme.token("admin"), {"name": "Real", "role": "manager"})["token"]
    head, tail = secret[:-44], secret[-43:]  # the random part may itself hold "_"
    forged = [
        f"{head}_{'A' * 43}",
        f"{head}_{tail[::-1]}",
        secret[:-1],  # malformed: one character short
        f"dkt_{acme.org_id}_{acme.user_id('admin')}_{'0' * 20}_{tail}",  # an id that does not exist
        f"dkt_{acme.org_id}_{acme.user_id('manager')}_{head.split('_')[3]}_{tail}",  # another creator
    ]
    for token in forged:
        reply = call(api, "GET", "/tickets", token)
        assert (reply.status, reply.body["error"]["code"]) == (401, "invalid_token"), token
    assert call(api, "GET", "/tickets", secret).status == 200


def test_a_token_of_one_organization_never_reaches_another(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", email_domain="globex.example")
    theirs = create_token(api, globex.token("admin"), {"name": "Theirs", "role": "admin"})
    ticket = call(api, "POST", "/tickets", globex.token("customer"), {"subject": "Globex only"})
    assert ticket.status == 201
    ours = create_token(api, acme.token("admin"), {"name": "Ours", "role": "admin"})["token"]

    assert call(api, "GET", f"{BASE}/{theirs['id']}", ours).status == 404
    assert call(api, "DELETE", f"{BASE}/{theirs['id']}", ours).status == 404
    assert call(api, "GET", f"/tickets/{ticket.body['ticket_number']}", ours).status == 404
    assert call(api, "GET", "/tickets/" + str(ticket.body["ticket_number"]), theirs["token"]).status == 200
    # Our token's secret under their organization's id: not a credential there.
    moved = ours.replace(f"dkt_{acme.org_id}_", f"dkt_{globex.org_id}_", 1)
    reply = call(api, "GET", "/tickets", moved)
    assert (reply.status, reply.body["error"]["code"]) == (401, "invalid_token")
    assert call(api, "GET", f"{BASE}/{theirs['id']}", globex.token("admin")).body["revoked_at"] is None


def test_the_secret_is_shown_once_and_stored_nowhere(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    created = create_token(api, admin, {"name": "Vault", "actions": ["tickets.view_all"]})
    secret = created["token"]
    call(api, "GET", "/tickets", secret)
    call(api, "DELETE", f"{BASE}/{created['id']}", admin)
    seen = [
        call(api, "GET", BASE, admin).body,
        call(api, "GET", f"{BASE}/{created['id']}", admin).body,
        call(api, "GET", "/audit-log", admin).body,
    ]
    stored = partition(org_pk(acme.org_id)) + partition(audit_pk(acme.org_id))
    assert secret not in json.dumps(seen)
    assert secret[-43:] not in json.dumps(seen)
    assert secret[-43:] not in json.dumps(stored), "the secret is not at rest"
    [item] = [i for i in stored if i["SK"]["S"] == f"APITOKEN#{created['id']}"]
    assert item["secret_hash"]["S"] == hashlib.sha256(secret.encode()).hexdigest()


@pytest.mark.parametrize("role", ["manager", "agent", "customer"])
def test_only_admins_manage_tokens(api: Client, acme: Tenant, role: str) -> None:
    token = create_token(api, acme.token("admin"), {"name": "Admin's", "role": "agent"})
    caller = acme.token(role)
    assert call(api, "POST", BASE, caller, {"name": "Mine", "role": "agent"}).status == 403
    assert call(api, "GET", BASE, caller).status == 403
    assert call(api, "GET", f"{BASE}/{token['id']}", caller).status == 403
    assert call(api, "DELETE", f"{BASE}/{token['id']}", caller).status == 403
    assert call(api, "GET", f"{BASE}/{token['id']}", acme.token("admin")).body["revoked_at"] is None


def test_a_manager_granted_token_management_cannot_mint_more_than_a_manager(api: Client, acme: Tenant) -> None:
    grant = call(
        api,
        "POST",
        f"/users/{acme.user_id('manager')}/permissions",
        acme.token("admin"),
        {"permission": "api_tokens.manage"},
    )
    assert grant.status == 201, grant.body
    manager = acme.token("manager")
    for body in ({"name": "Up", "role": "admin"}, {"name": "Org", "actions": ["organization.update"]}):
        reply = call(api, "POST", BASE, manager, body)
        assert (reply.status, reply.body["error"]["code"]) == (403, "privilege_escalation"), body
    assert call(api, "POST", BASE, manager, {"name": "Fine", "role": "manager"}).status == 201


def test_an_action_token_cannot_mint_a_wider_token(api: Client, acme: Tenant) -> None:
    narrow = create_token(
        api, acme.token("admin"), {"name": "Minter", "actions": ["api_tokens.manage", "reports.read"]}
    )
    minter = narrow["token"]
    for body in (
        {"name": "Role", "role": "agent"},
        {"name": "Wider", "actions": ["reports.read", "tickets.delete"]},
    ):
        reply = call(api, "POST", BASE, minter, body)
        assert (reply.status, reply.body["error"]["code"]) == (403, "privilege_escalation"), body
    assert call(api, "POST", BASE, minter, {"name": "Same", "actions": ["reports.read"]}).status == 201


def test_a_token_never_does_more_than_its_creator_can_now(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    manager_id = acme.user_id("manager")
    promoted = call(api, "PATCH", f"/users/{manager_id}", admin, {"role": "admin"})
    assert promoted.status == 200, promoted.body
    second_admin = login(api, acme.slug, "manager@example.com", PASSWORD)
    role_token = create_token(api, second_admin, {"name": "Full", "role": "admin"})["token"]
    action_token = create_token(api, second_admin, {"name": "Org", "actions": ["organization.read"]})["token"]
    assert call(api, "GET", "/organization", role_token).status == 200
    assert call(api, "GET", "/organization", action_token).status == 200

    assert call(api, "PATCH", f"/users/{manager_id}", admin, {"role": "agent"}).status == 200
    assert call(api, "GET", "/organization", role_token).status == 403, "capped at the creator's role (agent)"
    assert call(api, "GET", "/organization", action_token).status == 403, "the creator may no longer read it"

    assert call(api, "DELETE", f"/users/{manager_id}", admin).status == 204
    reply = call(api, "GET", "/tickets?view=unassigned", role_token)
    assert (reply.status, reply.body["error"]["code"]) == (401, "token_creator_inactive")


def test_a_token_cannot_take_over_its_creators_sign_in(api: Client, acme: Tenant) -> None:
    token = create_token(api, acme.token("admin"), {"name": "Everything", "role": "admin"})["token"]
    attempts = [
        ("POST", "/auth/password", {"current_password": PASSWORD, "new_password": "another-long-passphrase"}),
        ("POST", "/auth/2fa/setup", {"current_password": PASSWORD}),
        ("GET", "/auth/sessions", None),
        ("POST", "/auth/logout", None),
        ("PATCH", f"/users/{acme.user_id('admin')}", {"email": "attacker@evil.example"}),
    ]
    for method, path, body in attempts:
        reply = call(api, method, path, token, body)
        assert (reply.status, reply.body["error"]["code"]) == (403, "session_required"), (path, reply.body)
    me = call(api, "GET", "/auth/me", acme.token("admin"))
    assert me.status == 200
    assert me.body["user"]["email"] == "admin@example.com"
    assert me.body["user"].get("pending_email") is None
    assert login(api, acme.slug, "admin@example.com", PASSWORD)


def test_what_a_token_does_is_audited_under_its_creator_naming_the_token(api: Client, acme: Tenant) -> None:
    first = create_token(api, acme.token("admin"), {"name": "Parent", "role": "admin"})
    child = create_token(api, first["token"], {"name": "Child", "role": "agent"})
    entries = call(api, "GET", "/audit-log", acme.token("admin")).body["items"]
    [entry] = [e for e in entries if e["target_id"] == child["id"]]
    assert entry["action"] == "api_token.created"
    assert entry["actor_id"] == acme.user_id("admin")
    assert entry["details"]["api_token_id"] == first["id"]
    assert entry["details"]["name"] == "Child"
    assert "token" not in entry["details"]


def test_an_export_lists_the_tokens_without_their_hashes(api: Client, acme: Tenant) -> None:
    from tests.api.test_security_exports import run_export

    created = create_token(api, acme.token("admin"), {"name": "Exported", "role": "agent"})
    _, rows, manifest = run_export(api, acme)
    [row] = [r for r in rows if r["type"]["S"] == "ApiToken"]
    assert row["name"]["S"] == "Exported"
    assert "secret_hash" not in row
    assert hashlib.sha256(created["token"].encode()).hexdigest() not in json.dumps(rows)
    assert manifest["redacted"]["ApiToken"] == ["secret_hash"]


def test_concurrent_revocations_record_one_revocation(server_table: str) -> None:
    import threading

    from chalicelib.domain.commands import ApiTokenCommand
    from chalicelib.services import api_tokens, audit
    from tests.api.helpers import signup_admin

    admin = signup_admin("revokers")
    token, _ = api_tokens.create(admin, ApiTokenCommand(name="Raced", role="agent"))  # type: ignore[arg-type]
    errors: list[Exception] = []

    def revoke() -> None:
        try:
            api_tokens.revoke(admin, token.id)
        except Exception as exc:  # every thread must succeed: revoking is idempotent
            errors.append(exc)

    threads = [threading.Thread(target=revoke) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    entries = audit.list_entries(admin, None, None, "api_token.revoked", 50, None).items
    assert [e.target_id for e in entries] == [token.id]
    assert api_tokens.get(admin, token.id).revoked_at is not None
