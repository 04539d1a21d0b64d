"""Changing a user's email address: it takes effect only once the NEW address confirms it.

``PATCH /users/{id}`` with ``email`` (the user themselves, or an admin or manager for someone
they manage: the same rule for both, so nobody can redirect another person's mail to an address
they hold without that address answering) does not change the address. It records it as
``pending_email`` with the SHA-256 of a single-use token valid 24 hours, mails the token to the
new address and tells the old one. Until ``POST /auth/email/confirm {token}``, login, inbound mail
and notifications keep using the old address: the ``EMAIL#`` and look-alike guards do not move.
Confirming moves them in one transaction conditional on the user's version (409 ``email_taken``
when someone took the address meanwhile); a newer request replaces the token; nothing is stored
but the hash.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.clock import utcnow
from chalicelib.domain.confusables import confusable_email, refuse_mixed_scripts
from chalicelib.domain.errors import Conflict, RuleViolation, Unavailable
from chalicelib.domain.identity import Organization, Principal, User
from chalicelib.services import audit
from chalicelib.services.identity import normalise_email
from chalicelib.store import identity as store

CONFIRMATION_VALID = timedelta(hours=24)
CONFIRM_ROUTE = "POST /auth/email/confirm"
_TOKEN = re.compile(r"^ec_([A-Za-z0-9]{6,40})_([A-Za-z0-9]{6,40})_[A-Za-z0-9_-]{43}$")


@dataclass
class EmailChange:
    """What ``PATCH /users/{id}`` stores for a new address, and the token to mail (None: no mail)."""

    fields: dict[str, Any] = field(default_factory=dict)
    token: str | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def prepare(user: User, requested: str, now: datetime) -> EmailChange:
    """The user fields for a requested address: pending until confirmed. 409 ``email_taken`` and 422
    ``confusable_email`` are answered now too (and checked again, atomically, on confirmation)."""
    email = refuse_mixed_scripts(normalise_email(requested))
    cleared = {"pending_email": None, "pending_email_expires_at": None, "pending_email_hash": None}
    if email.lower() == user.email.lower():
        # The same address (perhaps in other case): nothing to prove; any pending change is dropped.
        return EmailChange({**cleared, "email": email})
    holder = store.user_id_for_email(user.org_id, email)
    if holder is not None and holder != user.id:
        raise store.email_taken()
    look_alike = store.user_id_for_look_alike(user.org_id, email)
    if look_alike is not None and look_alike != user.id:
        raise confusable_email()
    token = f"ec_{user.org_id}_{user.id}_{secrets.token_urlsafe(32)}"
    return EmailChange(
        {
            "pending_email": email,
            "pending_email_expires_at": now + CONFIRMATION_VALID,
            "pending_email_hash": token_hash(token),
        },
        token,
    )


def send(user: User, change: EmailChange) -> None:
    """Mail the token to the new address and a notice to the old one (after the user was saved)."""
    if change.token is None or user.pending_email is None:
        return
    org = store.get_organization(user.org_id)
    if org is None:
        return
    name = user.display_name
    expires = user.pending_email_expires_at.strftime("%Y-%m-%d %H:%M UTC") if user.pending_email_expires_at else ""
    confirmation = (
        f"A change of the email address of your {org.name} account ({user.email}) to this address was "
        f"requested.\n\nTo confirm it, send this code to {CONFIRM_ROUTE} as "
        f'{{"token": "<code>"}} before {expires}:\n\n{change.token}\n\n'
        "If you did not ask for this, ignore this message: nothing changes."
    )
    notice = (
        f"A change of the email address of your {org.name} account to {user.pending_email} was requested. "
        "It takes effect only when that address confirms it; until then this address stays in use.\n\n"
        "If this was not you, tell your administrator and change your password."
    )
    try:
        _mail(org, name, user.pending_email, f"Confirm your new email address for {org.name}", confirmation)
        _mail(org, name, user.email, f"Your {org.name} email address is about to change", notice)
    except Exception as exc:  # SES refused or did not answer: the change stays pending, a new request resends
        raise Unavailable(
            "The confirmation mail could not be sent; ask for the change again.", code="mail_unavailable"
        ) from exc


def _mail(org: Organization, to_name: str, to: str, subject: str, body: str) -> None:
    from chalicelib.services.mail import send_account_mail

    send_account_mail(org, to_name, to, subject, body)


def _invalid() -> RuleViolation:
    return RuleViolation(
        "The confirmation code is wrong, has expired or was already used.",
        code="invalid_confirmation",
        details=[{"field": "token"}],
    )


def confirm(token: str) -> User:
    """Make the pending address the user's: the token names the organization and the user, whose
    stored hash it must match before it expires. Works once: the write clears the hash,
    conditional on the version read (a concurrent edit of the user is read again)."""
    match = _TOKEN.match(token.strip())
    if not match:
        raise _invalid()
    for _ in range(3):
        user, org = store.user_and_org(match.group(1), match.group(2))
        now = utcnow()
        if (
            user is None
            or org is None
            or not org.is_active
            or not user.is_active
            or not user.pending_email
            or not user.pending_email_hash
            or not secrets.compare_digest(user.pending_email_hash, token_hash(token.strip()))
            or user.pending_email_expires_at is None
            or user.pending_email_expires_at <= now
        ):
            raise _invalid()
        updated = user.model_copy(
            update={
                "email": user.pending_email,
                "pending_email": None,
                "pending_email_expires_at": None,
                "pending_email_hash": None,
                "email_verified_at": now,
                "updated_at": now,
            }
        )
        principal = Principal(org_id=org.id, user_id=user.id, role=user.role, session_id="email-confirmation")
        try:
            with audit.recorded(principal, "user.email_changed", "user", user.id):
                return store.save_user(updated, user)
        except Conflict as exc:
            if exc.code != "stale_version":
                raise
    raise Conflict("The user keeps changing; confirm again.", code="stale_version")
