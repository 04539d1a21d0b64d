"""Single sign-on for staff with an organization's OpenID Connect provider (docs/security.md,
"Single sign-on (OIDC)").

Configuration (admins, ``sso.manage``): issuer, client id, client secret (write-only, in the
parameter store), allowed email domains, role mapping, just-in-time creation, "SSO only".

Sign-in, for a single-page app: ``start`` stores a pending sign-in (state, nonce and PKCE verifier,
single use, 10 minutes, bound to the organization) and returns the IdP's authorization URL; the IdP
sends the browser back to the app, which posts the code and state to ``callback``. The state is
claimed first (one conditional write), then the code is exchanged with the verifier and the client
secret, the ID token verified, and a session opened like a password login's. The user must be an
active staff member, or is created just in time with the mapped role; an SSO sign-in never changes
an existing user's role (Deskless is authoritative once the user exists).
"""

from __future__ import annotations

import secrets
from datetime import datetime

from chalicelib import config
from chalicelib.auth import policy
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import SsoCallbackCommand, SsoConfigCommand
from chalicelib.domain.errors import (
    Conflict,
    DesklessError,
    Forbidden,
    Invalid,
    InvalidInput,
    NotFound,
    Unauthenticated,
    require_version,
)
from chalicelib.domain.identity import STAFF_ROLES, Organization, Principal, Role, Session, User
from chalicelib.domain.sso import (
    FLOW_VALID,
    SsoConfig,
    SsoFlow,
    domain_allowed,
    issuer_problem,
    mapped_role,
    pkce_challenge,
    sha256,
)
from chalicelib.services import audit, identity, oidc
from chalicelib.store import identity as identity_store
from chalicelib.store import sso as store
from chalicelib.store import sso_secrets
from chalicelib.store.keys import is_safe_part

# ---------------------------------------------------------------- configuration


def not_configured() -> NotFound:
    return NotFound("Single sign-on is not configured for this organization.", code="sso_not_configured")


def get_config(principal: Principal) -> SsoConfig:
    policy.require(principal, "sso.manage")
    config_ = store.get_config(principal.org_id)
    if config_ is None:
        raise not_configured()
    return config_


def _check_redirect_uris(uris: list[str]) -> None:
    for index, uri in enumerate(uris):
        problem = issuer_problem(uri, config.sso_allow_loopback_issuer())
        if problem is not None:
            raise InvalidInput(
                f"The redirect URI {problem}.",
                code="invalid_redirect_uri",
                details=[{"field": f"redirect_uris.{index}", "message": problem, "type": "redirect_uri"}],
            )


def put_config(principal: Principal, command: SsoConfigCommand, if_match: int | None) -> SsoConfig:
    """Create or replace the configuration (If-Match: its version). A new ``client_secret`` is
    written to the parameter store under a new name before the configuration names it; the old one
    is deleted once the configuration no longer names it. Audit-logged (``sso.configured``)."""
    policy.require(principal, "sso.manage")
    previous = store.get_config(principal.org_id)
    if previous is not None:
        require_version("SSO configuration", previous.version, if_match)
    oidc.check_issuer(command.issuer)
    redirect_uris = list(dict.fromkeys(command.redirect_uris))
    _check_redirect_uris(redirect_uris)
    if command.client_secret is None and previous is None:
        raise InvalidInput(
            "The first configuration needs the client_secret.",
            code="client_secret_required",
            details=[{"field": "client_secret", "message": "required the first time", "type": "missing"}],
        )
    now = utcnow()
    secret_id = previous.secret_id if previous is not None else ""
    if command.client_secret is not None:
        secret_id = secrets.token_hex(8)
        sso_secrets.put_secret(principal.org_id, secret_id, command.client_secret)
    updated = SsoConfig(
        org_id=principal.org_id,
        issuer=command.issuer,
        client_id=command.client_id,
        secret_id=secret_id,
        redirect_uris=redirect_uris,
        allowed_email_domains=list(dict.fromkeys(command.allowed_email_domains)),
        role_claim=command.role_claim,
        role_mapping={value: Role(role) for value, role in command.role_mapping.items()},
        default_role=Role(command.default_role) if command.default_role else None,
        jit_provisioning=command.jit_provisioning,
        sso_only=command.sso_only,
        enabled=command.enabled,
        created_at=previous.created_at if previous is not None else now,
        updated_at=now,
        version=previous.version if previous is not None else 1,
    )
    details = {
        "issuer": updated.issuer,
        "enabled": updated.enabled,
        "sso_only": updated.sso_only,
        "secret_replaced": command.client_secret is not None,
    }
    try:
        with audit.recorded(principal, "sso.configured", "organization", principal.org_id, details):
            saved = store.save_config(updated, previous)
    except Exception:
        if command.client_secret is not None:
            sso_secrets.discard_secret(principal.org_id, secret_id)  # never named by any configuration
        raise
    if previous is not None and previous.secret_id != saved.secret_id:
        sso_secrets.discard_secret(principal.org_id, previous.secret_id)
    return saved


def delete_config(principal: Principal, if_match: int | None) -> None:
    """Remove the configuration and its secret; staff log in with passwords again. Audit-logged."""
    config_ = get_config(principal)
    require_version("SSO configuration", config_.version, if_match)
    with audit.recorded(principal, "sso.removed", "organization", principal.org_id):
        store.delete_config(config_)
    sso_secrets.discard_secret(principal.org_id, config_.secret_id)


# ---------------------------------------------------------------- sign-in


def _enabled_config(slug: str) -> tuple[Organization, SsoConfig]:
    """The organization ``slug`` and its enabled configuration; 404 ``sso_not_configured`` otherwise
    (an unknown organization answers the same)."""
    slug = slug.strip().lower()
    org_id = identity_store.org_id_for_slug(slug) if is_safe_part(slug) and len(slug) <= 40 else None
    org, config_ = store.org_and_config(org_id) if org_id else (None, None)
    if org is None or config_ is None or not config_.enabled:
        raise not_configured()
    return org, config_


def start(slug: str, redirect_uri: str) -> tuple[str, datetime]:
    """The identity provider's authorization URL for a new sign-in, and when the sign-in expires.

    ``redirect_uri`` must be one of the organization's configured ones or the deployment's
    ``PUBLIC_URL/app/sso/callback`` (422 ``invalid_redirect_uri``)."""
    org, config_ = _enabled_config(slug)
    allowed = [*config_.redirect_uris, *filter(None, [config.sso_callback_url()])]
    if redirect_uri not in allowed:
        raise InvalidInput(
            "The redirect_uri is not one of the organization's SSO callback pages.",
            code="invalid_redirect_uri",
            details=[{"field": "redirect_uri", "message": "not a configured redirect URI", "type": "redirect_uri"}],
        )
    provider = oidc.discover(config_.issuer)
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    now = utcnow()
    flow = SsoFlow(
        org_id=org.id,
        state_hash=sha256(state),
        nonce_hash=sha256(nonce),
        code_verifier=verifier,
        redirect_uri=redirect_uri,
        created_at=now,
        expires_at=now + FLOW_VALID,
    )
    store.put_flow(flow)
    url = oidc.authorization_url(provider, config_.client_id, redirect_uri, state, nonce, pkce_challenge(verifier))
    return url, flow.expires_at


def callback(
    slug: str, command: SsoCallbackCommand, ip: str | None, user_agent: str | None
) -> tuple[str, Session, User]:
    """A session for the staff member the identity provider vouches for (see the module docstring).

    400 ``invalid_sso_state``: unknown, expired, already used or another organization's state.
    401 ``sso_failed``: the code or the ID token was refused. 403: unverified email, domain not
    allowed, a customer's address, no account (JIT off) or no role to give. 503 ``sso_unavailable``:
    the identity provider or the parameter store did not answer."""
    org, config_ = _enabled_config(slug)
    now = utcnow()
    flow = store.claim_flow(org.id, sha256(command.state), now) if len(command.state) <= 100 else None
    if flow is None:
        raise Invalid(
            "This sign-in is unknown, expired or already used; start again.",
            code="invalid_sso_state",
            details=[{"field": "state", "message": "unknown, expired or used", "type": "sso_state"}],
        )
    provider = oidc.discover(config_.issuer)
    secret = sso_secrets.get_secret(org.id, config_.secret_id)
    id_token = oidc.exchange_code(
        provider, config_.client_id, secret, command.code, flow.redirect_uri, flow.code_verifier
    )
    claims = oidc.verify_id_token(provider, id_token, config_.client_id, flow.nonce_hash, flow.created_at, now)
    email = _verified_email(claims, config_)
    user = _staff_user(org, config_, email, claims, now)
    token, session = identity.new_session(org, user, ip, user_agent, now)
    with audit.recorded(user.id, "user.sso_signed_in", "user", user.id, {"issuer": config_.issuer}, org_id=org.id):
        store.start_session(session)
    if user.last_active is None or now - user.last_active >= identity.ACTIVITY_RESOLUTION:
        identity_store.touch_user(org.id, user.id, now)
    return token, session, user


def _verified_email(claims: dict[str, object], config_: SsoConfig) -> str:
    email = claims.get("email")
    if claims.get("email_verified") is not True or not isinstance(email, str):
        raise Forbidden("The identity provider has not verified this email address.", code="sso_email_unverified")
    try:
        normalised = identity.normalise_email(email)
    except DesklessError:
        raise Forbidden("The identity provider gave no usable email address.", code="sso_email_unverified") from None
    if not domain_allowed(normalised, config_.allowed_email_domains):
        raise Forbidden("This email domain may not sign in to the organization.", code="sso_domain_not_allowed")
    return normalised


def _staff_user(org: Organization, config_: SsoConfig, email: str, claims: dict[str, object], now: datetime) -> User:
    """The active staff user with this address, or one created now (just-in-time) with the mapped role."""
    user_id = identity_store.user_id_for_email(org.id, email)
    user = identity_store.get_user(org.id, user_id) if user_id else None
    if user is not None:
        if user.role not in STAFF_ROLES:
            raise Forbidden("Customers do not sign in with single sign-on.", code="sso_not_staff")
        if not user.is_active or (not org.is_active and user.role is not Role.ADMIN):
            raise Unauthenticated("This account is deactivated.", code="sso_account_inactive")
        return user
    if not config_.jit_provisioning:
        raise Forbidden("No staff account has this email address.", code="sso_no_account")
    if not org.is_active:
        raise Unauthenticated("The organization is deactivated.", code="sso_account_inactive")
    role = mapped_role(config_, dict(claims))
    if role is None:
        raise Forbidden("The identity provider's claims map to no role here.", code="sso_role_unmapped")
    return _provision(org, email, role, claims, now)


def _name(claims: dict[str, object], key: str, fallback: str) -> str:
    value = claims.get(key)
    return value.strip()[:100] if isinstance(value, str) and value.strip() else fallback


def _provision(org: Organization, email: str, role: Role, claims: dict[str, object], now: datetime) -> User:
    """Create the staff user (no password: they sign in by SSO, or set one by a reset); a taken
    username gets a random suffix. Audit-logged (``user.sso_provisioned``) in the same transaction."""
    base = identity.username_from_email(email)[:33]
    for attempt in range(3):
        username = base if attempt == 0 else f"{base}-{secrets.token_hex(3)}"
        user = User(
            id=identity.new_id(),
            org_id=org.id,
            email=email,
            username=identity.check_username(username),
            first_name=_name(claims, "given_name", email.split("@")[0][:100]),
            last_name=_name(claims, "family_name", ""),
            role=role,
            timezone=org.settings.timezone,
            last_active=now,  # as a sign-in leaves it
            email_verified_at=now,  # the identity provider said email_verified: true
            created_at=now,
            updated_at=now,
        )
        try:
            with audit.recorded(user.id, "user.sso_provisioned", "user", user.id, {"role": role.value}, org_id=org.id):
                identity_store.create_user(user)
        except Conflict as exc:
            if exc.code != "username_taken":
                raise
            continue
        return user
    raise Conflict("No free username could be found for this address.", code="username_taken")
