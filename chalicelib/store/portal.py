"""Customer portal sign-in codes (rules: ``services/portal.py``).

| item | PK | SK | |
|---|---|---|---|
| sign-in code | ``ORG#o`` | ``SIGNINCODE#<sha256(email)[:32]>`` | TTL a day after expiry |

One per (organization, address): a newer request overwrites it (and its link is revoked). Each
guess is one conditional UpdateItem that counts it (``attempts < limit``, unexpired), so of any
number of concurrent guesses at most ``limit`` are ever compared.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Delete, Put, is_condition_failure


class SignInCodeItem(TableItem, discriminator="SignInCode"):
    link_hash = UnicodeAttribute()
    code_hash = UnicodeAttribute()
    attempts = NumberAttribute(default=0)
    expires_at_iso = UnicodeAttribute()


@dataclass(frozen=True)
class SignInCode:
    link_hash: str  # the sign-in link the code belongs to (using either uses both)
    code_hash: str
    attempts: int  # guesses counted so far, this one included
    expires_at: datetime


def code_sk(email: str) -> str:
    return f"SIGNINCODE#{hashlib.sha256(email.lower().encode()).hexdigest()[:32]}"


def _item(org_id: str, email: str, link_hash: str, code_hash: str, expires_at: datetime) -> SignInCodeItem:
    return SignInCodeItem(
        PK=org_pk(org_id),
        SK=code_sk(email),
        link_hash=link_hash,
        code_hash=code_hash,
        attempts=0,
        expires_at_iso=iso(expires_at),
        expires_at=expires_at + timedelta(days=1),
    )


def current_link_hash(org_id: str, email: str) -> str | None:
    """The link of the code in force for ``email`` (to revoke it when a newer one replaces it)."""
    try:
        return str(SignInCodeItem.get(org_pk(org_id), code_sk(email), consistent_read=True).link_hash)
    except SignInCodeItem.DoesNotExist:
        return None


def put_operation(org_id: str, email: str, link_hash: str, code_hash: str, expires_at: datetime) -> Put:
    """The code of a new sign-in link, replacing any older one (with a fresh attempt count)."""
    return Put(_item(org_id, email, link_hash, code_hash, expires_at), check_version=False)


def count_attempt(org_id: str, email: str, now: datetime, limit: int) -> SignInCode | None:
    """Count one guess at the code for ``email`` and return it; None when there is none, it expired
    or ``limit`` guesses were counted already (then it is dead: nothing is written)."""
    try:
        data = SignInCodeItem._get_connection().update_item(
            org_pk(org_id),
            code_sk(email),
            actions=[SignInCodeItem.attempts.add(1)],
            condition=SignInCodeItem.PK.exists()
            & (SignInCodeItem.attempts < limit)
            & (SignInCodeItem.expires_at_iso > iso(now)),
            return_values="ALL_NEW",
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return None
        raise
    values = {name: next(iter(value.values())) for name, value in data["Attributes"].items()}
    return SignInCode(
        link_hash=str(values["link_hash"]),
        code_hash=str(values["code_hash"]),
        attempts=int(values["attempts"]),
        expires_at=parse_iso(str(values["expires_at_iso"])),
    )


def delete_operation(org_id: str, email: str, link_hash: str) -> Delete:
    """Drop the code once its link is used (only if a newer request has not replaced it)."""
    item = SignInCodeItem(PK=org_pk(org_id), SK=code_sk(email), link_hash=link_hash, code_hash="", expires_at_iso="")
    return Delete(
        item,
        condition=SignInCodeItem.PK.does_not_exist() | (SignInCodeItem.link_hash == link_hash),
        check_version=False,
    )
