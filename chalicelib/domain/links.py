"""Single-use links mailed to people: invitations, password resets, sign-in links, verifications.

A link token is ``dl_<org_id>_<43 url-safe chars>`` (256 random bits). Only its SHA-256 is stored,
under the organization's key, with the purpose it was made for, the person it is for and when it
expires. Using it is one conditional write (unused, unrevoked, unexpired); the record stays until it
expires, so a second use is told apart from a link that never existed.

| what the caller sent | answer |
|---|---|
| not a link token, unknown, made for another purpose or organization | 400 ``invalid_link`` |
| already used | 410 ``link_used`` |
| past its expiry | 410 ``link_expired`` |
| revoked (a newer link replaced it, an invitation was withdrawn) | 410 ``link_revoked`` |

Pure: no I/O (``chalicelib.store.links`` stores them, ``chalicelib.services.links`` is the API).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from chalicelib.domain.base import Model
from chalicelib.domain.errors import DesklessError, Gone, Invalid

PREFIX = "dl_"
_TOKEN = re.compile(r"^dl_([A-Za-z0-9]{6,40})_([A-Za-z0-9_-]{43})$")


class Purpose(StrEnum):
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"  # noqa: S105 (a purpose, not a password)
    SIGN_IN = "sign_in"  # a customer's passwordless sign-in link
    VERIFY_EMAIL = "verify_email"  # a self-registration's verification
    TICKET = "ticket"  # "view your request": a session for one ticket
    CSAT = "csat"  # rate a solved ticket without signing in


class Link(Model):
    """A stored link (its hash, never the token)."""

    org_id: str
    hash: str
    purpose: Purpose
    user_id: str  # whom it was mailed to
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None
    data: dict[str, Any] = Field(default_factory=dict)  # what the purpose needs (a ticket number, an invitation id)


def new_token(org_id: str) -> str:
    return f"{PREFIX}{org_id}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invalid_link() -> Invalid:
    return Invalid(
        "This link is not valid. Ask for a new one.",
        code="invalid_link",
        details=[{"field": "token", "message": "not a link of this kind", "type": "invalid_link"}],
    )


def parse(token: str) -> tuple[str, str]:
    """``(org_id, hash)`` of a well-formed token; ``invalid_link`` for anything else."""
    match = _TOKEN.match(token.strip()) if isinstance(token, str) else None
    if match is None:
        raise invalid_link()
    return match.group(1), token_hash(token.strip())


def refusal(link: Link | None, purpose: Purpose, org_id: str, now: datetime) -> DesklessError | None:
    """Why ``link`` cannot be used for ``purpose`` in ``org_id`` now, or None when it can."""
    if link is None or link.purpose is not purpose or link.org_id != org_id:
        return invalid_link()
    if link.revoked_at is not None:
        return Gone("This link was withdrawn or replaced by a newer one.", code="link_revoked")
    if link.used_at is not None:
        return Gone("This link was already used. Ask for a new one.", code="link_used")
    if link.expires_at <= now:
        return Gone("This link has expired. Ask for a new one.", code="link_expired")
    return None
