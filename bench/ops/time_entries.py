"""Time tracking: a ticket's time entries and the time report."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, ticket

ENTRIES = 20


def _logged(client: Any) -> State:
    """A ticket with 20 time entries over 20 days (the report reads 20 days of counter rows)."""
    state = tenant(client)
    state["number"] = ticket(client, state)
    for n in range(ENTRIES):
        body = {"minutes": 15 + n, "billable": n % 2 == 0, "spent_on": (date.today() - timedelta(days=n)).isoformat()}
        ok(call(client, "POST", f"/tickets/{state['number']}/time-entries", state["token"], body))
    return state


def _entry(client: Any, state: State) -> dict[str, Any]:
    number = ticket(client, state)
    entry = ok(call(client, "POST", f"/tickets/{number}/time-entries", state["token"], {"minutes": 30}))
    return {"number": number, "entry_id": entry["id"]}


route("GET", "/tickets/{number}/time-entries", setup=shared(_logged), variant=f"{ENTRIES} entries")
route(
    "POST",
    "/tickets/{number}/time-entries",
    setup=shared(_logged),
    body={"minutes": 45, "billable": True, "note": "Replaced the fuser unit"},
    variant="entry + ticket sums + 4 counter rows",
)
route(
    "PATCH",
    "/tickets/{number}/time-entries/{entry_id}",
    setup=tenant,
    prepare=each(_entry),
    body={"minutes": 50, "billable": False},
    repeat=10,
)
route("DELETE", "/tickets/{number}/time-entries/{entry_id}", setup=tenant, prepare=each(_entry), repeat=10)
route("GET", "/reports/time", setup=shared(_logged), query="?group_by=day", variant=f"{ENTRIES} days of counters")
