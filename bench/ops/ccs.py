"""A ticket's CCs and followers."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import route, tenant, ticket


def _ticket(client: Any) -> State:
    state = tenant(client)
    state["number"] = ticket(client, state)
    return state


def _new_cc(state: State) -> dict[str, Any]:
    """Copy one address and drop the previous one: the ticket's CCs stay under the cap however often it runs."""
    n = state["cc"] = state.get("cc", 0) + 1
    return {"add": [f"cc{n}@customer.example"], "remove": [f"cc{n - 1}@customer.example"]}


def _follow(state: State) -> dict[str, Any]:
    """Follow, then unfollow, in turn (every call writes)."""
    n = state["follows"] = state.get("follows", 0) + 1
    return {"add" if n % 2 else "remove": [state["admin_id"]]}


route("POST", "/tickets/{number}/ccs", setup=_ticket, body=_new_cc, variant="add one address, drop another")
route("POST", "/tickets/{number}/followers", setup=_ticket, body=_follow, variant="the caller follows or unfollows")
