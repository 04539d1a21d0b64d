"""Invitations: an admin or manager asks a person by email to join the organization.

Pure: no I/O (``chalicelib.store.invitations`` stores them, ``chalicelib.services.invitations``
is the use case). The mailed link is a single-use link (``domain/links.py``, purpose
``invitation``); the invitation keeps the SHA-256 of its current link only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import Field

from chalicelib.domain.entity import Entity
from chalicelib.domain.identity import Role

# How long an invitation's link stays usable (a resend starts a new period).
INVITATION_VALID = timedelta(days=7)


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    EXPIRED = "expired"


class Invitation(Entity):
    id: str
    org_id: str
    email: str
    role: Role
    department_ids: list[str] = Field(default_factory=list)
    first_name: str = ""
    last_name: str = ""
    invited_by_id: str
    # The user the invitation makes (a new id), or the passwordless customer it lets in.
    user_id: str
    existing_user: bool = False
    link_hash: str  # SHA-256 of the current link's token: a resend replaces it
    sent_at: datetime
    expires_at: datetime
    accepted_at: datetime | None = None
    revoked_at: datetime | None = None
    # Two-factor setup for an organization that requires it: shown by the preview, proven at accept.
    totp_pending_secret: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1

    def status(self, now: datetime) -> InvitationStatus:
        """Accepted and revoked are final; a pending invitation past its expiry is expired."""
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.expires_at <= now:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING
