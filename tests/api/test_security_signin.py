"""Sign-in attacks: brute force, lockout of others, second-factor takeover, concurrent logins.

Each test plays an attack through the HTTP API (or, for the concurrent ones, through the services
on the locked moto server) and asserts what the attacker and the account's owner see. Client
addresses are API Gateway's ``sourceIp``, set per request here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from chalice.local import LambdaEventConverter
from chalice.test import Client

from chalicelib.api.errors import status_of
from chalicelib.domain.commands import CreateUserCommand, LoginCommand, SignupCommand
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.identity import Principal, Role
from chalicelib.services import identity, users
from chalicelib.store import identity as store
from chalicelib.store import metering
from tests.api.helpers import PASSWORD, Reply, Tenant, call, login, make_tenant

ATTACKER = "198.51.100.7"
OWNER = "203.0.113.9"
WRONG = "not-the-password-1"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@contextmanager
def from_address(ip: str) -> Iterator[None]:
    """Requests of the Chalice test client arrive from ``ip`` (API Gateway's ``sourceIp``)."""
    previous = LambdaEventConverter.LOCAL_SOURCE_IP
    LambdaEventConverter.LOCAL_SOURCE_IP = ip
    try:
        yield
    finally:
        LambdaEventConverter.LOCAL_SOURCE_IP = previous


def attempt(api: Client, email: str, password: str, ip: str, slug: str = "acme", **extra: Any) -> Reply:
    body = {"organization": slug, "email": email, "password": password, **extra}
    with from_address(ip):
        return call(api, "POST", "/auth/login", body=body)


class Clock:
    """Moves the services' clock: the throttle's windows and delays are read from it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime(2031, 3, 4, 9, 0, 7, tzinfo=UTC)
        monkeypatch.setattr("chalicelib.services.identity.utcnow", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def assert_truthful_429(reply: Reply) -> int:
    """A 429 whose Retry-After header, details and message state the same wait; returns it."""
    assert reply.status == 429, reply.body
    wait = int(reply.headers["Retry-After"])
    assert wait >= 1
    assert reply.body["error"]["details"][0]["retry_after"] == wait
    assert f"{wait} second" in reply.body["error"]["message"]
    return wait


# ---------------------------------------------------------------- brute force without lockouts


def test_bad_passwords_from_one_address_do_not_lock_the_owner_out(api: Client, acme: Tenant) -> None:
    for _ in range(5):
        assert attempt(api, "agent@example.com", WRONG, ATTACKER).status == 401
    refused = attempt(api, "agent@example.com", PASSWORD, ATTACKER)
    assert refused.status == 429, "the attacker's own address is stopped, even with the right password"
    assert attempt(api, "agent@example.com", PASSWORD, OWNER).status == 200


def test_retry_after_is_the_real_wait(api: Client, acme: Tenant, clock: Clock) -> None:
    for _ in range(5):
        assert attempt(api, "agent@example.com", WRONG, ATTACKER).status == 401
    wait = assert_truthful_429(attempt(api, "agent@example.com", WRONG, ATTACKER))
    clock.advance(wait - 1)
    assert assert_truthful_429(attempt(api, "agent@example.com", PASSWORD, ATTACKER)) == 1
    clock.advance(1)
    assert attempt(api, "agent@example.com", PASSWORD, ATTACKER).status == 200


def test_a_success_clears_the_count_of_its_address(api: Client, acme: Tenant) -> None:
    for _ in range(4):
        assert attempt(api, "agent@example.com", WRONG, OWNER).status == 401
    assert attempt(api, "agent@example.com", PASSWORD, OWNER).status == 200
    for _ in range(4):
        assert attempt(api, "agent@example.com", WRONG, OWNER).status == 401
    assert attempt(api, "agent@example.com", PASSWORD, OWNER).status == 200


def test_unknown_accounts_are_limited_exactly_like_real_ones(api: Client, acme: Tenant) -> None:
    replies = {
        email: [attempt(api, email, WRONG, ATTACKER) for _ in range(6)]
        for email in ("agent@example.com", "nobody@example.com")
    }
    real, unknown = replies["agent@example.com"], replies["nobody@example.com"]
    assert [r.status for r in real] == [r.status for r in unknown] == [401] * 5 + [429]
    assert real[-1].body["error"]["code"] == unknown[-1].body["error"]["code"] == "login_locked"


@pytest.mark.usefixtures("clock")  # the 60 attempts fall in one throttle window, however slow the machine
def test_one_address_spraying_many_accounts_across_tenants_is_stopped(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", email_domain="globex.example")
    targets = [
        (t.slug, f"{name}@{domain}")
        for t, domain in ((acme, "example.com"), (globex, "globex.example"))
        for name in ("admin", "manager", "agent", "agent2", "customer", "customer2")
    ]
    statuses = []
    for n in range(60):
        slug, email = targets[n % len(targets)]
        statuses.append(attempt(api, email, f"guess-number-{n}", ATTACKER, slug=slug).status)
    assert statuses[:50] == [401] * 50
    assert set(statuses[50:]) == {429}, "the address is out of guesses in every tenant"
    assert attempt(api, "agent@example.com", PASSWORD, ATTACKER).status == 429
    assert attempt(api, "agent@globex.example", PASSWORD, OWNER, slug="globex").status == 200


def test_guesses_from_many_addresses_slow_down_but_never_block_a_known_address(
    api: Client, acme: Tenant, clock: Clock
) -> None:
    assert attempt(api, "agent@example.com", PASSWORD, OWNER).status == 200  # the owner's usual address
    for n in range(10):
        assert attempt(api, "agent@example.com", WRONG, f"192.0.2.{n}").status == 401
    waits = []
    for n in range(10, 16):
        delayed = attempt(api, "agent@example.com", WRONG, f"192.0.2.{n}")
        waits.append(assert_truthful_429(delayed))
        clock.advance(waits[-1])
        assert attempt(api, "agent@example.com", WRONG, f"192.0.2.{n}").status == 401
    assert waits == [1, 2, 4, 8, 16, 32], "each attempt from a new address waits twice as long"
    assert attempt(api, "agent@example.com", PASSWORD, "192.0.2.200").status == 429, "a new address waits"
    assert attempt(api, "agent@example.com", PASSWORD, OWNER).status == 200, "the owner's address never does"


# ---------------------------------------------------------------- atomic counting


def _org_with_user(slug: str, password_hash: str | None = None) -> tuple[Principal, str]:
    """An organization (signed up through the service) and an agent ``agent@<slug>.example``."""
    command = SignupCommand.model_validate(
        {
            "name": slug.title(),
            "slug": slug,
            "admin_email": f"admin@{slug}.example",
            "admin_password": PASSWORD,
            "admin_first_name": "A",
            "admin_last_name": "B",
        }
    )
    org, admin, _ = identity.signup(command, None, None)
    principal = Principal(org_id=org.id, user_id=admin.id, role=Role.ADMIN, session_id="test")
    agent = users.create_user(
        principal,
        CreateUserCommand(
            email=f"agent@{slug}.example", first_name="A", last_name="G", role=Role.AGENT, password=PASSWORD
        ),
    )
    if password_hash is not None:
        store.save_user(agent.model_copy(update={"password_hash": password_hash}), agent)
    return principal, agent.id


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


def _login(slug: str, password: str, ip: str = ATTACKER, code: str | None = None) -> Callable[[], object]:
    command = LoginCommand(organization=slug, email=f"agent@{slug}.example", password=password, totp_code=code)
    return lambda: identity.login(command, ip, "pytest")


def test_parallel_guesses_past_the_limit_are_refused_before_the_password_is_checked(server_table: str) -> None:
    _org_with_user("brute")
    for _ in range(4):
        assert _status(_login("brute", WRONG)) == 401
    statuses = _in_parallel([_login("brute", f"guess-{n}-wrong") for n in range(16)])
    assert sorted(statuses) == [401] + [429] * 15, "one guess was left; the other 15 are never checked"
    assert _status(_login("brute", PASSWORD)) == 429


def test_parallel_attempts_with_the_right_password_once_the_limit_is_reached_never_log_in(
    server_table: str,
) -> None:
    _org_with_user("locked")
    for _ in range(5):
        assert _status(_login("locked", WRONG)) == 401
    attempts = [_login("locked", f"guess-{n}-wrong") for n in range(15)] + [_login("locked", PASSWORD)]
    assert _in_parallel(attempts) == [429] * 16


def test_sixteen_concurrent_correct_logins_all_succeed(server_table: str) -> None:
    from argon2 import PasswordHasher

    # A hash made with other argon2 parameters: every login wants to upgrade it at the same time.
    outdated = PasswordHasher(memory_cost=2048, time_cost=2, parallelism=1).hash(PASSWORD)
    principal, agent_id = _org_with_user("busy", password_hash=outdated)
    assert _in_parallel([_login("busy", PASSWORD, OWNER) for _ in range(16)]) == [200] * 16
    from chalicelib.auth import passwords

    stored = store.get_user(principal.org_id, agent_id)
    assert stored is not None
    assert not passwords.needs_rehash(stored.password_hash)
    assert passwords.verify(stored.password_hash, PASSWORD)


def test_concurrent_logins_with_one_totp_code_let_exactly_one_in(server_table: str) -> None:
    principal, agent_id = _org_with_user("otp")
    agent = store.get_user(principal.org_id, agent_id)
    assert agent is not None
    secret = pyotp.random_base32()
    store.save_user(agent.model_copy(update={"totp_secret": secret, "two_factor_enabled": True}), agent)
    code = pyotp.TOTP(secret).now()
    statuses = _in_parallel([_login("otp", PASSWORD, OWNER, code) for _ in range(16)])
    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 401, 429}, statuses
    assert _status(_login("otp", PASSWORD, "192.0.2.99", code)) == 401, "the code cannot be replayed"


def test_a_login_from_a_known_address_costs_six_calls(api: Client, acme: Tenant) -> None:
    login(api, "acme", "agent@example.com")
    with metering.metered() as calls:
        login(api, "acme", "agent@example.com")
    assert len(calls) == 6, [c.operation for c in calls]


# ---------------------------------------------------------------- password and second factor


def change_password(api: Client, token: str, current: str, ip: str = ATTACKER, **extra: Any) -> Reply:
    body = {"current_password": current, "new_password": "a-brand-new-passphrase", **extra}
    with from_address(ip):
        return call(api, "POST", "/auth/password", token, body)


def test_password_change_guesses_are_limited_like_login(api: Client, acme: Tenant) -> None:
    stolen = acme.token("agent")
    for _ in range(5):
        wrong = change_password(api, stolen, WRONG)
        assert (wrong.status, wrong.body["error"]["code"]) == (422, "wrong_password")
    assert_truthful_429(change_password(api, stolen, PASSWORD))
    assert attempt(api, "agent@example.com", PASSWORD, ATTACKER).status == 429, "one budget for both doors"
    assert attempt(api, "agent@example.com", PASSWORD, OWNER).status == 200


def enable_totp(api: Client, token: str) -> pyotp.TOTP:
    """Two-factor login on, verified with the previous step's code (so the current one is still
    unused for the test to send)."""
    setup = call(api, "POST", "/auth/2fa/setup", token, {"current_password": PASSWORD})
    assert setup.status == 200, setup.body
    totp = pyotp.TOTP(setup.body["secret"])
    if time.time() % 30 > 25:  # the previous step would be out of the window by the time it is checked
        time.sleep(30 - time.time() % 30 + 0.1)
    assert call(api, "POST", "/auth/2fa/verify", token, {"code": totp.at(time.time() - 30)}).status == 200
    return totp


def test_two_factor_setup_needs_the_current_password(api: Client, acme: Tenant) -> None:
    stolen = acme.token("agent")
    assert call(api, "POST", "/auth/2fa/setup", stolen).status == 400
    wrong = call(api, "POST", "/auth/2fa/setup", stolen, {"current_password": WRONG})
    assert (wrong.status, wrong.body["error"]["code"]) == (422, "wrong_password")
    me = call(api, "GET", "/auth/me", stolen).body["user"]
    assert me["two_factor_enabled"] is False
    assert call(api, "POST", "/auth/2fa/setup", stolen, {"current_password": PASSWORD}).status == 200


def test_replacing_an_active_second_factor_needs_a_current_code(api: Client, acme: Tenant) -> None:
    token = acme.token("agent")
    totp = enable_totp(api, token)
    missing = call(api, "POST", "/auth/2fa/setup", token, {"current_password": PASSWORD})
    assert (missing.status, missing.body["error"]["code"]) == (422, "totp_required")
    stale = call(api, "POST", "/auth/2fa/setup", token, {"current_password": PASSWORD, "totp_code": "000000"})
    assert (stale.status, stale.body["error"]["code"]) == (422, "invalid_totp")
    replaced = call(api, "POST", "/auth/2fa/setup", token, {"current_password": PASSWORD, "totp_code": totp.now()})
    assert replaced.status == 200
    assert login(api, "acme", "agent@example.com", totp_code=pyotp.TOTP(totp.secret).at(time.time() + 30))


def test_second_factor_guesses_are_limited_like_login(api: Client, acme: Tenant) -> None:
    token = acme.token("agent")
    enable_totp(api, token)
    codes = [f"{n:06d}" for n in range(100000, 100006)]
    replies = [
        call(api, "POST", "/auth/2fa/disable", token, {"current_password": PASSWORD, "totp_code": c}) for c in codes
    ]
    assert [r.status for r in replies] == [422] * 5 + [429]


def test_turning_two_factor_off_needs_the_password_and_a_current_code(api: Client, acme: Tenant) -> None:
    token = acme.token("agent")
    totp = enable_totp(api, token)
    assert call(api, "POST", "/auth/2fa/disable", token).status == 400
    wrong = call(api, "POST", "/auth/2fa/disable", token, {"current_password": WRONG, "totp_code": totp.now()})
    assert (wrong.status, wrong.body["error"]["code"]) == (422, "wrong_password")
    no_code = call(api, "POST", "/auth/2fa/disable", token, {"current_password": PASSWORD})
    assert (no_code.status, no_code.body["error"]["code"]) == (422, "totp_required")
    off = call(api, "POST", "/auth/2fa/disable", token, {"current_password": PASSWORD, "totp_code": totp.now()})
    assert (off.status, off.body["two_factor_enabled"]) == (200, False)
    assert login(api, "acme", "agent@example.com"), "no code needed any more"


def audit_actions(api: Client, tenant: Tenant) -> list[dict[str, Any]]:
    reply = call(api, "GET", "/audit-log", tenant.token("admin"))
    assert reply.status == 200, reply.body
    return [e for e in reply.body["items"] if e["action"] == "user.2fa_reset"]


def test_password_change_with_two_factor_on_needs_a_current_code(api: Client, acme: Tenant) -> None:
    token = acme.token("agent")
    totp = enable_totp(api, token)
    no_code = change_password(api, token, PASSWORD)
    assert (no_code.status, no_code.body["error"]["code"]) == (422, "totp_required")
    changed = change_password(api, token, PASSWORD, totp_code=totp.now())
    assert changed.status == 200, changed.body
    assert login(api, "acme", "agent@example.com", "a-brand-new-passphrase", totp_code=totp.at(time.time() + 30))


def test_an_admin_resets_another_users_second_factor_and_it_is_audited(api: Client, acme: Tenant) -> None:
    enable_totp(api, acme.token("agent"))
    agent = acme.user_id("agent")
    reset = call(api, "POST", f"/users/{agent}/2fa/reset", acme.token("admin"))
    assert (reset.status, reset.body["two_factor_enabled"]) == (200, False)
    assert login(api, "acme", "agent@example.com")
    [entry] = audit_actions(api, acme)
    assert (entry["actor_id"], entry["target_id"]) == (acme.user_id("admin"), agent)


def test_only_admins_reset_a_second_factor_and_only_in_their_organization(api: Client, acme: Tenant) -> None:
    agent = acme.user_id("agent")
    enable_totp(api, acme.token("agent"))
    for role in ("manager", "agent2", "customer"):
        assert call(api, "POST", f"/users/{agent}/2fa/reset", acme.token(role)).status in (403, 404)
    globex = make_tenant(api, "globex", email_domain="globex.example")
    assert call(api, "POST", f"/users/{agent}/2fa/reset", globex.token("admin")).status == 404
    own = call(api, "POST", f"/users/{acme.user_id('admin')}/2fa/reset", acme.token("admin"))
    assert (own.status, own.body["error"]["code"]) == (403, "self_2fa_reset"), "your own: password and code"
    me = call(api, "GET", "/auth/me", acme.token("agent")).body["user"]
    assert me["two_factor_enabled"] is True
    assert audit_actions(api, acme) == []


def test_a_granted_reset_never_reaches_an_admins_second_factor(api: Client, acme: Tenant) -> None:
    other_admin = call(
        api,
        "POST",
        "/users",
        acme.token("admin"),
        {"email": "admin2@example.com", "first_name": "B", "last_name": "A", "role": "admin", "password": PASSWORD},
    )
    assert other_admin.status == 201
    admin2 = login(api, "acme", "admin2@example.com")
    enable_totp(api, admin2)
    granted = call(
        api,
        "POST",
        f"/users/{acme.user_id('manager')}/permissions",
        acme.token("admin"),
        {"permission": "users.reset_2fa"},
    )
    assert granted.status == 201, granted.body
    refused = call(api, "POST", f"/users/{other_admin.body['id']}/2fa/reset", acme.token("manager"))
    assert refused.status == 403
    enable_totp(api, acme.token("agent"))
    assert call(api, "POST", f"/users/{acme.user_id('agent')}/2fa/reset", acme.token("manager")).status == 200
