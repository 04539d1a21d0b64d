"""Automation rules."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, ticket, unique

RULE = {
    "name": "Escalate urgent printers",
    "trigger_type": "ticket_updated",
    "trigger_conditions": {
        "all": [
            {"field": "priority", "operator": "changed_to", "value": "urgent"},
            {"field": "subject", "operator": "contains", "value": "printer"},
        ]
    },
    "actions": [{"type": "add_tags", "tags": ["escalated"]}],
}


def _rules(client: Any) -> State:
    """20 rules (written by the rule store, as the API writes them) and a ticket to dry-run on."""
    from bench.automation import _rules as realistic_rules
    from chalicelib.store import automation as rule_store

    state = tenant(client)
    for rule in realistic_rules(state["org_id"], 19):
        rule_store.create_rule(rule)
    state["rule_id"] = ok(call(client, "POST", "/automation-rules", state["token"], RULE))["id"]
    state["number"] = ticket(client, state)
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    return {"rule_id": ok(call(client, "POST", "/automation-rules", state["token"], {**RULE, "name": "Gone"}))["id"]}


def _deleted(client: Any, state: State) -> dict[str, Any]:
    fresh = _fresh(client, state)
    ok(call(client, "DELETE", f"/automation-rules/{fresh['rule_id']}", state["token"]))
    return fresh


route("GET", "/automation-rules", setup=shared(_rules), variant="20 rules")
route("POST", "/automation-rules", setup=tenant, body=lambda s: {**RULE, "name": f"Rule {unique()}"})
route("GET", "/automation-rules/{rule_id}", setup=shared(_rules))
route("PATCH", "/automation-rules/{rule_id}", setup=shared(_rules), body=lambda s: {"description": f"v{unique()}"})
route("DELETE", "/automation-rules/{rule_id}", setup=tenant, prepare=each(_fresh), repeat=10)
route("POST", "/automation-rules/{rule_id}/restore", setup=tenant, prepare=each(_deleted), repeat=10)
route(
    "POST",
    "/automation-rules/{rule_id}/dry-run",
    setup=shared(_rules),
    body=lambda s: {"ticket_number": s["number"], "changes": {"priority": "urgent"}},
)


def _history(client: Any) -> State:
    """50 tickets, each with a change in its history, for the simulation to replay."""
    state = tenant(client)
    for _ in range(50):
        number = ticket(client, state)
        ok(call(client, "PATCH", f"/tickets/{number}", state["token"], {"priority": "urgent"}))
    return state


route("GET", "/automation-rules/schema", setup=tenant)
route(
    "POST",
    "/automation-rules/simulate",
    setup=shared(_history),
    body=lambda s: {"rule": RULE, "last": 50},
    variant="50 tickets, 2 events each",
)


def _order(client: Any, state: State) -> dict[str, Any]:
    """The 20 rules' ids, newest order first: each run reverses the whole list."""
    items = ok(call(client, "GET", "/automation-rules?limit=100", state["token"]))["items"]
    return {"ids": [rule["id"] for rule in reversed(items)]}


route(
    "POST",
    "/automation-rules/order",
    setup=shared(_rules),
    prepare=each(_order),
    body=lambda s: {"ids": s["ids"]},
    variant="20 rules",
    repeat=10,
)
