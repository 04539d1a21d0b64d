"""Inbound webhooks (signed deliveries) and their secrets; support addresses; the platform routes."""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta
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
ADDRESSES = "/organization/support-addresses"
CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")


def _address(client: Any, state: State) -> dict[str, Any]:
    """A pending support address (its confirmation is in the outbox)."""
    address = f"help{unique()}@{state['slug']}.example.com"
    added = ok(call(client, "POST", ADDRESSES, state["token"], {"address": address}))
    return {"address_id": added["id"], "address": address}


def _with_code(client: Any, state: State) -> dict[str, Any]:
    """A pending address and the code mailed to it (read from the local outbox, newest first)."""
    from chalicelib.channels.outbound import outbox_dir

    pending = _address(client, state)
    for path in sorted(outbox_dir().glob("*.eml"), reverse=True):
        text = path.read_text(errors="replace")
        if pending["address"] in text and (match := CODE.search(text)):
            return {**pending, "code": match.group(0)}
    raise AssertionError(f"no confirmation for {pending['address']} in {outbox_dir()}")


def _due_for_resend(client: Any, state: State) -> dict[str, Any]:
    """A pending address whose confirmation went out two minutes ago (resending is allowed once a minute)."""
    from chalicelib.store import support_addresses as store
    from chalicelib.store.transactions import transact_write

    pending = _address(client, state)
    current = store.get(state["org_id"], pending["address"])
    assert current is not None
    assert current.sent_at is not None
    transact_write([store.save(current.model_copy(update={"sent_at": current.sent_at - timedelta(minutes=2)}))])
    return pending


def _listed(client: Any) -> State:
    state = tenant(client)
    _address(client, state)
    return state


route("GET", ADDRESSES, setup=_listed)
route(
    "POST",
    ADDRESSES,
    setup=tenant,
    body=lambda s: {"address": f"help{unique()}@{s['slug']}.example.com"},
    repeat=10,
    variant="pending: mails a code",
)
route("POST", ADDRESSES + "/{address_id}/resend", setup=tenant, prepare=each(_due_for_resend), repeat=5)
route(
    "POST",
    ADDRESSES + "/{address_id}/verify",
    setup=tenant,
    prepare=each(_with_code),
    body=lambda s: {"code": s["code"]},
    repeat=10,
)


def _with_department(client: Any) -> State:
    """An organization with a department for its addresses' mail."""
    state = tenant(client)
    state["department_id"] = ok(call(client, "POST", "/departments", state["token"], {"name": "Billing"}))["id"]
    return state


route(
    "PATCH",
    ADDRESSES + "/{address_id}",
    setup=_with_department,
    prepare=each(_address),
    body=lambda s: {"department_id": s["department_id"]},
    repeat=10,
    variant="route to a department",
)
route("DELETE", ADDRESSES + "/{address_id}", setup=tenant, prepare=each(_address), repeat=10)
route("GET", "/health")
route("GET", "/openapi.json", repeat=10)
route("GET", "/docs", repeat=10)


def _largest_asset(client: Any) -> State:
    return {"name": "swagger-ui-bundle.js"}  # 1.5 MB: the page's biggest file


route("GET", "/docs/assets/{name}", setup=_largest_asset, repeat=10)
