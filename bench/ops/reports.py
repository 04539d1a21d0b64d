"""SLA policies, the SLA report, satisfaction ratings by link and the CSAT report."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, ticket, unique

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
route(
    "POST",
    "/sla-policies/preview",
    setup=tenant,
    body=lambda s: {
        "policy": {
            **POLICY,
            "calendar": {
                "timezone": "Europe/London",
                "hours": [{"day": d, "start": "09:00", "end": "17:30"} for d in range(5)],
                "holidays": ["2030-12-25", "2030-12-26"],
            },
        },
        "priority": "high",
    },
    variant="unsaved policy, London weekday hours",
)
route(
    "POST",
    "/sla-policies/preview",
    setup=shared(_policies),
    body=lambda s: {"policy_id": s["policy_id"]},
    variant="saved",
)


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
                    key = (today - timedelta(days=d), policy_id, priority, target, None)
                    row = SLACounterItem(PK=stats_pk(state["org_id"]), SK=counter_sk(key)).serialize()
                    rows.append(row | {name: {"N": str(value)} for name, value in counts.items()})
    load_table(config.table_name(), rows)
    return state


route("GET", "/reports/sla", setup=_sla_counters, repeat=5, variant="30 days, 3 policies: 720 counter rows")


def _flow_counters(client: Any) -> State:
    """An org with a year of ticket flow rows (365 rows, one per day, as the ticket transactions
    write them, loaded straight into the table) and 20 agents' queue counters."""
    from chalicelib import config
    from chalicelib.domain.clock import utcnow
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.queue_counts import QueueCountItem, counter_key
    from chalicelib.store.reports import TicketFlowItem, flow_sk, stats_pk

    state = tenant(client)
    today = utcnow().date()
    rows = []
    for d in range(365):
        row = TicketFlowItem(PK=stats_pk(state["org_id"]), SK=flow_sk(today - timedelta(days=d))).serialize()
        rows.append(row | {"created": {"N": "40"}, "solved": {"N": "38"}, "open": {"N": str(d % 3)}})
    for a in range(20):
        pk, sk = counter_key(state["org_id"], f"AGENT#{a:020x}")
        row = QueueCountItem(PK=pk, SK=sk).serialize()
        rows.append(row | {"total": {"N": "12"}, "status_open": {"N": "9"}, "status_pending": {"N": "3"}})
    load_table(config.table_name(), rows)
    return state


route(
    "GET",
    "/reports/tickets",
    setup=shared(_flow_counters),
    repeat=5,
    variant="365 flow rows, 20 agents' queue counters",
)


def _csat_counters(client: Any) -> State:
    """An org with a month of CSAT counter rows: every day, 20 agents and 5 departments rated (780
    rows, the items the rating transactions write, loaded straight into the table)."""
    from chalicelib import config
    from chalicelib.domain.clock import utcnow
    from chalicelib.domain.csat import Dimension
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.csat import CSATCounterItem, counter_sk, stats_pk

    state = tenant(client)
    today = utcnow().date()
    counts = {"n": 4, "sum": 17, "good": 3, "bad": 1}
    rows = []
    for d in range(30):
        day = today - timedelta(days=d)
        keys = [(Dimension.ORG, "")]
        keys += [(Dimension.AGENT, f"{a:020x}") for a in range(20)]
        keys += [(Dimension.DEPARTMENT, f"{100 + n:020x}") for n in range(5)]
        for dimension, key in keys:
            row = CSATCounterItem(PK=stats_pk(state["org_id"]), SK=counter_sk(dimension, day, key)).serialize()
            rows.append(row | {name: {"N": str(value)} for name, value in counts.items()})
    load_table(config.table_name(), rows)
    return state


route(
    "GET",
    "/reports/csat",
    setup=shared(_csat_counters),
    query="?group_by=agent",
    repeat=5,
    variant="30 days x 20 agents: 600 agent rows + 30 day rows",
)
route("GET", "/reports/csat", setup=shared(_csat_counters), query="?group_by=week", repeat=5, variant="30 day rows")


def _rating_link(client: Any, state: State) -> dict[str, Any]:
    """A solved ticket of the state's customer and its rating link (as the solved mail carries it)."""
    from chalicelib.domain.links import Purpose
    from chalicelib.domain.tickets import parse_number
    from chalicelib.services import csat, links
    from chalicelib.store.transactions import transact_write

    number = ticket(client, state)
    ok(call(client, "PATCH", f"/tickets/{number}", state["token"], {"status": "solved"}))
    data = {"ticket_number": parse_number(number)}
    token, _, put = links.issue(state["org_id"], Purpose.CSAT, state["customer_id"], csat.VALID_FOR, data)
    transact_write([put])
    return {"rating_token": token}


route(
    "POST",
    "/satisfaction/preview",
    setup=tenant,
    prepare=each(_rating_link),
    body=lambda s: {"token": s["rating_token"]},
    auth="none",
    repeat=10,
)
route(
    "POST",
    "/satisfaction",
    setup=tenant,
    prepare=each(_rating_link),
    body=lambda s: {"token": s["rating_token"], "score": 4, "comment": "Quick."},
    auth="none",
    repeat=10,
)
