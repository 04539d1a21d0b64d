"""Channel items: Message-IDs (threading and exactly-once mail), per-sender mail counters.

| item | PK | SK | notes |
|---|---|---|---|
| message | ``ORG#o#MSGID#<sha256(message id)>`` | ``MSGID`` | ticket number; written with what the mail created |
| sender counter | ``ORG#o#MAILRATE#<sha256(sender)>`` | ``<yyyy-mm-ddThh>`` | ADD per inbound message; TTL 2 days |
| webhook secrets | ``ORG#o`` | ``WEBHOOKSECRETS`` | at most two active (rotation); versioned |
| webhook delivery | ``ORG#o#WEBHOOK#<sha256(delivery id)>`` | ``DELIVERY`` | the response given; TTL 30 days |
| webhook signature | ``ORG#o#WEBHOOKSIG#<sha256(v1 value)>`` | ``SIGNATURE`` | its delivery id; TTL past the window |
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError

from chalicelib.domain.errors import Conflict
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Put, is_condition_failure, transact_write


class MessageItem(TableItem, discriminator="EmailMessage"):
    ticket_number = NumberAttribute()
    direction = UnicodeAttribute()  # "in" | "out"


class SenderCounterItem(TableItem, discriminator="MailRate"):
    messages = NumberAttribute(default=0)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def message_key(org_id: str, message_id: str) -> tuple[str, str]:
    return tenant_key(org_id, "MSGID", _digest(message_id.lower())), "MSGID"


def message_put(org_id: str, message_id: str, number: int, direction: str = "in") -> Put:
    """Claims the Message-ID: a redelivered message fails on it (409 ``duplicate_message``)."""
    pk, sk = message_key(org_id, message_id)
    return Put(
        MessageItem(PK=pk, SK=sk, ticket_number=number, direction=direction),
        condition=TableItem.PK.does_not_exist(),
        on_conflict=Conflict("This message was already received.", code="duplicate_message"),
        check_version=False,
    )


def seen(org_id: str, message_id: str) -> int | None:
    """The ticket a Message-ID belongs to, if it was received or sent before."""
    try:
        return int(MessageItem.get(*message_key(org_id, message_id)).ticket_number)
    except MessageItem.DoesNotExist:
        return None


def thread_of(org_id: str, message_ids: Sequence[str]) -> int | None:
    """The ticket of the first of ``message_ids`` (In-Reply-To, then References) we know: one BatchGetItem."""
    if not message_ids:
        return None
    keys = {message_key(org_id, m): m for m in list(message_ids)[:50]}
    found: dict[str, int] = {}
    for item in MessageItem.batch_get(list(keys)):
        found[keys[(item.PK, item.SK)]] = int(item.ticket_number)
    return next((found[m] for m in message_ids if m in found), None)


def count_sender(org_id: str, sender: str, now: datetime) -> int:
    """Messages from ``sender`` this hour, this one included (an atomic ADD)."""
    data = SenderCounterItem._get_connection().update_item(
        tenant_key(org_id, "MAILRATE", _digest(sender)),
        now.strftime("%Y-%m-%dT%H"),
        actions=[
            SenderCounterItem.messages.add(1),
            SenderCounterItem.type.set(SenderCounterItem),  # type: ignore[arg-type]
            SenderCounterItem.expires_at.set(now + timedelta(days=2)),
        ],
        return_values="UPDATED_NEW",
    )
    return int(data["Attributes"]["messages"]["N"])


class RawMailItem(TableItem, discriminator="InboundMailObject"):
    """Where the raw message behind a ticket or comment is kept (inbound bucket), so retention,
    erasure and offboarding remove it with the ticket."""

    key = UnicodeAttribute()


def raw_mail_put(org_id: str, number: int, key: str) -> Put:
    item = RawMailItem(PK=tenant_key(org_id, "TICKET", number), SK=f"RAWMAIL#{_digest(key)}", key=key)
    return Put(item, check_version=False)


class WebhookSecretsItem(TableItem, discriminator="WebhookSecrets"):
    """The organization's inbound webhook secrets (at most two active: rotation)."""

    secrets = JSONAttribute()


class WebhookDeliveryItem(TableItem, discriminator="WebhookDelivery"):
    """One inbound delivery id and the response it got (a replay gets the same response)."""

    response = JSONAttribute()


SECRETS_SK = "WEBHOOKSECRETS"
DELIVERY_TTL = timedelta(days=30)


def get_webhook_secrets(org_id: str) -> tuple[list[dict[str, Any]], int | None]:
    """The secrets (newest first) and the item's version (None: none yet)."""
    try:
        item = WebhookSecretsItem.get(org_pk(org_id), SECRETS_SK, consistent_read=True)
    except WebhookSecretsItem.DoesNotExist:
        return [], None
    return list(item.secrets or []), int(item.version or 1)


def save_webhook_secrets(org_id: str, secrets: list[dict[str, Any]], version: int | None) -> None:
    item = WebhookSecretsItem(PK=org_pk(org_id), SK=SECRETS_SK, secrets=secrets)
    stale = Conflict("The webhook secrets were changed meanwhile; retry.", code="stale_version")
    if version is None:
        transact_write([Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=stale)])
    else:
        item.version = version
        transact_write([Put(item, on_conflict=stale)])


def delivery_key(org_id: str, delivery_id: str) -> tuple[str, str]:
    return tenant_key(org_id, "WEBHOOK", _digest(delivery_id)), "DELIVERY"


def get_delivery(org_id: str, delivery_id: str) -> dict[str, Any] | None:
    try:
        return dict(WebhookDeliveryItem.get(*delivery_key(org_id, delivery_id), consistent_read=True).response)
    except WebhookDeliveryItem.DoesNotExist:
        return None


def delivery_put(org_id: str, delivery_id: str, response: dict[str, Any], now: datetime) -> Put:
    pk, sk = delivery_key(org_id, delivery_id)
    return Put(
        WebhookDeliveryItem(PK=pk, SK=sk, response=response, expires_at=now + DELIVERY_TTL),
        condition=TableItem.PK.does_not_exist(),
        on_conflict=Conflict("This delivery was already received.", code="duplicate_delivery"),
        check_version=False,
    )


class SignatureClaimItem(TableItem, discriminator="WebhookSignature"):
    """An inbound signature and the one delivery id it may be used for (within its window)."""

    delivery = UnicodeAttribute()


def claim_signature(org_id: str, digest: str, delivery_id: str, expires: datetime) -> bool:
    """Bind a verified signature to ``delivery_id``: False when it was already used for another one.

    One conditional PutItem (``attribute_not_exists(PK) OR delivery = :this``), so concurrent
    requests with one signature and different delivery ids have one winner. The item is needed
    only while the signature's timestamp is inside the window; its TTL cleans it up afterwards.
    """
    item = SignatureClaimItem(
        PK=tenant_key(org_id, "WEBHOOKSIG", _digest(digest)),
        SK="SIGNATURE",
        delivery=_digest(delivery_id),
        expires_at=expires,
    )
    condition = SignatureClaimItem.PK.does_not_exist() | (SignatureClaimItem.delivery == _digest(delivery_id))
    try:
        item.save(condition=condition, add_version_condition=False)
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


class NotificationGuardItem(TableItem, discriminator="NotificationSent"):
    """One notification of one event to one user on one channel: claimed before it is sent."""


def claim_notification(org_id: str, number: int, key: str, now: datetime, scope: str = "TICKET") -> bool:
    """False when this notification was already sent (a redelivered stream record). The guard lives in
    the partition of what it is about: the ticket's, or (``scope`` WOEVENTS) a work order's events."""
    item = NotificationGuardItem(
        PK=tenant_key(org_id, scope, number), SK=f"NOTIFIED#{key}", expires_at=now + timedelta(days=7)
    )
    try:
        transact_write([Put(item, condition=TableItem.PK.does_not_exist(), check_version=False)])
    except Conflict:
        return False
    return True


def release_notification(org_id: str, number: int, key: str, scope: str = "TICKET") -> None:
    """Sending failed: let the retried record send it."""
    NotificationGuardItem(PK=tenant_key(org_id, scope, number), SK=f"NOTIFIED#{key}").delete()
