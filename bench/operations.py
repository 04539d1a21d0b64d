"""The operations ``make bench`` measures. Each issue adds its own here.

Passwords are hashed with the production argon2id parameters (64 MiB, t=3), so the login and
signup figures include the real hashing cost.
"""

from __future__ import annotations

import json
from itertools import count
from typing import Any

from bench.harness import operation

PASSWORD = "bench-password-2026"  # noqa: S105 (benchmark accounts only)
_n = count()


def _post(client: Any, path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.http.post(path, headers=headers, body=json.dumps(body))


def _signup(client: Any, slug: str) -> dict[str, Any]:
    response = _post(
        client,
        "/organizations",
        {
            "name": "Bench",
            "slug": slug,
            "admin_email": f"admin@{slug}.example.com",
            "admin_password": PASSWORD,
            "admin_first_name": "Bench",
            "admin_last_name": "Admin",
        },
    )
    assert response.status_code == 201, response.body
    body: dict[str, Any] = json.loads(response.body)
    return body


@operation("GET /health")
def health(client: Any, state: Any) -> Any:
    return client.http.get("/health")


@operation("POST /organizations (signup)", expected_status=201, repeat=10)
def signup(client: Any, state: Any) -> Any:
    slug = f"bench-signup-{next(_n)}"
    return _post(
        client,
        "/organizations",
        {
            "name": "Bench",
            "slug": slug,
            "admin_email": f"admin@{slug}.example.com",
            "admin_password": PASSWORD,
            "admin_first_name": "Bench",
            "admin_last_name": "Admin",
        },
    )


def _tenant(client: Any) -> dict[str, Any]:
    return _signup(client, f"bench-tenant-{next(_n)}")


@operation("POST /auth/login", repeat=10, setup=_tenant)
def login(client: Any, state: dict[str, Any]) -> Any:
    slug = state["organization"]["slug"]
    return _post(
        client, "/auth/login", {"organization": slug, "email": f"admin@{slug}.example.com", "password": PASSWORD}
    )


@operation("GET /auth/me (authorizer + handler)", setup=_tenant)
def me(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get("/auth/me", headers={"Authorization": f"Bearer {state['token']}"})


@operation("POST /users", expected_status=201, repeat=10, setup=_tenant)
def create_user(client: Any, state: dict[str, Any]) -> Any:
    n = next(_n)
    return _post(
        client,
        "/users",
        {
            "email": f"user{n}@bench.example.com",
            "first_name": "U",
            "last_name": str(n),
            "role": "agent",
            "password": PASSWORD,
        },
        state["token"],
    )
