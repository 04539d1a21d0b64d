"""Organization export and offboarding: export the whole tenant, then delete it.

1. ``POST /organization/exports`` starts an export job: every item of the organization, page by
   page, as gzipped JSON Lines parts under ``exports/<org>/tenant/<job>/part-<n>.jsonl.gz``.
2. ``POST /organization/offboarding {export_id}`` (a finished export of the last 7 days) gives a
   confirmation token, valid 15 minutes and once.
3. ``POST /organization/offboarding/confirm {confirmation_token}`` deactivates the organization
   and starts the delete job: every item of the organization and every file under its prefix in
   the attachments and archive buckets, then its slug and support addresses (free to be claimed
   again). A platform record keeps when, who, and where the export is.

``tenant_jobs_job`` (every minute) advances running jobs one Scan page at a time and saves the
position after each page, so a job survives any stop and no run exceeds its time budget. A page
is written (or deleted) before the position moves past it: a repeated page rewrites the same part.
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
from chalicelib.store import blobs
from chalicelib.store import identity as identity_store
from chalicelib.store import support_addresses as support_address_store
from chalicelib.store import tenant_jobs as store
from chalicelib.store.identity import slug_guard_key

PAGE_ITEMS = 1000  # items scanned per page (before the tenant filter)
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
    with audit.recorded(principal, "organization.export_started", "organization", principal.org_id, {"job": job.id}):
        store.save_job(job)
    return job


def get_export(principal: Principal, job_id: str) -> tuple[TenantJob, list[dict[str, Any]]]:
    """The export job and, once done, a download link per part."""
    policy.require(principal, "organization.export")
    job = store.get_job(principal.org_id, job_id) if len(job_id) <= 40 else None
    if job is None or job.kind != "export":
        raise NotFound("Not found.")
    links = (
        [{**p.model_dump(), "url": blobs.presign_archive(p.key, LINK_SECONDS)} for p in job.parts]
        if job.state == "done"
        else []
    )
    return job, links


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
    rows, cursor = store.tenant_page(job.org_id, job.cursor, PAGE_ITEMS)
    now = utcnow()
    if job.kind == "export":
        parts = list(job.parts)
        if rows:
            body = "".join(json.dumps(r, sort_keys=True, separators=(",", ":")) + "\n" for r in rows)
            data = gzip.compress(body.encode(), mtime=0)
            key = f"exports/{job.org_id}/tenant/{job.id}/part-{len(parts) + 1:05d}.jsonl.gz"
            digest = hashlib.sha256(data).hexdigest()
            blobs.put_archive(key, data, {"items": str(len(rows)), "sha256": digest})
            parts.append(ExportPart(key=key, items=len(rows), sha256=digest))
        job = job.model_copy(update={"parts": parts})
    else:
        own = (f"TENANTJOB#{job.id}",)
        keys = [(r["PK"]["S"], r["SK"]["S"]) for r in rows if r["SK"]["S"] not in own]
        raw_mail = [r["key"]["S"] for r in rows if r.get("type", {}).get("S") == "InboundMailObject"]
        if raw_mail:
            blobs.delete_inbound(raw_mail)  # raw messages live outside the organization's prefix
        store.delete_raw(keys)
    job = job.model_copy(
        update={"cursor": cursor, "pages": job.pages + 1, "items": job.items + len(rows), "updated_at": now}
    )
    if cursor is not None:
        store.save_job(job)
        return job
    return _finish(job)


def _finish(job: TenantJob) -> TenantJob:
    now = utcnow()
    done = job.model_copy(update={"state": "done", "finished_at": now, "updated_at": now, "cursor": None})
    if job.kind == "export":
        store.save_job(done)
        count("TenantExports", 1)
        return done
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
