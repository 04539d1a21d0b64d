"""Tickets: the queue, a ticket with its thread, comments, history, ratings, attachments, SLA."""

from __future__ import annotations

from typing import Any

from bench.harness import State, operation
from bench.operations import call, each, ok, route, shared, tenant, ticket, unique


def _customer(client: Any) -> State:
    return tenant(client, logins=("customer",))


def _ticket(client: Any) -> State:
    state = _customer(client)
    state["number"] = ticket(client, state)
    return state


def _ticket_with_20_comments(client: Any) -> State:
    state = _ticket(client)
    for n in range(20):
        ok(call(client, "POST", f"/tickets/{state['number']}/comments", state["token"], {"content": f"{n} " * 100}))
    return state


def _queue(client: Any) -> State:
    """60 tickets, the items the API writes loaded straight into the table."""
    from bench.seeding import bulk_tickets

    state = _customer(client)
    bulk_tickets(state, 60)
    return state


@operation("POST", "/tickets", setup=_customer, variant="by an agent for a customer")
def create_ticket(client: Any, state: State) -> Any:
    body = {"subject": "Bench ticket", "description": "x" * 500, "customer_id": state["customer_id"]}
    return call(client, "POST", "/tickets", state["token"], body)


def _customer_with_sla(client: Any) -> State:
    state = _customer(client)
    policy = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}
    ok(call(client, "POST", "/sla-policies", state["token"], policy))
    return state


@operation("POST", "/tickets", setup=_customer_with_sla, variant="by an agent for a customer, an SLA policy applies")
def create_ticket_with_sla(client: Any, state: State) -> Any:
    return call(client, "POST", "/tickets", state["token"], _bench_ticket_body(state))


def _bench_ticket_body(state: State) -> dict[str, Any]:
    return {"subject": "Bench ticket", "description": "x" * 500, "customer_id": state["customer_id"]}


@operation("POST", "/tickets", setup=_customer, variant="with a new Idempotency-Key")
def create_ticket_with_key(client: Any, state: State) -> Any:
    headers = {"Idempotency-Key": f"bench-{unique()}"}
    return call(client, "POST", "/tickets", state["token"], _bench_ticket_body(state), headers=headers)


def _created_with_key(client: Any) -> State:
    state = _customer(client)
    state["key"] = f"bench-{unique()}"
    ok(create_ticket_replayed(client, state))
    return state


@operation("POST", "/tickets", setup=_created_with_key, variant="a repeated Idempotency-Key: the first answer replayed")
def create_ticket_replayed(client: Any, state: State) -> Any:
    headers = {"Idempotency-Key": state["key"]}
    return call(client, "POST", "/tickets", state["token"], _bench_ticket_body(state), headers=headers)


route("GET", "/tickets", setup=_queue, query="?limit=25", variant="one page of 25, 60 tickets")
route(
    "GET",
    "/tickets",
    setup=_queue,
    query="?limit=25&include=users,customers,sla_policy",
    variant="one page of 25 with users, customers and SLA policies side-loaded",
)
route(
    "GET",
    "/tickets",
    setup=_queue,
    query="?limit=25&sort=-created_at",
    variant="one page of 25 by creation (GSI5 keys, then the tickets)",
)
route(
    "GET",
    "/tickets",
    setup=_queue,
    query="?limit=25&include=users,sla_policy,sla,counts",
    variant="the inbox's poll: one page of 25 with users, policies, each ticket's SLA status and the queue counts",
)
route("GET", "/tickets/counts", setup=_queue, variant="an admin: mine, unassigned and all")
route("GET", "/tickets/{number}", setup=shared(_ticket_with_20_comments), variant="20 comments")
route("PATCH", "/tickets/{number}", setup=_ticket, body=lambda s: {"subject": f"Edited {unique()}", "priority": "high"})


def _fresh_ticket(client: Any, state: State) -> dict[str, Any]:
    return {"number": ticket(client, state)}


def _deleted_ticket(client: Any, state: State) -> dict[str, Any]:
    number = ticket(client, state)
    ok(call(client, "DELETE", f"/tickets/{number}", state["token"]))
    return {"number": number}


route("DELETE", "/tickets/{number}", setup=_customer, prepare=each(_fresh_ticket), repeat=10)
route("POST", "/tickets/{number}/restore", setup=_customer, prepare=each(_deleted_ticket), repeat=10)
route(
    "GET",
    "/tickets/{number}/comments",
    setup=shared(_ticket_with_20_comments),
    query="?limit=25",
    variant="20 comments",
)
route(
    "POST",
    "/tickets/{number}/comments",
    setup=_ticket,
    body={"content": "A reply " * 20},
    variant="public reply by an agent",
)
route("GET", "/tickets/{number}/history", setup=shared(_ticket_with_20_comments), query="?limit=25")


def _with_sla_policy(client: Any) -> State:
    state = _customer(client)
    policy = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}
    ok(call(client, "POST", "/sla-policies", state["token"], policy))
    return state


# The first public reply by staff sets the first response: the deadline items change only where
# the ticket has an SLA (without one there are none to delete).
route(
    "POST",
    "/tickets/{number}/comments",
    setup=_customer,
    prepare=each(_fresh_ticket),
    body={"content": "A reply " * 20},
    repeat=10,
    variant="first response on a ticket without an SLA",
)
route(
    "POST",
    "/tickets/{number}/comments",
    setup=_with_sla_policy,
    prepare=each(_fresh_ticket),
    body={"content": "A reply " * 20},
    repeat=10,
    variant="first response on a ticket with an SLA (its first-response deadline deleted)",
)


def _solved(client: Any, state: State) -> dict[str, Any]:
    number = ticket(client, state)
    ok(call(client, "PATCH", f"/tickets/{number}", state["token"], {"status": "solved"}))
    return {"number": number}


route(
    "POST",
    "/tickets/{number}/satisfaction",
    setup=_customer,
    prepare=each(_solved),
    auth="customer_token",
    body={"score": 5, "comment": "Quick and kind"},
    repeat=10,
    variant="by the customer",
)
route(
    "POST",
    "/tickets/{number}/attachments",
    setup=_ticket,
    body={"file_name": "photo.png", "file_size": 120_000, "file_type": "image/png"},
)


def _attachment(client: Any) -> State:
    state = _ticket(client)
    body = {"file_name": "photo.png", "file_size": 120_000, "file_type": "image/png"}
    reply = ok(call(client, "POST", f"/tickets/{state['number']}/attachments", state["token"], body))
    state["attachment_id"] = reply["attachment"]["id"]
    return state


route("GET", "/tickets/{number}/attachments/{attachment_id}", setup=_attachment)


def _comment_attachments(client: Any) -> State:
    """A ticket with 20 comments; one of them carries two attachments."""
    state = _ticket_with_20_comments(client)
    comment = ok(call(client, "POST", f"/tickets/{state['number']}/comments", state["token"], {"content": "Logs"}))
    state["comment_id"] = comment["comment"]["id"]
    for name in ("a.png", "b.png"):
        body = {"file_name": name, "file_size": 1000, "file_type": "image/png", "comment_id": state["comment_id"]}
        ok(call(client, "POST", f"/tickets/{state['number']}/attachments", state["token"], body))
    return state


route(
    "GET",
    "/tickets/{number}/comments/{comment_id}/attachments",
    setup=_comment_attachments,
    variant="2 of 2 attachments, 21 comments",
)


def _sla_ticket(client: Any) -> State:
    state = _customer(client)
    policy = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}
    ok(call(client, "POST", "/sla-policies", state["token"], policy))
    state["number"] = ticket(client, state)
    return state


route("GET", "/tickets/{number}/sla", setup=_sla_ticket, variant="with a policy")


def _ticket_with_others_present(client: Any) -> State:
    """A ticket with 20 comments that an agent views and a manager replies to (collision detection)."""
    state = tenant(client, roles=("customer", "agent", "manager"), logins=("customer", "agent", "manager"))
    state["number"] = ticket(client, state)
    for n in range(20):
        ok(call(client, "POST", f"/tickets/{state['number']}/comments", state["token"], {"content": f"{n} " * 100}))
    for role, presence in (("agent", "viewing"), ("manager", "replying")):
        ok(call(client, "POST", f"/tickets/{state['number']}/presence", state[f"{role}_token"], {"state": presence}))
    state["newest"] = ok(call(client, "GET", f"/tickets/{state['number']}", state["token"]))["comments"][-1]["id"]
    return state


route(
    "POST",
    "/tickets/{number}/presence",
    setup=shared(_ticket_with_others_present),
    body={"state": "viewing"},
    variant="heartbeat, 2 others on a ticket with 20 comments (a visit's first heartbeat also reads the user)",
)
route(
    "GET",
    "/tickets/{number}",
    setup=shared(_ticket_with_others_present),
    variant="20 comments, 2 others present (presence in the same Query)",
)


def _present(client: Any, state: State) -> dict[str, Any]:
    ok(call(client, "POST", f"/tickets/{state['number']}/presence", state["token"], {"state": "viewing"}))
    return {}


route(
    "DELETE",
    "/tickets/{number}/presence",
    setup=shared(_ticket_with_others_present),
    prepare=each(_present),
    repeat=10,
)
route(
    "POST",
    "/tickets/{number}/comments",
    setup=_ticket_with_others_present,
    body=lambda s: {"content": "A reply " * 20, "seen_comment_id": s["newest"]},
    variant="reply with seen_comment_id: the newer-reply check (strongly consistent comments Query)",
)
