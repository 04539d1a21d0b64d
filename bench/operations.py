"""The API operations ``make bench`` measures: every route of ``chalicelib.api.http.ROUTES`` at least
once, grouped by area in ``bench/ops/``. This module holds what the areas share.

Passwords are hashed with the production argon2id parameters (64 MiB, t=3) under ``make bench``,
so the login, signup and password figures include the real hashing cost (the test suite runs the
same operations with its cheap parameters).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from itertools import count
from typing import Any

from bench.harness import OPERATIONS, Prepare, Setup, State, operation

PASSWORD = "bench-password-2026"  # noqa: S105 (benchmark accounts only)
_n = count()


def unique() -> int:
    return next(_n)


def call(
    client: Any,
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Any:
    sent = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    sent.update(headers or {})
    raw = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else b"")
    return client.http.request(method, path, headers=sent, body=raw)


def ok(response: Any) -> Any:
    """The JSON body of a successful setup request (setup failures stop the bench)."""
    if response.status_code >= 300:
        raise AssertionError(f"setup request failed: {response.status_code} {response.body[:300]!r}")
    return json.loads(response.body) if response.body else None


def signup_body(slug: str) -> dict[str, Any]:
    """A ``POST /organizations`` body whose admin is ``admin@<slug>.example.com``."""
    return {
        "name": "Bench",
        "slug": slug,
        "admin_email": f"admin@{slug}.example.com",
        "admin_password": PASSWORD,
        "admin_first_name": "Bench",
        "admin_last_name": "Admin",
    }


def tenant(client: Any, roles: tuple[str, ...] = ("customer",), logins: tuple[str, ...] = ()) -> State:
    """A new organization (admin token in ``token``) with one user per role in ``roles``:
    ``<role>_id``, ``<role>_email``, and ``<role>_token`` for the roles in ``logins``."""
    slug = f"bench-{unique()}"
    body = signup_body(slug)
    created = ok(call(client, "POST", "/organizations", body=body))
    state: State = {
        "slug": slug,
        "org_slug": slug,
        "org_id": created["organization"]["id"],
        "token": created["token"],
        "admin_id": created["user"]["id"],
        "admin_email": body["admin_email"],
    }
    for role in roles:
        add_user(client, state, role, role)
    for role in logins:
        state[f"{role}_token"] = login(client, slug, state[f"{role}_email"])
    return state


def add_user(client: Any, state: State, key: str, role: str) -> str:
    email = f"{key}{unique()}@{state['slug']}.example.com"
    body = {"email": email, "first_name": key.title(), "last_name": "Bench", "role": role, "password": PASSWORD}
    user_id = str(ok(call(client, "POST", "/users", state["token"], body))["id"])
    state[f"{key}_id"], state[f"{key}_email"] = user_id, email
    return user_id


def login(client: Any, slug: str, email: str) -> str:
    body = {"organization": slug, "email": email, "password": PASSWORD}
    return str(ok(call(client, "POST", "/auth/login", body=body))["token"])


def ticket(client: Any, state: State, **fields: Any) -> str:
    body = {"subject": "Printer jams on every page", "description": "It jams. " * 40, **fields}
    body.setdefault("customer_id", state.get("customer_id"))
    return str(ok(call(client, "POST", "/tickets", state["token"], body))["ticket_number"])


def route(
    method: str,
    path: str,
    *,
    setup: Setup | None = None,
    prepare: Prepare | None = None,
    body: Any = None,
    query: str = "",
    auth: str = "token",
    headers: dict[str, str] | None = None,
    status: int | None = None,
    repeat: int = 20,
    variant: str = "",
) -> None:
    """Register the plain case: ``path`` and ``query`` filled from the state, ``body`` a value or a
    function of the state, sent with the bearer token in the state's ``auth`` key (none if absent)."""

    def request(client: Any, state: State) -> Any:
        sent = body(state) if callable(body) else body
        return call(client, method, path.format_map(state) + query.format_map(state), state.get(auth), sent, headers)

    operation(method, path, setup=setup, prepare=prepare, status=status, repeat=repeat, variant=variant)(request)


_shared: dict[tuple[int, str], State] = {}


def shared(setup: Setup) -> Setup:
    """A setup made once per client and shared by the operations that name it (read-mostly data
    that is slow to build: a knowledge base, a crew of technicians). Each caller gets its own copy
    of the state dict; the organization behind it is the same."""

    def cached(client: Any) -> State:
        key = (id(client), f"{setup.__module__}.{setup.__qualname__}")
        if key not in _shared:
            _shared[key] = setup(client)
        return dict(_shared[key])

    return cached


def each(make: Callable[[Any, State], dict[str, Any]]) -> Prepare:
    """A ``prepare`` that adds what ``make`` creates to the operation's state, fresh for each repeat."""

    def prepare(client: Any, state: State) -> State:
        return {**state, **make(client, state)}

    return prepare


AREAS = (
    # Lifecycle first: the organization export reads the whole table, so it runs while it is small.
    "lifecycle",
    "identity",
    "users",
    "tickets",
    "customers",
    "departments",
    "reports",
    "automation",
    "webhooks",
    "api_tokens",
    "channels",
    "kb",
    "fieldservice",
    "portal",
    "invitations",
    "sso",
    "views",
    "macros",
    "search",
    "ccs",
    "merge",
    "ticket_links",
    "time_entries",
    "live",
)


def load() -> None:
    """Register every area's operations (once: a module registers when first imported), each
    marked with its area (tests/bench runs the areas side by side)."""
    for area in AREAS:
        registered = len(OPERATIONS)
        importlib.import_module(f"bench.ops.{area}")
        for op in OPERATIONS[registered:]:
            op.area = op.area or area


def forget_shared() -> None:
    """Drop the shared setups: their organizations are gone once the table they were made in is."""
    _shared.clear()
