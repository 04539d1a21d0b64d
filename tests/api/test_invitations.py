"""Invitations end to end through HTTP: invite, the mail, preview, accept (signed in), list,
resend, revoke; a passwordless customer invited; two-factor setup when the organization requires it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyotp
import pytest
from chalice.test import Client

from tests.api.helpers import PASSWORD, Reply, Tenant, call, link_token, login, mails_to, make_tenant

NEW_PASSWORD = "a-fresh-long-passphrase"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def invite(api: Client, tenant: Tenant, email: str, role: str = "agent", by: str = "admin", **extra: Any) -> Reply:
    return call(api, "POST", "/invitations", tenant.token(by), {"email": email, "role": role, **extra})


def latest_token(outbox: Path, address: str) -> str:
    return link_token(mails_to(outbox, address)[-1])


def accept(api: Client, token: str, password: str = NEW_PASSWORD, **extra: Any) -> Reply:
    return call(api, "POST", "/auth/invitations/accept", body={"token": token, "password": password, **extra})


def test_an_invited_agent_sets_a_password_joins_departments_and_is_signed_in(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Field"}).body["id"]
    sent = invite(api, acme, "sam@example.com", department_ids=[department], first_name="Sam")
    assert sent.status == 201, sent.body
    assert sent.headers["Location"] == f"/invitations/{sent.body['id']}"
    assert (sent.body["status"], sent.body["role"], sent.body["user_id"]) == ("pending", "agent", None)
    (mail,) = mails_to(outbox, "sam@example.com")
    assert "/app/accept-invitation#token=dl_" in mail.get_content()
    token = link_token(mail)

    shown = call(api, "POST", "/auth/invitations/preview", body={"token": token})
    assert shown.status == 200, shown.body
    assert (shown.body["organization_name"], shown.body["email"], shown.body["role"]) == (
        "Acme Inc",
        "sam@example.com",
        "agent",
    )
    assert (shown.body["password_required"], shown.body["two_factor_required"]) == (True, False)

    accepted = accept(api, token, first_name="Samuel")
    assert accepted.status == 200, accepted.body
    user = accepted.body["user"]
    assert (user["email"], user["role"], user["first_name"]) == ("sam@example.com", "agent", "Samuel")
    me = call(api, "GET", "/auth/me", accepted.body["token"])
    assert me.status == 200
    assert me.body["user"]["id"] == user["id"]
    assert login(api, "acme", "sam@example.com", NEW_PASSWORD)
    members = call(api, "GET", f"/departments/{department}", acme.token("admin")).body["members"]
    assert user["id"] in members

    after = call(api, "GET", f"/invitations/{sent.body['id']}", acme.token("admin")).body
    assert (after["status"], after["user_id"]) == ("accepted", user["id"])
    from chalicelib.store import identity as store

    stored = store.get_user(acme.org_id, user["id"])
    assert stored is not None
    assert stored.email_verified_at is not None


def test_invitations_are_listed_newest_first_and_filtered_by_status(api: Client, acme: Tenant, outbox: Path) -> None:
    first = invite(api, acme, "one@example.com").body["id"]
    second = invite(api, acme, "two@example.com", role="customer").body["id"]
    assert call(api, "DELETE", f"/invitations/{first}", acme.token("admin")).status == 204
    listed = call(api, "GET", "/invitations", acme.token("manager"))
    assert [i["id"] for i in listed.body["items"]] == [second, first]
    revoked = call(api, "GET", "/invitations?status=revoked", acme.token("admin")).body["items"]
    pending = call(api, "GET", "/invitations?status=pending", acme.token("admin")).body["items"]
    assert ([i["id"] for i in revoked], [i["id"] for i in pending]) == ([first], [second])


def test_a_resend_mails_a_new_link_and_only_the_new_one_works(api: Client, acme: Tenant, outbox: Path) -> None:
    sent = invite(api, acme, "sam@example.com").body
    old = latest_token(outbox, "sam@example.com")
    again = call(api, "POST", f"/invitations/{sent['id']}/resend", acme.token("manager"))
    assert again.status == 200, again.body
    new = latest_token(outbox, "sam@example.com")
    assert new != old
    refused = accept(api, old)
    assert (refused.status, refused.body["error"]["code"]) == (410, "link_revoked")
    assert accept(api, new).status == 200


def test_a_customer_created_without_a_password_is_invited_and_sets_one(api: Client, acme: Tenant, outbox: Path) -> None:
    from chalicelib.store import identity as store

    customer_id = acme.user_id("customer")
    record = store.get_user(acme.org_id, customer_id)
    assert record is not None
    store.save_user(record.model_copy(update={"password_hash": ""}), record)  # as mail intake creates them
    sent = invite(api, acme, "customer@example.com", role="customer")
    assert sent.status == 201, sent.body
    assert sent.body["user_id"] == customer_id
    accepted = accept(api, latest_token(outbox, "customer@example.com"))
    assert accepted.status == 200, accepted.body
    assert accepted.body["user"]["id"] == customer_id
    assert login(api, "acme", "customer@example.com", NEW_PASSWORD)


def test_an_address_held_by_a_user_with_a_password_cannot_be_invited(api: Client, acme: Tenant, outbox: Path) -> None:
    taken = invite(api, acme, "agent@example.com")
    assert (taken.status, taken.body["error"]["code"]) == (409, "email_taken")
    assert mails_to(outbox, "agent@example.com") == []


def test_departments_must_exist_and_are_for_staff(api: Client, acme: Tenant, outbox: Path) -> None:
    missing = invite(api, acme, "sam@example.com", department_ids=["0123456789abcdef0123"])
    assert (missing.status, missing.body["error"]["code"]) == (422, "invalid_department")
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Field"}).body["id"]
    customer = invite(api, acme, "cust@example.com", role="customer", department_ids=[department])
    assert (customer.status, customer.body["error"]["code"]) == (422, "departments_for_customer")


def test_an_accepted_invitation_cannot_be_revoked_or_resent(api: Client, acme: Tenant, outbox: Path) -> None:
    sent = invite(api, acme, "sam@example.com").body
    assert accept(api, latest_token(outbox, "sam@example.com")).status == 200
    revoked = call(api, "DELETE", f"/invitations/{sent['id']}", acme.token("admin"))
    resent = call(api, "POST", f"/invitations/{sent['id']}/resend", acme.token("admin"))
    assert (revoked.status, revoked.body["error"]["code"]) == (409, "invitation_not_pending")
    assert (resent.status, resent.body["error"]["code"]) == (409, "invitation_not_pending")


def test_with_two_factor_required_a_staff_invitation_needs_a_code_of_the_previewed_secret(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    org = call(api, "GET", "/organization", acme.token("admin"))
    changed = call(
        api,
        "PATCH",
        "/organization",
        acme.token("admin"),
        {"settings": {"require_two_factor": True}},
        headers={"If-Match": str(org.body["version"])},
    )
    assert changed.status == 200, changed.body
    invite(api, acme, "sam@example.com")
    token = latest_token(outbox, "sam@example.com")
    early = accept(api, token)
    assert (early.status, early.body["error"]["code"]) == (422, "totp_not_set_up")
    shown = call(api, "POST", "/auth/invitations/preview", body={"token": token}).body
    assert shown["two_factor_required"] is True
    assert shown["otpauth_uri"].startswith("otpauth://")
    again = call(api, "POST", "/auth/invitations/preview", body={"token": token}).body
    assert again["totp_secret"] == shown["totp_secret"], "a second preview keeps the secret the app was given"
    missing = accept(api, token)
    assert (missing.status, missing.body["error"]["code"]) == (422, "totp_required")
    wrong = accept(api, token, totp_code="000000" if pyotp.TOTP(shown["totp_secret"]).now() != "000000" else "111111")
    assert (wrong.status, wrong.body["error"]["code"]) == (422, "invalid_totp")
    accepted = accept(api, token, totp_code=pyotp.TOTP(shown["totp_secret"]).now())
    assert accepted.status == 200, accepted.body
    assert accepted.body["user"]["two_factor_enabled"] is True
    password_only = call(
        api, "POST", "/auth/login", body={"organization": "acme", "email": "sam@example.com", "password": NEW_PASSWORD}
    )
    assert (password_only.status, password_only.body["error"]["code"]) == (401, "totp_required")


def test_with_two_factor_required_existing_staff_without_it_still_log_in_and_customers_need_none(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    org = call(api, "GET", "/organization", acme.token("admin"))
    call(
        api,
        "PATCH",
        "/organization",
        acme.token("admin"),
        {"settings": {"require_two_factor": True}},
        headers={"If-Match": str(org.body["version"])},
    )
    assert login(api, "acme", "agent@example.com", PASSWORD), "the documented rule: existing staff are not locked out"
    invite(api, acme, "buyer@example.com", role="customer")
    token = latest_token(outbox, "buyer@example.com")
    assert call(api, "POST", "/auth/invitations/preview", body={"token": token}).body["two_factor_required"] is False
    assert accept(api, token).status == 200


def test_an_expired_invitation_whose_link_record_is_gone_can_be_resent_or_revoked(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    import time_machine

    from chalicelib.domain.links import token_hash
    from chalicelib.store import links as link_store

    first = invite(api, acme, "sam@example.com").body["id"]
    second = invite(api, acme, "pat@example.com").body["id"]
    for address in ("sam@example.com", "pat@example.com"):
        token = latest_token(outbox, address)
        # What TTL does a day after the link's expiry.
        link_store.LinkItem.get(f"ORG#{acme.org_id}", link_store.link_sk(token_hash(token))).delete()
    with time_machine.travel(datetime.now(UTC) + timedelta(days=9), tick=True):
        admin = login(api, "acme", "admin@example.com")
        resent = call(api, "POST", f"/invitations/{first}/resend", admin)
        assert resent.status == 200, resent.body
        assert resent.body["status"] == "pending"
        assert call(api, "DELETE", f"/invitations/{second}", admin).status == 204
        assert accept(api, latest_token(outbox, "sam@example.com")).status == 200
