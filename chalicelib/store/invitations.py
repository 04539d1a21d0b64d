"""Invitation items (rules: ``domain/invitations.py``).

| item | PK | SK | index |
|---|---|---|---|
| invitation | ``ORG#o`` | ``INVITE#<id>`` | GSI1 ``ORG#o#INVITES`` / ``<created_at>#<id>`` |

Listing is one Query on GSI1 (newest first); the status filter is applied to the page as it is
read (``expired`` is computed from ``expires_at``), so a filtered page may read past other items.
Every change is a Put conditional on the version read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Role
from chalicelib.domain.invitations import Invitation, InvitationStatus
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Operation, Put, transact_write


class InvitationItem(TableItem, discriminator="Invitation"):
    org_id = UnicodeAttribute()
    invitation_id = UnicodeAttribute()
    email = UnicodeAttribute()
    role = UnicodeAttribute()
    department_ids = UnicodeAttribute(default="[]")
    first_name = UnicodeAttribute(default="")
    last_name = UnicodeAttribute(default="")
    invited_by_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    existing_user = BooleanAttribute(default=False)
    link_hash = UnicodeAttribute()
    sent_at = UnicodeAttribute()
    invite_expires_at = UnicodeAttribute()
    accepted_at = UnicodeAttribute(null=True)
    revoked_at = UnicodeAttribute(null=True)
    totp_pending_secret = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


def invitation_sk(invitation_id: str) -> str:
    return f"INVITE#{invitation_id}"


def list_pk(org_id: str) -> str:
    return tenant_key(org_id, "INVITES")


def _item(invitation: Invitation) -> InvitationItem:
    return InvitationItem(
        PK=org_pk(invitation.org_id),
        SK=invitation_sk(invitation.id),
        GSI1PK=list_pk(invitation.org_id),
        GSI1SK=f"{iso(invitation.created_at)}#{invitation.id}",
        org_id=invitation.org_id,
        invitation_id=invitation.id,
        email=invitation.email,
        role=invitation.role.value,
        department_ids=json.dumps(invitation.department_ids),
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        invited_by_id=invitation.invited_by_id,
        user_id=invitation.user_id,
        existing_user=invitation.existing_user,
        link_hash=invitation.link_hash,
        sent_at=iso(invitation.sent_at),
        invite_expires_at=iso(invitation.expires_at),
        accepted_at=iso(invitation.accepted_at) if invitation.accepted_at else None,
        revoked_at=iso(invitation.revoked_at) if invitation.revoked_at else None,
        totp_pending_secret=invitation.totp_pending_secret,
        created_at=iso(invitation.created_at),
        updated_at=iso(invitation.updated_at),
    )


def _invitation(item: InvitationItem) -> Invitation:
    return Invitation(
        id=item.invitation_id,
        org_id=item.org_id,
        email=item.email,
        role=Role(item.role),
        department_ids=json.loads(item.department_ids or "[]"),
        first_name=item.first_name or "",
        last_name=item.last_name or "",
        invited_by_id=item.invited_by_id,
        user_id=item.user_id,
        existing_user=bool(item.existing_user),
        link_hash=item.link_hash,
        sent_at=parse_iso(item.sent_at),
        expires_at=parse_iso(item.invite_expires_at),
        accepted_at=parse_iso(item.accepted_at) if item.accepted_at else None,
        revoked_at=parse_iso(item.revoked_at) if item.revoked_at else None,
        totp_pending_secret=item.totp_pending_secret,
        created_at=parse_iso(item.created_at),
        updated_at=parse_iso(item.updated_at),
        version=item.version or 1,
    )


def create_operation(invitation: Invitation) -> Put:
    return Put(_item(invitation), condition=TableItem.PK.does_not_exist())


def save_operation(invitation: Invitation, previous: Invitation) -> Put:
    """Write ``invitation`` if it is still at ``previous.version`` (else 409 ``stale_version``)."""
    item = _item(invitation)
    item.version = previous.version
    return Put(item, on_conflict=Conflict("The invitation was changed by someone else.", code="stale_version"))


def save(invitation: Invitation, previous: Invitation, extra: Sequence[Operation] = ()) -> Invitation:
    """``save_operation`` and ``extra`` in one transaction; the invitation as stored."""
    transact_write([save_operation(invitation, previous), *extra])
    return invitation.model_copy(update={"version": previous.version + 1})


def get(org_id: str, invitation_id: str) -> Invitation | None:
    try:
        return _invitation(InvitationItem.get(org_pk(org_id), invitation_sk(invitation_id), consistent_read=True))
    except InvitationItem.DoesNotExist:
        return None


def list_invitations(
    org_id: str, *, status: InvitationStatus | None, now: datetime, limit: int, cursor: str | None
) -> Page[Invitation]:
    """Newest first, optionally only those with ``status`` at ``now``: one Query on GSI1 (read on
    until the page is full)."""
    page = query_page(
        InvitationItem.gsi1,
        list_pk(org_id),
        org_id=org_id,
        scope=f"invitations:{status.value if status else 'all'}",
        limit=limit,
        cursor=cursor,
        scan_index_forward=False,
        model=InvitationItem,
        keep=(lambda item: _invitation(item).status(now) is status) if status else None,
    )
    return Page([_invitation(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]
