"""Outbound webhook subscriptions: signed deliveries (queued by the stream, sent by the sender), the
delivery log, retries."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Endpoint, Tenant, call, make_tenant, run_schedule, subscribe


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def retry_job(api: Client, when: datetime) -> dict[str, Any]:
    return run_schedule(api, "webhook_retry_job", when)


def test_ticket_events_are_delivered_signed_and_logged(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription = subscribe(api, acme, endpoint, ["ticket.created", "comment.added"])
    secret = subscription["secret"]
    assert secret.startswith("whsec_")
    assert call(api, "GET", f"/webhook-subscriptions/{subscription['id']}", acme.token("admin")).body["secret"] is None
    number = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Hook me"}).body["ticket_number"]
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "On it"})
    call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"priority": "high"})  # not subscribed
    stream.drain()
    sender.drain()
    events = [json.loads(body)["event"] for _, body in Endpoint.received]
    assert events == ["ticket.created", "comment.added"]
    headers, body = Endpoint.received[0]
    timestamp, digest = (p.split("=", 1)[1] for p in headers["X-Deskless-Signature"].split(","))
    assert hmac.compare_digest(
        digest, hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    )
    assert json.loads(body)["ticket"]["ticket_number"] == number

    log = call(api, "GET", f"/webhook-subscriptions/{subscription['id']}/deliveries", acme.token("admin")).body
    assert [(d["event"], d["status"], d["attempts"], d["last_status_code"]) for d in log["items"]] == [
        ("comment.added", "delivered", 1, 200),
        ("ticket.created", "delivered", 1, 200),
    ]
    # A replayed stream delivers nothing twice.
    stream.poller.iterators.clear()
    stream.drain()
    sender.drain()
    assert len(Endpoint.received) == 2


def test_failed_deliveries_are_retried_with_backoff_then_given_up(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    subscription = subscribe(api, acme, endpoint, ["ticket.created"])
    Endpoint.fail_next = 1
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Flaky receiver"})
    stream.drain()
    sender.drain()
    path = f"/webhook-subscriptions/{subscription['id']}/deliveries"
    (first,) = call(api, "GET", path, acme.token("admin")).body["items"]
    assert (first["status"], first["attempts"], first["last_status_code"]) == ("retrying", 1, 503)
    due = datetime.fromisoformat(first["next_attempt_at"].replace("Z", "+00:00"))
    assert retry_job(api, due - timedelta(seconds=30))["retried"] == 0, "not before its time"
    assert retry_job(api, due + timedelta(seconds=1))["retried"] == 1
    (queued,) = call(api, "GET", path, acme.token("admin")).body["items"]
    assert (queued["status"], queued["attempts"]) == ("pending", 1)
    assert sender.drain() == 1
    (after,) = call(api, "GET", path, acme.token("admin")).body["items"]
    assert (after["status"], after["attempts"]) == ("delivered", 2)
    assert retry_job(api, due + timedelta(hours=1))["retried"] == 0

    Endpoint.fail_next = 100
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Dead receiver"})
    stream.drain()
    sender.drain()
    when = datetime.now().astimezone()
    for _ in range(6):
        when += timedelta(hours=7)
        retry_job(api, when)
        sender.drain()
    newest = call(api, "GET", path, acme.token("admin")).body["items"][0]
    assert (newest["status"], newest["attempts"], newest["next_attempt_at"]) == ("failed", 6, None)


def test_subscriptions_are_admin_only_and_validated(api: Client, acme: Tenant) -> None:
    body = {"url": "https://hooks.example.com/x", "events": ["ticket.created"]}
    assert call(api, "POST", "/webhook-subscriptions", acme.token("manager"), body).status == 403
    bad = call(api, "POST", "/webhook-subscriptions", acme.token("admin"), {**body, "events": ["ticket.exploded"]})
    assert bad.status == 422
    created = call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body).body
    patched = call(
        api,
        "PATCH",
        f"/webhook-subscriptions/{created['id']}",
        acme.token("admin"),
        {"is_active": False},
        headers={"If-Match": "1"},
    )
    assert (patched.status, patched.body["is_active"], patched.body["version"]) == (200, False, 2)
    assert call(api, "DELETE", f"/webhook-subscriptions/{created['id']}", acme.token("admin")).status == 204
    assert call(api, "GET", f"/webhook-subscriptions/{created['id']}", acme.token("admin")).status == 404
