"""Outbound webhook subscriptions: ticket events POSTed, signed, to subscribers' URLs, retried.

A delivery is logged before its first attempt (one log entry per event and subscription, even
when the stream record is delivered twice); a failed attempt is retried after 1 min, 5 min,
30 min, 2 h and 6 h (the retry job reads only the due ones through the DUE index), then given
up. The log (status, attempts, last error, last status code) is kept 30 days.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.channels.outbound import WebhookFailed, check_destination, post_webhook
from chalicelib.domain import lifecycle
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.commands import WebhookSubscriptionCommand, WebhookSubscriptionPatch
from chalicelib.domain.errors import NotFound, RuleViolation, require_version
from chalicelib.domain.identity import Principal
from chalicelib.domain.tickets import Comment, Ticket
from chalicelib.domain.webhooks import WebhookSubscription
from chalicelib.observability import count, logger
from chalicelib.services import audit
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import webhooks as store
from chalicelib.store.pagination import Page

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=6))
EVENTS = ("ticket.created", "ticket.updated", "comment.added", "sla.warning", "sla.breached")


def _public(data: dict[str, Any], version: int) -> dict[str, Any]:
    return {**{k: v for k, v in data.items() if k != "secret"}, "version": version}


def _check_url(url: str) -> None:
    try:
        check_destination(url)
    except WebhookFailed as exc:
        raise RuleViolation(exc.message, code="invalid_url", details=[{"field": "url"}]) from exc


def list_subscriptions(principal: Principal) -> list[dict[str, Any]]:
    policy.require(principal, "webhooks.manage")
    return [_public(d, v) for d, v in store.list_subscriptions(principal.org_id) if not d.get("deleted_at")]


def _get(principal: Principal, subscription_id: str, *, deleted: bool = False) -> tuple[dict[str, Any], int]:
    """The subscription (deleted ones only when ``deleted``), or 404."""
    policy.require(principal, "webhooks.manage")
    found = store.get_subscription(principal.org_id, subscription_id) if len(subscription_id) <= 40 else None
    if found is None or (bool(found[0].get("deleted_at")) and not deleted):
        raise NotFound("Not found.")
    return found


def _lifecycle(data: dict[str, Any], move: Any) -> dict[str, Any]:
    """Apply a lifecycle move (``lifecycle.soft_delete`` / ``restore``) to a stored subscription."""
    moved = move(WebhookSubscription.model_validate(data), utcnow())
    return {**moved.model_dump(mode="json"), "updated_at": iso(utcnow())}


def get_subscription(principal: Principal, subscription_id: str) -> dict[str, Any]:
    return _public(*_get(principal, subscription_id))


def create_subscription(principal: Principal, command: WebhookSubscriptionCommand) -> dict[str, Any]:
    policy.require(principal, "webhooks.manage")
    _check_url(str(command.url))
    now = iso(utcnow())
    secret = command.secret or "whsec_" + secrets.token_urlsafe(32)
    data = {
        **command.model_dump(mode="json"),
        "secret": secret,
        "id": secrets.token_hex(10),
        "created_at": now,
        "updated_at": now,
    }
    details = {"url": data["url"], "events": data["events"]}
    with audit.recorded(principal, "webhook_subscription.created", "webhook_subscription", data["id"], details):
        version = store.save_subscription(principal.org_id, data, None)
    return {**_public(data, version), "secret": secret}


@retry_on_conflict
def update_subscription(
    principal: Principal, subscription_id: str, patch: WebhookSubscriptionPatch, if_match: int | None
) -> dict[str, Any]:
    data, version = _get(principal, subscription_id)
    require_version("subscription", version, if_match)
    changes = {k: v for k, v in patch.model_dump(mode="json", exclude_unset=True).items() if v is not None}
    if "url" in changes:
        _check_url(str(changes["url"]))
    updated = {**data, **changes, "updated_at": iso(utcnow())}
    fields = {"fields": sorted(k for k in changes if k != "secret")}
    with audit.recorded(principal, "webhook_subscription.updated", "webhook_subscription", subscription_id, fields):
        return _public(updated, store.save_subscription(principal.org_id, updated, version))


@retry_on_conflict
def delete_subscription(principal: Principal, subscription_id: str) -> None:
    data, version = _get(principal, subscription_id)
    with audit.recorded(principal, "webhook_subscription.deleted", "webhook_subscription", subscription_id):
        store.save_subscription(principal.org_id, _lifecycle(data, lifecycle.soft_delete), version)


@retry_on_conflict
def restore_subscription(principal: Principal, subscription_id: str) -> dict[str, Any]:
    """A deleted subscription back, delivering again (its secret unchanged)."""
    data, version = _get(principal, subscription_id, deleted=True)
    if not data.get("deleted_at"):
        return _public(data, version)
    restored = _lifecycle(data, lifecycle.restore)
    with audit.recorded(principal, "webhook_subscription.restored", "webhook_subscription", subscription_id):
        return _public(restored, store.save_subscription(principal.org_id, restored, version))


def list_deliveries(principal: Principal, subscription_id: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
    _get(principal, subscription_id)
    return store.list_deliveries(principal.org_id, subscription_id, limit=limit, cursor=cursor)


# ---- deliveries -------------------------------------------------------------------------------


def publish(
    org_id: str, event: str, ticket: Ticket, event_id: str, comment: Comment | None = None, extra: Any = None
) -> int:
    """Log and attempt a delivery of ``event`` to every active subscription that wants it."""
    subscriptions = [d for d, _ in store.list_subscriptions(org_id) if d.get("is_active") and event in d["events"]]
    now = utcnow()
    attempted = 0
    for subscription in subscriptions:
        delivery_id = hashlib.sha256(f"{event_id}#{subscription['id']}".encode()).hexdigest()[:32]
        payload = {
            "event": event,
            "delivery_id": delivery_id,
            "occurred_at": iso(now),
            "ticket": ticket.model_dump(mode="json", exclude={"automation", "sla_fired"}),
            "comment": comment.model_dump(mode="json", exclude={"automation"}) if comment else None,
            "data": extra,
        }
        data = {"id": delivery_id, "event": event, "payload": payload, "status": "pending", "attempts": 0}
        sk = store.create_delivery(org_id, subscription["id"], data, now)
        if sk is None:
            continue  # this event was already logged for this subscription
        _attempt(org_id, subscription, sk, data, now)
        attempted += 1
    return attempted


def _attempt(org_id: str, subscription: dict[str, Any], sk: str, data: dict[str, Any], now: datetime) -> None:
    body = json.dumps(data["payload"], separators=(",", ":")).encode()
    attempts = int(data.get("attempts", 0)) + 1
    try:
        status = post_webhook(str(subscription["url"]), str(subscription["secret"]), body, data["id"], data["event"])
    except WebhookFailed as exc:
        gave_up = attempts > len(BACKOFF)
        updated = {
            **data,
            "attempts": attempts,
            "status": "failed" if gave_up else "retrying",
            "last_error": exc.message,
            "last_status_code": exc.status,
            "last_attempt_at": iso(now),
            "next_attempt_at": None if gave_up else iso(now + BACKOFF[attempts - 1]),
        }
        count("WebhookDeliveryFailures", 1)
        logger.warning(
            "webhook delivery failed",
            extra={"org_id": org_id, "subscription": subscription["id"], "attempts": attempts, "error": exc.message},
        )
    else:
        updated = {
            **data,
            "attempts": attempts,
            "status": "delivered",
            "last_status_code": status,
            "last_error": None,
            "last_attempt_at": iso(now),
            "next_attempt_at": None,
        }
        count("WebhookDeliveries", 1)
    store.save_delivery(org_id, subscription["id"], sk, updated, now)


def retry_due(now: datetime) -> dict[str, int]:
    """The retry job: attempt every delivery whose next attempt is due."""
    retried = 0
    for org_id, subscription_id, sk, data in store.due_retries(now):
        found = store.get_subscription(org_id, subscription_id)
        if found is None or not found[0].get("is_active"):
            store.save_delivery(org_id, subscription_id, sk, {**data, "status": "failed", "next_attempt_at": None}, now)
            continue
        _attempt(org_id, found[0], sk, data, now)
        retried += 1
    return {"retried": retried}
