"""Signup, login, sessions, two-factor, organization settings: through the HTTP API."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pyotp
import pytest
from chalice.test import Client

from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import SignupCommand
from chalicelib.domain.errors import Conflict, Unauthenticated
from chalicelib.services import identity
from chalicelib.store import metering
from tests.api.helpers import PASSWORD, Tenant, call, login, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def signup_body(slug: str = "initech", **overrides: Any) -> dict[str, object]:
    body: dict[str, object] = {
        "name": "Initech",
        "slug": slug,
        "admin_email": "Boss@Initech.example",
        "admin_password": PASSWORD,
        "admin_first_name": "Bill",
        "admin_last_name": "Lumbergh",
    }
    body.update(overrides)
    return body


def test_signup_creates_org_admin_and_a_working_token(api: Client) -> None:
    reply = call(api, "POST", "/organizations", body=signup_body())
    assert reply.status == 201
    assert reply.body["organization"]["slug"] == "initech"
    assert reply.body["user"]["role"] == "admin"
    assert reply.body["user"]["email"] == "Boss@initech.example"  # domain normalised, local part kept
    assert "password_hash" not in reply.body["user"]
    me = call(api, "GET", "/auth/me", reply.body["token"])
    assert me.status == 200
    assert me.body["organization"]["slug"] == "initech"


def test_taken_slug_is_409(api: Client) -> None:
    assert call(api, "POST", "/organizations", body=signup_body()).status == 201
    again = call(api, "POST", "/organizations", body=signup_body(admin_email="other@initech.example"))
    assert again.status == 409
    assert again.body["error"]["code"] == "slug_taken"


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"slug": "Bad Slug"}, 422, "invalid_request"),
        ({"admin_email": "not-an-email"}, 422, "invalid_email"),
        ({"admin_password": "short"}, 422, "weak_password"),
        ({"admin_password": "qwertyuiop"}, 422, "weak_password"),
        ({"admin_password": "aaaaaaaaaaaa"}, 422, "weak_password"),
        ({"timezone": "Mars/Olympus"}, 422, "invalid_request"),
        ({"plan": "gold"}, 422, "invalid_request"),
    ],
)
def test_bad_signups_are_refused_with_a_reason(api: Client, overrides: dict[str, Any], status: int, code: str) -> None:
    reply = call(api, "POST", "/organizations", body=signup_body(**overrides))
    assert (reply.status, reply.body["error"]["code"]) == (status, code)


def test_login_failures_look_the_same(api: Client, acme: Tenant) -> None:
    wrong_password = call(
        api,
        "POST",
        "/auth/login",
        body={"organization": "acme", "email": "agent@example.com", "password": "wrong-password-1"},
    )
    unknown_email = call(
        api, "POST", "/auth/login", body={"organization": "acme", "email": "nobody@example.com", "password": PASSWORD}
    )
    unknown_org = call(
        api, "POST", "/auth/login", body={"organization": "nope", "email": "agent@example.com", "password": PASSWORD}
    )
    # Values that could never be a slug or an email key (found by the fuzzer: they were a 500).
    unusable = [
        call(api, "POST", "/auth/login", body={"organization": org, "email": email, "password": PASSWORD})
        for org, email in (("", "agent@example.com"), ("ac#me", "agent@example.com"), ("acme", ""), ("acme", "a#b"))
    ]
    for reply in (wrong_password, unknown_email, unknown_org, *unusable):
        assert reply.status == 401
        assert reply.body == wrong_password.body


def test_login_is_case_insensitive_on_email(api: Client, acme: Tenant) -> None:
    assert login(api, "acme", "AGENT@Example.com")


def test_five_failures_stop_that_address_for_the_account(api: Client, acme: Tenant) -> None:
    for _ in range(5):
        reply = call(
            api,
            "POST",
            "/auth/login",
            body={"organization": "acme", "email": "agent@example.com", "password": "wrong-password-1"},
        )
        assert reply.status == 401
    locked = call(
        api, "POST", "/auth/login", body={"organization": "acme", "email": "agent@example.com", "password": PASSWORD}
    )
    assert locked.status == 429
    assert locked.body["error"]["code"] == "login_locked"
    assert locked.headers["Retry-After"]
    # Another account is not affected.
    assert login(api, "acme", "agent2@example.com")


def test_missing_or_bad_tokens_are_401(api: Client, acme: Tenant) -> None:
    assert call(api, "GET", "/auth/me").status == 401
    for token in ("garbage", "dk_" + "a" * 20 + "_" + "b" * 20 + "_" + "c" * 43):
        reply = call(api, "GET", "/auth/me", token)
        assert reply.status == 401
        assert reply.body["error"]["code"] in ("unauthenticated", "invalid_session")


def test_logout_ends_the_session(api: Client, acme: Tenant) -> None:
    token = acme.token("agent")
    assert call(api, "POST", "/auth/logout", token).status == 204
    reply = call(api, "GET", "/auth/me", token)
    assert (reply.status, reply.body["error"]["code"]) == (401, "session_expired")


def test_sessions_are_listed_and_one_can_be_revoked(api: Client, acme: Tenant) -> None:
    second = login(api, "acme", "agent@example.com")
    listed = call(api, "GET", "/auth/sessions", acme.token("agent"), headers={"User-Agent": "pytest"})
    assert listed.status == 200
    assert len(listed.body["items"]) == 2
    current = [s for s in listed.body["items"] if s["current"]]
    assert len(current) == 1
    other = next(s for s in listed.body["items"] if not s["current"])
    assert call(api, "DELETE", f"/auth/sessions/{other['id']}", acme.token("agent")).status == 204
    assert call(api, "GET", "/auth/me", second).status == 401
    assert call(api, "GET", "/auth/me", acme.token("agent")).status == 200


def test_a_session_of_someone_else_cannot_be_revoked(api: Client, acme: Tenant) -> None:
    theirs = call(api, "GET", "/auth/sessions", acme.token("agent2")).body["items"][0]["id"]
    assert call(api, "DELETE", f"/auth/sessions/{theirs}", acme.token("agent")).status == 404
    assert call(api, "GET", "/auth/me", acme.token("agent2")).status == 200


def test_password_change_ends_every_session(api: Client, acme: Tenant) -> None:
    old = acme.token("agent")
    other = login(api, "acme", "agent@example.com")
    reply = call(
        api, "POST", "/auth/password", old, {"current_password": PASSWORD, "new_password": "a-brand-new-passphrase"}
    )
    assert reply.status == 200
    assert call(api, "GET", "/auth/me", old).status == 401
    assert call(api, "GET", "/auth/me", other).status == 401
    assert call(api, "GET", "/auth/me", reply.body["token"]).status == 200
    assert login(api, "acme", "agent@example.com", "a-brand-new-passphrase")
    wrong = call(
        api,
        "POST",
        "/auth/password",
        reply.body["token"],
        {"current_password": "nope-nope-nope", "new_password": "another-fine-passphrase"},
    )
    assert (wrong.status, wrong.body["error"]["code"]) == (422, "wrong_password")


def test_two_factor_setup_then_login_needs_a_fresh_code(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    setup = call(api, "POST", "/auth/2fa/setup", token, {"current_password": PASSWORD})
    assert setup.status == 200
    assert setup.body["otpauth_uri"].startswith("otpauth://totp/")
    totp = pyotp.TOTP(setup.body["secret"])
    assert (
        call(api, "POST", "/auth/2fa/verify", token, {"code": "000000" if totp.now() != "000000" else "111111"}).status
        == 422
    )
    previous_step_code = totp.at(time.time() - 30)
    verified = call(api, "POST", "/auth/2fa/verify", token, {"code": previous_step_code})
    assert verified.status == 200
    assert verified.body["two_factor_enabled"] is True

    body = {"organization": "acme", "email": "manager@example.com", "password": PASSWORD}
    needs = call(api, "POST", "/auth/login", body=body)
    assert (needs.status, needs.body["error"]["code"]) == (401, "totp_required")
    reused = call(api, "POST", "/auth/login", body={**body, "totp_code": previous_step_code})
    assert (reused.status, reused.body["error"]["code"]) == (401, "invalid_totp")
    fresh = call(api, "POST", "/auth/login", body={**body, "totp_code": totp.now()})
    assert fresh.status == 200
    replay = call(api, "POST", "/auth/login", body={**body, "totp_code": totp.now()})
    assert replay.status == 401, "a code cannot be used twice"


def test_idle_and_absolute_session_limits(api: Client, acme: Tenant) -> None:
    header = f"Bearer {acme.token('agent')}"
    assert identity.authenticate(header).user_id == acme.user_id("agent")
    with pytest.raises(Unauthenticated):
        identity.authenticate(header, now=utcnow() + timedelta(minutes=481))  # default idle limit: 480 minutes
    with pytest.raises(Unauthenticated):
        identity.authenticate(header, now=utcnow() + timedelta(hours=169))


def test_activity_is_recorded_at_most_once_a_minute(api: Client, acme: Tenant) -> None:
    token = login(api, "acme", "agent2@example.com")
    with metering.metered() as calls:
        call(api, "GET", "/auth/me", token)
        call(api, "GET", "/auth/me", token)
    writes = [c.operation for c in calls if c.operation in ("UpdateItem", "PutItem", "TransactWriteItems")]
    assert writes == [], f"requests right after login must not write: {writes}"
    later = utcnow() + timedelta(minutes=2)
    with metering.metered() as calls:
        identity.authenticate(f"Bearer {token}", now=later)
        identity.authenticate(f"Bearer {token}", now=later)
    assert [c.operation for c in calls].count("UpdateItem") == 2, "session and user touched once each"


def test_authorized_request_reads_the_principal_with_one_call(api: Client, acme: Tenant) -> None:
    with metering.metered() as calls:
        identity.authenticate(f"Bearer {acme.token('agent')}")
    assert [c.operation for c in calls] == ["BatchGetItem"]


def test_admin_changes_organization_settings_with_if_match(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    org = call(api, "GET", "/organization", token).body
    patch = {
        "settings": {
            "ticket_number_prefix": "ACME",
            "timezone": "Europe/Paris",
            "support_email_addresses": ["Help@Acme.example"],
        }
    }
    reply = call(api, "PATCH", "/organization", token, patch, headers={"If-Match": str(org["version"])})
    assert reply.status == 200
    assert reply.body["settings"]["ticket_number_prefix"] == "ACME"
    assert reply.body["settings"]["support_email_addresses"] == ["Help@acme.example"]
    assert reply.body["settings"]["session_idle_minutes"] == 480, "unnamed settings keep their value"
    assert reply.body["version"] == org["version"] + 1
    stale = call(api, "PATCH", "/organization", token, {"name": "Acme 2"}, headers={"If-Match": str(org["version"])})
    assert (stale.status, stale.body["error"]["code"]) == (412, "precondition_failed")
    bad = call(api, "PATCH", "/organization", token, {"settings": {"timezone": "Nowhere/Land"}})
    assert bad.status == 422


def test_null_on_an_organization_field_that_cannot_be_cleared_is_422_and_changes_nothing(
    api: Client, acme: Tenant
) -> None:
    # Found by fuzzing: an explicit null on a setting that cannot be empty was a 500 (or stored None).
    token = acme.token("admin")
    before = call(api, "GET", "/organization", token).body
    nulls = {"name": None, "subscription_tier": None, "settings": {"support_email_addresses": None, "timezone": None}}
    reply = call(api, "PATCH", "/organization", token, {**nulls, "domain": "acme.example"})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_request")
    assert [d["field"] for d in reply.body["error"]["details"]] == [
        "name",
        "subscription_tier",
        "settings.support_email_addresses",
        "settings.timezone",
    ]
    assert call(api, "GET", "/organization", token).body == before
    cleared = call(api, "PATCH", "/organization", token, {"domain": None})
    assert (cleared.status, cleared.body["domain"]) == (200, None), "the domain may be cleared"


def test_only_admins_change_the_organization(api: Client, acme: Tenant) -> None:
    assert call(api, "GET", "/organization", acme.token("manager")).status == 200
    assert call(api, "PATCH", "/organization", acme.token("manager"), {"name": "Mine"}).status == 403
    assert call(api, "GET", "/organization", acme.token("agent")).status == 403
    assert call(api, "GET", "/organization", acme.token("customer")).status == 403


def test_deactivated_organization_hides_everything_until_restored(api: Client, acme: Tenant) -> None:
    assert call(api, "DELETE", "/organization", acme.token("admin")).status == 204
    assert call(api, "GET", "/auth/me", acme.token("agent")).status == 401
    agent_login = call(
        api, "POST", "/auth/login", body={"organization": "acme", "email": "agent@example.com", "password": PASSWORD}
    )
    assert agent_login.status == 401
    admin = login(api, "acme", "admin@example.com")
    assert call(api, "GET", "/users", admin).status == 404
    assert call(api, "GET", f"/users/{acme.user_id('agent')}", admin).status == 404
    restored = call(api, "POST", "/organization/restore", admin)
    assert (restored.status, restored.body["is_active"]) == (200, True)
    assert call(api, "GET", "/users", admin).status == 200
    assert login(api, "acme", "agent@example.com")


def test_concurrent_signups_for_one_slug_have_one_winner(server_table: str) -> None:
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        command = SignupCommand.model_validate(signup_body("race", admin_email=f"admin{n}@race.example"))
        try:
            identity.signup(command, None, None)
            result = "won"
        except Conflict as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["slug_taken"] * 5 + ["won"]
