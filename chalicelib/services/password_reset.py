"""Password reset: "forgot password" mails a single-use, short-lived link; using it sets a new
password and ends every other session of the user.

The request answers the same (202, same body) whether or not the organization or the address
exists, after the same throttle (``links.throttle_mail``, counted by the address asked for), and
does the same reads either way; what differs is the write and the mail of a real account
(docs/security.md, "Password reset", states the residual). A mailbox alone never takes over an
account with two-factor login: the reset then needs a current code too.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from chalicelib.auth import passwords
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import ForgotPasswordCommand, ResetPasswordCommand
from chalicelib.domain.errors import Conflict, Forbidden, RuleViolation, Unavailable
from chalicelib.domain.identity import Organization, Role, Session, User
from chalicelib.domain.links import Purpose, invalid_link
from chalicelib.domain.sso import password_login_refused
from chalicelib.observability import logger
from chalicelib.services import audit, links, login_throttle
from chalicelib.services.identity import claim_totp, new_session
from chalicelib.services.mail import send_account_mail
from chalicelib.store import identity as identity_store
from chalicelib.store import password_reset as store
from chalicelib.store import sso as sso_store
from chalicelib.store.keys import is_safe_part
from chalicelib.store.transactions import transact_write

RESET_VALID = timedelta(minutes=45)
NOBODY = "0" * 20  # a user id no user has (ids are random hex): read in place of a missing account


def _throttle_org(slug: str, org_id: str | None) -> str:
    """The organization the throttle counts in: the real one, or a stand-in derived from the slug
    asked for, so an unknown organization is throttled exactly like a known one."""
    return org_id or "nx" + hashlib.sha256(slug.encode()).hexdigest()[:18]


def _account(org: Organization | None, user: User | None) -> bool:
    """Whether a reset mail goes out: an active user of an active organization (a deactivated org's
    admins too, as they may still log in)."""
    if org is None or user is None or not user.is_active:
        return False
    return org.is_active or user.role is Role.ADMIN


def forgot(command: ForgotPasswordCommand, ip: str | None) -> None:
    """Mail a reset link to the account, if there is one; the same outcome for the caller either way.

    The throttle comes first and counts the address asked for, whether or not an account holds it
    (429 ``mail_throttled``). A newer link replaces the older one (revoked)."""
    now = utcnow()
    slug = command.organization.strip().lower()
    email = command.email.strip().lower()
    org_id = identity_store.org_id_for_slug(slug) if is_safe_part(email) and is_safe_part(slug) else None
    counted_in = _throttle_org(slug, org_id)
    links.throttle_mail(counted_in, email, ip, now)
    # The same reads whether or not the organization and the account exist (keys nothing holds
    # stand in for the missing ones): only the write and the mail of a real account differ.
    org, user_id, _, sso_only = identity_store.login_snapshot(counted_in, email if is_safe_part(email) else NOBODY)
    user = identity_store.get_user(counted_in, user_id or NOBODY)
    previous = store.current(counted_in, user_id or NOBODY)
    if org is None or user is None or not _account(org, user):
        return
    if sso_only and password_login_refused(user.role):
        return  # "SSO only": a password would not let them in, and a reset must not sign them in either
    token, link, link_put = links.issue(org.id, Purpose.PASSWORD_RESET, user.id, RESET_VALID, now=now)
    try:
        transact_write([link_put, store.replace_operation(org.id, user.id, link.hash, previous, link.expires_at)])
    except Conflict:
        return  # a concurrent request for the same account won: its link is the one mailed
    links.revoke(org.id, previous, now)
    body = (
        f"Hello {user.display_name or user.username},\n\n"
        f"Someone asked to reset the password of your {org.name} account. Open this link to choose a new"
        f" one (it works once, for {int(RESET_VALID.total_seconds() // 60)} minutes):\n\n"
        f"{links.url('reset-password', token)}\n\n"
        "If it was not you, ignore this message: your password stays as it is.\n"
    )
    try:
        send_account_mail(org, user.display_name, user.email, f"Reset your {org.name} password", body)
    except Unavailable:
        # A 503 here, and only here, would tell that the account exists: logged, answered like the rest.
        logger.warning("password reset mail not sent", extra={"org_id": org.id, "user_id": user.id})


def reset(command: ResetPasswordCommand, ip: str | None, user_agent: str | None) -> tuple[str, Session, User]:
    """Set a new password with a reset link: the link's use, the password, ``session_epoch + 1``
    (every other session ends), ``email_verified_at`` and the audit entry in ONE transaction; then
    a new session. With two-factor login on, a current code is needed (with login's budgets)."""
    now = utcnow()
    link = links.check(command.token, Purpose.PASSWORD_RESET, now)
    user = identity_store.get_user(link.org_id, link.user_id)
    org = identity_store.get_organization(link.org_id)
    if not _account(org, user) or org is None or user is None:
        raise invalid_link()
    sso = sso_store.get_config(org.id)
    if sso is not None and sso.enabled and sso.sso_only and password_login_refused(user.role):
        raise Forbidden("This organization signs its staff in with single sign-on only.", code="sso_required")
    passwords.check_strength(command.new_password, email=user.email, username=user.username)
    if user.two_factor_enabled:
        attempt = login_throttle.begin(user.org_id, user.email.lower(), ip, now)
        if not command.totp_code:
            attempt.refund()
            raise RuleViolation("Two-factor login is on: send a current code (totp_code).", code="totp_required")
        claimed = claim_totp(user, command.totp_code, now)
        if claimed is None:
            attempt.failed()
            raise RuleViolation("The two-factor code is wrong or was already used.", code="invalid_totp")
        attempt.succeeded()
        user = claimed
    updated = user.model_copy(
        update={
            "password_hash": passwords.hash_password(command.new_password),
            "session_epoch": user.session_epoch + 1,
            "email_verified_at": now,
            "updated_at": now,
        }
    )
    try:
        with audit.recorded(user.id, "user.password_reset", "user", user.id, org_id=org.id):
            transact_write(
                [
                    identity_store.user_save_operation(updated, user),
                    store.is_current_check(org.id, user.id, link.hash),
                    links.use(link, now),
                ]
            )
    except Conflict:
        links.check(command.token, Purpose.PASSWORD_RESET, now)  # a concurrent reset used it first: 410
        raise
    saved = updated.model_copy(update={"version": user.version + 1})
    token, session = new_session(org, saved, ip, user_agent, now)
    identity_store.put_session(session)
    return token, session, saved
