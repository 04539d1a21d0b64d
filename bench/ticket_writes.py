"""Write capacity of one ticket through its life: the table's WCU and the indexes' WCU per kind of
change, on the local stack's database server (the same as the API operations).

Every index keeps an entry per ticket (the queues, the sort orders), so what a change costs the
indexes depends on which keys it moves: this table shows it per kind of change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.capacity import capacity_meter
from chalicelib.store import metering

Step = tuple[str, Callable[[Any, dict[str, Any]], Any]]


def _steps() -> list[Step]:
    from bench.operations import call, ticket

    def create(client: Any, state: dict[str, Any]) -> Any:
        state["number"] = ticket(client, state)

    def patch(body: dict[str, Any]) -> Callable[[Any, dict[str, Any]], Any]:
        return lambda client, state: call(client, "PATCH", f"/tickets/{state['number']}", state["token"], body)

    def reply(client: Any, state: dict[str, Any]) -> Any:
        body = {"content": "We are on it. " * 10}
        return call(client, "POST", f"/tickets/{state['number']}/comments", state["token"], body)

    def delete(client: Any, state: dict[str, Any]) -> Any:
        return call(client, "DELETE", f"/tickets/{state['number']}", state["token"])

    def restore(client: Any, state: dict[str, Any]) -> Any:
        return call(client, "POST", f"/tickets/{state['number']}/restore", state["token"])

    return [
        ("create (staff, for a customer; an SLA policy applies)", create),
        ("edit the subject", patch({"subject": "Printer jams on page two"})),
        ("assign", lambda client, state: patch({"assigned_agent_id": state["agent_id"]})(client, state)),
        ("first public reply (first response)", reply),
        ("change the priority", patch({"priority": "urgent"})),
        ("change the status (pending)", patch({"status": "pending"})),
        ("delete", delete),
        ("restore", restore),
    ]


def write_cost(runs: int = 5) -> list[dict[str, Any]]:
    """Mean DynamoDB calls, table WCU and index WCU per change, over ``runs`` tickets."""
    from bench.harness import local_database

    with local_database():
        from chalice.test import Client

        from app import app
        from bench.operations import add_user, call, ok, tenant

        totals: dict[str, list[float]] = {}
        with Client(app, stage_name="local") as client:
            state = tenant(client)
            add_user(client, state, "agent", "agent")
            policy = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}
            ok(call(client, "POST", "/sla-policies", state["token"], policy))
            for _ in range(runs):
                for name, step in _steps():
                    with capacity_meter() as meter, metering.metered() as calls:
                        response = step(client, state)
                    if response is not None and response.status_code >= 300:
                        raise AssertionError(f"{name}: {response.status_code} {response.body[:300]!r}")
                    costs = [meter.cost(c) for c in calls]
                    figures = totals.setdefault(name, [0.0, 0.0, 0.0])
                    figures[0] += len(calls)
                    figures[1] += sum(c.wcu for c in costs)
                    figures[2] += sum(c.index_wcu for c in costs)
        return [
            {
                "change": name,
                "DynamoDB calls": round(calls_ / runs, 2),
                "table WCU": round(wcu / runs, 2),
                "index WCU": round(index_wcu / runs, 2),
                "total WCU": round((wcu + index_wcu) / runs, 2),
            }
            for name, (calls_, wcu, index_wcu) in totals.items()
        ]
