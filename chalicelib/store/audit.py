"""Audit log items: ``ORG#o#AUDIT`` / ``<created>#<id>``, newest last; never updated, never deleted
by the API (only an organization's own offboarding removes them)."""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import JSONAttribute, UnicodeAttribute

from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.clock import iso
from chalicelib.store.keys import tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Put


class AuditItem(TableItem, discriminator="AuditEntry"):
    action = UnicodeAttribute()
    data = JSONAttribute()


def audit_pk(org_id: str) -> str:
    return tenant_key(org_id, "AUDIT")


def entry_put(entry: AuditEntry) -> Put:
    item = AuditItem(
        PK=audit_pk(entry.org_id),
        SK=f"{iso(entry.created_at)}#{entry.id}",
        action=entry.action,
        data=entry.model_dump(mode="json"),
    )
    return Put(item, condition=TableItem.PK.does_not_exist(), check_version=False)


def list_entries(
    org_id: str, *, since: datetime, until: datetime, action: str | None, limit: int, cursor: str | None
) -> Page[AuditEntry]:
    """Newest first, one Query; ``action`` is a filter."""
    page = query_page(
        None,
        audit_pk(org_id),
        org_id=org_id,
        scope=f"audit:{iso(since)}:{iso(until)}:{action}",
        limit=limit,
        cursor=cursor,
        model=AuditItem,
        range_key_condition=AuditItem.SK.between(iso(since), iso(until) + "~"),
        filter_condition=(AuditItem.action == action) if action else None,
        scan_index_forward=False,
    )
    return Page([AuditEntry.model_validate(i.data) for i in page.items], page.next_cursor)  # type: ignore[attr-defined]
