"""Custom support addresses and their verification. Pure: no I/O.

An organization may receive mail at its own address (``help@acme.example``, forwarded to the
inbound domain) only after proving it reads that mailbox: a one-time code is mailed to the
address and an admin types it in. Until then the address is *pending* and never routes mail.

The code is 16 characters from a 30-letter alphabet (about 78 random bits), stored only as its
SHA-256, valid ``CODE_VALID``, good for ``MAX_ATTEMPTS`` tries and cleared once used.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.base import Model

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read and type
CODE_LENGTH = 16
CODE_VALID = timedelta(hours=24)
MAX_ATTEMPTS = 5  # tries per code, the right one included
RESEND_INTERVAL = timedelta(minutes=1)  # between two confirmations to one address
CONFIRMATIONS_PER_DAY = 20  # confirmation messages one organization may send per day (UTC)


class AddressState(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"


class SupportAddress(Model):
    """One of the organization's own support addresses and where its verification stands."""

    org_id: str
    address: str  # as the admin wrote it (domain normalised); compared case-insensitively
    state: AddressState = AddressState.PENDING
    added_at: datetime | None = None  # None: declared before verification existed
    added_by_id: str | None = None
    code_hash: str | None = None
    code_expires_at: datetime | None = None
    attempts: int = 0
    sent_at: datetime | None = None
    verified_at: datetime | None = None
    verified_by_id: str | None = None
    department_id: str | None = None  # new tickets from mail to this address go to this department
    version: int = 0  # 0: not stored yet

    @property
    def id(self) -> str:
        return address_id(self.address)


def address_id(address: str) -> str:
    """The address's id in URLs: stable, opaque, and free of characters a path would need escaped."""
    return hashlib.sha256(address.lower().encode()).hexdigest()[:16]


def new_code() -> str:
    """A fresh code, grouped for reading: ``ABCD-EFGH-JKMN-PQRS``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def code_hash(code: str) -> str:
    """What is stored of a code: the SHA-256 of its letters (case, spaces and dashes ignored).

    >>> code_hash("abcd-efgh") == code_hash("ABCD EFGH")
    True
    """
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(letters.encode()).hexdigest()


def is_inbound_domain(address: str, inbound_domain: str) -> bool:
    """Whether ``address`` is at the platform's inbound domain (or below it): never a custom address."""
    domain = address.rpartition("@")[2].lower()
    return domain == inbound_domain or domain.endswith("." + inbound_domain)


def with_new_code(address: SupportAddress, code: str, now: datetime) -> SupportAddress:
    """The address with a fresh code sent now: earlier codes and their tries are forgotten."""
    return address.model_copy(
        update={
            "code_hash": code_hash(code),
            "code_expires_at": now + CODE_VALID,
            "attempts": 0,
            "sent_at": now,
        }
    )


def resend_wait(address: SupportAddress, now: datetime) -> timedelta | None:
    """How long until another confirmation may go to this address; None when it may now."""
    if address.sent_at is None or now - address.sent_at >= RESEND_INTERVAL:
        return None
    return RESEND_INTERVAL - (now - address.sent_at)


def confirmation_text(org_name: str, address: str, code: str, expires_at: datetime) -> tuple[str, str]:
    """Subject and body of the message that carries the code."""
    subject = f"Confirm {address} for {org_name} on Deskless"
    body = (
        f"The organization {org_name!r} asked Deskless to receive the mail sent to {address}.\n\n"
        f"If that is you, enter this code in Deskless (POST /organization/support-addresses/<id>/verify):\n\n"
        f"    {code}\n\n"
        f"The code works once and until {expires_at.strftime('%Y-%m-%d %H:%M')} UTC.\n\n"
        f"If you did not ask for this, ignore this message: mail to {address} is not taken in by\n"
        f"Deskless until the code is entered.\n"
    )
    return subject, body
