"""Saved views: the list with live counts, a view's tickets, and the views' own CRUD."""

from __future__ import annotations

from typing import Any

from bench.harness import State, operation
from bench.operations import call, each, ok, route, shared, tenant, ticket, unique

TICKETS = 60


def _views(client: Any) -> State:
    """60 tickets made through the API and changed with ``POST /tickets/bulk``: 10 urgent, open,
    assigned to the admin (their max_concurrent_tickets, 10) in the Support department, 10 urgent
    and new, 10 pending, 30 new; and 4 saved views the admin sees: an organization view, a Support
    department view (the admin is a member) and 2 personal ones."""
    state = tenant(client)
    token = state["token"]
    department = ok(call(client, "POST", "/departments", token, {"name": "Support"}))["id"]
    ok(call(client, "PUT", f"/departments/{department}/members/{state['admin_id']}", token))
    numbers = [ticket(client, state, subject=f"Printer jams on page {n}") for n in range(TICKETS)]
    mine = {
        "priority": "urgent",
        "status": "open",
        "assigned_agent_id": state["admin_id"],
        "department_id": department,
        "add_tags": ["vip"],
    }
    for batch, changes in (
        (numbers[:10], mine),
        (numbers[10:20], {"priority": "urgent"}),
        (numbers[20:30], {"status": "pending"}),
    ):
        done = ok(call(client, "POST", "/tickets/bulk", token, {"ticket_numbers": batch, "changes": changes}))
        assert done["applied"] == len(batch), done
    views = [
        {
            "name": "Urgent and open",
            "filter": {"priority": ["urgent"], "status": ["new", "open"]},
            "scope": "organization",
        },
        {
            "name": "Support",
            "filter": {"department_id": [department]},
            "scope": "department",
            "department_id": department,
        },
        {"name": "Mine, VIP", "filter": {"assignee": ["me"], "tags": ["vip"]}, "sort": "-priority"},
        {"name": "Waiting", "filter": {"status": ["pending"]}, "sort": "updated_at"},
    ]
    created = [ok(call(client, "POST", "/views", token, view)) for view in views]
    state["view_id"] = created[0]["id"]
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    body = {"name": f"Gone {unique()}", "filter": {"status": ["open"]}}
    return {"view_id": ok(call(client, "POST", "/views", state["token"], body))["id"]}


def _version(client: Any, state: State) -> dict[str, Any]:
    return {"version": ok(call(client, "GET", f"/views/{state['view_id']}", state["token"]))["version"]}


NEW_VIEW = {"filter": {"priority": ["high", "urgent"], "status": ["new", "open"]}, "sort": "-priority"}

route(
    "GET",
    "/views",
    setup=shared(_views),
    query="?include=counts",
    variant=f"include=counts with the 6 built-ins and 4 saved views, {TICKETS} tickets",
)
route("GET", "/views", setup=shared(_views), variant="no counts: the 6 built-ins and 4 saved views")
route(
    "POST", "/views", setup=tenant, body=lambda s: {**NEW_VIEW, "name": f"View {unique()}"}, variant="a personal view"
)
route("GET", "/views/{view_id}", setup=shared(_views), variant="an organization view")


@operation(
    "PATCH",
    "/views/{view_id}",
    setup=shared(_views),
    prepare=each(_version),
    variant="rename an organization view, If-Match the current version",
)
def patch_view(client: Any, state: State) -> Any:
    headers = {"If-Match": f'"{state["version"]}"'}
    return call(client, "PATCH", f"/views/{state['view_id']}", state["token"], {"name": f"Urgent {unique()}"}, headers)


route("DELETE", "/views/{view_id}", setup=tenant, prepare=each(_fresh), repeat=10, variant="a personal view")
route(
    "GET",
    "/views/{view_id}/tickets",
    setup=shared(_views),
    query="?limit=25",
    variant=f"one page of 25 of an organization view (urgent, new or open: 20 of {TICKETS} tickets)",
)
route(
    "GET",
    "/views/{view_id}/tickets",
    setup=lambda c: {**shared(_views)(c), "view_id": "builtin:unassigned"},
    query="?limit=25&include=users,sla",
    variant=f"one page of 25 of the built-in unassigned view ({TICKETS} tickets), users and SLA side-loaded",
)
