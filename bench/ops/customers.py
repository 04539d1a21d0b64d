"""Customer records."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, unique


def _customers(client: Any) -> State:
    state = tenant(client)
    for n in range(20):
        ok(call(client, "POST", "/customers", state["token"], {"company": f"Company {n}", "tags": ["b2b"]}))
    record = ok(call(client, "POST", "/customers", state["token"], {"user_id": state["customer_id"], "company": "Co"}))
    state["customer_user_id"], state["customer_id"] = state["customer_id"], record["id"]
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    return {
        "customer_id": ok(call(client, "POST", "/customers", state["token"], {"company": f"Gone {unique()}"}))["id"]
    }


def _deleted(client: Any, state: State) -> dict[str, Any]:
    fresh = _fresh(client, state)
    ok(call(client, "DELETE", f"/customers/{fresh['customer_id']}", state["token"]))
    return fresh


route("GET", "/customers", setup=shared(_customers), variant="21 records")
route(
    "GET",
    "/customers",
    setup=shared(_customers),
    query="?user_id={customer_user_id}",
    variant="the record of one user (link guard, then record)",
)
route("POST", "/customers", setup=tenant, body=lambda s: {"company": f"Company {unique()}", "phone": "+442079460000"})
route("GET", "/customers/{customer_id}", setup=shared(_customers))
route("PATCH", "/customers/{customer_id}", setup=shared(_customers), body=lambda s: {"company": f"Renamed {unique()}"})
route("DELETE", "/customers/{customer_id}", setup=tenant, prepare=each(_fresh), repeat=10)
route("POST", "/customers/{customer_id}/restore", setup=tenant, prepare=each(_deleted), repeat=10)
