"""Rewrites stored items without personal data (retention with ``anonymize_personal_data``, and
erasure of a person). Works on the items as stored, so every item type is handled in one place."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from chalicelib import config
from chalicelib.domain import anonymize as pseudo
from chalicelib.domain.clock import iso
from chalicelib.domain.tickets import MAX_SUBJECT
from chalicelib.store import blobs
from chalicelib.store.channels import RawMailItem
from chalicelib.store.fieldservice import JobItem, WorkOrderItem
from chalicelib.store.identity import SessionItem
from chalicelib.store.kb import ViewItem
from chalicelib.store.search import SearchDocItem
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import AttachmentItem, CommentItem, HistoryItem, TicketItem

# Ticket fields whose history values are free text (redacted with the text itself).
TEXT_FIELDS = frozenset({"subject", "description", "custom_fields", "satisfaction_comment", "comment", "attachment"})


def key_for(org_id: str) -> bytes:
    """The organization's pseudonym key, derived from the platform secret (never stored)."""
    return hmac.new(config.secret("CURSOR_SECRET"), f"pseudonym:{org_id}".encode(), hashlib.sha256).digest()


def _history(data: dict[str, Any]) -> dict[str, Any]:
    data = {**data, "ip_address": None, "user_agent": None}
    if data.get("field_name") in TEXT_FIELDS:
        data["old_value"] = pseudo.REDACTED if data.get("old_value") else data.get("old_value")
        data["new_value"] = pseudo.REDACTED if data.get("new_value") else data.get("new_value")
    changes = dict(data.get("changes") or {})
    for name in TEXT_FIELDS & set(changes):
        changes[name] = {"old": pseudo.REDACTED, "new": pseudo.REDACTED}
    data["changes"] = changes
    return data


def rewrite(item: TableItem, key: bytes, now: datetime, names: Iterable[str] = ()) -> TableItem | None:
    """The item without personal data, out of the retention index; None when it must be deleted
    instead (attachment files cannot be anonymised). Items without personal data come back as they are."""
    names = list(names)
    if isinstance(item, AttachmentItem | RawMailItem):
        return None
    if isinstance(item, SearchDocItem):
        return None  # copies of the ticket's texts: deleted now, rebuilt by the stream from the anonymised ticket
    if isinstance(item, TicketItem):
        data = dict(item.data)
        # Pseudonyms can be longer than what they replace; the subject keeps its maximum length.
        data["subject"] = pseudo.scrub(key, str(data.get("subject", "")), names)[:MAX_SUBJECT]
        data["description"] = pseudo.REDACTED if data.get("description") else ""
        data["custom_fields"] = {}
        data["satisfaction_comment"] = None
        data["source_message_id"] = None  # Message-IDs can hold a host name or an address
        data["anonymized_at"] = iso(now)
        item.data = data
    elif isinstance(item, CommentItem):
        item.data = {**item.data, "content": pseudo.REDACTED}
    elif isinstance(item, HistoryItem):
        item.data = _history(dict(item.data))
    elif isinstance(item, ViewItem):
        item.data = {**item.data, "ip_address": None, "user_agent": None}
    elif isinstance(item, SessionItem):
        item.ip_address = None
        item.user_agent = None
    elif isinstance(item, WorkOrderItem):
        data = dict(item.data)
        location = data.get("location") or None
        data["location"] = {"postal_code": location.get("postal_code")} if location else None
        data["description"] = pseudo.REDACTED if data.get("description") else ""
        data["title"] = pseudo.scrub(key, str(data.get("title", "")), names)
        data["custom_fields"] = {}
        data["anonymized_at"] = iso(now)
        item.data = data
    elif isinstance(item, JobItem):
        item.data = {**item.data, "notes": pseudo.REDACTED if item.data.get("notes") else ""}
    item.DUEPK = None
    item.DUESK = None
    return item


def delete_files(items: Iterable[TableItem]) -> int:
    """Delete the S3 objects behind ``items`` (attachment files, raw inbound mail); returns how many."""
    attachments, raw = [], []
    for item in items:
        if isinstance(item, AttachmentItem):
            attachments.append(str(item.data["file_path"]))
        elif isinstance(item, RawMailItem):
            raw.append(str(item.key))
    if attachments:
        blobs.delete_attachments(attachments)
    if raw:
        blobs.delete_inbound(raw)
    return len(attachments) + len(raw)
