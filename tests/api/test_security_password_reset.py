"""Attacks on password reset: no account discovery (the same answer, headers included, for an
existing address, a missing one and a missing organization), throttled per address asked for and
per client, single-use short-lived links bound to their purpose, a reset ends every other session,
and a mailbox alone never takes over an account with two-factor login."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest
import time_machine
from chalice.local import LambdaEventConverter
from chalice.test import Client

from chalicelib.api.errors import status_of
from chalicelib.domain.commands import CreateUserCommand, ForgotPasswordCommand, ResetPasswordCommand
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.identity import Role
from chalicelib.services import password_reset, users
from chalicelib.store import identity as store
from tests.api.helpers import (
    PASSWORD,
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
VOLATILE = {"x-request-id", "date", "x-ratelimit-remaining", "x-ratelimit-reset"}


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@contextmanager
def from_address(ip: str) -> Iterator[None]:
    previous = LambdaEventConverter.LOCAL_SOURCE_IP
    LambdaEventConverter.LOCAL_SOURCE_IP = ip
    try:
        yield
    finally:
        LambdaEventConverter.LOCAL_SOURCE_IP = previous


def forgot(api: Client, email: str, slug: str = "acme", ip: str = "198.51.100.7") -> Reply:
    with from_address(ip):
        return call(api, "POST", "/auth/password/forgot", body={"organization": slug, "email": email})


def reset(api: Client, token: str, password: str = NEW_PASSWORD, **extra: Any) -> Reply:
    return call(api, "POST", "/auth/password/reset", body={"token": token, "new_password": password, **extra})


def reset_link(api: Client, outbox: Path, email: str = "agent@example.com") -> str:
    assert forgot(api, email).status == 202
    return link_token(mails_to(outbox, email)[-1])


def error(reply: Reply) -> tuple[int, str]:
    return reply.status, reply.body["error"]["code"]


def shape(reply: Reply) -> tuple[int, Any, dict[str, str]]:
    return reply.status, reply.body, {k.lower(): v for k, v in reply.headers.items() if k.lower() not in VOLATILE}


def test_the_answer_is_the_same_for_an_account_a_missing_address_and_a_missing_organization(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    existing = forgot(api, "agent@example.com")
    missing_address = forgot(api, "nobody@example.com")
    missing_org = forgot(api, "agent@example.com", slug="no-such-org")
    assert existing.status == 202
    assert shape(existing) == shape(missing_address) == shape(missing_org)
    assert len(mails_to(outbox, "agent@example.com")) == 1
    assert mails_to(outbox, "nobody@example.com") == []


def test_deactivated_users_get_no_mail_and_the_same_answer(api: Client, acme: Tenant, outbox: Path) -> None:
    assert call(api, "DELETE", f"/users/{acme.user_id('agent')}", acme.token("admin")).status == 204
    assert shape(forgot(api, "agent@example.com")) == shape(forgot(api, "nobody@example.com"))
    assert mails_to(outbox, "agent@example.com") == []


@pytest.mark.parametrize("email", ["agent@example.com", "nobody@example.com"])
def test_the_throttle_per_address_is_the_same_whether_or_not_the_account_exists(
    api: Client, acme: Tenant, outbox: Path, email: str
) -> None:
    answers = [forgot(api, email, ip=f"198.51.100.{n}") for n in range(6)]
    assert [a.status for a in answers] == [202] * 5 + [429]
    assert answers[-1].body["error"]["code"] == "mail_throttled"
    assert int(answers[-1].headers["Retry-After"]) > 0
    assert len(mails_to(outbox, email)) <= 5


def test_the_throttle_per_organization_asked_is_the_same_for_a_missing_one(api: Client, acme: Tenant) -> None:
    answers = [forgot(api, "agent@example.com", slug="no-such-org", ip=f"198.51.100.{n}") for n in range(6)]
    assert [a.status for a in answers] == [202] * 5 + [429]


def test_the_throttle_per_client_stops_one_client_asking_for_many_addresses(api: Client, acme: Tenant) -> None:
    answers = [forgot(api, f"user{n}@example.com", ip="203.0.113.9") for n in range(31)]
    assert [a.status for a in answers] == [202] * 30 + [429]
    assert error(answers[-1]) == (429, "mail_throttled")
    assert forgot(api, "user0@example.com", ip="203.0.113.10").status == 202, "another client is not held back"


def test_a_reset_sets_the_password_ends_every_other_session_and_signs_in(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    old_session = acme.token("agent")
    assert call(api, "GET", "/auth/me", old_session).status == 200
    token = reset_link(api, outbox)
    assert "/app/reset-password#token=dl_" in mails_to(outbox, "agent@example.com")[-1].get_content()
    done = reset(api, token)
    assert done.status == 200, done.body
    assert call(api, "GET", "/auth/me", old_session).status == 401, "the other sessions ended"
    assert call(api, "GET", "/auth/me", done.body["token"]).status == 200
    assert login(api, "acme", "agent@example.com", NEW_PASSWORD)
    refused = call(
        api, "POST", "/auth/login", body={"organization": "acme", "email": "agent@example.com", "password": PASSWORD}
    )
    assert refused.status == 401
    user = store.get_user(acme.org_id, acme.user_id("agent"))
    assert user is not None
    assert user.email_verified_at is not None
    actions = [e["action"] for e in call(api, "GET", "/audit-log", acme.token("admin")).body["items"]]
    assert "user.password_reset" in actions


def test_a_reset_link_works_once(api: Client, acme: Tenant, outbox: Path) -> None:
    token = reset_link(api, outbox)
    first = reset(api, token)
    assert first.status == 200
    again = reset(api, token, password="another-long-passphrase")
    assert error(again) == (410, "link_used")
    assert login(api, "acme", "agent@example.com", NEW_PASSWORD)


def test_a_newer_request_revokes_the_older_link(api: Client, acme: Tenant, outbox: Path) -> None:
    old = reset_link(api, outbox)
    new = reset_link(api, outbox)
    assert error(reset(api, old)) == (410, "link_revoked")
    assert reset(api, new).status == 200


def test_a_reset_link_expires_within_the_hour(api: Client, acme: Tenant, outbox: Path) -> None:
    token = reset_link(api, outbox)
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=46), tick=True):
        assert error(reset(api, token)) == (410, "link_expired")


def test_an_invitation_link_cannot_reset_a_password(api: Client, acme: Tenant, outbox: Path) -> None:
    sent = call(api, "POST", "/invitations", acme.token("admin"), {"email": "sam@example.com", "role": "agent"})
    assert sent.status == 201
    invitation = link_token(mails_to(outbox, "sam@example.com")[-1])
    assert error(reset(api, invitation)) == (400, "invalid_link")


def test_another_organizations_token_is_invalid(api: Client, acme: Tenant, outbox: Path) -> None:
    globex = make_tenant(api, "globex", email_domain="globex.example")
    token = reset_link(api, outbox)
    assert error(reset(api, token.replace(acme.org_id, globex.org_id))) == (400, "invalid_link")


def test_with_two_factor_login_a_reset_needs_a_current_code(api: Client, acme: Tenant, outbox: Path) -> None:
    user = store.get_user(acme.org_id, acme.user_id("agent"))
    assert user is not None
    secret = pyotp.random_base32()
    store.save_user(user.model_copy(update={"totp_secret": secret, "two_factor_enabled": True}), user)
    token = reset_link(api, outbox)
    assert error(reset(api, token)) == (422, "totp_required")
    wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
    assert error(reset(api, token, totp_code=wrong)) == (422, "invalid_totp")
    done = reset(api, token, totp_code=pyotp.TOTP(secret).now())
    assert done.status == 200, done.body


def test_a_customer_without_a_password_sets_one_by_reset(api: Client, acme: Tenant, outbox: Path) -> None:
    record = store.get_user(acme.org_id, acme.user_id("customer"))
    assert record is not None
    store.save_user(record.model_copy(update={"password_hash": ""}), record)  # as mail intake creates them
    token = reset_link(api, outbox, "customer@example.com")
    assert reset(api, token).status == 200
    assert login(api, "acme", "customer@example.com", NEW_PASSWORD)


def test_a_weak_password_keeps_the_link_usable(api: Client, acme: Tenant, outbox: Path) -> None:
    token = reset_link(api, outbox)
    assert error(reset(api, token, password="short")) == (422, "weak_password")
    assert reset(api, token).status == 200


def test_the_token_is_never_stored(api: Client, acme: Tenant, outbox: Path) -> None:
    token = reset_link(api, outbox)
    secret = token[-43:]  # the random part (it may itself hold "_")
    assert all(secret not in str(item) for item in stored_items())


# ---------------------------------------------------------------- concurrency (locked moto server)


def _status(action: Callable[[], object]) -> int:
    try:
        action()
    except DesklessError as exc:
        return status_of(exc)
    except Exception:
        return 500
    return 200


def test_concurrent_resets_with_one_link_let_exactly_one_through(server_table: str, outbox: Path) -> None:
    admin = signup_admin("resetrace")
    users.create_user(
        admin,
        CreateUserCommand(
            email="agent@resetrace.example", first_name="A", last_name="G", role=Role.AGENT, password=PASSWORD
        ),
    )
    password_reset.forgot(ForgotPasswordCommand(organization="resetrace", email="agent@resetrace.example"), None)
    token = link_token(mails_to(outbox, "agent@resetrace.example")[-1])
    start = threading.Barrier(8)

    def run(n: int) -> int:
        command = ResetPasswordCommand(token=token, new_password=f"{NEW_PASSWORD}-{n}")
        start.wait()
        return _status(lambda: password_reset.reset(command, "192.0.2.1", "pytest"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(run, range(8)))
    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 410}, statuses


def test_a_mail_that_cannot_be_sent_does_not_tell_the_account_exists(
    api: Client, acme: Tenant, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.channels import outbound

    def refused(message: object) -> None:
        raise RuntimeError("SES is down")

    monkeypatch.setattr(outbound, "send_email", refused)
    assert shape(forgot(api, "agent@example.com")) == shape(forgot(api, "nobody@example.com"))


def _sso_only(tenant: Tenant) -> None:
    """The organization signs its staff in with single sign-on only (written as PUT /organization/sso would)."""
    from chalicelib.domain.clock import utcnow
    from chalicelib.domain.sso import SsoConfig
    from chalicelib.store import sso as sso_store

    now = utcnow()
    config = SsoConfig(
        org_id=tenant.org_id,
        issuer="https://login.example.com",
        client_id="deskless",
        secret_id="s1",
        allowed_email_domains=["example.com"],
        sso_only=True,
        created_at=now,
        updated_at=now,
    )
    sso_store.save_config(config, None)


def test_under_sso_only_a_reset_never_signs_an_agent_in(api: Client, acme: Tenant, outbox: Path) -> None:
    token = reset_link(api, outbox)  # mailed before the organization turned "SSO only" on
    _sso_only(acme)
    assert error(reset(api, token)) == (403, "sso_required")
    assert forgot(api, "agent@example.com").status == 202
    assert len(mails_to(outbox, "agent@example.com")) == 1, "no new reset mail for staff who must use SSO"
    # Admins keep the break-glass way in, and customers never use SSO.
    admin = reset(api, reset_link(api, outbox, "admin@example.com"))
    assert admin.status == 200, admin.body
