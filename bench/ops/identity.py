"""Signup, login, sessions, password, two-factor, the organization itself."""

from __future__ import annotations

import time
from typing import Any

from bench.harness import State, operation
from bench.operations import PASSWORD, call, each, login, ok, route, signup_body, tenant, unique


@operation("POST", "/organizations", repeat=10, variant="signup: org, admin, session")
def signup(client: Any, state: State) -> Any:
    body = signup_body(f"bench-signup-{unique()}")
    return call(client, "POST", "/organizations", body=body)


@operation("POST", "/auth/login", repeat=10, setup=lambda c: tenant(c, roles=()))
def login_admin(client: Any, state: State) -> Any:
    body = {"organization": state["slug"], "email": state["admin_email"], "password": PASSWORD}
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


route(
    "POST",
    "/auth/password",
    setup=lambda c: tenant(c, roles=()),
    prepare=each(_session),  # a password change ends every session of the user, the caller's too
    auth="spare",
    body=lambda s: {"current_password": PASSWORD, "new_password": PASSWORD},
    repeat=10,
    variant="same password again: two argon2 hashes",
)
route("POST", "/auth/2fa/setup", setup=lambda c: tenant(c, roles=()), repeat=10)


def _totp(client: Any, state: State) -> dict[str, Any]:
    """A fresh admin who has started two-factor setup; the code is the one the app will expect."""
    import pyotp

    fresh = tenant(client, roles=())
    secret = ok(call(client, "POST", "/auth/2fa/setup", fresh["token"]))["secret"]
    return {**fresh, "code": pyotp.TOTP(secret).at(time.time())}


@operation("POST", "/auth/2fa/verify", prepare=_totp, repeat=5)
def verify_totp(client: Any, state: State) -> Any:
    return call(client, "POST", "/auth/2fa/verify", state["token"], {"code": state["code"]})


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
