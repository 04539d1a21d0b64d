"""Linked tickets: list, link, unlink, and solving a parent's children."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, ticket

CHILDREN = 10


def _linked(client: Any) -> State:
    """A problem ticket with 10 children and 5 related tickets."""
    state = tenant(client)
    state["number"] = ticket(client, state)
    for n in range(CHILDREN + 5):
        kind = "child" if n < CHILDREN else "related"
        body = {"kind": kind, "ticket_number": ticket(client, state)}
        ok(call(client, "POST", f"/tickets/{state['number']}/links", state["token"], body))
    return state


def _pair(client: Any, state: State) -> dict[str, Any]:
    return {"number": ticket(client, state), "other": ticket(client, state)}


def _link(client: Any, state: State) -> dict[str, Any]:
    pair = _pair(client, state)
    body = {"kind": "parent", "ticket_number": pair["other"]}
    ok(call(client, "POST", f"/tickets/{pair['number']}/links", state["token"], body))
    return {**pair, "kind": "parent", "other_number": pair["other"]}


def _problem(client: Any, state: State) -> dict[str, Any]:
    number = ticket(client, state)
    for _ in range(CHILDREN):
        body = {"kind": "child", "ticket_number": ticket(client, state)}
        ok(call(client, "POST", f"/tickets/{number}/links", state["token"], body))
    return {"number": number}


route("GET", "/tickets/{number}/links", setup=shared(_linked), variant=f"{CHILDREN} children and 5 related")
route(
    "POST",
    "/tickets/{number}/links",
    setup=tenant,
    prepare=each(_pair),
    body=lambda s: {"kind": "parent", "ticket_number": s["other"]},
    variant="a parent (both tickets written)",
)
route(
    "DELETE",
    "/tickets/{number}/links/{kind}/{other_number}",
    setup=tenant,
    prepare=each(_link),
    repeat=10,
    variant="a parent link",
)
route(
    "POST",
    "/tickets/{number}/children/solve",
    setup=tenant,
    prepare=each(_problem),
    body={"reply": "The outage is over; thank you for your patience."},
    repeat=5,
    variant=f"{CHILDREN} active children, with a reply",
)
