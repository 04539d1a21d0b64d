"""Data lifecycle: retention policies, the audit log, a person's export and erasure, the
organization's export and offboarding."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import add_user, call, each, ok, route, shared, tenant, ticket


def _retention(client: Any) -> State:
    state = tenant(client)
    for entity, days in (("tickets", 730), ("sessions", 30), ("kb_views", 90)):
        body = {"retention_period_days": days, "archive_before_delete": entity == "tickets"}
        ok(call(client, "PUT", f"/retention-policies/{entity}", state["token"], body))
    state["entity"] = "tickets"
    return state


def _audited(client: Any) -> State:
    """30 audited admin actions (permission grants and revocations)."""
    from bench.ops.users import _grantable

    state = tenant(client, roles=("agent",))
    path = f"/users/{state['agent_id']}/permissions"
    for permission in _grantable()[:15]:
        ok(call(client, "POST", path, state["token"], {"permission": permission}))
        ok(call(client, "DELETE", f"{path}/{permission}", state["token"]))
    return state


def _person(client: Any) -> State:
    """A customer with 5 tickets, each with a reply."""
    state = tenant(client)
    for _ in range(5):
        number = ticket(client, state)
        ok(call(client, "POST", f"/tickets/{number}/comments", state["token"], {"content": "We are on it."}))
    state["user_id"] = state["customer_id"]
    return state


def _customer_with_tickets(client: Any, state: State) -> dict[str, Any]:
    user_id = add_user(client, state, "leaving", "customer")
    for _ in range(3):
        ticket(client, state, customer_id=user_id)
    return {"user_id": user_id}


def finish_jobs() -> None:
    """What ``tenant_jobs_job`` does every minute, run until no job is left running."""
    from chalicelib.services import offboarding

    while offboarding.advance(60)["jobs"]:
        pass


def _exported(client: Any) -> State:
    """A small organization (a few tickets) with a finished export."""
    state = _person(client)
    state["export_id"] = ok(call(client, "POST", "/organization/exports", state["token"]))["id"]
    finish_jobs()
    return state


def _confirmable(client: Any, state: State) -> dict[str, Any]:
    fresh = _exported(client)
    body = {"export_id": fresh["export_id"]}
    fresh["confirmation_token"] = ok(call(client, "POST", "/organization/offboarding", fresh["token"], body))[
        "confirmation_token"
    ]
    return fresh


route("GET", "/retention-policies", setup=shared(_retention))
route("GET", "/retention-policies/{entity}", setup=shared(_retention))
route(
    "PUT",
    "/retention-policies/{entity}",
    setup=shared(_retention),
    body={"retention_period_days": 365, "archive_before_delete": True},
)
route("GET", "/audit-log", setup=_audited, query="?limit=25", variant="one page of 25")
route("POST", "/users/{user_id}/export", setup=_person, repeat=10, variant="5 tickets")
route(
    "POST",
    "/users/{user_id}/anonymize",
    setup=lambda c: tenant(c, roles=()),
    prepare=each(_customer_with_tickets),
    repeat=10,
    variant="3 tickets",
)


def _no_export_running(client: Any, state: State) -> State:
    """One export at a time per organization: the previous repeat's job is finished first."""
    finish_jobs()
    return state


route("POST", "/organization/exports", setup=_person, prepare=_no_export_running, repeat=10, variant="starts the job")
route("GET", "/organization/exports/{export_id}", setup=shared(_exported))
route(
    "POST",
    "/organization/offboarding",
    setup=shared(_exported),
    body=lambda s: {"export_id": s["export_id"]},
    repeat=10,
)
route(
    "POST",
    "/organization/offboarding/confirm",
    prepare=_confirmable,
    body=lambda s: {"confirmation_token": s["confirmation_token"]},
    repeat=3,
    variant="starts the delete job",
)
