"""Users and their permission grants. Authorization through ``auth.policy`` only."""

from __future__ import annotations

from contextlib import ExitStack

from chalicelib.auth import passwords, policy
from chalicelib.auth.policy import Target
from chalicelib.domain import lifecycle
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import CreateUserCommand, GrantCommand, UpdateUserCommand
from chalicelib.domain.confusables import refuse_mixed_scripts
from chalicelib.domain.errors import Forbidden, InvalidInput, NotFound, RuleViolation, require_version
from chalicelib.domain.identity import PermissionGrant, Principal, Role, Session, User
from chalicelib.services import audit, email_change
from chalicelib.services.identity import (
    check_username,
    new_id,
    normalise_email,
    username_from_email,
    without_second_factor,
)
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import identity as store
from chalicelib.store.pagination import Page

SELF_SERVICE_FIELDS = frozenset(
    {
        "email",
        "username",
        "first_name",
        "last_name",
        "phone",
        "timezone",
        "language",
        "availability_status",
        "email_notifications",
        "sms_notifications",
        "push_notifications",
    }
)


def normalise_phone(phone: str | None) -> str | None:
    """E.164 (``+14155550100``); numbers must carry their country code."""
    if phone is None or not phone.strip():
        return None
    import phonenumbers  # lazy: its metadata is only needed when a phone number is given

    try:
        parsed = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException as exc:
        raise InvalidInput(
            "Phone numbers need a country code, e.g. +14155550100.",
            code="invalid_phone",
            details=[{"field": "phone"}],
        ) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidInput("Not a valid phone number.", code="invalid_phone", details=[{"field": "phone"}])
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def target_of(user: User) -> Target:
    return Target(owner_id=user.id, role=user.role)


def load(principal: Principal, user_id: str, action: str = "users.read", *, include_deleted: bool = False) -> User:
    """The user ``user_id`` of the caller's organization, if ``action`` on it is allowed (else 404/403)."""
    user = store.get_user(principal.org_id, user_id) if len(user_id) <= 40 else None
    if user is None:
        raise NotFound("Not found.")
    policy.require(principal, "users.read", target_of(user))
    if not user.is_active and not include_deleted:
        raise NotFound("Not found.")
    if action != "users.read":
        policy.require(principal, action, target_of(user))
    return user


def list_sessions(principal: Principal, user_id: str, limit: int, cursor: str | None) -> tuple[Page[Session], int]:
    """Another user's sessions, newest first (admins: ``users.sessions``), and the user's session epoch."""
    user = load(principal, user_id, "users.sessions", include_deleted=True)
    return store.list_sessions(principal.org_id, user.id, limit=limit, cursor=cursor), user.session_epoch


def end_session(principal: Principal, user_id: str, session_id: str) -> None:
    """End one session of another user (admins), audit-logged with the session id's first 12
    characters; 404 unless it is a session of that user."""
    user = load(principal, user_id, "users.sessions", include_deleted=True)
    if len(session_id) != 64 or not all(c in "0123456789abcdef" for c in session_id):
        raise NotFound("No such session.")
    with audit.recorded(principal, "user.session_ended", "user", user.id, {"session_id": session_id[:12]}):
        store.end_session_of(principal.org_id, session_id, user.id)


def list_users(
    principal: Principal, role: Role | None, limit: int, cursor: str | None, deleted: bool = False
) -> Page[User]:
    """Active users; ``deleted``: the deactivated ones (the trash), for those who may restore users."""
    policy.require(principal, "users.list")
    if deleted:
        policy.require(principal, "users.restore")
    return store.list_users(principal.org_id, role=role, limit=limit, cursor=cursor, deleted=deleted)


def create_user(principal: Principal, command: CreateUserCommand) -> User:
    policy.require(principal, "users.create")
    policy.require_role_assignment(principal, command.role)
    policy.require(principal, "users.create", Target(role=command.role))
    email = refuse_mixed_scripts(normalise_email(command.email))
    username = check_username(command.username or username_from_email(email))
    passwords.check_strength(command.password, email=email, username=username)
    now = utcnow()
    fields = command.model_dump(exclude_unset=True, exclude={"email", "username", "password", "role"})
    fields["phone"] = normalise_phone(command.phone)
    if command.customer_tier is not None and command.role is not Role.CUSTOMER:
        raise RuleViolation("Only customers have a customer tier.", code="customer_tier_for_staff")
    user = User(
        id=new_id(),
        org_id=principal.org_id,
        email=email,
        username=username,
        role=command.role,
        password_hash=passwords.hash_password(command.password),
        created_at=now,
        updated_at=now,
        **fields,
    )
    store.create_user(user)
    return user


@retry_on_conflict
def update_user(principal: Principal, user_id: str, command: UpdateUserCommand, if_match: int | None) -> User:
    user = load(principal, user_id, "users.update")
    require_version("user", user.version, if_match)
    changes = command.changes()
    if "role" in changes and changes["role"] != user.role:
        policy.require(principal, "users.change_role", target_of(user))
        policy.require_role_assignment(principal, changes["role"], target_id=user.id)
    elif "role" in changes:
        changes.pop("role")
    if principal.role in (Role.AGENT, Role.CUSTOMER):
        # Agents and customers edit their own profile, never what defines their access or workload.
        managed = sorted(set(changes) - SELF_SERVICE_FIELDS)
        if managed:
            raise Forbidden(f"Only a manager or admin can change: {', '.join(managed)}.", code="forbidden_field")
    if "email" in changes and principal.kind == "api_token" and user.id == principal.user_id:
        # The address is where password resets go: an API token cannot move its creator's.
        raise Forbidden("An API token cannot change its creator's email address; log in.", code="session_required")
    now = utcnow()
    # A new address is only pending until it confirms (services/email_change.py), whoever asks.
    requested_email = changes.pop("email", None)
    email_request = email_change.prepare(user, requested_email, now) if requested_email is not None else None
    if email_request is not None:
        changes.update(email_request.fields)
    if "username" in changes:
        changes["username"] = check_username(changes["username"])
    if "phone" in changes:
        changes["phone"] = normalise_phone(changes["phone"])
    role = changes.get("role", user.role)
    if changes.get("customer_tier") is not None and role is not Role.CUSTOMER:
        raise RuleViolation("Only customers have a customer tier.", code="customer_tier_for_staff")
    if role is not Role.CUSTOMER:
        changes["customer_tier"] = None if "role" in changes else changes.get("customer_tier", user.customer_tier)
    if changes.get("role") is not None and changes["role"] != user.role:
        # A role change ends the user's sessions, so the new access applies from the next login.
        changes["session_epoch"] = user.session_epoch + 1
    updated = user.model_copy(update={**changes, "updated_at": now})
    with ExitStack() as audited:
        if updated.role != user.role:
            details = {"from": user.role.value, "to": updated.role.value}
            audited.enter_context(audit.recorded(principal, "user.role_changed", "user", user.id, details))
        if email_request is not None and email_request.token is not None:
            audited.enter_context(audit.recorded(principal, "user.email_change_requested", "user", user.id))
        saved = store.save_user(updated, user)
    if email_request is not None:
        email_change.send(saved, email_request)
    return saved


@retry_on_conflict
def delete_user(principal: Principal, user_id: str) -> User:
    """Soft delete: the user cannot log in and every session of theirs ends."""
    user = load(principal, user_id, "users.delete")
    if user.id == principal.user_id:
        raise Forbidden("You cannot delete yourself.", code="self_delete")
    now = utcnow()
    updated = lifecycle.soft_delete(user, now, session_epoch=user.session_epoch + 1)
    with audit.recorded(principal, "user.deleted", "user", user.id):
        return store.save_user(updated, user)


@retry_on_conflict
def restore_user(principal: Principal, user_id: str) -> User:
    user = load(principal, user_id, "users.restore", include_deleted=True)
    if user.is_active:
        return user
    with audit.recorded(principal, "user.restored", "user", user.id):
        return store.save_user(lifecycle.restore(user, utcnow()), user)


@retry_on_conflict
def reset_two_factor(principal: Principal, user_id: str) -> User:
    """Turn another user's two-factor login off (a lost device); audit-logged. Admins only, and
    an admin's second factor only by an admin (also when the permission was granted). One's own
    needs the password and a current code: POST /auth/2fa/disable."""
    user = load(principal, user_id, "users.reset_2fa")
    if user.id == principal.user_id:
        raise Forbidden(
            "Turn your own two-factor login off with POST /auth/2fa/disable (password and a current code).",
            code="self_2fa_reset",
        )
    if not user.two_factor_enabled and user.totp_secret is None and user.totp_pending_secret is None:
        return user
    with audit.recorded(principal, "user.2fa_reset", "user", user.id):
        return store.save_user(without_second_factor(user, utcnow()), user)


def list_permissions(principal: Principal, user_id: str, limit: int, cursor: str | None) -> Page[PermissionGrant]:
    """The grants a user holds (revoked ones are gone from the list; the audit log keeps them)."""
    user = load(principal, user_id, "permissions.read")
    return store.page_grants(principal.org_id, user.id, limit=limit, cursor=cursor)


@retry_on_conflict
def grant_permission(principal: Principal, user_id: str, command: GrantCommand) -> PermissionGrant:
    if command.permission not in policy.GRANTABLE:
        raise InvalidInput(
            f"Unknown permission {command.permission!r}.",
            code="unknown_permission",
            details=[{"field": "permission", "allowed": sorted(policy.GRANTABLE)}],
        )
    user = load(principal, user_id, "permissions.grant")
    policy.require_grantable(principal, command.permission)
    now = utcnow()
    if command.expires_at is not None and command.expires_at <= now:
        raise RuleViolation("expires_at must be in the future.", code="expiry_in_past")
    grant = PermissionGrant(
        org_id=principal.org_id,
        user_id=user.id,
        permission=command.permission,
        granted_by_id=principal.user_id,
        granted_at=now,
        expires_at=command.expires_at,
    )
    details = {"permission": grant.permission, "expires_at": grant.expires_at.isoformat() if grant.expires_at else None}
    with audit.recorded(principal, "permission.granted", "user", user.id, details):
        store.grant_permission(user, grant)
    return grant


@retry_on_conflict
def revoke_permission(principal: Principal, user_id: str, permission: str) -> None:
    user = load(principal, user_id, "permissions.revoke")
    with audit.recorded(principal, "permission.revoked", "user", user.id, {"permission": permission}):
        store.revoke_permission(user, permission)
