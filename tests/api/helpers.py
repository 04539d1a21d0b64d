"""Helpers for API tests: JSON requests and a tenant with one user of each role."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from chalice.test import Client

PASSWORD = "correct-horse-battery"


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


def call(
    client: Client,
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    payload = json.dumps(body) if body is not None else None
    response = getattr(client.http, method.lower())(path, headers=sent, body=payload)
    text = response.body.decode() if response.body else ""
    return Reply(response.status_code, json.loads(text) if text else None, dict(response.headers))


@dataclass
class Tenant:
    slug: str
    org_id: str
    tokens: dict[str, str] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)

    def token(self, role: str) -> str:
        return self.tokens[role]

    def user_id(self, role: str) -> str:
        return str(self.users[role]["id"])


def make_tenant(client: Client, slug: str, email_domain: str = "example.com") -> Tenant:
    """An organization with an admin, a manager, two agents (agent, agent2) and two customers."""
    reply = call(
        client,
        "POST",
        "/organizations",
        body={
            "name": f"{slug.title()} Inc",
            "slug": slug,
            "admin_email": f"admin@{email_domain}",
            "admin_password": PASSWORD,
            "admin_first_name": "Ada",
            "admin_last_name": "Admin",
        },
    )
    assert reply.status == 201, reply.body
    tenant = Tenant(slug=slug, org_id=reply.body["organization"]["id"])
    tenant.tokens["admin"] = reply.body["token"]
    tenant.users["admin"] = reply.body["user"]
    for name, role in (
        ("manager", "manager"),
        ("agent", "agent"),
        ("agent2", "agent"),
        ("customer", "customer"),
        ("customer2", "customer"),
    ):
        created = call(
            client,
            "POST",
            "/users",
            tenant.tokens["admin"],
            {
                "email": f"{name}@{email_domain}",
                "first_name": name.title(),
                "last_name": "User",
                "role": role,
                "password": PASSWORD,
            },
        )
        assert created.status == 201, created.body
        tenant.users[name] = created.body
        tenant.tokens[name] = login(client, slug, f"{name}@{email_domain}")
    return tenant


def login(client: Client, slug: str, email: str, password: str = PASSWORD, **extra: Any) -> str:
    reply = call(
        client, "POST", "/auth/login", body={"organization": slug, "email": email, "password": password, **extra}
    )
    assert reply.status == 200, reply.body
    return str(reply.body["token"])
