"""A person's data: export everything held about them, or erase them across the organization.

Export (``POST /users/{id}/export``): profile, permissions, customer and technician records, the
tickets they requested (deleted ones too) with comments and the attachment list, their work
orders, sessions and knowledge base views, as one JSON document in the archive bucket under
``exports/<org>/<user>/``, returned as a presigned link (1 hour; the bucket drops exports after
7 days).

Erasure (``POST /users/{id}/anonymize``): the same data is rewritten without personal data
(``services/anonymize.py``: their names and addresses become stable pseudonyms wherever they
appear in subjects and titles, bodies are redacted, attachments and their files deleted),
their sessions and exports deleted, and finally the user record itself pseudonymised and
deactivated. The user record goes last, so an erasure that stops half way is simply run again.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import anonymize as pseudo
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Principal, Role
from chalicelib.services import anonymize, audit, tickets, users
from chalicelib.store import blobs
from chalicelib.store import customers as customer_store
from chalicelib.store import fieldservice as field_store
from chalicelib.store import identity as identity_store
from chalicelib.store import kb as kb_store
from chalicelib.store import retention as retention_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.table import TableItem

LINK_SECONDS = 3600
SECRET_FIELDS = {"password_hash", "totp_secret", "totp_pending_secret", "pending_email_hash"}


def _export_prefix(org_id: str, user_id: str) -> str:
    return f"exports/{org_id}/{user_id}/"


def _tickets(org_id: str, user_id: str, public_only: bool, shown: frozenset[str] | None) -> list[dict[str, Any]]:
    """The person's tickets; ``public_only`` (a customer's own export): public comments and
    attachments, and only the custom fields in ``shown`` (the customer-visible ones)."""
    found = []
    for number in ticket_store.requested_by(org_id, user_id):
        ticket, comments, attachments = ticket_store.get_ticket_with_comments(
            org_id, number, public_only=public_only, limit=None
        )
        if ticket is None:
            continue
        data = ticket.model_dump(mode="json", exclude={"automation", "sla_fired", "version"})
        if shown is not None:
            data["custom_fields"] = {k: v for k, v in data["custom_fields"].items() if k in shown}
            data["follower_ids"] = []  # staff information, as in every ticket a customer reads
        found.append(
            {
                **data,
                "comments": [c.model_dump(mode="json") for c in comments.items],
                "attachments": [a.model_dump(mode="json") for a in attachments if not public_only or a.is_public],
            }
        )
    return found


def _work_orders(org_id: str, user_id: str) -> list[dict[str, Any]]:
    found = []
    for number in field_store.ordered_for(org_id, user_id):
        order, jobs = field_store.get_work_order(org_id, number)
        if order is not None:
            data = order.model_dump(mode="json", exclude={"version", "assigned_user_ids"})
            found.append({**data, "assignments": [j.model_dump(mode="json", exclude={"notes"}) for j in jobs]})
    return found


def export_user(principal: Principal, user_id: str) -> dict[str, Any]:
    """Everything held about a person, as a JSON document behind a presigned link."""
    user = users.load(principal, user_id, "users.export", include_deleted=True)
    org_id = principal.org_id
    now = utcnow()
    customer_id = customer_store.customer_id_for_user(org_id, user.id)
    customer = customer_store.get_customer(org_id, customer_id) if customer_id else None
    technician_id = field_store.technician_id_for_user(org_id, user.id)
    technician = field_store.get_technician(org_id, technician_id) if technician_id else None
    document: dict[str, Any] = {
        "exported_at": iso(now),
        "organization_id": org_id,
        "profile": user.model_dump(mode="json", exclude=SECRET_FIELDS),
        "permissions": [g.model_dump(mode="json") for g in identity_store.list_grants(org_id, user.id)],
        "customer_record": customer.model_dump(mode="json") if customer else None,
        "technician": technician.model_dump(mode="json") if technician else None,
        "tickets": _tickets(
            org_id,
            user.id,
            public_only=principal.role is Role.CUSTOMER,
            shown=tickets.visible_custom_fields(principal),
        ),
        "work_orders": _work_orders(org_id, user.id),
        "sessions": [
            identity_store.to_session(i).model_dump(mode="json", exclude={"id"})
            for i in identity_store.session_items(org_id, user.id)
        ],
        "kb_views": [dict(v.data) for v in kb_store.views_of_user(org_id, user.id)],
    }
    key = f"{_export_prefix(org_id, user.id)}{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}.json"
    counts = {name: len(document[name]) for name in ("tickets", "work_orders", "sessions", "kb_views", "permissions")}
    with audit.recorded(principal, "user.exported", "user", user.id, {"key": key, "counts": counts}):
        blobs.put_export(key, json.dumps(document, indent=2, sort_keys=True, default=str).encode())
    return {
        "key": key,
        "url": blobs.presign_archive(key, LINK_SECONDS),
        "expires_at": now + timedelta(seconds=LINK_SECONDS),
        "counts": counts,
    }


def _rewrite_all(items: list[TableItem], key: bytes, now: datetime, names: list[str]) -> tuple[int, int, int]:
    """Rewrite ``items`` without personal data; returns (rewritten, deleted, files deleted)."""
    kept: list[TableItem] = []
    gone: list[TableItem] = []
    for item in items:
        rewritten = anonymize.rewrite(item, key, now, names)
        (kept if rewritten is not None else gone).append(rewritten or item)
    files = anonymize.delete_files(gone)
    deleted = retention_store.delete([(str(i.PK), str(i.SK)) for i in gone])
    return retention_store.write(kept, lambda fresh: anonymize.rewrite(fresh, key, now, names)), deleted, files


def anonymize_user(principal: Principal, user_id: str) -> dict[str, Any]:
    """Erase a person across the organization (see the module docstring). Returns what was done."""
    user = users.load(principal, user_id, "users.anonymize", include_deleted=True)
    if user.id == principal.user_id:
        raise Forbidden("You cannot erase yourself; another admin can.", code="self_anonymize")
    org_id, now = principal.org_id, utcnow()
    key = anonymize.key_for(org_id)
    names = [user.email, user.username, f"{user.first_name} {user.last_name}", user.first_name, user.last_name]
    names = [n for n in names if n and not n.startswith("Person ")]
    done = {"tickets": 0, "work_orders": 0, "items_rewritten": 0, "items_deleted": 0, "files_deleted": 0}
    for number in ticket_store.requested_by(org_id, user.id):
        rewritten, deleted, files = _rewrite_all(
            retention_store.partition(ticket_store.ticket_pk(org_id, number)), key, now, names
        )
        done["tickets"] += 1
        done["items_rewritten"] += rewritten
        done["items_deleted"] += deleted
        done["files_deleted"] += files
    for number in field_store.ordered_for(org_id, user.id):
        rewritten, deleted, _ = _rewrite_all(
            retention_store.partition(field_store.work_order_pk(org_id, number)), key, now, names
        )
        done["work_orders"] += 1
        done["items_rewritten"] += rewritten
    views = kb_store.views_of_user(org_id, user.id)
    done["items_rewritten"] += _rewrite_all(list(views), key, now, names)[0]
    sessions = identity_store.session_items(org_id, user.id)
    done["items_deleted"] += retention_store.delete([(str(s.PK), str(s.SK)) for s in sessions])
    done["exports_deleted"] = blobs.delete_prefix("archive", _export_prefix(org_id, user.id))
    customer_id = customer_store.customer_id_for_user(org_id, user.id)
    customer = customer_store.get_customer(org_id, customer_id) if customer_id else None
    if customer is not None and customer.phone:
        customer_store.save_customer(customer.model_copy(update={"phone": None, "updated_at": now}), customer)
    alias = pseudo.tag(key, "user", user.id)
    erased = user.model_copy(
        update={
            "email": pseudo.email(key, user.email),
            "username": f"person-{alias}",
            "first_name": "Person",
            "last_name": alias[:6],
            "phone": None,
            "password_hash": "",
            "totp_secret": None,
            "totp_pending_secret": None,
            "pending_email": None,
            "pending_email_expires_at": None,
            "pending_email_hash": None,
            "two_factor_enabled": False,
            "is_active": False,
            "deleted_at": user.deleted_at or now,
            "session_epoch": user.session_epoch + 1,
            "updated_at": now,
        }
    )
    with audit.recorded(principal, "user.anonymized", "user", user.id, dict(done)):
        identity_store.save_user(erased, user)
    return done
