"""Attacks on invitations: every invitation link is single use, expires, is bound to its purpose
and organization, is stored only as a hash, and dies with a revoke or a resend; only admins and
managers invite, and a manager never invites an admin. Reusing a link is a 410/400, never a sign-in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.api.errors import status_of
from chalicelib.domain.commands import AcceptInvitationCommand, InvitationCommand
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.identity import Role
from chalicelib.services import invitations
from tests.api.helpers import (
    Reply,
    Tenant,
    call,
    link_token,
    login,
    mails_to,
    make_tenant,
    signup_admin,
    stored_items,
)

NEW_PASSWORD = "a-fresh-long-passphrase"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def invite(api: Client, tenant: Tenant, email: str, role: str = "agent", by: str = "admin") -> Reply:
    return call(api, "POST", "/invitations", tenant.token(by), {"email": email, "role": role})


def invited(api: Client, tenant: Tenant, outbox: Path, email: str = "sam@example.com") -> tuple[str, str]:
    sent = invite(api, tenant, email)
    assert sent.status == 201, sent.body
    return sent.body["id"], link_token(mails_to(outbox, email)[-1])


def accept(api: Client, token: str) -> Reply:
    return call(api, "POST", "/auth/invitations/accept", body={"token": token, "password": NEW_PASSWORD})


def error(reply: Reply) -> tuple[int, str]:
    return reply.status, reply.body["error"]["code"]


def test_an_invitation_link_works_once(api: Client, acme: Tenant, outbox: Path) -> None:
    _, token = invited(api, acme, outbox)
    assert accept(api, token).status == 200
    again = accept(api, token)
    assert error(again) == (410, "link_used")
    assert "token" not in again.body
    preview = call(api, "POST", "/auth/invitations/preview", body={"token": token})
    assert error(preview) == (410, "link_used")


def test_a_preview_does_not_use_the_link(api: Client, acme: Tenant, outbox: Path) -> None:
    _, token = invited(api, acme, outbox)
    for _ in range(2):
        assert call(api, "POST", "/auth/invitations/preview", body={"token": token}).status == 200
    assert accept(api, token).status == 200


def test_a_revoked_invitations_link_is_gone(api: Client, acme: Tenant, outbox: Path) -> None:
    invitation_id, token = invited(api, acme, outbox)
    assert call(api, "DELETE", f"/invitations/{invitation_id}", acme.token("manager")).status == 204
    assert error(accept(api, token)) == (410, "link_revoked")
    assert call(api, "GET", f"/invitations/{invitation_id}", acme.token("admin")).body["status"] == "revoked"


def test_a_resend_revokes_the_previous_link(api: Client, acme: Tenant, outbox: Path) -> None:
    invitation_id, old = invited(api, acme, outbox)
    assert call(api, "POST", f"/invitations/{invitation_id}/resend", acme.token("admin")).status == 200
    assert error(accept(api, old)) == (410, "link_revoked")


def test_an_invitation_link_expires_after_seven_days(api: Client, acme: Tenant, outbox: Path) -> None:
    invitation_id, token = invited(api, acme, outbox)
    with time_machine.travel(datetime.now(UTC) + timedelta(days=7, minutes=1), tick=True):
        assert error(accept(api, token)) == (410, "link_expired")
        admin = login(api, "acme", "admin@example.com")
        assert call(api, "GET", f"/invitations/{invitation_id}", admin).body["status"] == "expired"
        listed = call(api, "GET", "/invitations?status=expired", admin).body["items"]
        assert [i["id"] for i in listed] == [invitation_id]


def test_a_reset_link_cannot_accept_an_invitation(api: Client, acme: Tenant, outbox: Path) -> None:
    sent = call(api, "POST", "/auth/password/forgot", body={"organization": "acme", "email": "agent@example.com"})
    assert sent.status == 202
    reset_token = link_token(mails_to(outbox, "agent@example.com")[-1])
    assert error(accept(api, reset_token)) == (400, "invalid_link")
    assert error(call(api, "POST", "/auth/invitations/preview", body={"token": reset_token})) == (400, "invalid_link")


def test_another_organizations_link_is_invalid_here(api: Client, acme: Tenant, outbox: Path) -> None:
    globex = make_tenant(api, "globex", email_domain="globex.example")
    _, token = invited(api, acme, outbox)
    # The same secret under the other organization's id: a different hash, a different partition.
    forged = token.replace(acme.org_id, globex.org_id)
    assert error(accept(api, forged)) == (400, "invalid_link")
    assert accept(api, token).status == 200


@pytest.mark.parametrize("token", ["dl_short", "dl_acme_" + "A" * 43, "x" * 200, "dl_" + "a" * 20 + "_" + "A" * 43])
def test_malformed_or_unknown_tokens_are_invalid_links(api: Client, acme: Tenant, token: str) -> None:
    assert error(accept(api, token)) == (400, "invalid_link")


def test_a_manager_cannot_invite_an_admin(api: Client, acme: Tenant, outbox: Path) -> None:
    refused = invite(api, acme, "boss@example.com", role="admin", by="manager")
    assert error(refused) == (403, "privilege_escalation")
    assert mails_to(outbox, "boss@example.com") == []
    sent = invite(api, acme, "boss@example.com", role="admin", by="admin")
    assert sent.status == 201
    resent = call(api, "POST", f"/invitations/{sent.body['id']}/resend", acme.token("manager"))
    assert error(resent) == (403, "privilege_escalation"), "nor sends an admin's link again"
    revoked = call(api, "DELETE", f"/invitations/{sent.body['id']}", acme.token("manager"))
    assert error(revoked) == (403, "privilege_escalation")
    assert len(mails_to(outbox, "boss@example.com")) == 1


@pytest.mark.parametrize("role", ["agent", "customer"])
def test_agents_and_customers_cannot_invite_or_see_invitations(
    api: Client, acme: Tenant, outbox: Path, role: str
) -> None:
    assert invite(api, acme, "friend@example.com", by=role).status == 403
    assert call(api, "GET", "/invitations", acme.token(role)).status == 403
    assert mails_to(outbox, "friend@example.com") == []


def test_another_organizations_invitations_are_not_found(api: Client, acme: Tenant, outbox: Path) -> None:
    globex = make_tenant(api, "globex", email_domain="globex.example")
    invitation_id, _ = invited(api, acme, outbox)
    assert call(api, "GET", f"/invitations/{invitation_id}", globex.token("admin")).status == 404
    assert call(api, "DELETE", f"/invitations/{invitation_id}", globex.token("admin")).status == 404
    assert call(api, "GET", "/invitations", globex.token("admin")).body["items"] == []


def test_the_token_is_never_stored(api: Client, acme: Tenant, outbox: Path) -> None:
    _, token = invited(api, acme, outbox)
    secret = token[-43:]  # the random part (it may itself hold "_")
    assert all(secret not in str(item) for item in stored_items())
    accept(api, token)
    assert all(secret not in str(item) for item in stored_items())


def test_the_invitation_audit_trail(api: Client, acme: Tenant, outbox: Path) -> None:
    invitation_id, _ = invited(api, acme, outbox)
    call(api, "POST", f"/invitations/{invitation_id}/resend", acme.token("admin"))
    accept(api, link_token(mails_to(outbox, "sam@example.com")[-1]))
    other, _ = invited(api, acme, outbox, "pat@example.com")
    call(api, "DELETE", f"/invitations/{other}", acme.token("admin"))
    actions = [e["action"] for e in call(api, "GET", "/audit-log?limit=100", acme.token("admin")).body["items"]]
    for action in ("invitation.created", "invitation.resent", "invitation.accepted", "invitation.revoked"):
        assert action in actions


# ---------------------------------------------------------------- concurrency (locked moto server)


def _status(action: Callable[[], object]) -> int:
    try:
        action()
    except DesklessError as exc:
        return status_of(exc)
    except Exception:
        return 500
    return 200


def _in_parallel(actions: list[Callable[[], object]]) -> list[int]:
    start = threading.Barrier(len(actions))

    def run(action: Callable[[], object]) -> int:
        start.wait()
        return _status(action)

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(run, actions))


def test_concurrent_accepts_of_one_invitation_let_exactly_one_in(
    server_table: str, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = signup_admin("race")
    invitation = invitations.create(admin, InvitationCommand(email="sam@race.example", role=Role.AGENT))
    token = link_token(mails_to(outbox, "sam@race.example")[-1])

    def accept_once(n: int) -> Callable[[], Any]:
        command = AcceptInvitationCommand(token=token, password=NEW_PASSWORD, username=f"sam{n}")
        return lambda: invitations.accept(command, "192.0.2.1", "pytest")

    statuses = _in_parallel([accept_once(n) for n in range(8)])
    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 410}, statuses
    from chalicelib.store import identity as identity_store

    assert identity_store.user_id_for_email(admin.org_id, "sam@race.example") == invitation.user_id
