"""The customer portal: passwordless sign-in (a link and a 6-digit code), "view your request"
ticket links, self-registration with email verification.

Every way in ends in the ordinary session (``identity.new_session``); every link is a single-use
link of ``services/links.py``. The public routes that send mail answer the same whether or not an
account holds the address, and count the mail by the address asked for (``links.throttle_mail``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from chalicelib import config
from chalicelib.auth import passwords
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import PortalRegisterCommand, SignInCodeCommand
from chalicelib.domain.confusables import refuse_mixed_scripts
from chalicelib.domain.errors import DesklessError, Forbidden, NotFound, RuleViolation, Unauthenticated
from chalicelib.domain.identity import CustomFieldDefinition, Organization, Role, Session, User
from chalicelib.domain.links import Link, Purpose, invalid_link
from chalicelib.domain.tickets import Ticket
from chalicelib.services import audit, links, login_throttle
from chalicelib.services.identity import new_id, new_session, normalise_email, username_from_email
from chalicelib.services.mail import send_account_mail
from chalicelib.store import identity as store
from chalicelib.store import portal as portal_store
from chalicelib.store import sso as sso_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.keys import is_safe_part
from chalicelib.store.transactions import Operation, transact_write

SIGN_IN_VALID = timedelta(minutes=15)
TICKET_LINK_VALID = timedelta(days=7)
VERIFY_VALID = timedelta(hours=24)
# Guesses at one code before it is dead (10^6 codes: the odds of a guess stay at 5 in a million).
CODE_ATTEMPTS = 5
ACCEPTED = "If this address can use the portal, a message is on its way to it."


# ---------------------------------------------------------------- helpers


def _code_hash(link_hash: str, code: str) -> str:
    """The stored form of a sign-in code: keyed by a server secret and bound to its link, so the
    table alone does not let anyone try the million codes offline."""
    message = f"sign-in-code\x00{link_hash}\x00{code}".encode()
    return hmac.new(config.secret("CURSOR_SECRET"), message, hashlib.sha256).hexdigest()


def _org_for_slug(slug: str) -> Organization | None:
    org_id = store.org_id_for_slug(slug.strip().lower())
    org = store.get_organization(org_id) if org_id else None
    return org if org is not None and org.is_active else None


def _user_for_email(org: Organization, email: str) -> User | None:
    user_id = store.user_id_for_email(org.id, email) if is_safe_part(email.lower()) else None
    return store.get_user(org.id, user_id) if user_id else None


def _may_sign_in_without_password(user: User) -> bool:
    """Active customers without two-factor login: a mailed link must not skip a second factor the
    person chose (they sign in with password and code)."""
    return user.is_active and user.role is Role.CUSTOMER and not user.two_factor_enabled


def _customer_of(link: Link) -> tuple[Organization, User]:
    """The active organization and active customer a link was mailed to; ``invalid_link`` when
    either is gone (a link never signs in a deactivated or promoted account)."""
    org = store.get_organization(link.org_id)
    user = store.get_user(link.org_id, link.user_id)
    if org is None or not org.is_active or user is None or not user.is_active or user.role is not Role.CUSTOMER:
        raise invalid_link()
    return org, user


def _open_session(
    org: Organization,
    user: User,
    link: Link,
    extra: Sequence[Operation],
    ip: str | None,
    user_agent: str | None,
    ticket_number: int | None = None,
) -> tuple[str, Session, User]:
    """Use ``link`` (with ``extra``) and open a session: the address is proven, so it is marked
    verified in the same transaction. A concurrent second use gets 410 ``link_used``."""
    now = utcnow()
    operations = [links.use(link, now), *extra]
    if user.email_verified_at is None:
        user = store.save_user_with(
            user.model_copy(update={"email_verified_at": now, "updated_at": now}), user, operations
        )
    else:
        transact_write(operations)
    token, session = new_session(org, user, ip, user_agent, now)
    if ticket_number is not None:
        session = session.model_copy(update={"ticket_number": ticket_number})
    store.put_session(session)
    return token, session, user


# ---------------------------------------------------------------- the portal's public description


@dataclass(frozen=True)
class PortalInfo:
    """What the portal's pages need before anyone signs in: nothing an attacker could use."""

    org: Organization
    sso_enabled: bool
    custom_fields: list[CustomFieldDefinition]


def describe(slug: str) -> PortalInfo:
    """The active organization ``slug`` as its portal presents it: name, language, who may register,
    whether staff can sign in with SSO, the custom fields customers fill in. 404 for an unknown or
    deactivated organization, as every portal route. Two reads: the slug's guard (GetItem), then the
    organization and its SSO configuration (one BatchGetItem)."""
    slug = slug.strip().lower()
    org_id = store.org_id_for_slug(slug) if is_safe_part(slug) and 2 <= len(slug) <= 63 else None
    org, sso_config = sso_store.org_and_config(org_id) if org_id else (None, None)
    if org is None or not org.is_active:
        raise NotFound("Not found.")
    visible = [d for d in org.settings.custom_fields if d.customer_visible]
    return PortalInfo(org, sso_config is not None and sso_config.enabled, visible)


# ---------------------------------------------------------------- sign-in link and code


def request_sign_in(slug: str, email: str, ip: str | None) -> None:
    """Mail a sign-in link and code to ``email`` if it is an active customer's of the active
    organization ``slug``; nothing for anyone else (staff sign in with a password or SSO). The
    caller answers the same either way; 429 ``mail_throttled`` counts the address asked for."""
    address = normalise_email(email)
    org = _org_for_slug(slug)
    links.throttle_mail(org.id if org else f"slug-{slug.strip().lower()[:40]}", address, ip)
    user = _user_for_email(org, address) if org else None
    if org is None or user is None or not _may_sign_in_without_password(user):
        return
    _send_sign_in(org, user, "Your sign-in link", "You asked to sign in to the support portal.")


def _send_sign_in(org: Organization, user: User, subject: str, intro: str) -> None:
    """A new sign-in link and code for ``user`` (the previous ones stop working) and the mail."""
    now = utcnow()
    previous = portal_store.current_link_hash(org.id, user.email)
    token, link, put = links.issue(org.id, Purpose.SIGN_IN, user.id, SIGN_IN_VALID, now=now)
    code = f"{secrets.randbelow(10**6):06d}"
    code_put = portal_store.put_operation(org.id, user.email, link.hash, _code_hash(link.hash, code), link.expires_at)
    transact_write([put, code_put])
    links.revoke(org.id, previous, now)
    minutes = int(SIGN_IN_VALID.total_seconds() // 60)
    send_account_mail(
        org,
        user.display_name,
        user.email,
        f"{subject} for {org.name}",
        f"{intro}\n\nSign in: {links.url('sign-in', token)}\n\n"
        f"Or enter this code on the device you asked from: {code}\n\n"
        f"The link and the code work once, for {minutes} minutes. If you did not ask, ignore this message.",
    )


def sign_in_with_link(token: str, ip: str | None, user_agent: str | None) -> tuple[str, Session, User]:
    """A full customer session for a sign-in link (its code dies with it)."""
    link = links.check(token, Purpose.SIGN_IN)
    org, user = _customer_of(link)
    if not _may_sign_in_without_password(user):
        raise invalid_link()
    return _open_session(
        org, user, link, [portal_store.delete_operation(org.id, user.email, link.hash)], ip, user_agent
    )


def _code_refused() -> Unauthenticated:
    return Unauthenticated(
        "The code is wrong, has expired or was tried too often; ask for a new one.", code="invalid_code"
    )


def sign_in_with_code(command: SignInCodeCommand, ip: str | None, user_agent: str | None) -> tuple[str, Session, User]:
    """A full customer session for the code mailed with a sign-in link.

    Every refusal is the same 401 ``invalid_code`` (unknown organization or address, no code, a
    wrong, expired, used or dead one). Each guess is counted on the code first (``CODE_ATTEMPTS``,
    then it is dead) and on login's budgets per account and per client (429 ``login_locked``)."""
    now = utcnow()
    email = command.email.strip().lower()
    org_id = store.org_id_for_slug(command.organization.strip().lower()) if is_safe_part(email) else None
    attempt = login_throttle.begin(org_id, email, ip, now)
    record = portal_store.count_attempt(org_id, email, now, CODE_ATTEMPTS) if org_id else None
    if record is None or not hmac.compare_digest(record.code_hash, _code_hash(record.link_hash, command.code)):
        attempt.failed()
        raise _code_refused()
    try:
        link = links.check_stored(org_id or "", record.link_hash, Purpose.SIGN_IN, now)
        org, user = _customer_of(link)
        if not _may_sign_in_without_password(user):
            raise invalid_link()
    except DesklessError:
        attempt.failed()
        raise
    attempt.succeeded()
    return _open_session(org, user, link, [portal_store.delete_operation(org.id, email, link.hash)], ip, user_agent)


# ---------------------------------------------------------------- ticket links


def ticket_link_paragraph(org: Organization, ticket: Ticket, user: User) -> str:
    """The "view your request" paragraph of a notification mail: a new single-use link that opens
    ``ticket`` for its requester; "" for any other recipient. Called once per mail (inside the
    notification's claim), so a redelivered event makes no second link."""
    if user.id != ticket.customer_id or user.role is not Role.CUSTOMER:
        return ""
    token, _, put = links.issue(org.id, Purpose.TICKET, user.id, TICKET_LINK_VALID, {"ticket_number": ticket.number})
    transact_write([put])
    return (
        f"\n\nView your request: {links.url('ticket', token)}\n"
        f"(This link opens {ticket.ticket_number} only, once, within {TICKET_LINK_VALID.days} days.)"
    )


def sign_in_with_ticket_link(token: str, ip: str | None, user_agent: str | None) -> tuple[str, Session, User]:
    """A session scoped to the link's ticket (``policy.TICKET_LINK_ACTIONS`` on that ticket only)."""
    link = links.check(token, Purpose.TICKET)
    org, user = _customer_of(link)
    number = link.data.get("ticket_number")
    ticket = ticket_store.get_ticket(org.id, int(number)) if isinstance(number, int) else None
    if ticket is None or ticket.is_deleted or ticket.customer_id != user.id:
        raise invalid_link()
    return _open_session(org, user, link, [], ip, user_agent, ticket_number=ticket.number)


# ---------------------------------------------------------------- self-registration


def registration_closed() -> Forbidden:
    return Forbidden("This portal does not take registrations.", code="registration_closed")


def _check_open(org: Organization | None, email: str) -> Organization:
    """The organization if ``email`` may register there: 403 ``registration_closed`` when the
    organization does not exist, is inactive or has registration off (the same answer: a slug is
    no secret, but the route tells nothing more); 422 ``registration_domain`` for an address outside
    the allowed domains (it reveals the organization's policy, never an account)."""
    if org is None or org.settings.customer_registration == "off":
        raise registration_closed()
    domain = email.rsplit("@", 1)[-1].lower()
    if org.settings.customer_registration == "domains" and domain not in org.settings.registration_domains:
        raise RuleViolation(
            "Registration is open to addresses of the organization's allowed domains only.",
            code="registration_domain",
            details=[{"field": "email", "message": "domain not allowed", "type": "registration_domain"}],
        )
    return org


def register(slug: str, command: PortalRegisterCommand, ip: str | None) -> None:
    """Mail a verification link for a new customer account; nothing is created until it is used.

    The address is never held by a pending registration: the password hash and names wait on the
    link. When an account already holds the address, its owner gets a "you already have an
    account" mail instead (with a sign-in link for a customer) and nothing changes."""
    email = normalise_email(command.email)
    refuse_mixed_scripts(email, "email")
    org = _org_for_slug(slug)
    links.throttle_mail(org.id if org else f"slug-{slug.strip().lower()[:40]}", email, ip)
    org = _check_open(org, email)
    passwords.check_strength(command.password, email=email, username=username_from_email(email))
    existing = _user_for_email(org, email)
    if existing is not None:
        if _may_sign_in_without_password(existing):
            _send_sign_in(
                org,
                existing,
                "You already have an account",
                "Someone (you, we hope) asked to register this address, which already has an account; "
                "nothing was changed.",
            )
        elif existing.is_active:
            send_account_mail(
                org,
                existing.display_name,
                existing.email,
                f"You already have an account at {org.name}",
                "Someone asked to register this address on the support portal. It already has an account: "
                "sign in as usual. Nothing was changed.",
            )
        return
    data = {
        "email": email,
        "first_name": command.first_name,
        "last_name": command.last_name,
        "password_hash": passwords.hash_password(command.password),
    }
    token, _, put = links.issue(org.id, Purpose.VERIFY_EMAIL, new_id(), VERIFY_VALID, data)
    transact_write([put])
    send_account_mail(
        org,
        f"{command.first_name} {command.last_name}".strip(),
        email,
        f"Confirm your address for {org.name}",
        f"Confirm this address to open your account: {links.url('verify-email', token)}\n\n"
        f"The link works once, for {int(VERIFY_VALID.total_seconds() // 3600)} hours. "
        "If you did not register, ignore this message: no account is opened without it.",
    )


def verify_email(token: str, ip: str | None, user_agent: str | None) -> tuple[str, Session, User]:
    """Open the registered account (verified) and a session, in one transaction with the link's use:
    409 ``email_taken`` (and no sign-in) when someone holds the address by now."""
    now = utcnow()
    link = links.check(token, Purpose.VERIFY_EMAIL, now)
    org = store.get_organization(link.org_id)
    if org is None or not org.is_active:
        raise invalid_link()
    data = link.data
    email = str(data["email"])
    _check_open(org, email)
    user = User(
        id=link.user_id,
        org_id=org.id,
        email=email,
        username=f"{username_from_email(email)[:30]}-{secrets.token_hex(3)}",
        first_name=str(data["first_name"]),
        last_name=str(data["last_name"]),
        role=Role.CUSTOMER,
        password_hash=str(data["password_hash"]),
        email_verified_at=now,
        created_at=now,
        updated_at=now,
        last_active=now,
    )
    with audit.recorded(user.id, "user.registered", "user", user.id, {"email": email}, org_id=org.id):
        transact_write([links.use(link, now), *store.user_creation(user)])
    session_token, session = new_session(org, user, ip, user_agent, now)
    store.put_session(session)
    return session_token, session, user
