"""Data retention: per organization and entity type, how long data is kept and what happens then.

What each entity's clock starts from (``retain_from``):
- tickets: when closed (or deleted: a deleted ticket stays restorable until then); the ticket goes
  with everything under it (comments, attachments and their files, history, events);
- comments, attachments, history, kb_views, sessions: when created;
- work_orders: when completed or cancelled (with their assignments).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from chalicelib.domain.base import Model
from chalicelib.domain.entity import Entity


class RetainedEntity(StrEnum):
    TICKETS = "tickets"
    COMMENTS = "comments"
    ATTACHMENTS = "attachments"
    HISTORY = "history"
    KB_VIEWS = "kb_views"
    SESSIONS = "sessions"
    WORK_ORDERS = "work_orders"


class RetentionPolicy(Entity):
    org_id: str
    entity: RetainedEntity
    retention_period_days: int = Field(ge=1, le=36_500)
    archive_before_delete: bool = True
    anonymize_personal_data: bool = False
    is_active: bool = True
    updated_by_id: str | None = None
    updated_at: datetime | None = None
    version: int = 0  # 0: never stored (the default: keep forever)


class ArchiveBatch(Entity):
    """One page of expired items being archived and removed; at most one per organization and
    entity at a time, so a run that died is resumed, never repeated."""

    id: str
    org_id: str
    entity: RetainedEntity
    units: list[tuple[str, str]]  # the expired items' keys (a ticket stands for its whole partition)
    archive: bool
    anonymize: bool = False  # rewrite without personal data instead of deleting
    archive_key: str | None = None
    state: str = "selected"  # selected -> archived (written and verified) -> removed
    count: int = 0
    sha256: str | None = None
    cutoff: datetime
    created_at: datetime


class ExportPart(Model):
    key: str
    items: int
    sha256: str


class TenantJob(Entity):
    """A whole-tenant job run in resumable pages by ``tenant_jobs_job``: ``export`` writes the
    organization's items (secrets taken out) to the archive bucket; ``delete`` (offboarding)
    removes them all."""

    id: str
    org_id: str
    kind: str  # export | delete | search_reindex
    state: str = "running"  # running -> done
    requested_by_id: str
    cursor: dict[str, Any] | None = None  # delete: the Scan's LastEvaluatedKey, where the next page starts
    # export: where the next part starts (store/tenant_export.py); search_reindex: {"cursor": tickets page}
    position: dict[str, Any] | None = None
    counts: dict[str, int] = Field(default_factory=dict)  # export: items per type so far
    manifest_key: str | None = None  # export: what it holds, what it redacted and what it left out
    pages: int = 0
    items: int = 0
    parts: list[ExportPart] = Field(default_factory=list)
    export_id: str | None = None  # delete: the export made before it
    slug: str | None = None  # delete: the platform names released at the end
    addresses: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
