"""Whole-tenant jobs (export, offboarding deletion), the export lock and the one sanctioned Scan.

| item | PK | SK | indexes |
|---|---|---|---|
| job | ``ORG#o`` | ``TENANTJOB#<id>`` | GSI2 ``PLATFORM#TENANTJOBS`` / ``<o>#<id>`` while running |
| offboarding confirmation | ``ORG#o`` | ``OFFBOARDCONFIRM`` | | token hash, export id; TTL 15 minutes |
| offboarded record | ``PLATFORM#OFFBOARDED#<o>`` | ``RECORD`` | | when, by whom, the export's parts, how many items |

| export lock | ``ORG#o`` | ``EXPORTRUNNING`` | | the running export's id: one export at a time per organization |

An export reads the tenant's partitions by key (``store/tenant_export.py``). The offboarding
deletion must leave nothing behind, including partitions whose keys are hashes nothing lists
(Message-ID guards, mail-rate counters, webhook guards); so it reads the table with a Scan
filtered on the tenant's key prefix, one page per step, resumable from the saved
``LastEvaluatedKey``. It is the only Scan in the code base (``metering.sanctioned_scan``);
request paths and exports never scan.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pynamodb.attributes import JSONAttribute, UnicodeAttribute

from chalicelib.domain.errors import Conflict
from chalicelib.domain.retention import TenantJob
from chalicelib.store import metering
from chalicelib.store.keys import org_pk, platform_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Delete, Operation, Put, transact_write

RUNNING = platform_key("TENANTJOBS")
CONFIRM_SK = "OFFBOARDCONFIRM"


class TenantJobItem(TableItem, discriminator="TenantJob"):
    data = JSONAttribute()


class OffboardingConfirmationItem(TableItem, discriminator="OffboardingConfirmation"):
    token_hash = UnicodeAttribute()
    export_id = UnicodeAttribute()
    requested_by_id = UnicodeAttribute()


class OffboardedItem(TableItem, discriminator="OffboardedOrganization"):
    data = JSONAttribute()


class ExportLockItem(TableItem, discriminator="ExportRunning"):
    """Held by the organization's running export from its start to its last part."""

    job_id = UnicodeAttribute()


EXPORT_LOCK_SK = "EXPORTRUNNING"


def export_lock(org_id: str, job_id: str) -> Put:
    """Taken in the export's starting transaction: a second export meanwhile is 409 ``export_running``."""
    return Put(
        ExportLockItem(PK=org_pk(org_id), SK=EXPORT_LOCK_SK, job_id=job_id),
        condition=TableItem.PK.does_not_exist(),
        on_conflict=Conflict("An export of the organization is already running.", code="export_running"),
        check_version=False,
    )


def running_export(org_id: str) -> str | None:
    try:
        return str(ExportLockItem.get(org_pk(org_id), EXPORT_LOCK_SK, consistent_read=True).job_id)
    except ExportLockItem.DoesNotExist:
        return None


def release_export_lock(org_id: str, job_id: str) -> Delete:
    """Released with the export's last write (a job started before the lock existed holds none)."""
    item = ExportLockItem(PK=org_pk(org_id), SK=EXPORT_LOCK_SK)
    return Delete(
        item,
        condition=ExportLockItem.PK.does_not_exist() | (ExportLockItem.job_id == job_id),
        check_version=False,
    )


def _job_item(job: TenantJob) -> TenantJobItem:
    item = TenantJobItem(PK=org_pk(job.org_id), SK=f"TENANTJOB#{job.id}", data=job.model_dump(mode="json"))
    if job.state == "running":
        item.GSI2PK, item.GSI2SK = RUNNING, f"{job.org_id}#{job.id}"
    return item


def job_put(job: TenantJob) -> Put:
    return Put(_job_item(job), check_version=False)


def save_job(job: TenantJob, extra: Iterable[Operation] = ()) -> None:
    transact_write([job_put(job), *extra])


def get_job(org_id: str, job_id: str) -> TenantJob | None:
    try:
        item = TenantJobItem.get(org_pk(org_id), f"TENANTJOB#{job_id}", consistent_read=True)
    except TenantJobItem.DoesNotExist:
        return None
    return TenantJob.model_validate(item.data)


def running_jobs() -> list[TenantJob]:
    items = TenantJobItem.query(RUNNING, index_name="GSI2")
    return [TenantJob.model_validate(i.data) for i in items if isinstance(i, TenantJobItem)]


def put_confirmation(org_id: str, token_hash: str, export_id: str, requested_by_id: str, expires: datetime) -> None:
    item = OffboardingConfirmationItem(
        PK=org_pk(org_id),
        SK=CONFIRM_SK,
        token_hash=token_hash,
        export_id=export_id,
        requested_by_id=requested_by_id,
        expires_at=expires,
    )
    transact_write([Put(item, check_version=False)])


def get_confirmation(org_id: str) -> OffboardingConfirmationItem | None:
    try:
        return OffboardingConfirmationItem.get(org_pk(org_id), CONFIRM_SK, consistent_read=True)
    except OffboardingConfirmationItem.DoesNotExist:
        return None


def use_confirmation(org_id: str, token_hash: str) -> Delete:
    """Deleting the confirmation, only if it still holds this token: a token works once."""
    item = OffboardingConfirmationItem(PK=org_pk(org_id), SK=CONFIRM_SK)
    used = Conflict("The confirmation token was used or replaced.", code="invalid_confirmation")
    return Delete(
        item, condition=OffboardingConfirmationItem.token_hash == token_hash, on_conflict=used, check_version=False
    )


def tenant_page(
    org_id: str, cursor: dict[str, Any] | None, page_items: int
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """One page of the whole-table Scan, keeping the tenant's items (attribute-value JSON): the
    tenant's partitions all start with ``ORG#<org_id>`` (ids have a fixed length). Offboarding only."""
    with metering.sanctioned_scan():
        # Some tenant partitions are keyed by hashes nothing lists, so only a full read (a page
        # per step, resumable) guarantees the deletion leaves nothing behind.
        # allow-scan: the background offboarding deletion (tenant_jobs_job), never a request path.
        data = TableItem._get_connection().scan(
            filter_condition=TableItem.PK.startswith(org_pk(org_id)),
            limit=page_items,
            exclusive_start_key=cursor,  # type: ignore[arg-type]  # (PynamoDB: the raw key map)
        )
    return list(data.get("Items", [])), data.get("LastEvaluatedKey")


def delete_raw(keys: Iterable[tuple[str, str]]) -> int:
    done = 0
    with TableItem.batch_write() as batch:
        for pk, sk in keys:
            batch.delete(TableItem(PK=pk, SK=sk))
            done += 1
    return done


def offboarded_put(org_id: str, record: dict[str, Any]) -> Put:
    return Put(OffboardedItem(PK=platform_key("OFFBOARDED", org_id), SK="RECORD", data=record), check_version=False)


def finish_delete(job: TenantJob, record: Put) -> None:
    """The offboarding's last write: its own job item goes, the platform record stays."""
    item = TenantJobItem(PK=org_pk(job.org_id), SK=f"TENANTJOB#{job.id}")
    transact_write([Delete(item, check_version=False), record])


def deleting(org_id: str) -> bool:
    """Whether the organization is being offboarded (a running delete job)."""
    items = TenantJobItem.query(org_pk(org_id), TenantJobItem.SK.startswith("TENANTJOB#"), consistent_read=True)
    return any(
        isinstance(i, TenantJobItem) and i.data.get("kind") == "delete" and i.data.get("state") == "running"
        for i in items
    )
