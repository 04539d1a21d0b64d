"""Retention policies and the retention sweep.

The sweep (``retention_sweep_job``, daily) goes through every active policy. Per organization and
entity it works in batches of at most ``PAGE`` expired items, found on the DUE index (never a
Scan). A batch is recorded before anything happens (one per organization and entity, so two runs
never take the same items), then:

1. when the policy archives: every item of the batch (a ticket with everything under it) is
   written to the archive bucket as gzipped JSON Lines under ``org/<org>/<entity>/<date>/<batch>``,
   read back and checked (line count and SHA-256) before the batch is marked ``archived``;
2. the items are deleted (attachments' files first), the keys taken from the verified archive;
   or, with ``anonymize_personal_data``, rewritten without personal data (services/anonymize.py)
   and taken out of the retention index (attachments, being files, are deleted);
3. the batch record goes.

A run that dies anywhere leaves the batch record: the next run finishes that batch before it
selects anything new. An unverified archive is rewritten under the same key; a verified one is
never written again. So a crash loses nothing and nothing is archived twice.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import RetentionPolicyCommand
from chalicelib.domain.errors import Conflict, NotFound, require_version
from chalicelib.domain.identity import Principal
from chalicelib.domain.retention import ArchiveBatch, RetainedEntity, RetentionPolicy
from chalicelib.observability import count, logger
from chalicelib.services import anonymize, audit
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import blobs
from chalicelib.store import retention as store
from chalicelib.store.pagination import Page, list_page
from chalicelib.store.table import TableItem

PAGE = 100  # expired items (tickets: whole tickets) per batch
WHOLE_PARTITIONS = frozenset({RetainedEntity.TICKETS, RetainedEntity.WORK_ORDERS})


class ArchiveMismatch(Exception):
    """An archive read back does not match what was written: nothing is deleted."""


# ---- policies ---------------------------------------------------------------------------------


def _entity(name: str) -> RetainedEntity:
    try:
        return RetainedEntity(name)
    except ValueError as exc:
        raise NotFound(f"No retention for {name!r}; entities: {', '.join(e.value for e in RetainedEntity)}.") from exc


def list_policies(
    principal: Principal, limit: int, cursor: str | None
) -> Page[tuple[RetainedEntity, RetentionPolicy | None]]:
    """Every entity type with its policy (None: no policy, data is kept), in a fixed order: one
    Query reads them all, paged like every list."""
    policy.require(principal, "retention.read")
    stored = store.list_policies(principal.org_id)
    order = {entity: f"{i:04d}" for i, entity in enumerate(RetainedEntity)}
    every = [(e, stored.get(e)) for e in RetainedEntity]
    return list_page(
        every,
        lambda pair: order[pair[0]],
        org_id=principal.org_id,
        scope="retention-policies",
        limit=limit,
        cursor=cursor,
    )


def get_policy(principal: Principal, entity: str) -> tuple[RetainedEntity, RetentionPolicy | None]:
    policy.require(principal, "retention.read")
    chosen = _entity(entity)
    return chosen, store.get_policy(principal.org_id, chosen)


@retry_on_conflict
def put_policy(
    principal: Principal, entity: str, command: RetentionPolicyCommand, if_match: int | None
) -> RetentionPolicy:
    policy.require(principal, "retention.write")
    chosen = _entity(entity)
    current = store.get_policy(principal.org_id, chosen)
    version = current.version if current else 0
    require_version("retention policy", version, if_match)
    updated = RetentionPolicy(
        org_id=principal.org_id,
        entity=chosen,
        **command.model_dump(),
        updated_by_id=principal.user_id,
        updated_at=utcnow(),
    )
    details = {"entity": chosen.value, **command.model_dump()}
    if current is not None:
        details["previous"] = current.model_dump(
            include={"retention_period_days", "archive_before_delete", "anonymize_personal_data", "is_active"}
        )
    with audit.recorded(principal, "retention_policy.updated", "retention_policy", chosen.value, details):
        return store.save_policy(updated, version)


# ---- the sweep --------------------------------------------------------------------------------


@dataclass
class SweepReport:
    policies: int = 0
    batches: int = 0
    archived: int = 0
    deleted: int = 0
    files_deleted: int = 0
    anonymized: int = 0
    failures: list[str] = field(default_factory=list)
    finished: bool = True  # False: the time budget ran out with expired items left (the next run goes on)


def sweep(now: datetime, budget_seconds: float = 600.0) -> SweepReport:
    """Apply every active policy as of ``now``, stopping before ``budget_seconds`` run out."""
    deadline = time.monotonic() + budget_seconds
    report = SweepReport()
    for chosen in store.active_policies():
        report.policies += 1
        try:
            _apply(chosen, now, deadline, report)
        except Exception as exc:  # one organization's trouble must not stop the others
            logger.exception("retention batch failed", extra={"org_id": chosen.org_id, "entity": chosen.entity})
            count("RetentionFailures", 1)
            report.failures.append(f"{chosen.org_id}/{chosen.entity.value}: {type(exc).__name__}: {exc}")
        if time.monotonic() > deadline:
            report.finished = False
            break
    count("RetentionItemsArchived", report.archived)
    count("RetentionItemsDeleted", report.deleted)
    return report


def _apply(chosen: RetentionPolicy, now: datetime, deadline: float, report: SweepReport) -> None:
    cutoff = now - timedelta(days=chosen.retention_period_days)
    while True:
        batch = store.pending_batch(chosen.org_id, chosen.entity)
        if batch is None:
            if time.monotonic() > deadline:
                report.finished = False
                return
            units = store.expired(chosen.org_id, chosen.entity, cutoff, PAGE)
            if not units:
                return
            batch = ArchiveBatch(
                id=f"{now.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}",
                org_id=chosen.org_id,
                entity=chosen.entity,
                units=units,
                archive=chosen.archive_before_delete,
                anonymize=chosen.anonymize_personal_data,
                cutoff=cutoff,
                created_at=now,
            )
            batch.archive_key = (
                f"org/{chosen.org_id}/{chosen.entity.value}/{now.date().isoformat()}/{batch.id}.jsonl.gz"
                if batch.archive
                else None
            )
            try:
                store.start_batch(batch)
            except Conflict:
                return  # another run holds this organization's batch
        _complete(batch, report)


def _expand(batch: ArchiveBatch) -> list[TableItem]:
    """The items a batch stands for, as they are now: a ticket or work order is its whole partition."""
    if batch.entity in WHOLE_PARTITIONS:
        items: list[TableItem] = []
        for pk in dict.fromkeys(pk for pk, _ in batch.units):
            items += store.partition(pk)
        return items
    return store.read(batch.units)


def _lines(items: list[TableItem]) -> bytes:
    rows = sorted((store.raw(i) for i in items), key=lambda r: (r["PK"]["S"], r["SK"]["S"]))
    text = "".join(json.dumps(r, sort_keys=True, separators=(",", ":")) + "\n" for r in rows)
    # mtime=0: the same items always give the same bytes, so a rewritten archive is identical.
    return gzip.compress(text.encode(), mtime=0)


def _verify(body: bytes | None, sha256: str, expected: int) -> list[tuple[str, str]]:
    """The keys in an archive, after checking its checksum and line count."""
    if body is None or hashlib.sha256(body).hexdigest() != sha256:
        raise ArchiveMismatch("the archive is missing or its checksum differs")
    rows = [json.loads(line) for line in gzip.decompress(body).decode().splitlines() if line]
    if len(rows) != expected:
        raise ArchiveMismatch(f"the archive holds {len(rows)} items, {expected} were written")
    return [(r["PK"]["S"], r["SK"]["S"]) for r in rows]


def _complete(batch: ArchiveBatch, report: SweepReport) -> None:
    if batch.archive and batch.archive_key and batch.state == "selected":
        items = _expand(batch)
        body = _lines(items)
        digest = hashlib.sha256(body).hexdigest()
        blobs.put_archive(batch.archive_key, body, {"items": str(len(items)), "sha256": digest})
        keys = _verify(blobs.read_archive(batch.archive_key), digest, len(items))
        batch = batch.model_copy(update={"state": "archived", "count": len(items), "sha256": digest})
        store.save_batch(batch)
        report.archived += batch.count
    elif batch.archive and batch.archive_key:
        # Resuming: delete exactly what the verified archive holds.
        keys = _verify(blobs.read_archive(batch.archive_key), batch.sha256 or "", batch.count)
        items = store.read(keys)
    else:
        items = _expand(batch)
        keys = [(str(i.PK), str(i.SK)) for i in items]
    if batch.anonymize:
        _anonymize(batch, items, report)
        store.finish_batch(batch)
        report.batches += 1
        return
    report.files_deleted += anonymize.delete_files(items)
    report.deleted += store.delete(keys)
    store.finish_batch(batch)
    report.batches += 1
    logger.info(
        "retention batch done",
        extra={"org_id": batch.org_id, "entity": batch.entity, "batch": batch.id, "items": len(keys)},
    )


def _anonymize(batch: ArchiveBatch, items: list[TableItem], report: SweepReport) -> None:
    """Rewrite the batch's items without personal data (attachments, which cannot be, are deleted
    with their files); a rewritten item leaves the retention index, so it is done once."""
    key = anonymize.key_for(batch.org_id)
    kept: list[TableItem] = []
    gone: list[TableItem] = []
    for item in items:
        rewritten = anonymize.rewrite(item, key, batch.created_at)
        (kept if rewritten is not None else gone).append(rewritten or item)
    report.files_deleted += anonymize.delete_files(gone)
    report.deleted += store.delete([(str(i.PK), str(i.SK)) for i in gone])
    report.anonymized += store.write(kept, lambda fresh: anonymize.rewrite(fresh, key, batch.created_at))


def report_json(report: SweepReport) -> dict[str, Any]:
    return {
        "policies": report.policies,
        "batches": report.batches,
        "archived": report.archived,
        "deleted": report.deleted,
        "files_deleted": report.files_deleted,
        "anonymized": report.anonymized,
        "failures": report.failures,
        "finished": report.finished,
    }
