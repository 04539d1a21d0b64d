"""Inbound webhooks (signed deliveries) and their secrets; the platform routes."""

from __future__ import annotations

import json
import time
from typing import Any

from bench.harness import State, operation
from bench.operations import call, each, ok, route, tenant, unique


def _secret(client: Any) -> State:
    state = tenant(client)
    state["secret"] = ok(call(client, "POST", "/organization/webhook-secrets", state["token"]))["secret"]
    return state


@operation("POST", "/channels/webhooks/{org_slug}", setup=_secret, variant="signed: opens a ticket")
def inbound(client: Any, state: State) -> Any:
    from chalicelib.domain.signing import signature

    n = unique()
    payload = {"type": "ticket", "subject": f"Sensor {n} offline", "customer_email": "ops@partner.example"}
    body = json.dumps({**payload, "external_id": f"alert-{n}", "priority": "high"}).encode()
    headers = {
        "X-Deskless-Signature": signature(state["secret"], int(time.time()), body, f"d-{n}"),
        "X-Deskless-Delivery": f"d-{n}",
    }
    return call(client, "POST", f"/channels/webhooks/{state['org_slug']}", body=body, headers=headers)


def _rotated(client: Any, state: State) -> dict[str, Any]:
    return {"secret_id": ok(call(client, "POST", "/organization/webhook-secrets", state["token"]))["id"]}


route("GET", "/organization/webhook-secrets", setup=_secret)
route("POST", "/organization/webhook-secrets", setup=tenant, variant="rotate")
route("DELETE", "/organization/webhook-secrets/{secret_id}", setup=tenant, prepare=each(_rotated), repeat=10)
route("GET", "/health")
route("GET", "/openapi.json", repeat=10)
