"""Outbound webhook subscriptions and their deliveries."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, unique

SUBSCRIPTION = {"url": "https://hooks.example.com/deskless", "events": ["ticket.created", "comment.added"]}


def _subscriptions(client: Any) -> State:
    state = tenant(client)
    for n in range(5):
        body = {**SUBSCRIPTION, "description": f"Hook {n}"}
        state["subscription_id"] = ok(call(client, "POST", "/webhook-subscriptions", state["token"], body))["id"]
    return state


def _fresh(client: Any, state: State) -> dict[str, Any]:
    return {"subscription_id": ok(call(client, "POST", "/webhook-subscriptions", state["token"], SUBSCRIPTION))["id"]}


def _deleted(client: Any, state: State) -> dict[str, Any]:
    fresh = _fresh(client, state)
    ok(call(client, "DELETE", f"/webhook-subscriptions/{fresh['subscription_id']}", state["token"]))
    return fresh


route("GET", "/webhook-subscriptions", setup=shared(_subscriptions), variant="5 subscriptions")
route("POST", "/webhook-subscriptions", setup=tenant, body=SUBSCRIPTION)
route("GET", "/webhook-subscriptions/{subscription_id}", setup=shared(_subscriptions))
route(
    "PATCH",
    "/webhook-subscriptions/{subscription_id}",
    setup=shared(_subscriptions),
    body=lambda s: {"description": f"v{unique()}"},
)
route("DELETE", "/webhook-subscriptions/{subscription_id}", setup=tenant, prepare=each(_fresh), repeat=10)
route("POST", "/webhook-subscriptions/{subscription_id}/restore", setup=tenant, prepare=each(_deleted), repeat=10)
route("GET", "/webhook-subscriptions/{subscription_id}/deliveries", setup=shared(_subscriptions), query="?limit=25")


def _receiving(client: Any) -> State:
    """A tenant with one subscription, and the webhook queue a resend is queued on."""
    import boto3

    from chalicelib import config
    from chalicelib.channels import webhook_queue

    webhook_queue.create_queues(boto3.client("sqs", region_name=config.region()))
    state = tenant(client)
    return {**state, **_fresh(client, state)}


def _delivered(client: Any, state: State) -> dict[str, Any]:
    """A delivered ticket.created delivery in the subscription's log, as the sender leaves it."""
    from chalicelib.domain.clock import utcnow
    from chalicelib.store import webhooks as store

    delivery_id = f"{unique():032x}"
    payload = {"event": "ticket.created", "delivery_id": delivery_id, "ticket": {"subject": "Bench"}}
    data = {"id": delivery_id, "event": "ticket.created", "payload": payload, "status": "delivered", "attempts": 1}
    store.create_delivery(state["org_id"], "subscription", state["subscription_id"], data, utcnow())
    return {"delivery_id": delivery_id}


route(
    "POST",
    "/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/resend",
    setup=_receiving,
    prepare=each(_delivered),
    status=202,
    repeat=10,
)
