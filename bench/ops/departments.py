"""Departments and their members."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import add_user, call, each, ok, route, shared, tenant, unique


def _department(client: Any) -> State:
    state = tenant(client, roles=("agent",))
    for n in range(10):
        ok(call(client, "POST", "/departments", state["token"], {"name": f"Department {n}"}))
    state["department_id"] = ok(call(client, "POST", "/departments", state["token"], {"name": "Support"}))["id"]
    state["user_id"] = state["agent_id"]
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    created = ok(call(client, "POST", "/departments", state["token"], {"name": f"Gone {unique()}"}))
    return {"department_id": created["id"]}


def _member(client: Any, state: State) -> dict[str, Any]:
    user_id = add_user(client, state, "member", "agent")
    ok(call(client, "PUT", f"/departments/{state['department_id']}/members/{user_id}", state["token"]))
    return {"user_id": user_id}


def _new_agent(client: Any, state: State) -> dict[str, Any]:
    return {"user_id": add_user(client, state, "member", "agent")}


route("GET", "/departments", setup=shared(_department), variant="11 departments")
route("POST", "/departments", setup=tenant, body=lambda s: {"name": f"Department {unique()}"})
route("GET", "/departments/{department_id}", setup=shared(_department))
route(
    "PATCH", "/departments/{department_id}", setup=shared(_department), body=lambda s: {"description": f"v{unique()}"}
)
route("DELETE", "/departments/{department_id}", setup=tenant, prepare=each(_fresh), repeat=10)
route(
    "PUT",
    "/departments/{department_id}/members/{user_id}",
    setup=shared(_department),
    prepare=each(_new_agent),
    repeat=10,
)
route(
    "DELETE",
    "/departments/{department_id}/members/{user_id}",
    setup=shared(_department),
    prepare=each(_member),
    repeat=10,
)
