"""Resending a logged webhook delivery (admins): a new log entry linked to the original, sent by the
same sender (signed, address-checked, retried), refused across organizations, for forged ids, for
a disabled subscription, while the original still waits, and past the per-delivery cap."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.services.webhooks import MAX_RESENDS
from tests.api.helpers import Endpoint, Tenant, call, make_tenant, subscribe
from tests.api.test_security_writes import at_once, request, server_api  # noqa: F401 (fixture)

EVENTS = ["ticket.created"]


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def delivered(api: Client, acme: Tenant, stream: Any, sender: Any, url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A subscription and its one delivered ``ticket.created`` delivery."""
    subscription = subscribe(api, acme, url, EVENTS)
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Resend me"})
    stream.drain()
    sender.drain()
    (delivery,) = log(api, acme, subscription["id"])
    assert delivery["status"] == "delivered"
    return subscription, delivery


def log(api: Client, acme: Tenant, subscription_id: str) -> list[dict[str, Any]]:
    reply = call(api, "GET", f"/webhook-subscriptions/{subscription_id}/deliveries", acme.token("admin"))
    assert reply.status == 200, reply.body
    items: list[dict[str, Any]] = reply.body["items"]
    return items


def resend_path(subscription_id: str, delivery_id: str) -> str:
    return f"/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/resend"


def test_a_resend_is_signed_sent_by_the_sender_and_logged_linked_to_the_original(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription, original = delivered(api, acme, stream, sender, endpoint)
    path = resend_path(subscription["id"], original["id"])
    key = {"Idempotency-Key": "resend-once"}
    reply = call(api, "POST", path, acme.token("admin"), headers=key)
    assert reply.status == 202, reply.body
    resend = reply.body
    assert (resend["status"], resend["attempts"], resend["resend_of"]) == ("pending", 0, original["id"])
    assert resend["id"] != original["id"]
    assert resend["payload"] == original["payload"]
    # The same Idempotency-Key answers the same resend and queues nothing more.
    again = call(api, "POST", path, acme.token("admin"), headers=key)
    assert (again.status, again.body["id"]) == (202, resend["id"])

    assert sender.drain() == 1
    assert len(Endpoint.received) == 2
    headers, body = Endpoint.received[1]
    assert headers["X-Deskless-Delivery"] == resend["id"]
    assert json.loads(body) == original["payload"]
    timestamp, digest = (p.split("=", 1)[1] for p in headers["X-Deskless-Signature"].split(","))
    secret = subscription["secret"].encode()
    assert hmac.compare_digest(digest, hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest())
    newest, oldest = log(api, acme, subscription["id"])
    assert (newest["id"], newest["status"], newest["attempts"], newest["resend_of"]) == (
        resend["id"],
        "delivered",
        1,
        original["id"],
    )
    assert (oldest["id"], oldest["resend_of"]) == (original["id"], None)
    audit = call(api, "GET", "/audit-log?action=webhook_delivery.resent", acme.token("admin"))
    assert audit.status == 200
    assert len(audit.body["items"]) == 1


def test_a_failing_resend_is_retried_like_any_delivery(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription, original = delivered(api, acme, stream, sender, endpoint)
    Endpoint.fail_next = 1
    assert call(api, "POST", resend_path(subscription["id"], original["id"]), acme.token("admin")).status == 202
    sender.drain()
    newest = log(api, acme, subscription["id"])[0]
    assert (newest["status"], newest["attempts"], newest["last_status_code"]) == ("retrying", 1, 503)
    assert newest["next_attempt_at"] is not None


def test_another_organizations_delivery_cannot_be_resent(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription, original = delivered(api, acme, stream, sender, endpoint)
    globex = make_tenant(api, "globex")
    theirs = subscribe(api, globex, endpoint, EVENTS)
    for path in (resend_path(subscription["id"], original["id"]), resend_path(theirs["id"], original["id"])):
        reply = call(api, "POST", path, globex.token("admin"))
        assert (reply.status, reply.body["error"]["code"]) == (404, "not_found"), path
    assert call(api, "POST", resend_path(subscription["id"], original["id"]), acme.token("manager")).status == 403
    assert sender.drain() == 0
    assert len(log(api, acme, subscription["id"])) == 1


@pytest.mark.parametrize("forged", ["0" * 32, "f" * 31, "F" * 32, "x" * 32, "a" * 33, "EVENT", "..%2F..%2Fx"])
def test_a_forged_delivery_id_is_not_found(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str, forged: str
) -> None:
    subscription, _ = delivered(api, acme, stream, sender, endpoint)
    reply = call(api, "POST", resend_path(subscription["id"], forged), acme.token("admin"))
    assert reply.status == 404, reply.body
    assert len(log(api, acme, subscription["id"])) == 1


def test_a_disabled_or_deleted_subscription_refuses_resends(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription, original = delivered(api, acme, stream, sender, endpoint)
    path = resend_path(subscription["id"], original["id"])
    patch = {"is_active": False}
    version = {"If-Match": f'"{subscription["version"]}"'}
    assert (
        call(api, "PATCH", f"/webhook-subscriptions/{subscription['id']}", acme.token("admin"), patch, version).status
        == 200
    )
    reply = call(api, "POST", path, acme.token("admin"))
    assert (reply.status, reply.body["error"]["code"]) == (422, "subscription_inactive")
    assert call(api, "DELETE", f"/webhook-subscriptions/{subscription['id']}", acme.token("admin")).status == 204
    assert call(api, "POST", path, acme.token("admin")).status == 404
    assert sender.drain() == 0


def test_a_delivery_still_waiting_for_the_sender_is_not_resent(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription = subscribe(api, acme, endpoint, EVENTS)
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Not yet"})
    stream.drain()
    (pending,) = log(api, acme, subscription["id"])
    reply = call(api, "POST", resend_path(subscription["id"], pending["id"]), acme.token("admin"))
    assert (reply.status, reply.body["error"]["code"]) == (409, "delivery_waiting")
    assert sender.drain() == 1
    assert len(Endpoint.received) == 1


def test_a_resend_storm_is_capped_per_delivery(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription, original = delivered(api, acme, stream, sender, endpoint)
    statuses = []
    for attempt in range(MAX_RESENDS + 3):
        # Resending a resend counts against its original: the cap cannot be dodged by chaining.
        target = original["id"] if attempt % 2 == 0 or attempt == 0 else log(api, acme, subscription["id"])[0]["id"]
        reply = call(api, "POST", resend_path(subscription["id"], target), acme.token("admin"))
        statuses.append((reply.status, reply.body["error"]["code"] if reply.status >= 400 else None))
    assert statuses == [(202, None)] * MAX_RESENDS + [(422, "too_many_resends")] * 3
    entries = log(api, acme, subscription["id"])
    assert len(entries) == MAX_RESENDS + 1
    assert {e["resend_of"] for e in entries if e["id"] != original["id"]} == {original["id"]}
    assert sender.drain() == MAX_RESENDS
    assert len(Endpoint.received) == MAX_RESENDS + 1


def test_a_delivery_logged_before_guards_kept_its_log_key_can_be_resent(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    from chalicelib.store import webhooks as store

    subscription, original = delivered(api, acme, stream, sender, endpoint)
    pk = store.log_pk(acme.org_id, "subscription", subscription["id"])
    guard = store.DeliveryItem.get(pk, f"EVENT#{original['id']}")
    guard.data = {}  # as every guard written before the resend route was
    guard.save()
    (entry,) = store.DeliveryItem.query(pk, store.DeliveryItem.SK.startswith("DELIVERY#"))
    entry.data = {**entry.data, "payload": original["payload"]}  # and its entry held the payload
    entry.save()
    reply = call(api, "POST", resend_path(subscription["id"], original["id"]), acme.token("admin"))
    assert (reply.status, reply.body["resend_of"]) == (202, original["id"])
    assert reply.body["payload"] == original["payload"]
    assert sender.drain() == 1


def test_concurrent_resends_never_exceed_the_cap(
    server_api: Client,  # noqa: F811 (fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import UTC, datetime

    from chalicelib.channels import webhook_queue
    from chalicelib.store import webhooks as store

    queued: list[Any] = []
    monkeypatch.setattr(webhook_queue, "enqueue", lambda messages, now: queued.extend(messages))
    tenant = make_tenant(server_api, "busy")
    subscription = subscribe(server_api, tenant, "https://hooks.example.com/in", EVENTS)
    original_id = "ab" * 16
    done = {
        "id": original_id,
        "event": "ticket.created",
        "payload": {"event": "ticket.created"},
        "status": "delivered",
        "attempts": 1,
    }
    store.create_delivery(tenant.org_id, "subscription", subscription["id"], done, datetime.now(UTC))
    path = resend_path(subscription["id"], original_id)
    replies = at_once([request(server_api, "POST", path, tenant.token("admin")) for _ in range(MAX_RESENDS + 3)])
    statuses = sorted(r.status for r in replies)
    assert statuses == [202] * MAX_RESENDS + [422] * 3, [r.body for r in replies]
    assert len(log(server_api, tenant, subscription["id"])) == MAX_RESENDS + 1
    assert len(queued) == MAX_RESENDS


def test_a_resend_reads_by_key_and_writes_once(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    from chalicelib.store import metering

    subscription, original = delivered(api, acme, stream, sender, endpoint)
    with metering.metered() as calls:
        reply = call(api, "POST", resend_path(subscription["id"], original["id"]), acme.token("admin"))
    assert reply.status == 202, reply.body
    # authorizer, subscription, the delivery's guard and entry, one transaction: no Query, no Scan.
    assert [c.operation for c in calls] == ["BatchGetItem", "GetItem", "GetItem", "GetItem", "TransactWriteItems"]


def test_a_resend_the_queue_refused_is_still_sent_by_the_retry_job(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, timedelta

    from chalicelib.channels import webhook_queue
    from tests.api.helpers import run_schedule

    subscription, original = delivered(api, acme, stream, sender, endpoint)
    real = webhook_queue.enqueue

    def refused(messages: Any, now: Any) -> None:
        raise RuntimeError("1 webhook deliveries could not be queued: ServiceUnavailable")

    monkeypatch.setattr(webhook_queue, "enqueue", refused)
    reply = call(api, "POST", resend_path(subscription["id"], original["id"]), acme.token("admin"))
    assert (reply.status, reply.body["status"]) == (202, "pending")
    monkeypatch.setattr(webhook_queue, "enqueue", real)
    assert sender.drain() == 0
    assert run_schedule(api, "webhook_retry_job", datetime.now(UTC) + timedelta(minutes=6))["retried"] == 1
    assert sender.drain() == 1
    assert log(api, acme, subscription["id"])[0]["status"] == "delivered"
