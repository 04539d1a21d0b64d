"""Outbound webhook subscriptions, their delivery log, and the per-organization sending budget.

| item | PK | SK | indexes |
|---|---|---|---|
| subscription | ``ORG#o`` | ``WEBHOOKSUB#<id>`` | GSI1 ``ORG#o#WEBHOOKSUBS`` (deleted: ``...#DELETED``) / created |
| subscription set revision | ``ORG#o`` | ``WEBHOOKSUBS`` | |
| delivery (subscription) | ``ORG#o#WEBHOOKSUB#<id>`` | ``DELIVERY#<created>#<delivery id>`` | DUE while it waits |
| delivery (rule webhook) | ``ORG#o#RULEHOOK#<rule id>`` | ``DELIVERY#<created>#<delivery id>`` | DUE while it waits |
| delivery id guard | the log partition | ``EVENT#<delivery id>`` (log key, payload, resends so far) | |
| sending budget | ``ORG#o#WEBHOOKRATE`` | ``<minute>`` | |

A delivery that still waits for the sender (pending, sending, retrying or deferred) carries DUE
``WEBHOOKRETRY#<shard>`` / ``<when>#<o>#<owner id>#<log key>``: when its next attempt is due, or when
the sender's claim on it lapses. The delivery log of a subscription is one Query, newest first;
the retry job reads only what is due.

The payload is written once, on the guard; the entry, rewritten at every step of the delivery
(queued, claimed, its outcome) and on the DUE index while it waits, holds only its status, so each
step writes a small item. Entries logged before the split keep their payload and are read as such.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any, Literal

from pynamodb.attributes import JSONAttribute, NumberAttribute

from chalicelib.domain.clock import iso
from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.store.keys import org_of_key, org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import CompactJSONAttribute, TableItem
from chalicelib.store.transactions import Counter, Put, transact_write

SHARDS = 4
LOG_TTL = timedelta(days=30)
RATE_TTL = timedelta(hours=1)
WAITING = frozenset({"pending", "sending", "retrying", "deferred"})

Kind = Literal["subscription", "rule"]
_PARTITION: dict[str, str] = {"subscription": "WEBHOOKSUB", "rule": "RULEHOOK"}
_KIND = {part: kind for kind, part in _PARTITION.items()}


class SubscriptionItem(TableItem, discriminator="WebhookSubscription"):
    data = JSONAttribute()


class SubscriptionSetItem(TableItem, discriminator="WebhookSubscriptionSet"):
    """Bumped by every change to how many subscriptions count against the cap (optimistic guard)."""

    revision = NumberAttribute(default=0)


class DeliveryItem(TableItem, discriminator="WebhookDeliveryLog"):
    data = CompactJSONAttribute()
    resends = NumberAttribute(null=True)  # on a delivery's ``EVENT#<id>`` guard: resends of it so far


class DeliveryRateItem(TableItem, discriminator="WebhookDeliveryRate"):
    """Deliveries an organization started in one minute."""

    sent = NumberAttribute(default=0)


def subscription_sk(subscription_id: str) -> str:
    return f"WEBHOOKSUB#{subscription_id}"


def list_pk(org_id: str, deleted: bool) -> str:
    return tenant_key(org_id, "WEBHOOKSUBS", *(["DELETED"] if deleted else []))


def _subscription_item(org_id: str, data: dict[str, Any]) -> SubscriptionItem:
    return SubscriptionItem(
        PK=org_pk(org_id),
        SK=subscription_sk(str(data["id"])),
        GSI1PK=list_pk(org_id, bool(data.get("deleted_at"))),
        GSI1SK=f"{data['created_at']}#{data['id']}",
        data=data,
    )


def reindexed(item: SubscriptionItem) -> SubscriptionItem:
    """The item as it would be written today (index keys recomputed): the re-indexing job."""
    rebuilt = _subscription_item(org_of_key(str(item.PK)) or "", dict(item.data))
    rebuilt.version = item.version
    return rebuilt


def page_subscriptions(
    org_id: str, *, deleted: bool, limit: int, cursor: str | None
) -> Page[tuple[dict[str, Any], int]]:
    """Live (or deleted) subscriptions, oldest first: one Query on GSI1."""
    page = query_page(
        TableItem.gsi1,
        list_pk(org_id, deleted),
        org_id=org_id,
        scope=f"webhook-subscriptions:{'deleted' if deleted else 'live'}",
        limit=limit,
        cursor=cursor,
        model=SubscriptionItem,
    )
    return Page([(dict(i.data), int(i.version or 1)) for i in page.items], page.next_cursor)  # type: ignore[attr-defined]


def list_subscriptions(org_id: str, *, consistent: bool = False) -> list[tuple[dict[str, Any], int]]:
    """Every subscription, deleted ones included (``consistent``: for counting them against the cap)."""
    items = SubscriptionItem.query(
        org_pk(org_id), SubscriptionItem.SK.startswith("WEBHOOKSUB#"), limit=100, consistent_read=consistent
    )
    return [(dict(i.data), int(i.version or 1)) for i in items]


def get_subscription(org_id: str, subscription_id: str) -> tuple[dict[str, Any], int] | None:
    try:
        item = SubscriptionItem.get(org_pk(org_id), subscription_sk(subscription_id))
    except SubscriptionItem.DoesNotExist:
        return None
    return dict(item.data), int(item.version or 1)


def subscription_set_revision(org_id: str) -> int:
    """The revision ``save_subscription(..., counted_at=...)`` must still find (0 before the first)."""
    try:
        item = SubscriptionSetItem.get(org_pk(org_id), "WEBHOOKSUBS", consistent_read=True)
    except SubscriptionSetItem.DoesNotExist:
        return 0
    return int(item.revision or 0)


def save_subscription(org_id: str, data: dict[str, Any], version: int | None, counted_at: int | None = None) -> int:
    """Write a subscription (``version`` None: a new one); returns its new version.

    ``counted_at``: the set revision the caller counted the subscriptions at; the write fails with
    ``Conflict(code="subscriptions_changed")`` when another change to the count came in between,
    so a cap checked on that count holds under concurrent writers.
    """
    item = _subscription_item(org_id, data)
    stale = Conflict("The subscription was changed by someone else; reload it.", code="stale_version")
    operations: list[Put | Counter] = []
    if counted_at is not None:
        revision = SubscriptionSetItem.revision
        unchanged = revision.does_not_exist() if counted_at == 0 else revision == counted_at
        operations.append(
            Counter(
                SubscriptionSetItem,
                org_pk(org_id),
                "WEBHOOKSUBS",
                revision,
                1,
                condition=unchanged,
                on_conflict=Conflict("The subscriptions changed meanwhile.", code="subscriptions_changed"),
            )
        )
    if version is None:
        transact_write([Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=stale), *operations])
        return 1
    item.version = version
    transact_write([Put(item, on_conflict=stale), *operations])
    return version + 1


def log_pk(org_id: str, kind: Kind, owner_id: str) -> str:
    """The delivery log partition of a subscription or of a rule's webhooks."""
    return tenant_key(org_id, _PARTITION[kind], owner_id)


def owner_of(pk: str) -> tuple[str, Kind, str] | None:
    """(org, kind, owner id) of a delivery log partition key, None for anything else."""
    org_id = org_of_key(pk)
    parts = pk.split("#")
    if org_id is None or len(parts) != 4 or parts[2] not in _KIND:
        return None
    return org_id, _KIND[parts[2]], parts[3]  # type: ignore[return-value]


def _shard(delivery_id: str) -> int:
    return int(hashlib.sha256(delivery_id.encode()).hexdigest(), 16) % SHARDS


def delivery_item(org_id: str, kind: Kind, owner_id: str, sk: str, data: dict[str, Any], now: datetime) -> DeliveryItem:
    """The log entry; on the DUE index at ``next_attempt_at`` while the delivery still waits."""
    item = DeliveryItem(PK=log_pk(org_id, kind, owner_id), SK=sk, data=data, expires_at=now + LOG_TTL)
    if data.get("status") in WAITING and data.get("next_attempt_at"):
        item.DUEPK = f"WEBHOOKRETRY#{_shard(str(data['id']))}"
        item.DUESK = f"{data['next_attempt_at']}#{org_id}#{owner_id}#{sk}"
    return item


def _guard_sk(delivery_id: str) -> str:
    return f"EVENT#{delivery_id}"


def create_delivery(
    org_id: str,
    kind: Kind,
    owner_id: str,
    data: dict[str, Any],
    now: datetime,
    resend_of: tuple[str, int] | None = None,
) -> str | None:
    """The delivery's log entry (version 1); None when it exists (the same event delivered again).

    Its ``EVENT#<id>`` guard keeps the log key (and the payload), so the entry is found by its id.
    A delivery of an event is two conditional writes, guard then entry; an event delivered again
    finds the guard and writes the entry only if it is missing. ``resend_of`` (original id, most
    resends): the entry is a resend of that delivery, counted on the original's guard in one
    transaction with the guard and entry; ``RuleViolation(code="too_many_resends")`` past the cap."""
    sk = f"DELIVERY#{iso(now)}#{data['id']}"
    pk = log_pk(org_id, kind, owner_id)
    payload = data.get("payload")
    data = {k: v for k, v in data.items() if k != "payload"}
    guard = Put(
        DeliveryItem(
            PK=pk, SK=_guard_sk(str(data["id"])), data={"log_key": sk, "payload": payload}, expires_at=now + LOG_TTL
        ),
        condition=TableItem.PK.does_not_exist(),
        on_conflict=Conflict("already logged", code="duplicate_delivery"),
        check_version=False,
    )
    entry = Put(delivery_item(org_id, kind, owner_id, sk, data, now), condition=TableItem.PK.does_not_exist())
    if resend_of is None:
        # Two plain conditional writes, guard first (a transaction bills each item twice): a
        # retried event that finds the guard writes the entry it names, if a failure left it out.
        try:
            transact_write([guard])
        except Conflict:
            return _complete_delivery(org_id, kind, owner_id, data, now)
        try:
            transact_write([entry])
        except Conflict:
            return None
        return sk
    original_id, most = resend_of
    resend = Counter(
        DeliveryItem,
        pk,
        _guard_sk(original_id),
        DeliveryItem.resends,
        1,
        below=most,
        condition=TableItem.PK.exists(),
        on_conflict=RuleViolation(f"A delivery can be resent at most {most} times.", code="too_many_resends"),
    )
    try:
        transact_write([guard, entry, resend])
    except Conflict:
        return None
    return sk


def _complete_delivery(org_id: str, kind: Kind, owner_id: str, data: dict[str, Any], now: datetime) -> str | None:
    """The entry of a delivery whose guard exists: written at the guard's log key when it is
    missing (its log key then), None when it is there (the same event delivered again)."""
    pk = log_pk(org_id, kind, owner_id)
    try:
        guard = DeliveryItem.get(pk, _guard_sk(str(data["id"])), consistent_read=True)
    except DeliveryItem.DoesNotExist:
        return None
    sk = (guard.data or {}).get("log_key")
    if not sk:
        return None  # a guard written before guards kept the log key: written with its entry
    entry = delivery_item(org_id, kind, owner_id, str(sk), data, now)
    try:
        transact_write([Put(entry, condition=TableItem.PK.does_not_exist())])
    except Conflict:
        return None
    return str(sk)


def find_delivery(org_id: str, kind: Kind, owner_id: str, delivery_id: str) -> tuple[str, dict[str, Any], int] | None:
    """(log key, entry with its payload, version) of the delivery ``delivery_id`` of this owner's
    log, None if there is none.

    One GetItem on its guard and one on the entry. A guard written before guards kept the log key
    dates the entry by its TTL (the entry's creation + ``LOG_TTL``, to the second): one Query on
    that second of the log."""
    pk = log_pk(org_id, kind, owner_id)
    try:
        guard = DeliveryItem.get(pk, _guard_sk(delivery_id), consistent_read=True)
    except DeliveryItem.DoesNotExist:
        return None
    sk = (guard.data or {}).get("log_key")
    if sk is None and guard.expires_at is not None:
        created = guard.expires_at - LOG_TTL
        first, last = iso(created - timedelta(seconds=1))[:19], iso(created + timedelta(seconds=2))[:19]
        for item in DeliveryItem.query(
            pk, DeliveryItem.SK.between(f"DELIVERY#{first}", f"DELIVERY#{last}"), consistent_read=True
        ):
            if str(item.SK).endswith(f"#{delivery_id}"):
                sk = str(item.SK)
                break
    if not sk:
        return None
    try:
        item = DeliveryItem.get(pk, str(sk), consistent_read=True)
    except DeliveryItem.DoesNotExist:
        return None
    entry = dict(item.data)
    return str(sk), {"payload": (guard.data or {}).get("payload"), **entry}, int(item.version or 1)


def _delivery_id_of(sk: str) -> str:
    return sk.rsplit("#", 1)[-1]


def get_delivery(org_id: str, kind: Kind, owner_id: str, sk: str) -> tuple[dict[str, Any], int, Any] | None:
    """(entry, version, payload) of the log entry ``sk``: one consistent BatchGetItem of the entry
    and its guard (the payload's home; an entry logged before the split carries its own)."""
    pk = log_pk(org_id, kind, owner_id)
    found = {
        str(i.SK): i
        for i in DeliveryItem.batch_get([(pk, sk), (pk, _guard_sk(_delivery_id_of(sk)))], consistent_read=True)
    }
    item = found.get(sk)
    if item is None:
        return None
    entry = dict(item.data)
    guard = found.get(_guard_sk(_delivery_id_of(sk)))
    payload = entry["payload"] if "payload" in entry else (guard.data or {}).get("payload") if guard else None
    return entry, int(item.version or 1), payload


def _stale() -> Conflict:
    return Conflict("Another sender took this delivery.", code="delivery_taken")


def save_delivery(
    org_id: str, kind: Kind, owner_id: str, sk: str, data: dict[str, Any], now: datetime, version: int
) -> int:
    """Write the entry if it still has ``version`` (``Conflict(code="delivery_taken")`` if not); the new version."""
    item = delivery_item(org_id, kind, owner_id, sk, data, now)
    item.version = version
    transact_write([Put(item, on_conflict=_stale())])
    return version + 1


def rate_pk(org_id: str) -> str:
    return tenant_key(org_id, "WEBHOOKRATE")


def claim_delivery(
    org_id: str,
    kind: Kind,
    owner_id: str,
    sk: str,
    data: dict[str, Any],
    now: datetime,
    version: int,
    per_minute: int,
) -> int:
    """Count the attempt in this minute's budget, then take the delivery for it (the entry at
    ``version``): never taken without being counted, so at most ``per_minute`` start a minute.
    ``Conflict(code="rate_limited")``: the organization already started ``per_minute`` this minute
    (nothing written); ``Conflict(code="delivery_taken")``: another sender has it (the slot counted
    stays used: the budget errs on the side of fewer deliveries, never more)."""
    item = delivery_item(org_id, kind, owner_id, sk, data, now)
    item.version = version
    budget = Counter(
        DeliveryRateItem,
        rate_pk(org_id),
        now.strftime("%Y-%m-%dT%H:%M"),
        DeliveryRateItem.sent,
        1,
        below=per_minute,
        on_conflict=Conflict("The organization's deliveries for this minute are used up.", code="rate_limited"),
        expires_at=now + RATE_TTL,
    )
    # Two single conditional writes, not one transaction (which bills each item twice).
    transact_write([budget])
    transact_write([Put(item, on_conflict=_stale())])
    return version + 1


def list_deliveries(org_id: str, subscription_id: str, *, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
    page = query_page(
        None,
        log_pk(org_id, "subscription", subscription_id),
        org_id=org_id,
        scope=f"webhook-deliveries:{subscription_id}",
        limit=limit,
        cursor=cursor,
        model=DeliveryItem,
        range_key_condition=DeliveryItem.SK.startswith("DELIVERY#"),
        scan_index_forward=False,
    )
    pk = log_pk(org_id, "subscription", subscription_id)
    # The payloads, from the guards of the entries that do not carry theirs: one BatchGetItem.
    wanted = [(pk, _guard_sk(_delivery_id_of(str(i.SK)))) for i in page.items if "payload" not in i.data]  # type: ignore[attr-defined]
    guards = {str(g.SK): g for g in DeliveryItem.batch_get(wanted)} if wanted else {}
    entries = []
    for item in page.items:
        guard = guards.get(_guard_sk(_delivery_id_of(str(item.SK))))
        payload = (guard.data or {}).get("payload") if guard is not None else None
        entries.append({"payload": payload, **item.data, "log_key": item.SK})  # type: ignore[attr-defined]
    return Page(entries, page.next_cursor)


def due_deliveries(now: datetime, limit: int = 100) -> list[tuple[str, Kind, str, str, dict[str, Any], int]]:
    """(org, kind, owner id, log key, delivery, version) of every waiting delivery due by ``now``:
    the DUE partitions, ``DUESK <= now``."""
    found = []
    for shard in range(SHARDS):
        for item in DeliveryItem.due.query(f"WEBHOOKRETRY#{shard}", f"{iso(now)}~" >= DeliveryItem.DUESK, limit=limit):
            owner = owner_of(str(item.PK))
            if isinstance(item, DeliveryItem) and owner is not None:
                org_id, kind, owner_id = owner
                found.append((org_id, kind, owner_id, str(item.SK), dict(item.data), int(item.version or 1)))
    return found
