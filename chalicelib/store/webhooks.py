"""Outbound webhook subscriptions and their delivery log.

| item | PK | SK | indexes |
|---|---|---|---|
| subscription | ``ORG#o`` | ``WEBHOOKSUB#<id>`` | |
| delivery | ``ORG#o#WEBHOOKSUB#<id>`` | ``DELIVERY#<created>#<delivery id>`` | DUE while a retry is pending |

A pending retry carries DUE ``WEBHOOKRETRY#<shard>`` / ``<next attempt>#<o>#<id>#<log key>``.
The delivery log of a subscription is one Query, newest first. Pending retries sit on the sparse
DUE index, so the retry job reads only the deliveries that are due.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute

from chalicelib.domain.clock import iso
from chalicelib.domain.errors import Conflict
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Put, transact_write

SHARDS = 4
LOG_TTL = timedelta(days=30)


class SubscriptionItem(TableItem, discriminator="WebhookSubscription"):
    data = JSONAttribute()


class DeliveryItem(TableItem, discriminator="WebhookDeliveryLog"):
    data = JSONAttribute()


def subscription_sk(subscription_id: str) -> str:
    return f"WEBHOOKSUB#{subscription_id}"


def list_subscriptions(org_id: str) -> list[tuple[dict[str, Any], int]]:
    items = SubscriptionItem.query(org_pk(org_id), SubscriptionItem.SK.startswith("WEBHOOKSUB#"), limit=100)
    return [(dict(i.data), int(i.version or 1)) for i in items]


def get_subscription(org_id: str, subscription_id: str) -> tuple[dict[str, Any], int] | None:
    try:
        item = SubscriptionItem.get(org_pk(org_id), subscription_sk(subscription_id))
    except SubscriptionItem.DoesNotExist:
        return None
    return dict(item.data), int(item.version or 1)


def save_subscription(org_id: str, data: dict[str, Any], version: int | None) -> int:
    item = SubscriptionItem(PK=org_pk(org_id), SK=subscription_sk(str(data["id"])), data=data)
    stale = Conflict("The subscription was changed by someone else; reload it.", code="stale_version")
    if version is None:
        transact_write([Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=stale)])
        return 1
    item.version = version
    transact_write([Put(item, on_conflict=stale)])
    return version + 1


def log_pk(org_id: str, subscription_id: str) -> str:
    return tenant_key(org_id, "WEBHOOKSUB", subscription_id)


def _shard(delivery_id: str) -> int:
    return int(hashlib.sha256(delivery_id.encode()).hexdigest(), 16) % SHARDS


def delivery_item(org_id: str, subscription_id: str, sk: str, data: dict[str, Any], now: datetime) -> DeliveryItem:
    item = DeliveryItem(PK=log_pk(org_id, subscription_id), SK=sk, data=data, expires_at=now + LOG_TTL)
    if data.get("status") == "retrying" and data.get("next_attempt_at"):
        item.DUEPK = f"WEBHOOKRETRY#{_shard(str(data['id']))}"
        item.DUESK = f"{data['next_attempt_at']}#{org_id}#{subscription_id}#{sk}"
    return item


def create_delivery(org_id: str, subscription_id: str, data: dict[str, Any], now: datetime) -> str | None:
    """The delivery's log entry; None when it exists (the same event delivered again)."""
    sk = f"DELIVERY#{iso(now)}#{data['id']}"
    guard = Put(
        DeliveryItem(PK=log_pk(org_id, subscription_id), SK=f"EVENT#{data['id']}", data={}, expires_at=now + LOG_TTL),
        condition=TableItem.PK.does_not_exist(),
        on_conflict=Conflict("already logged", code="duplicate_delivery"),
        check_version=False,
    )
    try:
        transact_write([guard, Put(delivery_item(org_id, subscription_id, sk, data, now), check_version=False)])
    except Conflict:
        return None
    return sk


def save_delivery(org_id: str, subscription_id: str, sk: str, data: dict[str, Any], now: datetime) -> None:
    transact_write([Put(delivery_item(org_id, subscription_id, sk, data, now), check_version=False)])


def list_deliveries(org_id: str, subscription_id: str, *, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
    page = query_page(
        None,
        log_pk(org_id, subscription_id),
        org_id=org_id,
        scope=f"webhook-deliveries:{subscription_id}",
        limit=limit,
        cursor=cursor,
        model=DeliveryItem,
        range_key_condition=DeliveryItem.SK.startswith("DELIVERY#"),
        scan_index_forward=False,
    )
    return Page([{**i.data, "log_key": i.SK} for i in page.items], page.next_cursor)  # type: ignore[attr-defined]


def due_retries(now: datetime, limit: int = 100) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(org, subscription, log key, delivery) of every retry due: the DUE partitions, ``DUESK <= now``."""
    found = []
    for shard in range(SHARDS):
        for item in DeliveryItem.due.query(f"WEBHOOKRETRY#{shard}", f"{iso(now)}~" >= DeliveryItem.DUESK, limit=limit):
            if isinstance(item, DeliveryItem):
                _, org_id, subscription_id, sk = str(item.DUESK).split("#", 3)
                found.append((org_id, subscription_id, sk, dict(item.data)))
    return found
