"""Invitations: admins and managers invite staff and customers by email; the mailed single-use
link lets the person set a password (and two-factor login when the organization requires it for
staff) and signs them in. Authorization through ``auth.policy`` only (``invitations.manage``).

Accepting is ONE transaction: the link's use, the new user (with its email, look-alike and
username guards) or the passwordless customer's new password, the department memberships, the
invitation marked accepted, the audit entry. Then a session, as every sign-in makes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.auth import passwords, policy, totp
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import AcceptInvitationCommand, InvitationCommand
from chalicelib.domain.confusables import refuse_mixed_scripts
from chalicelib.domain.errors import Conflict, DesklessError, Gone, NotFound, RuleViolation
from chalicelib.domain.identity import Organization, Principal, Role, Session, User
from chalicelib.domain.invitations import INVITATION_VALID, Invitation, InvitationStatus
from chalicelib.domain.links import Link, Purpose, invalid_link
from chalicelib.services import audit, links
from chalicelib.services.identity import (
    check_username,
    new_id,
    new_session,
    normalise_email,
    username_from_email,
)
from chalicelib.services.mail import send_account_mail
from chalicelib.store import departments as department_store
from chalicelib.store import identity as identity_store
from chalicelib.store import invitations as store
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation, Put, transact_write

STAFF = (Role.ADMIN, Role.MANAGER, Role.AGENT)


def _not_found() -> NotFound:
    return NotFound("No such invitation.")


def _not_pending(invitation: Invitation, now: datetime) -> Conflict:
    status = invitation.status(now).value
    return Conflict(f"The invitation is {status}; only a pending one can be changed.", code="invitation_not_pending")


def _org(org_id: str) -> Organization:
    org = identity_store.get_organization(org_id)
    if org is None:
        raise NotFound("Not found.")
    return org


def _load(principal: Principal, invitation_id: str) -> Invitation:
    policy.require(principal, "invitations.manage")
    invitation = store.get(principal.org_id, invitation_id) if department_store.is_id(invitation_id) else None
    if invitation is None:
        raise _not_found()
    return invitation


def _mail(org: Organization, invitation: Invitation, token: str) -> None:
    name = f"{invitation.first_name} {invitation.last_name}".strip()
    body = (
        f"Hello{' ' + name if name else ''},\n\n"
        f"You are invited to join {org.name} on Deskless as {invitation.role.value}.\n"
        f"Open this link to set your password and sign in (it works once, until "
        f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC):\n\n"
        f"{links.url('accept-invitation', token)}\n\n"
        "If you did not expect this invitation, ignore this message.\n"
    )
    send_account_mail(org, name, invitation.email, f"You are invited to {org.name}", body)


def _target_user(org_id: str, email: str, role: Role) -> tuple[str, bool]:
    """The user id the invitation will make or let in, and whether that user exists already.

    An address held by a user with a password (or by staff, or a deactivated user) is 409
    ``email_taken``; a passwordless customer (created by mail or by an agent) may be invited as a
    customer: accepting sets their password on the existing record."""
    holder_id = identity_store.user_id_for_email(org_id, email)
    if holder_id is None:
        return new_id(), False
    holder = identity_store.get_user(org_id, holder_id)
    if (
        holder is None
        or holder.password_hash
        or not holder.is_active
        or holder.role is not Role.CUSTOMER
        or role is not Role.CUSTOMER
    ):
        raise identity_store.email_taken()
    return holder.id, True


def _departments(org_id: str, role: Role, department_ids: list[str]) -> list[str]:
    wanted = list(dict.fromkeys(department_ids))
    if wanted and role not in STAFF:
        raise RuleViolation("Only staff join departments.", code="departments_for_customer")
    for department_id in wanted:
        department = (
            department_store.get_department(org_id, department_id) if department_store.is_id(department_id) else None
        )
        if department is None or not department.is_active:
            raise RuleViolation(
                f"No such department: {department_id}.",
                code="invalid_department",
                details=[{"field": "department_ids", "message": "no such department", "type": "invalid_department"}],
            )
    return wanted


def _withdraw_link(invitation: Invitation, now: datetime) -> list[Operation]:
    """The write revoking the invitation's current link, unless it has expired (then it is
    unusable already, and its record may be gone: TTL removes it a day after its expiry)."""
    if invitation.expires_at <= now:
        return []
    return [links.revoke_operation(invitation.org_id, invitation.link_hash, now)]


def create(principal: Principal, command: InvitationCommand) -> Invitation:
    """A pending invitation and its link (one transaction, audited), then the mail."""
    policy.require(principal, "invitations.manage")
    policy.require_role_assignment(principal, command.role)
    email = refuse_mixed_scripts(normalise_email(command.email))
    department_ids = _departments(principal.org_id, command.role, command.department_ids)
    user_id, existing = _target_user(principal.org_id, email, command.role)
    org = _org(principal.org_id)
    now = utcnow()
    invitation_id = new_id()
    token, link, link_put = links.issue(
        principal.org_id, Purpose.INVITATION, user_id, INVITATION_VALID, {"invitation_id": invitation_id}, now
    )
    invitation = Invitation(
        id=invitation_id,
        org_id=principal.org_id,
        email=email,
        role=command.role,
        department_ids=department_ids,
        first_name=command.first_name or "",
        last_name=command.last_name or "",
        invited_by_id=principal.user_id,
        user_id=user_id,
        existing_user=existing,
        link_hash=link.hash,
        sent_at=now,
        expires_at=link.expires_at,
        created_at=now,
        updated_at=now,
    )
    details = {"role": command.role.value}
    with audit.recorded(principal, "invitation.created", "invitation", invitation.id, details):
        transact_write([store.create_operation(invitation), link_put])
    _mail(org, invitation, token)
    return invitation


def list_invitations(
    principal: Principal, status: InvitationStatus | None, limit: int, cursor: str | None
) -> Page[Invitation]:
    policy.require(principal, "invitations.manage")
    return store.list_invitations(principal.org_id, status=status, now=utcnow(), limit=limit, cursor=cursor)


def get(principal: Principal, invitation_id: str) -> Invitation:
    return _load(principal, invitation_id)


def resend(principal: Principal, invitation_id: str, ip: str | None) -> Invitation:
    """A new link (a new expiry) mailed again; the old link is revoked in the same transaction.
    Pending or expired invitations only; throttled like every mail-sending route."""
    invitation = _load(principal, invitation_id)
    policy.require_role_assignment(principal, invitation.role)  # an admin's invitation: admins only
    now = utcnow()
    if invitation.status(now) not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        raise _not_pending(invitation, now)
    links.throttle_mail(principal.org_id, invitation.email, ip, now)
    org = _org(principal.org_id)
    data = {"invitation_id": invitation.id}
    token, link, link_put = links.issue(
        principal.org_id, Purpose.INVITATION, invitation.user_id, INVITATION_VALID, data, now
    )
    updated = invitation.model_copy(
        update={"link_hash": link.hash, "sent_at": now, "expires_at": link.expires_at, "updated_at": now}
    )
    with audit.recorded(principal, "invitation.resent", "invitation", invitation.id):
        saved = store.save(updated, invitation, [link_put, *_withdraw_link(invitation, now)])
    _mail(org, saved, token)
    return saved


def revoke(principal: Principal, invitation_id: str) -> None:
    """Withdraw a pending (or expired) invitation and its link in one transaction; revoking a
    revoked one changes nothing; an accepted one is 409 ``invitation_not_pending``."""
    invitation = _load(principal, invitation_id)
    policy.require_role_assignment(principal, invitation.role)
    now = utcnow()
    status = invitation.status(now)
    if status is InvitationStatus.REVOKED:
        return
    if status is InvitationStatus.ACCEPTED:
        raise _not_pending(invitation, now)
    updated = invitation.model_copy(update={"revoked_at": now, "totp_pending_secret": None, "updated_at": now})
    with audit.recorded(principal, "invitation.revoked", "invitation", invitation.id):
        store.save(updated, invitation, _withdraw_link(invitation, now))


# ---------------------------------------------------------------- the invited person (public)


@dataclass(frozen=True)
class Preview:
    organization: Organization
    invitation: Invitation
    two_factor_required: bool
    totp_secret: str | None
    otpauth_uri: str | None


def _usable(token: str, now: datetime) -> tuple[Link, Invitation, Organization]:
    """The link, its invitation and organization, if the invitation can still be accepted (the
    same answers as any link: 400 ``invalid_link``, 410 ``link_used`` / ``link_expired`` /
    ``link_revoked``)."""
    link = links.check(token, Purpose.INVITATION, now)
    invitation = store.get(link.org_id, str(link.data.get("invitation_id", "")))
    org = identity_store.get_organization(link.org_id)
    if invitation is None or invitation.link_hash != link.hash or org is None:
        raise invalid_link()
    if not org.is_active:
        raise Gone("This organization is no longer active.", code="link_revoked")
    status = invitation.status(now)
    if status is InvitationStatus.ACCEPTED:
        raise Gone("This link was already used. Ask for a new one.", code="link_used")
    if status is InvitationStatus.REVOKED:
        raise Gone("This link was withdrawn or replaced by a newer one.", code="link_revoked")
    return link, invitation, org


def _needs_two_factor(org: Organization, invitation: Invitation) -> bool:
    return org.settings.require_two_factor and invitation.role in STAFF


def preview(token: str) -> Preview:
    """What the acceptance page shows, without using the link. When the organization requires
    two-factor login for staff, a TOTP secret is kept on the invitation (the same one on every
    preview) and accepting needs a current code for it."""
    now = utcnow()
    _, invitation, org = _usable(token, now)
    secret: str | None = None
    if _needs_two_factor(org, invitation):
        secret = invitation.totp_pending_secret
        if secret is None:
            secret = totp.new_secret()
            pending = invitation.model_copy(update={"totp_pending_secret": secret, "updated_at": now})
            invitation = store.save(pending, invitation)
    uri = totp.provisioning_uri(secret, invitation.email, org.name) if secret else None
    return Preview(org, invitation, secret is not None, secret, uri)


def _proven_step(org: Organization, invitation: Invitation, code: str | None, now: datetime) -> int | None:
    """The TOTP step a staff invitation's code proves when two-factor login is required (422
    ``totp_not_set_up`` / ``totp_required`` / ``invalid_totp``); None when not required."""
    if not _needs_two_factor(org, invitation):
        return None
    if invitation.totp_pending_secret is None:
        raise RuleViolation("Two-factor login is required: preview the invitation first.", code="totp_not_set_up")
    if not code:
        raise RuleViolation("Two-factor login is required: send a current code (totp_code).", code="totp_required")
    step = totp.matching_step(invitation.totp_pending_secret, code, now.timestamp())
    if step is None:
        raise RuleViolation("The two-factor code is wrong.", code="invalid_totp")
    return step


def accept(command: AcceptInvitationCommand, ip: str | None, user_agent: str | None) -> tuple[str, Session, User]:
    """Use the link: the user is created (or the invited passwordless customer gets a password),
    joins the invitation's departments and is signed in. The link's use, every write and the audit
    entry are one transaction: of concurrent accepts, exactly one succeeds (the others: 410)."""
    now = utcnow()
    link, invitation, org = _usable(command.token, now)
    step = _proven_step(org, invitation, command.totp_code, now)
    operations: list[Operation]
    if invitation.existing_user:
        previous = identity_store.get_user(org.id, invitation.user_id)
        if previous is None or previous.password_hash or not previous.is_active:
            raise identity_store.email_taken()  # the customer set a password (or was removed) meanwhile
        passwords.check_strength(command.password, email=previous.email, username=previous.username)
        user = previous.model_copy(
            update={
                "password_hash": passwords.hash_password(command.password),
                "first_name": command.first_name or previous.first_name,
                "last_name": command.last_name or previous.last_name,
                "email_verified_at": now,
                "updated_at": now,
            }
        )
        operations = [identity_store.user_save_operation(user, previous)]
    else:
        username = check_username(command.username or username_from_email(invitation.email))
        passwords.check_strength(command.password, email=invitation.email, username=username)
        user = User(
            id=invitation.user_id,
            org_id=org.id,
            email=invitation.email,
            username=username,
            first_name=command.first_name or invitation.first_name,
            last_name=command.last_name or invitation.last_name,
            role=invitation.role,
            timezone=org.settings.timezone,
            language=org.settings.default_language,
            password_hash=passwords.hash_password(command.password),
            email_verified_at=now,
            last_active=now,
            created_at=now,
            updated_at=now,
            **(
                {"two_factor_enabled": True, "totp_secret": invitation.totp_pending_secret, "totp_last_step": step}
                if step is not None
                else {}
            ),
        )
        operations = identity_store.user_creation_operations(user)
        for department_id in invitation.department_ids:
            department = department_store.get_department(org.id, department_id)
            if department is not None and department.is_active:  # one removed meanwhile is skipped
                member = department_store.member_item(org.id, department_id, user.id, now)
                operations.append(Put(member, condition=department_store.DepartmentMemberItem.PK.does_not_exist()))
    accepted = invitation.model_copy(update={"accepted_at": now, "totp_pending_secret": None, "updated_at": now})
    # The invitation's write goes first: a concurrent accept that won is reported as the link's use.
    saved = store.save_operation(accepted, invitation)
    saved.on_conflict = _already_used()
    details = {"role": invitation.role.value, "user_id": user.id}
    try:
        with audit.recorded(user.id, "invitation.accepted", "invitation", invitation.id, details, org_id=org.id):
            transact_write([saved, *operations, links.use(link, now)])
    except Gone as exc:
        current = store.get(org.id, invitation.id)
        if current is not None and current.status(now) is InvitationStatus.PENDING:
            # Only the preview's two-factor secret changed meanwhile: the link is unused.
            raise Conflict("The invitation changed meanwhile; try again.", code="stale_version") from exc
        raise
    token, session = new_session(org, user, ip, user_agent, now)
    identity_store.put_session(session)
    return token, session, user


def _already_used() -> DesklessError:
    return Gone("This link was already used. Ask for a new one.", code="link_used")
