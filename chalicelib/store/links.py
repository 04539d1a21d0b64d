"""Single-use link records and the throttle of the mail that carries them (rules: ``domain/links.py``).

| item | PK | SK | |
|---|---|---|---|
| link | ``ORG#o`` | ``LINK#<sha256(token)>`` | TTL a day after expiry |
| mail throttle, per address asked for | ``ORG#o#LINKMAIL#<sha256(email)[:32]>`` | ``<hour>`` | TTL |
| mail throttle, per client address | ``PLATFORM#LINKMAIL#<address key>`` | ``<hour>`` | TTL |

Using a link is one conditional UpdateItem (or a ``Touch`` inside the caller's transaction) on
``used_at``/``revoked_at`` not existing and ``expires_at_iso`` in the future: of concurrent uses,
exactly one succeeds.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.links import Link, Purpose
from chalicelib.store.keys import org_pk, platform_key, tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Put, Touch, is_condition_failure

# A used or expired link is kept this long past its expiry, so its reuse is answered 410, not 400.
KEEP_AFTER_EXPIRY = timedelta(days=1)


class LinkItem(TableItem, discriminator="Link"):
    org_id = UnicodeAttribute()
    purpose = UnicodeAttribute()
    user_id = UnicodeAttribute()
    created_at = UnicodeAttribute()
    expires_at_iso = UnicodeAttribute()
    used_at = UnicodeAttribute(null=True)
    revoked_at = UnicodeAttribute(null=True)
    data = UnicodeAttribute(default="{}")


class MailRateItem(TableItem, discriminator="AccountMailRate"):
    """Account mails asked for in one hour, per address asked for or per client address."""

    sent = NumberAttribute(default=0)


def link_sk(link_hash: str) -> str:
    return f"LINK#{link_hash}"


def _item(link: Link) -> LinkItem:
    return LinkItem(
        PK=org_pk(link.org_id),
        SK=link_sk(link.hash),
        org_id=link.org_id,
        purpose=link.purpose.value,
        user_id=link.user_id,
        created_at=iso(link.created_at),
        expires_at_iso=iso(link.expires_at),
        used_at=iso(link.used_at) if link.used_at else None,
        revoked_at=iso(link.revoked_at) if link.revoked_at else None,
        data=json.dumps(link.data, sort_keys=True),
        expires_at=link.expires_at + KEEP_AFTER_EXPIRY,
    )


def _link(item: LinkItem) -> Link:
    return Link(
        org_id=item.org_id,
        hash=item.SK.removeprefix("LINK#"),
        purpose=Purpose(item.purpose),
        user_id=item.user_id,
        created_at=parse_iso(item.created_at),
        expires_at=parse_iso(item.expires_at_iso),
        used_at=parse_iso(item.used_at) if item.used_at else None,
        revoked_at=parse_iso(item.revoked_at) if item.revoked_at else None,
        data=json.loads(item.data or "{}"),
    )


def put_operation(link: Link) -> Put:
    """The new link, for the caller's transaction (a hash collision is impossible in practice)."""
    return Put(_item(link), condition=LinkItem.PK.does_not_exist())


def get(org_id: str, link_hash: str) -> Link | None:
    try:
        return _link(LinkItem.get(org_pk(org_id), link_sk(link_hash), consistent_read=True))
    except LinkItem.DoesNotExist:
        return None


def use_operation(link: Link, now: datetime, on_conflict: DesklessError) -> Touch:
    """Mark ``link`` used, inside the caller's transaction: fails (``on_conflict``) unless it is still
    unused, unrevoked and unexpired at the moment of the write."""
    return Touch(
        LinkItem,
        org_pk(link.org_id),
        link_sk(link.hash),
        [LinkItem.used_at.set(iso(now))],
        on_conflict=on_conflict,
        condition=LinkItem.used_at.does_not_exist()
        & LinkItem.revoked_at.does_not_exist()
        & (LinkItem.expires_at_iso > iso(now))
        & (LinkItem.purpose == link.purpose.value),
    )


def revoke_operation(org_id: str, link_hash: str, now: datetime) -> Touch:
    """Withdraw a link that may already be used or expired (then it stays as it is)."""
    return Touch(
        LinkItem,
        org_pk(org_id),
        link_sk(link_hash),
        [LinkItem.revoked_at.set(iso(now))],
        condition=LinkItem.used_at.does_not_exist() & LinkItem.revoked_at.does_not_exist(),
    )


def revoke(org_id: str, link_hash: str, now: datetime) -> bool:
    """Withdraw a link on its own; False when it was already used, revoked or never existed."""
    try:
        LinkItem._get_connection().update_item(
            org_pk(org_id),
            link_sk(link_hash),
            actions=[LinkItem.revoked_at.set(iso(now))],
            condition=LinkItem.PK.exists() & LinkItem.used_at.does_not_exist() & LinkItem.revoked_at.does_not_exist(),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def _hour(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


def address_bucket(org_id: str, email: str) -> str:
    return tenant_key(org_id, "LINKMAIL", hashlib.sha256(email.lower().encode()).hexdigest()[:32])


def client_bucket(address_key: str) -> str:
    return platform_key("LINKMAIL", address_key)


def claim_mail(bucket: str, now: datetime, limit: int) -> bool:
    """Count one mail in ``bucket``'s current hour unless ``limit`` were counted already (one
    conditional UpdateItem; a refused claim writes nothing)."""
    sent = MailRateItem.sent
    hour_end = now.replace(minute=0, second=0, microsecond=0, tzinfo=now.tzinfo or UTC) + timedelta(hours=1)
    try:
        TableItem._get_connection().update_item(
            bucket,
            _hour(now),
            actions=[
                sent.add(1),
                MailRateItem.type.set(MailRateItem),  # type: ignore[arg-type]
                MailRateItem.expires_at.set(hour_end + timedelta(minutes=5)),
            ],
            condition=sent.does_not_exist() | (sent < limit),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True
