"""Outbound webhook subscriptions: ticket events POSTed, signed, to subscribers' URLs, retried.

A delivery is logged, then queued, by the stream handler, which never makes a request itself
(one log entry per event and subscription, even when the stream record is delivered twice). The
sender (``send``, fed by the webhook queue) makes one attempt per message, bounded by
``outbound.WEBHOOK_TIMEOUT``; a failed attempt is retried after 1 min, 5 min, 30 min, 2 h and 6 h
(the retry job reads only the due ones through the DUE index and queues them again), then given
up. Rule webhooks (the ``call_webhook`` action) take the same path, with one attempt.

One organization cannot hold up another: its deliveries share at most ``webhook_queue.SLOTS``
message groups (so at most that many are in flight), it starts at most ``DELIVERIES_PER_MINUTE``
a minute (the rest are deferred to the next minute, not failed) and it has at most
``MAX_SUBSCRIPTIONS`` subscriptions. The log (status, attempts, last error, last status code) is
kept 30 days.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, get_args

from chalicelib.auth import policy
from chalicelib.channels import webhook_queue
from chalicelib.channels.outbound import WebhookFailed, check_destination, post_webhook
from chalicelib.channels.webhook_queue import DeliveryMessage
from chalicelib.domain import lifecycle
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.commands import WebhookEvent, WebhookSubscriptionCommand, WebhookSubscriptionPatch
from chalicelib.domain.errors import Conflict, NotFound, RuleViolation, require_version
from chalicelib.domain.fieldservice import WorkOrder
from chalicelib.domain.identity import Principal
from chalicelib.domain.tickets import Comment, Ticket
from chalicelib.domain.webhooks import WebhookSubscription
from chalicelib.observability import count, logger
from chalicelib.services import audit
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import webhooks as store
from chalicelib.store.pagination import Page

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=6))
EVENTS: tuple[str, ...] = get_args(WebhookEvent)  # every event a subscription can name
MAX_SUBSCRIPTIONS = 25  # per organization, deleted ones not counted
MAX_RESENDS = 5  # resends of one delivery (its log entry is kept 30 days)
DELIVERY_ID = re.compile(r"[0-9a-f]{32}")
DELIVERIES_PER_MINUTE = 600  # attempts an organization may start per minute (subscriptions and rules)
# How long a queued delivery may wait before the retry job queues it again (a lost message), and
# how long a sender's claim on one holds (far beyond the sender's 15 s timeout).
QUEUED_LEASE = timedelta(minutes=5)
CLAIM_LEASE = timedelta(minutes=2)


def _public(data: dict[str, Any], version: int) -> dict[str, Any]:
    return {**{k: v for k, v in data.items() if k != "secret"}, "version": version}


def _check_url(url: str) -> None:
    try:
        check_destination(url)
    except WebhookFailed as exc:
        message = f"The URL cannot receive webhooks: {exc.message} (only public https endpoints can)."
        raise RuleViolation(message, code="invalid_url", details=[{"field": "url"}]) from exc


def list_subscriptions(principal: Principal, deleted: bool, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
    """Live subscriptions, oldest first; ``deleted``: the trash."""
    policy.require(principal, "webhooks.manage")
    page = store.page_subscriptions(principal.org_id, deleted=deleted, limit=limit, cursor=cursor)
    return Page([_public(d, v) for d, v in page.items], page.next_cursor)


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


def _save_within_cap(org_id: str, data: dict[str, Any], version: int | None) -> int:
    """Save a subscription that will count against the cap (a new or a restored one).

    The count is taken at the subscription set's revision and the write requires that revision
    still, so two concurrent writes cannot both take the last place: the loser counts again.
    """
    for _ in range(MAX_SUBSCRIPTIONS + 1):  # every lost race is a place someone else took
        revision = store.subscription_set_revision(org_id)
        counted = sum(1 for d, _ in store.list_subscriptions(org_id, consistent=True) if not d.get("deleted_at"))
        if counted >= MAX_SUBSCRIPTIONS:
            raise RuleViolation(
                f"An organization has at most {MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first.",
                code="too_many_subscriptions",
            )
        try:
            return store.save_subscription(org_id, data, version, counted_at=revision)
        except Conflict as exc:
            if exc.code != "subscriptions_changed":
                raise
    raise Conflict("The subscriptions kept changing; retry.", code="subscriptions_changed")


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
        version = _save_within_cap(principal.org_id, data, None)
    return {**_public(data, version), "secret": secret}


@retry_on_conflict
def update_subscription(
    principal: Principal, subscription_id: str, patch: WebhookSubscriptionPatch, if_match: int | None
) -> dict[str, Any]:
    data, version = _get(principal, subscription_id)
    require_version("subscription", version, if_match)
    changes = patch.changes(mode="json")
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
        return _public(restored, _save_within_cap(principal.org_id, restored, version))


def list_deliveries(principal: Principal, subscription_id: str, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
    _get(principal, subscription_id)
    return store.list_deliveries(principal.org_id, subscription_id, limit=limit, cursor=cursor)


def _logged_delivery(org_id: str, subscription_id: str, delivery_id: str) -> tuple[str, dict[str, Any], int]:
    """(log key, entry, version) of a delivery of this subscription's log, or 404 (a forged or foreign id)."""
    found = (
        store.find_delivery(org_id, "subscription", subscription_id, delivery_id)
        if DELIVERY_ID.fullmatch(delivery_id)
        else None
    )
    if found is None:
        raise NotFound("Not found.")
    return found


def resend_delivery(principal: Principal, subscription_id: str, delivery_id: str) -> dict[str, Any]:
    """Queue the delivery's payload again, as a new log entry linked to the original (``resend_of``).

    The resend takes the sender's path (current URL and secret, signature, address check, the
    organization's budget, retries). Refused while the original still waits for the sender
    (409 ``delivery_waiting``), for an inactive subscription (422 ``subscription_inactive``) and past
    ``MAX_RESENDS`` resends of one delivery (422 ``too_many_resends``). Resending a resend resends
    its original."""
    subscription, _ = _get(principal, subscription_id)
    if not subscription.get("is_active"):
        raise RuleViolation("The subscription is disabled; enable it before resending.", code="subscription_inactive")
    org_id = principal.org_id
    _, original, _ = _logged_delivery(org_id, subscription_id, delivery_id)
    if original.get("resend_of"):
        _, original, _ = _logged_delivery(org_id, subscription_id, str(original["resend_of"]))
    if original.get("status") in store.WAITING:
        raise Conflict("The delivery is still being delivered; resend it once it is done.", code="delivery_waiting")
    original_id = str(original["id"])
    now = utcnow()
    resend_id = _delivery_id("resend", original_id, iso(now), secrets.token_hex(8))
    data = {"id": resend_id, "event": original["event"], "payload": original["payload"], "resend_of": original_id}
    entry = {**data, "status": "pending", "attempts": 0, "next_attempt_at": iso(now + QUEUED_LEASE)}
    details = {"delivery": original_id, "resend": resend_id}
    with audit.recorded(principal, "webhook_delivery.resent", "webhook_subscription", subscription_id, details):
        sk = store.create_delivery(org_id, "subscription", subscription_id, entry, now, (original_id, MAX_RESENDS))
        if sk is None:  # a fresh random id cannot collide; raised inside so no audit entry is left
            raise Conflict("The resend was logged already.", code="duplicate_delivery")
    try:
        webhook_queue.enqueue([DeliveryMessage(org_id, "subscription", subscription_id, sk, 0)], now)
    except Exception:  # SQS refused or unreachable
        # Logged already: the retry job queues it once its lease lapses, so the resend still goes out.
        logger.warning("webhook resend not queued; the retry job will", extra={"org_id": org_id})
        count("WebhookResendsQueuedLate", 1)
    return {**entry, "log_key": sk}


# ---- deliveries -------------------------------------------------------------------------------


def _delivery_id(*parts: str) -> str:
    """Stable for one event and destination, so a replayed stream record is logged once."""
    return hashlib.sha256("#".join(parts).encode()).hexdigest()[:32]


def _log(org_id: str, kind: store.Kind, owner_id: str, data: dict[str, Any], now: datetime) -> DeliveryMessage | None:
    """Log a delivery (waiting, DUE after ``QUEUED_LEASE`` in case its message is lost) and the
    message to queue for its first attempt; None when this event was logged already."""
    entry = {**data, "status": "pending", "attempts": 0, "next_attempt_at": iso(now + QUEUED_LEASE)}
    sk = store.create_delivery(org_id, kind, owner_id, entry, now)
    return DeliveryMessage(org_id, kind, owner_id, sk, 0) if sk is not None else None


def publish(
    org_id: str,
    event: str,
    ticket: Ticket | None,
    event_id: str,
    comment: Comment | None = None,
    extra: Any = None,
    work_order: WorkOrder | None = None,
) -> int:
    """Log and queue a delivery of ``event`` to every active subscription that wants it (no request
    is made here: the sender makes them); returns how many were queued. Work order events carry
    ``work_order`` (and ``ticket: null``)."""
    subscriptions = [d for d, _ in store.list_subscriptions(org_id) if d.get("is_active") and event in d["events"]]
    now = utcnow()
    messages = []
    for subscription in subscriptions:
        delivery_id = _delivery_id(event_id, subscription["id"])
        payload = {
            "event": event,
            "delivery_id": delivery_id,
            "occurred_at": iso(now),
            "ticket": ticket.model_dump(mode="json", exclude={"automation", "sla_fired"}) if ticket else None,
            "comment": comment.model_dump(mode="json", exclude={"automation"}) if comment else None,
            "data": extra,
        }
        if work_order is not None:
            payload["work_order"] = _work_order_json(work_order)
        data = {"id": delivery_id, "event": event, "payload": payload}
        if (message := _log(org_id, "subscription", subscription["id"], data, now)) is not None:
            messages.append(message)
    webhook_queue.enqueue(messages, now)
    return len(messages)


def _work_order_json(order: WorkOrder) -> dict[str, Any]:
    return order.model_dump(mode="json", exclude={"automation", "overdue_for", "org_id"})


def queue_rule_webhook(
    org_id: str,
    rule_id: str,
    rule_name: str,
    action: int,
    ticket: Ticket | None,
    event_id: str,
    work_order: WorkOrder | None = None,
) -> bool:
    """Log and queue a rule's ``call_webhook`` delivery (one attempt; the sender records a failure on
    the rule). False when this event was queued already. A work order rule's carries ``work_order``."""
    now = utcnow()
    delivery_id = _delivery_id(event_id, rule_id, str(action))
    payload = {
        "event": "automation.webhook",
        "delivery_id": delivery_id,
        "rule": {"id": rule_id, "name": rule_name},
        "ticket": ticket.model_dump(mode="json", exclude={"automation", "sla_fired"}) if ticket else None,
        "sent_at": iso(now),
    }
    if work_order is not None:
        payload["work_order"] = _work_order_json(work_order)
    data = {"id": delivery_id, "event": "automation.webhook", "payload": payload, "action": action}
    message = _log(org_id, "rule", rule_id, data, now)
    if message is None:
        return False
    webhook_queue.enqueue([message], now)
    return True


@dataclass(frozen=True)
class _Destination:
    url: str
    secret: str
    attempts_allowed: int  # subscriptions: the first attempt and one per BACKOFF step; rules: one


def _destination(org_id: str, kind: store.Kind, owner_id: str, data: dict[str, Any]) -> _Destination | str:
    """Where the delivery goes now, or why it cannot go anywhere any more."""
    if kind == "subscription":
        found = store.get_subscription(org_id, owner_id)
        if found is None or not found[0].get("is_active") or found[0].get("deleted_at"):
            return "subscription inactive"
        return _Destination(str(found[0]["url"]), str(found[0]["secret"]), len(BACKOFF) + 1)
    from chalicelib.domain.automation import CallWebhook
    from chalicelib.store import automation as rule_store

    rule, _ = rule_store.get_rule(org_id, owner_id)
    index = int(data.get("action", -1))
    action = rule.actions[index] if rule is not None and 0 <= index < len(rule.actions) else None
    if rule is None or rule.is_deleted or not isinstance(action, CallWebhook):
        return "rule removed"
    return _Destination(str(action.url), action.secret, 1)


def _next_minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1)


def send(message: DeliveryMessage) -> str:
    """The sender: make the attempt ``message`` names, if the delivery still waits for it.

    Returns what happened: ``delivered``, ``failed`` (a failed attempt, retried later or given up),
    ``deferred`` (the organization's deliveries for this minute are used up: tried again the next
    minute, not counted as an attempt), ``dropped`` (nowhere to deliver any more) or ``skipped``
    (a duplicate or stale message: the attempt was made or is being made elsewhere).
    """
    org_id, kind, owner_id, sk = message.org_id, message.kind, message.owner_id, message.sk
    if kind not in ("subscription", "rule"):
        return "skipped"
    owner_kind: store.Kind = "subscription" if kind == "subscription" else "rule"
    found = store.get_delivery(org_id, owner_kind, owner_id, sk)
    if found is None:
        return "skipped"
    data, version, payload = found
    if data.get("status") not in ("pending", "retrying", "deferred") or int(data.get("attempts", 0)) != message.attempt:
        count("WebhookStaleMessages", 1)
        return "skipped"
    now = utcnow()
    destination = _destination(org_id, owner_kind, owner_id, data)
    if isinstance(destination, str):
        given_up = {**data, "status": "failed", "last_error": destination, "next_attempt_at": None}
        with contextlib.suppress(Conflict):
            store.save_delivery(org_id, owner_kind, owner_id, sk, given_up, now, version)
        return "dropped"
    if message.attempt >= destination.attempts_allowed:
        # Every attempt was claimed already: a sender stopped mid-attempt on the last one.
        given_up = {**data, "status": "failed", "last_error": "sender interrupted", "next_attempt_at": None}
        with contextlib.suppress(Conflict):
            store.save_delivery(org_id, owner_kind, owner_id, sk, given_up, now, version)
        return "dropped"
    attempts = message.attempt + 1
    claimed = {**data, "status": "sending", "attempts": attempts, "next_attempt_at": iso(now + CLAIM_LEASE)}
    try:
        version = store.claim_delivery(org_id, owner_kind, owner_id, sk, claimed, now, version, DELIVERIES_PER_MINUTE)
    except Conflict as exc:
        if exc.code != "rate_limited":
            return "skipped"  # another sender took it
        deferred = {**data, "status": "deferred", "next_attempt_at": iso(_next_minute(now))}
        with contextlib.suppress(Conflict):
            store.save_delivery(org_id, owner_kind, owner_id, sk, deferred, now, version)
        count("WebhookDeliveriesDeferred", 1)
        return "deferred"
    outcome = _attempt(org_id, owner_kind, owner_id, destination, claimed, payload, now)
    try:
        store.save_delivery(org_id, owner_kind, owner_id, sk, outcome, now, version)
    except Conflict:
        logger.warning("webhook delivery outcome not recorded: its claim had lapsed", extra={"org_id": org_id})
    return "delivered" if outcome["status"] == "delivered" else "failed"


def _attempt(
    org_id: str,
    kind: store.Kind,
    owner_id: str,
    destination: _Destination,
    data: dict[str, Any],
    payload: Any,
    now: datetime,
) -> dict[str, Any]:
    """POST the payload once; the log entry as the attempt left it."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    attempts = int(data["attempts"])
    base = {**data, "attempts": attempts, "last_attempt_at": iso(now)}
    try:
        status = post_webhook(destination.url, destination.secret, body, data["id"], data["event"])
    except WebhookFailed as exc:
        gave_up = attempts >= destination.attempts_allowed
        count("WebhookDeliveryFailures" if kind == "subscription" else "AutomationWebhookFailures", 1)
        logger.warning(
            "webhook delivery failed",
            extra={"org_id": org_id, kind: owner_id, "attempts": attempts, "error": exc.message},
        )
        if kind == "rule":
            from chalicelib.store import automation as rule_store

            rule_store.record_failure(org_id, owner_id, f"webhook {destination.url}: {exc.message}", now)
        return {
            **base,
            "status": "failed" if gave_up else "retrying",
            "last_error": exc.message,
            "last_status_code": exc.status,
            "next_attempt_at": None if gave_up else iso(now + BACKOFF[attempts - 1]),
        }
    count("WebhookDeliveries" if kind == "subscription" else "AutomationWebhooks", 1)
    return {**base, "status": "delivered", "last_status_code": status, "last_error": None, "next_attempt_at": None}


def retry_due(now: datetime) -> dict[str, int]:
    """The retry job: queue again every delivery whose next attempt is due (a failed attempt's
    backoff, a deferral, a lost message, a lapsed claim); the sender makes the attempts."""
    messages = []
    for org_id, kind, owner_id, sk, data, version in store.due_deliveries(now):
        queued = {**data, "status": "pending", "next_attempt_at": iso(now + QUEUED_LEASE)}
        try:
            store.save_delivery(org_id, kind, owner_id, sk, queued, now, version)
        except Conflict:
            continue  # the sender changed it meanwhile
        messages.append(DeliveryMessage(org_id, kind, owner_id, sk, int(data.get("attempts", 0))))
    webhook_queue.enqueue(messages, now)
    return {"retried": len(messages)}
