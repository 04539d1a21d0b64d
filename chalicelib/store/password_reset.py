"""The current password-reset link of a user (rules: ``services/password_reset.py``).

| item | PK | SK | |
|---|---|---|---|
| current reset link | ``ORG#o`` | ``RESETLINK#<user id>`` | TTL with the link |

One per user, naming the SHA-256 of the newest reset link: a newer request replaces it (and
revokes the older link), and a reset is accepted only with the link it names (a Check in the
reset's transaction), so an older link never works, even if its revocation was lost.
"""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import UnicodeAttribute

from chalicelib.domain.links import invalid_link
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Check, Put


class ResetLinkItem(TableItem, discriminator="ResetLink"):
    link_hash = UnicodeAttribute()


def reset_sk(user_id: str) -> str:
    return f"RESETLINK#{user_id}"


def current(org_id: str, user_id: str) -> str | None:
    """The hash of the user's newest reset link, if any (one consistent GetItem)."""
    try:
        return str(ResetLinkItem.get(org_pk(org_id), reset_sk(user_id), consistent_read=True).link_hash)
    except ResetLinkItem.DoesNotExist:
        return None


def replace_operation(org_id: str, user_id: str, link_hash: str, previous: str | None, expires: datetime) -> Put:
    """Name ``link_hash`` as current, if ``previous`` still is (a concurrent request did not win)."""
    condition = (
        ResetLinkItem.PK.does_not_exist() if previous is None else ResetLinkItem.link_hash == previous  # type: ignore[comparison-overlap]
    )
    item = ResetLinkItem(PK=org_pk(org_id), SK=reset_sk(user_id), link_hash=link_hash, expires_at=expires)
    return Put(item, condition=condition, check_version=False)


def is_current_check(org_id: str, user_id: str, link_hash: str) -> Check:
    """Fails (400 ``invalid_link``) unless ``link_hash`` is the user's newest reset link."""
    return Check(
        ResetLinkItem,
        org_pk(org_id),
        reset_sk(user_id),
        ResetLinkItem.link_hash == link_hash,  # type: ignore[comparison-overlap]
        on_conflict=invalid_link(),
    )
