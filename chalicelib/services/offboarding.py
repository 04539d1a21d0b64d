"""Organization export and offboarding: export the whole tenant, then delete it.

1. ``POST /organization/exports`` starts an export job (one at a time per organization: 409
   ``export_running``): the organization's items, read partition by partition by key
   (``store/tenant_export.py``: the cost follows the organization's own data, never the table's),
   secrets taken out, as gzipped JSON Lines parts under ``exports/<org>/tenant/<job>/part-<n>.jsonl.gz``
   and a ``manifest.json`` beside them saying what was redacted and what was left out.
2. ``POST /organization/offboarding {export_id}`` (a finished export of the last 7 days) gives a
   confirmation token, valid 15 minutes and once.
3. ``POST /organization/offboarding/confirm {confirmation_token}`` deactivates the organization
   and starts the delete job: every item of the organization and every file under its prefix in
   the attachments and archive buckets, then its slug and support addresses (free to be claimed
   again). A platform record keeps when, who, and where the export is.

``tenant_jobs_job`` (every minute) advances running jobs a page at a time (an export's part; a
deletion's Scan page) and saves the position after each page, so a job survives any stop and no
run exceeds its time budget. A page is written (or deleted) before the position moves past it: a
repeated page rewrites the same part.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import secrets
import time
from datetime import timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.identity import Principal
from chalicelib.domain.retention import ExportPart, TenantJob
from chalicelib.observability import count, logger
from chalicelib.services import audit
from chalicelib.store import blobs, sso_secrets, tenant_export
from chalicelib.store import identity as identity_store
from chalicelib.store import support_addresses as support_address_store
from chalicelib.store import tenant_jobs as store
from chalicelib.store.identity import slug_guard_key

PAGE_ITEMS = 1000  # items per export part; items scanned per deletion page (before the tenant filter)
EXPORT_VALID = timedelta(days=7)
CONFIRMATION_VALID = timedelta(minutes=15)
LINK_SECONDS = 3600


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_export(principal: Principal) -> TenantJob:
    policy.require(principal, "organization.export")
    now = utcnow()
    job = TenantJob(
        id=f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}",
        org_id=principal.org_id,
        kind="export",
        requested_by_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    try:
        with audit.recorded(
            principal, "organization.export_started", "organization", principal.org_id, {"job": job.id}
        ):
            store.save_job(job, [store.export_lock(principal.org_id, job.id)])
    except Conflict as exc:
        if exc.code != "export_running":
            raise
        running = store.running_export(principal.org_id)
        raise Conflict(
            "An export of the organization is already running; wait for it to finish.",
            code="export_running",
            details=[{"export_id": running}] if running else [],
        ) from exc
    return job


def get_export(principal: Principal, job_id: str) -> tuple[TenantJob, list[dict[str, Any]], dict[str, Any] | None]:
    """The export job and, once done, a download link per part and for the manifest."""
    policy.require(principal, "organization.export")
    job = store.get_job(principal.org_id, job_id) if len(job_id) <= 40 else None
    if job is None or job.kind != "export":
        raise NotFound("Not found.")
    if job.state != "done":
        return job, [], None
    links = [{**p.model_dump(), "url": blobs.presign_archive(p.key, LINK_SECONDS)} for p in job.parts]
    manifest = (
        {"key": job.manifest_key, "url": blobs.presign_archive(job.manifest_key, LINK_SECONDS)}
        if job.manifest_key
        else None
    )
    return job, links, manifest


def request_offboarding(principal: Principal, export_id: str) -> tuple[str, Any]:
    """A one-time confirmation token for deleting the organization, after a recent finished export."""
    policy.require(principal, "organization.delete")
    job = store.get_job(principal.org_id, export_id) if len(export_id) <= 40 else None
    now = utcnow()
    if job is None or job.kind != "export" or job.state != "done" or job.finished_at is None:
        raise Conflict("Export the organization first and wait for the export to finish.", code="export_required")
    if now - job.finished_at > EXPORT_VALID:
        raise Conflict("The export is older than 7 days; export again.", code="export_too_old")
    token = "offboard_" + secrets.token_urlsafe(24)
    expires = now + CONFIRMATION_VALID
    store.put_confirmation(principal.org_id, _hash(token), export_id, principal.user_id, expires)
    return token, expires


def confirm_offboarding(principal: Principal, token: str) -> TenantJob:
    """Deactivate the organization and start deleting everything it holds."""
    policy.require(principal, "organization.delete")
    confirmation = store.get_confirmation(principal.org_id)
    now = utcnow()
    if (
        confirmation is None
        or not secrets.compare_digest(str(confirmation.token_hash), _hash(token))
        or confirmation.expires_at is None
        or confirmation.expires_at <= now
    ):
        raise Forbidden("The confirmation token is wrong or has expired.", code="invalid_confirmation")
    org = identity_store.get_organization(principal.org_id)
    if org is None:
        raise NotFound("Not found.")
    job = TenantJob(
        id=f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}",
        org_id=org.id,
        kind="delete",
        requested_by_id=principal.user_id,
        export_id=str(confirmation.export_id),
        slug=org.slug,
        addresses=list(org.settings.support_email_addresses),
        created_at=now,
        updated_at=now,
    )
    details = {"job": job.id, "export": job.export_id}
    with audit.recorded(principal, "organization.offboarding_started", "organization", org.id, details):
        store.save_job(job, [store.use_confirmation(org.id, _hash(token))])
    deactivated = org.model_copy(update={"is_active": False, "deleted_at": org.deleted_at or now, "updated_at": now})
    identity_store.save_organization(deactivated)
    return job


# ---- the runner -------------------------------------------------------------------------------


def advance(budget_seconds: float) -> dict[str, int]:
    """Move every running job on, a page at a time, until done or out of time."""
    deadline = time.monotonic() + budget_seconds
    report = {"jobs": 0, "pages": 0, "finished": 0, "failures": 0}
    for job in store.running_jobs():
        report["jobs"] += 1
        try:
            while job.state == "running" and time.monotonic() < deadline:
                job = _step(job)
                report["pages"] += 1
        except Exception:  # one tenant's trouble must not stop the others; its job resumes next run
            logger.exception("tenant job failed", extra={"org_id": job.org_id, "job": job.id, "kind": job.kind})
            count("TenantJobFailures", 1)
            report["failures"] += 1
            continue
        if job.state == "done":
            report["finished"] += 1
    return report


def _step(job: TenantJob) -> TenantJob:
    """One page: export it (a part) or delete it, then save the position; the last page finishes."""
    if job.kind == "export":
        return _export_step(job)
    if job.kind == "search_reindex":
        from chalicelib.services import search

        return search.reindex_job_step(job)
    rows, cursor = store.tenant_page(job.org_id, job.cursor, PAGE_ITEMS)
    own = (f"TENANTJOB#{job.id}",)
    keys = [(r["PK"]["S"], r["SK"]["S"]) for r in rows if r["SK"]["S"] not in own]
    raw_mail = [r["key"]["S"] for r in rows if r.get("type", {}).get("S") == "InboundMailObject"]
    if raw_mail:
        blobs.delete_inbound(raw_mail)  # raw messages live outside the organization's prefix
    for row in rows:
        if row.get("type", {}).get("S") == "SsoConfig":
            sso_secrets.delete_secret(job.org_id, row["secret_id"]["S"])  # the SSO client secret lives in SSM
    store.delete_raw(keys)
    job = job.model_copy(
        update={"cursor": cursor, "pages": job.pages + 1, "items": job.items + len(rows), "updated_at": utcnow()}
    )
    if cursor is not None:
        store.save_job(job)
        return job
    return _finish_delete(job)


def _export_step(job: TenantJob) -> TenantJob:
    """The next part of an export: its rows read by key, secrets out; the last step writes the manifest."""
    if job.position is None and job.parts:
        job = job.model_copy(update={"parts": [], "items": 0, "pages": 0, "counts": {}})  # a job of the Scan era
    rows, position = tenant_export.export_page(
        job.org_id, job.id, job.position or tenant_export.start_position(), PAGE_ITEMS
    )
    parts, counts = list(job.parts), dict(job.counts)
    if rows:
        body = "".join(json.dumps(r, sort_keys=True, separators=(",", ":")) + "\n" for r in rows)
        data = gzip.compress(body.encode(), mtime=0)
        key = f"{_export_prefix(job)}part-{len(parts) + 1:05d}.jsonl.gz"
        digest = hashlib.sha256(data).hexdigest()
        blobs.put_archive(key, data, {"items": str(len(rows)), "sha256": digest})
        parts.append(ExportPart(key=key, items=len(rows), sha256=digest))
        for row in rows:
            kind = str(row.get("type", {}).get("S", "?"))
            counts[kind] = counts.get(kind, 0) + 1
    job = job.model_copy(
        update={
            "position": position,
            "parts": parts,
            "counts": counts,
            "pages": job.pages + 1,
            "items": job.items + len(rows),
            "updated_at": utcnow(),
        }
    )
    if position is not None:
        store.save_job(job)
        return job
    return _finish_export(job)


def _export_prefix(job: TenantJob) -> str:
    return f"exports/{job.org_id}/tenant/{job.id}/"


def _finish_export(job: TenantJob) -> TenantJob:
    """The manifest beside the parts, then the job done and the lock released in one transaction."""
    now = utcnow()
    key = f"{_export_prefix(job)}manifest.json"
    manifest = {
        "organization_id": job.org_id,
        "export_id": job.id,
        "requested_by_id": job.requested_by_id,
        "created_at": iso(job.created_at),
        "finished_at": iso(now),
        "format": "gzipped JSON Lines: one DynamoDB item per line, in attribute-value JSON",
        "items": job.items,
        "items_by_type": dict(sorted(job.counts.items())),
        "parts": [p.model_dump() for p in job.parts],
        "redacted": tenant_export.REDACTED,
        "left_out": tenant_export.LEFT_OUT,
        "files": "attachment files and raw messages stay in their buckets; their items name their keys",
    }
    blobs.put_archive(key, json.dumps(manifest, indent=2).encode(), {"items": str(job.items)}, "application/json")
    done = job.model_copy(
        update={"state": "done", "finished_at": now, "updated_at": now, "position": None, "manifest_key": key}
    )
    store.save_job(done, [store.release_export_lock(job.org_id, job.id)])
    count("TenantExports", 1)
    return done


def _finish_delete(job: TenantJob) -> TenantJob:
    now = utcnow()
    done = job.model_copy(update={"state": "done", "finished_at": now, "updated_at": now, "cursor": None})
    prefix = f"org/{job.org_id}/"
    files = blobs.delete_prefix("attachments", prefix) + blobs.delete_prefix("archive", prefix)
    store.delete_raw([slug_guard_key(job.slug)] if job.slug else [])
    # Only the routing guards this organization holds: a pending address may be verified elsewhere.
    support_address_store.release_guards(job.org_id, job.addresses)
    record = {
        "org_id": job.org_id,
        "slug": job.slug,
        "requested_by_id": job.requested_by_id,
        "export_id": job.export_id,
        "export_prefix": f"exports/{job.org_id}/tenant/{job.export_id}/",
        "items_deleted": job.items,
        "files_deleted": files,
        "finished_at": iso(now),
    }
    # The job's own item goes last, with the record that outlives the organization.
    store.finish_delete(done, store.offboarded_put(job.org_id, record))
    logger.info("organization offboarded", extra=record)
    count("OrganizationsOffboarded", 1)
    return done
