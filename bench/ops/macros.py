"""Macros (CRUD, preview, apply) and bulk ticket changes."""

from __future__ import annotations

from typing import Any

from bench.harness import State, operation
from bench.operations import call, each, ok, route, shared, tenant, ticket, unique

REPLY = {
    "type": "reply_to_requester",
    "template": "Hi {{requester.first_name}}, about {{ticket.ticket_number}} ({{ticket.subject}}): could you send "
    "us a photo of the printer's display? - {{agent.first_name}}",
}
MACRO = {
    "name": "Ask for a photo",
    "description": "Ask the customer for a photo and wait for it.",
    "actions": [REPLY, {"type": "set_status", "status": "pending"}, {"type": "add_tags", "tags": ["waiting"]}],
}
BATCH = 10


def _macros(client: Any) -> State:
    """10 macros (5 organization, 5 personal; the reply + status + tag one measured) and a ticket."""
    state = tenant(client)
    for n in range(9):
        scope = "organization" if n % 2 else "personal"
        body = {"name": f"Macro {n}", "scope": scope, "actions": [{"type": "add_tags", "tags": [f"t{n}"]}]}
        ok(call(client, "POST", "/macros", state["token"], body))
    state["macro_id"] = ok(call(client, "POST", "/macros", state["token"], {**MACRO, "scope": "organization"}))["id"]
    state["number"] = ticket(client, state)
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    return {
        "macro_id": ok(call(client, "POST", "/macros", state["token"], {**MACRO, "name": f"Gone {unique()}"}))["id"]
    }


def _version(client: Any, state: State) -> dict[str, Any]:
    return {"version": ok(call(client, "GET", f"/macros/{state['macro_id']}", state["token"]))["version"]}


def _batch(client: Any, state: State) -> dict[str, Any]:
    return {"numbers": [ticket(client, state) for _ in range(BATCH)]}


route("GET", "/macros", setup=shared(_macros), variant="10 macros (5 organization, 5 personal)")
route(
    "POST",
    "/macros",
    setup=tenant,
    body=lambda s: {**MACRO, "name": f"Macro {unique()}"},
    variant="reply + status + tag",
)
route("GET", "/macros/{macro_id}", setup=shared(_macros))


@operation(
    "PATCH",
    "/macros/{macro_id}",
    setup=shared(_macros),
    prepare=each(_version),
    variant="new description, If-Match the current version",
)
def patch_macro(client: Any, state: State) -> Any:
    headers = {"If-Match": f'"{state["version"]}"'}
    body = {"description": f"Ask for a photo, v{unique()}"}
    return call(client, "PATCH", f"/macros/{state['macro_id']}", state["token"], body, headers)


route("DELETE", "/macros/{macro_id}", setup=tenant, prepare=each(_fresh), repeat=10)
route(
    "POST",
    "/macros/{macro_id}/preview",
    setup=shared(_macros),
    body=lambda s: {"ticket_number": s["number"]},
    variant="reply + status + tag on a new ticket (nothing written)",
)
route(
    "POST",
    "/macros/{macro_id}/apply",
    setup=shared(_macros),
    prepare=each(_batch),
    body=lambda s: {"ticket_numbers": s["numbers"]},
    repeat=5,
    variant=f"apply a macro (reply + status + tag) to {BATCH} new tickets",
)
route(
    "POST",
    "/tickets/bulk",
    setup=shared(_macros),
    prepare=each(_batch),
    body=lambda s: {"ticket_numbers": s["numbers"], "changes": {"priority": "high", "add_tags": ["printers"]}},
    repeat=5,
    variant=f"bulk priority+tag on {BATCH} new tickets",
)
