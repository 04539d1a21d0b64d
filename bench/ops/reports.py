"""SLA policies and the SLA report."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, unique

POLICY = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}


def _policies(client: Any) -> State:
    state = tenant(client)
    for n in range(5):
        body = {
            **POLICY,
            "name": f"Policy {n}",
            "order": n,
            "priority_overrides": {"urgent": {"first_response_hours": 1, "resolution_hours": 4}},
        }
        state["policy_id"] = ok(call(client, "POST", "/sla-policies", state["token"], body))["id"]
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    body = {**POLICY, "name": f"Gone {unique()}"}
    return {"policy_id": ok(call(client, "POST", "/sla-policies", state["token"], body))["id"]}


def _deleted(client: Any, state: State) -> dict[str, Any]:
    fresh = _fresh(client, state)
    ok(call(client, "DELETE", f"/sla-policies/{fresh['policy_id']}", state["token"]))
    return fresh


route("GET", "/sla-policies", setup=shared(_policies), variant="5 policies")
route("POST", "/sla-policies", setup=tenant, body=lambda s: {**POLICY, "name": f"Policy {unique()}"})
route("GET", "/sla-policies/{policy_id}", setup=shared(_policies))
route("PATCH", "/sla-policies/{policy_id}", setup=shared(_policies), body=lambda s: {"description": f"v{unique()}"})
route("DELETE", "/sla-policies/{policy_id}", setup=tenant, prepare=each(_fresh), repeat=10)
route("POST", "/sla-policies/{policy_id}/restore", setup=tenant, prepare=each(_deleted), repeat=10)


def _sla_counters(client: Any) -> State:
    """An org with 3 SLA policies and a month of counter rows for every priority and target (720
    rows, the items the counters' transactions write, loaded straight into the table)."""
    from chalicelib import config
    from chalicelib.domain.clock import utcnow
    from chalicelib.domain.sla import Target
    from chalicelib.domain.tickets import Priority
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.reports import SLACounterItem, counter_sk, stats_pk

    state = tenant(client)
    policies = []
    for n in range(3):
        body = {"name": f"Policy {n}", "order": n, "first_response_hours": 1 + n, "resolution_hours": 8 * (n + 1)}
        policies.append(ok(call(client, "POST", "/sla-policies", state["token"], body))["id"])
    today = utcnow().date()
    counts = {"met": 7, "breached": 1, "completed": 8, "sec": 24000, "bsec": 16000}
    counts |= {"c3": 5, "cs3": 12000, "c4": 3, "cs4": 12000, "b3": 8, "bs3": 16000}
    rows = []
    for d in range(30):
        for policy_id in policies:
            for priority in Priority:
                for target in Target:
                    key = (today - timedelta(days=d), policy_id, priority, target)
                    row = SLACounterItem(PK=stats_pk(state["org_id"]), SK=counter_sk(key)).serialize()
                    rows.append(row | {name: {"N": str(value)} for name, value in counts.items()})
    load_table(config.table_name(), rows)
    return state


route("GET", "/reports/sla", setup=_sla_counters, repeat=5, variant="30 days, 3 policies: 720 counter rows")
