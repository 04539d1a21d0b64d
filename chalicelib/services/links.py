"""Single-use links (rules and answers: ``chalicelib.domain.links``), and the throttle of the mail
that carries them.

Making one::

    token, link, put = links.issue(org_id, Purpose.PASSWORD_RESET, user.id, RESET_VALID)
    transact_write([put, ...])                     # stored with whatever it belongs to
    send_account_mail(org, name, email, subject, f"... {links.url('reset-password', token)} ...")

Using one (the use and the change it allows commit together, or neither does)::

    link = links.check(token, Purpose.PASSWORD_RESET)      # 400 invalid_link / 410 link_*
    transact_write([links.use(link), <the user's update>])  # a concurrent second use gets 410 link_used
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chalicelib import config
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import Gone, Throttled
from chalicelib.domain.links import Link, Purpose, new_token, parse, refusal, token_hash
from chalicelib.domain.login_throttle import address_key
from chalicelib.store import links as store
from chalicelib.store.transactions import Put, Touch, transact_write

# Mails a public route may send in an hour: to one address asked for (in one organization), and
# from one client address (across organizations).
MAILS_PER_ADDRESS = 5
MAILS_PER_CLIENT = 30


def issue(
    org_id: str,
    purpose: Purpose,
    user_id: str,
    valid_for: timedelta,
    data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> tuple[str, Link, Put]:
    """A new link: its token (to mail, never stored), its record, and the write that stores it."""
    now = now or utcnow()
    token = new_token(org_id)
    link = Link(
        org_id=org_id,
        hash=token_hash(token),
        purpose=purpose,
        user_id=user_id,
        created_at=now,
        expires_at=now + valid_for,
        data=data or {},
    )
    return token, link, store.put_operation(link)


def check(token: str, purpose: Purpose, now: datetime | None = None) -> Link:
    """The usable link ``token`` names (one consistent GetItem on the organization's key), or 400
    ``invalid_link`` / 410 ``link_used`` / ``link_expired`` / ``link_revoked``. Does not use it."""
    org_id, link_hash = parse(token)
    link = store.get(org_id, link_hash)
    refused = refusal(link, purpose, org_id, now or utcnow())
    if refused is not None or link is None:
        raise refused or AssertionError("unreachable")
    return link


def check_stored(org_id: str, link_hash: str, purpose: Purpose, now: datetime | None = None) -> Link:
    """``check`` for a link known by its hash (a sign-in code names its link): the same answers."""
    link = store.get(org_id, link_hash)
    refused = refusal(link, purpose, org_id, now or utcnow())
    if refused is not None or link is None:
        raise refused or AssertionError("unreachable")
    return link


def use(link: Link, now: datetime | None = None) -> Touch:
    """The write that uses ``link``, for the transaction that does what it allows: it fails with
    410 ``link_used`` when a concurrent request used (or revoked) it first."""
    used = Gone("This link was already used. Ask for a new one.", code="link_used")
    return store.use_operation(link, now or utcnow(), used)


def consume(token: str, purpose: Purpose, now: datetime | None = None) -> Link:
    """Check and use ``token`` on its own (when nothing else is written with it)."""
    now = now or utcnow()
    link = check(token, purpose, now)
    transact_write([use(link, now)])
    return link.model_copy(update={"used_at": now})


def revoke(org_id: str, link_hash: str | None, now: datetime | None = None) -> bool:
    """Withdraw a link (a newer one replaces it, an invitation is revoked); False if it was not usable."""
    return bool(link_hash) and store.revoke(org_id, link_hash or "", now or utcnow())


def revoke_operation(org_id: str, link_hash: str, now: datetime | None = None) -> Touch:
    """The same, inside the caller's transaction (the link must still be usable, or it fails)."""
    return store.revoke_operation(org_id, link_hash, now or utcnow())


def url(page: str, token: str) -> str:
    """The web app's page for a link: the token in the fragment, which browsers never send to a
    server, so it stays out of access logs and Referer headers."""
    return f"{config.public_url()}/app/{page.strip('/')}#token={token}"


def throttle_mail(org_id: str, email: str, ip: str | None, now: datetime | None = None) -> None:
    """Count one account mail asked for ``email`` from ``ip``; 429 ``mail_throttled`` past
    ``MAILS_PER_ADDRESS`` per address asked for or ``MAILS_PER_CLIENT`` per client in the hour.

    Counted by the address ASKED FOR, whether or not an account holds it, so the answer never tells
    whether the account exists. Call it before looking the account up."""
    now = now or utcnow()
    wait = 3600 - (now.minute * 60 + now.second)
    if not store.claim_mail(store.client_bucket(address_key(ip)), now, MAILS_PER_CLIENT):
        raise _throttled(wait, "client")
    if not store.claim_mail(store.address_bucket(org_id, email.strip().lower()), now, MAILS_PER_ADDRESS):
        raise _throttled(wait, "address")


def _throttled(wait: int, reason: str) -> Throttled:
    return Throttled(
        "Too many messages were asked for; try again later.",
        code="mail_throttled",
        details=[
            {"field": None, "message": "mail throttle", "type": "mail_throttled", "retry_after": wait, "reason": reason}
        ],
        retry_after=wait,
    )


__all__ = [
    "Purpose",
    "check",
    "check_stored",
    "consume",
    "issue",
    "revoke",
    "revoke_operation",
    "throttle_mail",
    "url",
    "use",
]
