"""Identity use cases: signup, login, sessions, 2FA, organization settings.

Every function that acts for a caller takes the ``Principal`` and asks ``auth.policy`` first.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from datetime import datetime, timedelta

from chalicelib.auth import passwords, policy, tokens, totp
from chalicelib.domain import lifecycle
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import (
    ChangePasswordCommand,
    CurrentCredentials,
    LoginCommand,
    OrganizationPatch,
    SignupCommand,
    TotpDisableCommand,
    TotpSetupCommand,
    TotpVerifyCommand,
)
from chalicelib.domain.errors import (
    Conflict,
    DesklessError,
    Forbidden,
    InvalidInput,
    NotFound,
    RuleViolation,
    Unauthenticated,
    require_version,
)
from chalicelib.domain.identity import (
    USERNAME,
    Organization,
    OrgSettings,
    Principal,
    Role,
    Session,
    User,
)
from chalicelib.domain.sso import password_login_refused
from chalicelib.services import api_tokens, audit, login_throttle
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import identity as store
from chalicelib.store import tenant_jobs
from chalicelib.store.keys import is_safe_part
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation

ACTIVITY_RESOLUTION = timedelta(minutes=1)


def new_id() -> str:
    """20 hex characters: fixed length, so ``USER#<id>`` prefixes never overlap."""
    return secrets.token_hex(10)


def active_user(org_id: str, user_id: str, roles: Collection[Role], error: DesklessError) -> User:
    """The organization's active user ``user_id`` holding one of ``roles``; else ``error`` (an id
    that cannot be one of ours is treated the same)."""
    user = store.get_user(org_id, user_id) if len(user_id) <= 40 else None
    if user is None or not user.is_active or user.role not in roles:
        raise error
    return user


def normalise_email(email: str) -> str:
    from email_validator import EmailNotValidError, validate_email  # lazy: keeps dnspython out of cold starts

    try:
        return str(validate_email(email.strip(), check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise InvalidInput(
            f"Not a valid email address: {exc}", code="invalid_email", details=[{"field": "email"}]
        ) from exc


def check_username(username: str) -> str:
    if not USERNAME.match(username):
        raise InvalidInput(
            "Usernames are 3-40 letters, digits, '.', '_' or '-'.",
            code="invalid_username",
            details=[{"field": "username"}],
        )
    return username


def username_from_email(email: str) -> str:
    local = "".join(ch for ch in email.split("@")[0] if ch.isalnum() or ch in "._-")[:40]
    return local if len(local) >= 3 else f"{local}-user"


# ---------------------------------------------------------------- signup and login


def signup(command: SignupCommand, ip: str | None, user_agent: str | None) -> tuple[Organization, User, str]:
    """Organization + first admin + session in one transaction; a taken slug is 409 ``slug_taken``."""
    now = utcnow()
    email = normalise_email(command.admin_email)
    username = check_username(command.admin_username or username_from_email(email))
    passwords.check_strength(command.admin_password, email=email, username=username)
    org = Organization(
        id=new_id(),
        name=command.name,
        slug=command.slug,
        domain=command.domain,
        subscription_tier=command.subscription_tier,
        settings=OrgSettings(timezone=command.timezone),
        created_at=now,
        updated_at=now,
    )
    admin = User(
        id=new_id(),
        org_id=org.id,
        email=email,
        username=username,
        first_name=command.admin_first_name,
        last_name=command.admin_last_name,
        role=Role.ADMIN,
        timezone=command.timezone,
        password_hash=passwords.hash_password(command.admin_password),
        created_at=now,
        updated_at=now,
        last_active=now,
    )
    token, session = new_session(org, admin, ip, user_agent, now)
    store.create_organization(org, admin, session)
    return org, admin, token


def new_session(
    org: Organization, user: User, ip: str | None, user_agent: str | None, now: datetime
) -> tuple[str, Session]:
    """A new session of ``user`` (not yet stored: ``store.put_session``) and its bearer token; every
    way of signing in ends here, so lifetime, idle limit and epoch are the organization's."""
    token = tokens.new_token(org.id, user.id)
    session = Session(
        id=tokens.token_hash(token),
        org_id=org.id,
        user_id=user.id,
        ip_address=ip,
        user_agent=(user_agent or "")[:512] or None,
        created_at=now,
        last_activity=now,
        expires_at=now + timedelta(hours=org.settings.session_lifetime_hours),
        epoch=user.session_epoch,
    )
    return token, session


def _login_failed() -> Unauthenticated:
    return Unauthenticated("Wrong organization, email or password.", code="invalid_credentials")


def login(command: LoginCommand, ip: str | None, user_agent: str | None) -> tuple[str, Session, User]:
    """A bearer token for a valid login.

    Unknown organization, unknown email and wrong password are the same 401 and cost the same
    (a dummy argon2 verification). The attempt is counted before the password is checked
    (``login_throttle.begin``): past a budget the answer is 429 with the real wait, whatever the
    password. Concurrent logins of one user never conflict: the TOTP step and a rehash are
    conditional updates of their own attributes.
    """
    now = utcnow()
    email = command.email.strip().lower()
    slug = command.organization.strip().lower()
    org_id = store.org_id_for_slug(slug) if is_safe_part(email) else None
    org, user_id, counters, sso_only = store.login_snapshot(org_id, email) if org_id else (None, None, {}, False)
    attempt = login_throttle.begin(org.id if org else None, email, ip, now, counters)
    if org is None:
        passwords.verify(None, command.password)
        attempt.failed()
        raise _login_failed()
    user = store.get_user(org.id, user_id) if user_id else None
    password_ok = passwords.verify(user.password_hash if user else None, command.password)
    usable = user is not None and user.is_active and (org.is_active or user.role is Role.ADMIN)
    if not password_ok or not usable or user is None:
        attempt.failed()
        raise _login_failed()
    if sso_only and password_login_refused(user.role):
        attempt.refund()
        raise Unauthenticated("Staff of this organization sign in with single sign-on.", code="sso_required")
    if user.two_factor_enabled:
        if not command.totp_code:
            attempt.refund()
            raise Unauthenticated("This account needs a two-factor code (totp_code).", code="totp_required")
        claimed = claim_totp(user, command.totp_code, now)
        if claimed is None:
            attempt.failed()
            raise Unauthenticated("The two-factor code is wrong or was already used.", code="invalid_totp")
        user = claimed
    attempt.succeeded()  # as soon as the credentials are proven: the address's slot is free again
    if passwords.needs_rehash(user.password_hash):
        upgraded = passwords.hash_password(command.password)
        if store.replace_password_hash(user, upgraded):
            user = user.model_copy(update={"password_hash": upgraded})
    token, session = new_session(org, user, ip, user_agent, now)
    store.put_session(session)
    if user.last_active is None or now - user.last_active >= ACTIVITY_RESOLUTION:
        store.touch_user(org.id, user.id, now)
    return token, session, user


def claim_totp(user: User, code: str, now: datetime) -> User | None:
    """The user after using ``code``, or None when it is wrong or was used already (a step is
    claimed atomically: of concurrent requests with one code, exactly one gets it)."""
    step = totp.matching_step(user.totp_secret or "", code, now.timestamp())
    if step is None or step <= user.totp_last_step:
        return None
    return store.claim_totp_step(user, step)


def _reauthenticate(user: User, credentials: CurrentCredentials, ip: str | None, now: datetime) -> User:
    """Check a signed-in user's password (and current code when two-factor login is on) with the
    same budgets as login; the user as stored afterwards. 422 ``wrong_password`` /
    ``totp_required`` / ``invalid_totp``, 429 ``login_locked``."""
    attempt = login_throttle.begin(user.org_id, user.email.lower(), ip, now)
    if not passwords.verify(user.password_hash, credentials.current_password):
        attempt.failed()
        raise RuleViolation("The current password is wrong.", code="wrong_password")
    if user.two_factor_enabled:
        if not credentials.totp_code:
            attempt.refund()
            raise RuleViolation("Two-factor login is on: send a current code (totp_code).", code="totp_required")
        claimed = claim_totp(user, credentials.totp_code, now)
        if claimed is None:
            attempt.failed()
            raise RuleViolation("The two-factor code is wrong or was already used.", code="invalid_totp")
        user = claimed
    attempt.succeeded()
    return user


# ---------------------------------------------------------------- the authorizer


def authenticate(authorization: str | None, now: datetime | None = None, *, counter: bool = False) -> Principal:
    """The principal behind a bearer token (a session's or an API token), or ``Unauthenticated``.
    One BatchGetItem, plus at most one conditional write a minute to record activity. The principal
    carries the organization read; ``counter`` (routes that create tickets): the ticket counter
    too, read in the same BatchGetItem."""
    now = now or utcnow()
    if tokens.is_api_token(authorization):
        parsed_api_token = tokens.parse_api_token(authorization)
        if parsed_api_token is None:
            raise Unauthenticated("The API token does not exist.", code="invalid_token")
        return api_tokens.authenticate(parsed_api_token, now, counter)
    parsed = tokens.parse(authorization)
    if parsed is None:
        raise Unauthenticated("Send Authorization: Bearer <token> from POST /auth/login.", code="unauthenticated")
    session, user, org, ticket_counter = store.auth_snapshot(parsed.org_id, parsed.user_id, parsed.session_id, counter)
    if session is None or user is None or org is None or session.user_id != user.id:
        raise Unauthenticated("The session does not exist.", code="invalid_session")
    idle_limit = timedelta(minutes=org.settings.session_idle_minutes)
    if (
        not session.is_active
        or session.epoch != user.session_epoch
        or now >= session.expires_at
        or now - session.last_activity > idle_limit
    ):
        raise Unauthenticated("The session has expired or was ended; log in again.", code="session_expired")
    if not user.is_active or (not org.is_active and user.role is not Role.ADMIN):
        raise Unauthenticated("The session has expired or was ended; log in again.", code="session_expired")
    if now - session.last_activity >= ACTIVITY_RESOLUTION:
        store.touch_session(org.id, session.id, now)
    if user.last_active is None or now - user.last_active >= ACTIVITY_RESOLUTION:
        store.touch_user(org.id, user.id, now)
    scoped = session.ticket_number is not None  # opened by a ticket's link: that ticket only
    return Principal(
        org_id=org.id,
        user_id=user.id,
        role=user.role,
        session_id=session.id,
        permissions=active_permissions(user, now),
        org_active=org.is_active,
        subscription_tier=org.subscription_tier,
        kind="ticket_link" if scoped else "session",
        allowed_actions=policy.TICKET_LINK_ACTIONS if scoped else None,
        ticket_number=session.ticket_number,
        organization=org,
        ticket_counter=ticket_counter,
    )


def active_permissions(user: User, now: datetime) -> frozenset[str]:
    active = set()
    for permission, expires in user.granted.items():
        if expires is None or datetime.fromisoformat(expires.replace("Z", "+00:00")) > now:
            active.add(permission)
    return frozenset(active)


# ---------------------------------------------------------------- me and sessions


def require_login_session(principal: Principal) -> None:
    """A person's own credentials (password, two-factor, sessions) are managed from a full login
    session: never with an API token acting for them, nor from a ticket link's session (which
    proves only that its holder read one notification mail). 403 ``session_required``."""
    if principal.kind == "api_token":
        raise Forbidden("An API token cannot manage its creator's sign-in; log in.", code="session_required")
    if principal.kind == "ticket_link":
        raise Forbidden(
            "Sign in to change your account; a ticket link opens that ticket only.", code="session_required"
        )


def me(principal: Principal) -> User:
    user = store.get_user(principal.org_id, principal.user_id)
    if user is None:
        raise NotFound("Not found.")
    return user


def logout(principal: Principal) -> None:
    require_login_session(principal)
    store.end_session(principal.org_id, principal.session_id, principal.user_id)


def list_my_sessions(principal: Principal, limit: int, cursor: str | None) -> tuple[Page[Session], int]:
    require_login_session(principal)
    policy.require(principal, "sessions.manage")
    user = me(principal)
    return store.list_sessions(principal.org_id, principal.user_id, limit=limit, cursor=cursor), user.session_epoch


def revoke_session(principal: Principal, session_id: str) -> None:
    require_login_session(principal)
    policy.require(principal, "sessions.manage")
    if len(session_id) != 64 or not all(c in "0123456789abcdef" for c in session_id):
        raise NotFound("No such session.")
    store.end_session(principal.org_id, session_id, principal.user_id)


def change_password(
    principal: Principal, command: ChangePasswordCommand, ip: str | None, user_agent: str | None
) -> tuple[str, Session]:
    """New password, after the current one (and a current code when two-factor login is on),
    checked with login's budgets; every session of the user ends (one write: the session epoch
    moves on); a new token is returned."""
    require_login_session(principal)
    now = utcnow()
    user = _reauthenticate(me(principal), command, ip, now)
    passwords.check_strength(command.new_password, email=user.email, username=user.username)
    updated = user.model_copy(
        update={
            "password_hash": passwords.hash_password(command.new_password),
            "session_epoch": user.session_epoch + 1,
            "updated_at": now,
        }
    )
    saved = store.save_user(updated, user)
    org = _org(principal)
    token, session = new_session(org, saved, ip, user_agent, now)
    store.put_session(session)
    return token, session


# ---------------------------------------------------------------- two-factor


def totp_setup(principal: Principal, command: TotpSetupCommand, ip: str | None) -> tuple[str, str]:
    """A new secret (pending until verified) and its otpauth:// URI, after the current password
    (and a current code when two-factor login is already on), checked with login's budgets."""
    require_login_session(principal)
    user = _reauthenticate(me(principal), command, ip, utcnow())
    org = _org(principal)
    secret = totp.new_secret()
    store.save_user(user.model_copy(update={"totp_pending_secret": secret, "updated_at": utcnow()}), user)
    return secret, totp.provisioning_uri(secret, user.email, org.name)


@retry_on_conflict
def totp_verify(principal: Principal, command: TotpVerifyCommand) -> User:
    require_login_session(principal)
    user = me(principal)
    secret = user.totp_pending_secret or user.totp_secret
    if not secret:
        raise RuleViolation("Call POST /auth/2fa/setup first.", code="totp_not_set_up")
    step = totp.matching_step(secret, command.code)
    if step is None or step <= user.totp_last_step:
        raise RuleViolation("The code is wrong or was already used.", code="invalid_totp")
    updated = user.model_copy(
        update={
            "totp_secret": secret,
            "totp_pending_secret": None,
            "two_factor_enabled": True,
            "totp_last_step": step,
            "updated_at": utcnow(),
        }
    )
    return store.save_user(updated, user)


def totp_disable(principal: Principal, command: TotpDisableCommand, ip: str | None) -> User:
    """Two-factor login off (secret and pending secret dropped), after the current password and a
    current code, checked with login's budgets; audit-logged."""
    require_login_session(principal)
    user = _reauthenticate(me(principal), command, ip, utcnow())
    if not user.two_factor_enabled and user.totp_secret is None and user.totp_pending_secret is None:
        return user
    with audit.recorded(principal, "user.2fa_disabled", "user", user.id):
        return store.save_user(without_second_factor(user, utcnow()), user)


def without_second_factor(user: User, now: datetime) -> User:
    """``user`` with two-factor login off and no secret, active or pending."""
    return user.model_copy(
        update={"two_factor_enabled": False, "totp_secret": None, "totp_pending_secret": None, "updated_at": now}
    )


# ---------------------------------------------------------------- organization


def _org(principal: Principal) -> Organization:
    org = store.get_organization(principal.org_id)
    if org is None:
        raise NotFound("Not found.")
    return org


def get_organization(principal: Principal) -> Organization:
    policy.require(principal, "organization.read")
    return _org(principal)


CLEARABLE_ORG_FIELDS = frozenset({"domain"})


@retry_on_conflict
def update_organization(principal: Principal, patch: OrganizationPatch, if_match: int | None) -> Organization:
    policy.require(principal, "organization.update")
    org = _org(principal)
    require_version("organization", org.version, if_match)
    # null clears only what may be empty (the domain); for the rest it means "unchanged".
    changes = {
        name: value
        for name, value in patch.model_dump(exclude_unset=True, exclude={"settings"}).items()
        if value is not None or name in CLEARABLE_ORG_FIELDS
    }
    settings = org.settings
    addresses: list[Operation] = []
    if patch.settings is not None:
        merged = settings.model_dump() | patch.settings.model_dump(exclude_unset=True, exclude_none=True)
        if patch.settings.support_email_addresses is not None:
            from chalicelib.services import support_addresses  # it uses normalise_email from here

            wanted = list(patch.settings.support_email_addresses)
            merged["support_email_addresses"], addresses = support_addresses.settings_changes(principal, org, wanted)
        if patch.settings.channel_departments:
            from chalicelib.services import departments  # it uses new_id from here

            routed = {str(channel): d for channel, d in patch.settings.channel_departments.items()}
            addresses += departments.routing_checks(principal.org_id, routed)
        settings = OrgSettings.model_validate(merged)
    updated = org.model_copy(update={**changes, "settings": settings, "updated_at": utcnow()})
    named_settings = patch.settings.model_dump(exclude_unset=True, exclude_none=True) if patch.settings else {}
    fields = sorted(set(changes) | {f"settings.{k}" for k in named_settings})
    with audit.recorded(principal, "organization.updated", "organization", org.id, {"fields": fields}):
        return store.save_organization(updated, addresses)


@retry_on_conflict
def delete_organization(principal: Principal, if_match: int | None) -> Organization:
    """Soft delete: every route hides the organization's data; an admin can still log in to restore it."""
    policy.require(principal, "organization.delete")
    org = _org(principal)
    require_version("organization", org.version, if_match)
    now = utcnow()
    with audit.recorded(principal, "organization.deleted", "organization", org.id):
        return store.save_organization(lifecycle.soft_delete(org, now))


@retry_on_conflict
def restore_organization(principal: Principal) -> Organization:
    policy.require(principal, "organization.restore")
    org = _org(principal)
    if org.is_active:
        return org
    if tenant_jobs.deleting(org.id):
        raise Conflict("The organization is being deleted (offboarding); it cannot be restored.", code="offboarding")
    with audit.recorded(principal, "organization.restored", "organization", org.id):
        return store.save_organization(lifecycle.restore(org, utcnow()))


def me_and_organization(principal: Principal) -> tuple[User, Organization]:
    """The caller and their organization (any role may see its name and slug): one BatchGetItem."""
    user, org = store.user_and_org(principal.org_id, principal.user_id)
    if user is None or org is None:
        raise NotFound("Not found.")
    return user, org
