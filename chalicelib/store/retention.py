"""Retention items and the sweep's reads and deletes.

| item | PK | SK | indexes |
|---|---|---|---|
| policy | ``ORG#o`` | ``RETENTION#<entity>`` | GSI2 ``PLATFORM#RETENTION`` / ``<o>#<entity>`` while active |
| batch in flight | ``ORG#o`` | ``RETENTIONBATCH#<entity>`` | at most one per organization and entity |

Expired items are found on the sparse DUE index: every retained item carries
``DUEPK = ORG#o#RETAIN#<entity>`` and ``DUESK = <retain_from>...`` (store.keys.retention_keys).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from pynamodb.attributes import JSONAttribute
from pynamodb.exceptions import PutError

from chalicelib.domain.clock import iso
from chalicelib.domain.errors import Conflict
from chalicelib.domain.retention import ArchiveBatch, RetainedEntity, RetentionPolicy
from chalicelib.store.keys import org_pk, platform_key, retention_keys
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Delete, Put, transact_write

SWEEP_LIST = platform_key("RETENTION")


class RetentionPolicyItem(TableItem, discriminator="DataRetentionPolicy"):
    data = JSONAttribute()


class ArchiveBatchItem(TableItem, discriminator="RetentionBatch"):
    data = JSONAttribute()


def _policy_sk(entity: RetainedEntity) -> str:
    return f"RETENTION#{entity.value}"


def _policy(item: RetentionPolicyItem) -> RetentionPolicy:
    return RetentionPolicy.model_validate({**item.data, "version": item.version or 1})


def list_policies(org_id: str) -> dict[RetainedEntity, RetentionPolicy]:
    items = RetentionPolicyItem.query(org_pk(org_id), RetentionPolicyItem.SK.startswith("RETENTION#"))
    found = [_policy(i) for i in items if isinstance(i, RetentionPolicyItem)]
    return {p.entity: p for p in found}


def get_policy(org_id: str, entity: RetainedEntity) -> RetentionPolicy | None:
    try:
        return _policy(RetentionPolicyItem.get(org_pk(org_id), _policy_sk(entity)))
    except RetentionPolicyItem.DoesNotExist:
        return None


def save_policy(policy: RetentionPolicy, previous_version: int) -> RetentionPolicy:
    """Create (``previous_version`` 0) or replace the policy, version-checked."""
    item = RetentionPolicyItem(
        PK=org_pk(policy.org_id), SK=_policy_sk(policy.entity), data=policy.model_dump(mode="json", exclude={"version"})
    )
    if policy.is_active:
        item.GSI2PK, item.GSI2SK = SWEEP_LIST, f"{policy.org_id}#{policy.entity.value}"
    stale = Conflict("The retention policy was changed meanwhile; reload it.", code="stale_version")
    if previous_version == 0:
        transact_write([Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=stale)])
    else:
        item.version = previous_version
        transact_write([Put(item, on_conflict=stale)])
    return policy.model_copy(update={"version": previous_version + 1})


def active_policies() -> list[RetentionPolicy]:
    """Every active policy of every organization (the sweep's work list): one Query, paged."""
    items = RetentionPolicyItem.query(SWEEP_LIST, index_name="GSI2")
    return [_policy(i) for i in items if isinstance(i, RetentionPolicyItem)]


# ---- batches ----------------------------------------------------------------------------------


def _batch_sk(entity: RetainedEntity) -> str:
    return f"RETENTIONBATCH#{entity.value}"


def pending_batch(org_id: str, entity: RetainedEntity) -> ArchiveBatch | None:
    try:
        item = ArchiveBatchItem.get(org_pk(org_id), _batch_sk(entity), consistent_read=True)
    except ArchiveBatchItem.DoesNotExist:
        return None
    return ArchiveBatch.model_validate(item.data)


def start_batch(batch: ArchiveBatch) -> None:
    """Claim the (organization, entity) slot: fails when another run holds it."""
    item = ArchiveBatchItem(PK=org_pk(batch.org_id), SK=_batch_sk(batch.entity), data=batch.model_dump(mode="json"))
    busy = Conflict("Another retention run holds this batch.", code="batch_in_flight")
    transact_write([Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=busy, check_version=False)])


def save_batch(batch: ArchiveBatch) -> None:
    item = ArchiveBatchItem(PK=org_pk(batch.org_id), SK=_batch_sk(batch.entity), data=batch.model_dump(mode="json"))
    transact_write([Put(item, condition=TableItem.PK.exists(), check_version=False)])


def finish_batch(batch: ArchiveBatch) -> None:
    item = ArchiveBatchItem(PK=org_pk(batch.org_id), SK=_batch_sk(batch.entity))
    transact_write([Delete(item, check_version=False)])


# ---- expired items ----------------------------------------------------------------------------


def expired(org_id: str, entity: RetainedEntity, cutoff: datetime, limit: int) -> list[tuple[str, str]]:
    """Keys of up to ``limit`` items whose retention clock started before ``cutoff``, oldest first:
    one Query on the DUE index (its keys: ``ORG#o#RETAIN#<entity>`` / ``<since>...``)."""
    pk, _ = retention_keys(org_id, entity.value, "")
    before = TableItem.DUESK < iso(cutoff)  # noqa: SIM300 (a key condition, not a comparison)
    items = TableItem.query(pk, before, index_name="DUE", limit=limit, page_size=limit)
    return [(str(i.PK), str(i.SK)) for i in items]


def partition(pk: str) -> list[TableItem]:
    """Every item under one partition key (a ticket or a work order with everything it holds)."""
    return list(TableItem.query(pk))


def read(keys: Iterable[tuple[str, str]]) -> list[TableItem]:
    return list(TableItem.batch_get(list(keys)))


def raw(item: TableItem) -> dict[str, Any]:
    """The item as DynamoDB stores it (attribute-value JSON): what an archive line holds."""
    return item.serialize()


def delete(keys: Iterable[tuple[str, str]]) -> int:
    """Delete by key in BatchWriteItem calls of 25 (unprocessed items are retried by PynamoDB)."""
    done = 0
    with TableItem.batch_write() as batch:
        for pk, sk in keys:
            batch.delete(TableItem(PK=pk, SK=sk))
            done += 1
    return done


REWRITE_ATTEMPTS = 10


def write(items: Iterable[TableItem], redo: Callable[[TableItem], TableItem | None]) -> int:
    """Put items back as they are given (anonymised copies). Unversioned ones by BatchWriteItem of
    25; a versioned one (a ticket, a comment, a work order) only if it is still at the version read,
    so a change made meanwhile (a status, an assignee) is never overwritten: the item is read again
    and ``redo`` rewrites that (None: leave it). Returns how many items were written."""
    items = list(items)
    done = 0
    with TableItem.batch_write() as batch:
        for item in items:
            if item.version is None:
                batch.save(item)
                done += 1
    for item in items:
        if item.version is not None:
            done += _write_unchanged(item, redo)
    return done


def _write_unchanged(item: TableItem, redo: Callable[[TableItem], TableItem | None]) -> int:
    current: TableItem | None = item
    for _ in range(REWRITE_ATTEMPTS):
        if current is None:
            return 0
        try:
            current.save()  # conditional on the version read, which it bumps
            return 1
        except PutError as exc:
            if exc.cause_response_code != "ConditionalCheckFailedException":
                raise
        try:
            fresh = TableItem.get(item.PK, item.SK, consistent_read=True)
        except TableItem.DoesNotExist:
            return 0
        current = redo(fresh)
    raise Conflict("The item kept changing while it was rewritten; run again.", code="transaction_conflict")
