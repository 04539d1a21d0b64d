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


def _customer_tenant(client: Any) -> dict[str, Any]:
    tenant = _tenant(client)
    response = _post(
        client,
        "/users",
        {
            "email": f"customer{next(_n)}@bench.example.com",
            "first_name": "C",
            "last_name": "Bench",
            "role": "customer",
            "password": PASSWORD,
        },
        tenant["token"],
    )
    tenant["customer_id"] = json.loads(response.body)["id"]
    return tenant


@operation("POST /tickets", expected_status=201, repeat=20, setup=_customer_tenant)
def create_ticket(client: Any, state: dict[str, Any]) -> Any:
    return _post(
        client,
        "/tickets",
        {"subject": "Bench ticket", "description": "x" * 500, "customer_id": state["customer_id"]},
        state["token"],
    )


def _ticket(client: Any) -> dict[str, Any]:
    state = _customer_tenant(client)
    created = _post(client, "/tickets", {"subject": "Commented", "customer_id": state["customer_id"]}, state["token"])
    state["number"] = json.loads(created.body)["ticket_number"]
    return state


@operation("POST /tickets/{n}/comments", expected_status=201, repeat=20, setup=_ticket)
def add_comment(client: Any, state: dict[str, Any]) -> Any:
    return _post(client, f"/tickets/{state['number']}/comments", {"content": "A reply " * 20}, state["token"])


def _ticket_with_20_comments(client: Any) -> dict[str, Any]:
    state = _ticket(client)
    for n in range(20):
        _post(client, f"/tickets/{state['number']}/comments", {"content": f"comment {n} " * 20}, state["token"])
    return state


@operation("GET /tickets/{n} (20 comments)", setup=_ticket_with_20_comments)
def get_ticket(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get(f"/tickets/{state['number']}", headers={"Authorization": f"Bearer {state['token']}"})


def _queue(client: Any) -> dict[str, Any]:
    state = _customer_tenant(client)
    for _ in range(60):
        _post(client, "/tickets", {"subject": "Queued", "customer_id": state["customer_id"]}, state["token"])
    return state


@operation("GET /tickets?limit=25 (one page)", setup=_queue)
def list_page(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get("/tickets?limit=25", headers={"Authorization": f"Bearer {state['token']}"})


def _sla_counters(client: Any) -> dict[str, Any]:
    """An org with 3 SLA policies and a month of counter rows for every priority and target (720 rows)."""
    from datetime import timedelta

    from chalicelib.domain.clock import utcnow
    from chalicelib.domain.sla import Target
    from chalicelib.domain.tickets import Priority
    from chalicelib.store.reports import SLACounterItem, counter_sk, stats_pk
    from chalicelib.store.transactions import Tally, transact_write

    state = _tenant(client)
    org_id = state["organization"]["id"]
    policies = []
    for n in range(3):
        body = {"name": f"Policy {n}", "order": n, "first_response_hours": 1 + n, "resolution_hours": 8 * (n + 1)}
        policies.append(json.loads(_post(client, "/sla-policies", body, state["token"]).body)["id"])
    today = utcnow().date()
    rows = [
        Tally(
            SLACounterItem,
            stats_pk(org_id),
            counter_sk((today - timedelta(days=d), policy_id, priority, target)),
            {
                "met": 7,
                "breached": 1,
                "completed": 8,
                "sec": 24000,
                "bsec": 16000,
                "c3": 5,
                "cs3": 12000,
                "c4": 3,
                "cs4": 12000,
                "b3": 8,
                "bs3": 16000,
            },
        )
        for d in range(30)
        for policy_id in policies
        for priority in Priority
        for target in Target
    ]
    for start in range(0, len(rows), 50):
        transact_write(rows[start : start + 50])
    return state


@operation("GET /reports/sla (30 days, 3 policies: 720 counter rows)", repeat=5, setup=_sla_counters)
def sla_report(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get("/reports/sla", headers={"Authorization": f"Bearer {state['token']}"})
