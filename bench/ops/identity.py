"""Signup, login, sessions, password, two-factor, the organization itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench.harness import State, operation
from bench.operations import PASSWORD, call, each, login, ok, route, signup_body, tenant, unique


@operation("POST", "/organizations", repeat=10, variant="signup: org, admin, session")
def signup(client: Any, state: State) -> Any:
    body = signup_body(f"bench-signup-{unique()}")
    return call(client, "POST", "/organizations", body=body)


def _known_address(client: Any) -> State:
    """An admin who has logged in from the bench's address before (the usual login)."""
    state = tenant(client, roles=())
    login(client, state["slug"], state["admin_email"])
    return state


@operation("POST", "/auth/login", repeat=10, setup=_known_address, variant="from a known address")
def login_admin(client: Any, state: State) -> Any:
    body = {"organization": state["slug"], "email": state["admin_email"], "password": PASSWORD}
    return call(client, "POST", "/auth/login", body=body)


@contextmanager
def _from_address(ip: str) -> Iterator[None]:
    from chalice.local import LambdaEventConverter

    previous, LambdaEventConverter.LOCAL_SOURCE_IP = LambdaEventConverter.LOCAL_SOURCE_IP, ip
    try:
        yield
    finally:
        LambdaEventConverter.LOCAL_SOURCE_IP = previous


@operation("POST", "/auth/login", repeat=10, setup=_known_address, variant="from a new address")
def login_new_address(client: Any, state: State) -> Any:
    body = {"organization": state["slug"], "email": state["admin_email"], "password": PASSWORD}
    with _from_address(f"198.51.100.{unique() % 250 + 1}"):
        return call(client, "POST", "/auth/login", body=body)


@operation("POST", "/auth/login", repeat=4, status=401, setup=_known_address, variant="wrong password")
def login_wrong_password(client: Any, state: State) -> Any:
    body = {"organization": state["slug"], "email": state["admin_email"], "password": "not-the-bench-password"}
    return call(client, "POST", "/auth/login", body=body)


def _session(client: Any, state: State) -> dict[str, Any]:
    return {"spare": login(client, state["slug"], state["admin_email"])}


route("POST", "/auth/logout", setup=lambda c: tenant(c, roles=()), prepare=each(_session), auth="spare", repeat=10)
route("GET", "/auth/me", setup=tenant, variant="authorizer + handler")
route("GET", "/auth/sessions", setup=tenant)


def _other_session(client: Any, state: State) -> dict[str, Any]:
    spare = login(client, state["slug"], state["admin_email"])
    sessions = ok(call(client, "GET", "/auth/sessions", spare))["items"]
    return {"session_id": next(s["id"] for s in sessions if s["current"])}


route(
    "DELETE",
    "/auth/sessions/{session_id}",
    setup=lambda c: tenant(c, roles=()),
    prepare=each(_other_session),
    repeat=10,
)


def _admin_and_agent(client: Any) -> State:
    return tenant(client, roles=("agent",), logins=("agent",))


def _agent_session(client: Any, state: State) -> dict[str, Any]:
    spare = login(client, state["slug"], state["agent_email"])
    sessions = ok(call(client, "GET", "/auth/sessions", spare))["items"]
    return {"user_id": state["agent_id"], "session_id": next(s["id"] for s in sessions if s["current"])}


route(
    "GET",
    "/users/{user_id}/sessions",
    setup=lambda c: {**(s := _admin_and_agent(c)), "user_id": s["agent_id"]},
    query="?limit=25",
    variant="an admin reads an agent's",
)
route(
    "DELETE",
    "/users/{user_id}/sessions/{session_id}",
    setup=_admin_and_agent,
    prepare=each(_agent_session),
    repeat=10,
    variant="an admin ends an agent's (audit-logged)",
)


route(
    "POST",
    "/auth/password",
    setup=_known_address,
    prepare=each(_session),  # a password change ends every session of the user, the caller's too
    auth="spare",
    body=lambda s: {"current_password": PASSWORD, "new_password": PASSWORD},
    repeat=10,
    variant="same password again: three argon2 verifications and hashes",
)
route(
    "POST",
    "/auth/2fa/setup",
    setup=_known_address,
    body={"current_password": PASSWORD},
    repeat=10,
    variant="current password checked",
)


def _totp(client: Any, state: State) -> dict[str, Any]:
    """A fresh admin who has started two-factor setup; the code is the one the app will expect."""
    import pyotp

    fresh = _known_address(client)
    secret = ok(call(client, "POST", "/auth/2fa/setup", fresh["token"], {"current_password": PASSWORD}))["secret"]
    return {**fresh, "secret": secret, "code": pyotp.TOTP(secret).at(time.time())}


@operation("POST", "/auth/2fa/verify", prepare=_totp, repeat=5)
def verify_totp(client: Any, state: State) -> Any:
    return call(client, "POST", "/auth/2fa/verify", state["token"], {"code": state["code"]})


def previous_step_code(secret: str) -> str:
    """The code of the previous 30 s step (leaving the current one unused), at a moment when it is
    still inside the app's window when checked."""
    import pyotp

    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.1)
    return str(pyotp.TOTP(secret).at(time.time() - 30))


def _totp_on(client: Any, state: State) -> dict[str, Any]:
    """A fresh admin with two-factor login on (verified with the previous step's code)."""
    fresh = _totp(client, state)
    ok(call(client, "POST", "/auth/2fa/verify", fresh["token"], {"code": previous_step_code(fresh["secret"])}))
    return fresh


@operation("POST", "/auth/2fa/disable", prepare=_totp_on, repeat=5, variant="password and a current code")
def disable_totp(client: Any, state: State) -> Any:
    import pyotp

    body = {"current_password": PASSWORD, "totp_code": pyotp.TOTP(state["secret"]).now()}
    return call(client, "POST", "/auth/2fa/disable", state["token"], body)


route("GET", "/organization", setup=tenant)
route("PATCH", "/organization", setup=tenant, body=lambda s: {"name": f"Bench {unique()}"})


def _restored(client: Any, state: State) -> dict[str, Any]:
    call(client, "POST", "/organization/restore", state["token"])  # 409 on the first repeat: nothing to restore
    return {}


def _deleted(client: Any, state: State) -> dict[str, Any]:
    ok(call(client, "DELETE", "/organization", state["token"]))
    return {}


route("DELETE", "/organization", setup=tenant, prepare=each(_restored), repeat=10)
route("POST", "/organization/restore", setup=tenant, prepare=each(_deleted), repeat=10)
