"""API tokens for integrations: create, list, read, revoke, and a request authorized by one."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, tenant, unique

TOKENS = "/organization/api-tokens"


def _tokens(client: Any) -> State:
    """An organization with five tokens; ``api_token`` is a manager-role token's secret."""
    state = tenant(client)
    for n in range(5):
        created = ok(call(client, "POST", TOKENS, state["token"], {"name": f"Integration {n}", "role": "manager"}))
    state["token_id"], state["api_token"] = created["id"], created["token"]
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    created = ok(call(client, "POST", TOKENS, state["token"], {"name": f"Revoked {unique()}", "role": "agent"}))
    return {"token_id": created["id"]}


route("POST", TOKENS, setup=tenant, body=lambda s: {"name": f"Sync {unique()}", "actions": ["tickets.view_all"]})
route("GET", TOKENS, setup=_tokens, variant="5 tokens")
route("GET", f"{TOKENS}/{{token_id}}", setup=_tokens)
route("DELETE", f"{TOKENS}/{{token_id}}", setup=tenant, prepare=each(_fresh), repeat=10)
route("GET", "/tickets", setup=_tokens, auth="api_token", query="?limit=25", variant="authorized by an API token")
