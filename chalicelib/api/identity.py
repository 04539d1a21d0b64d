"""Signup, login, sessions, two-factor and the organization's own settings."""

from __future__ import annotations

from typing import Any

from chalicelib.api import authorizer  # noqa: F401  (registers the authorizer before any private route)
from chalicelib.api.http import Api, Call
from chalicelib.api.models import ListQuery, NoQuery
from chalicelib.api.schemas import (
    LoginOut,
    MeOut,
    OrganizationOut,
    OrganizationSummary,
    SessionOut,
    SessionPage,
    SignupOut,
    TotpSetupOut,
    UserOut,
)
from chalicelib.domain.commands import (
    ChangePasswordCommand,
    ConfirmEmailCommand,
    LoginCommand,
    OrganizationPatch,
    SignupCommand,
    TotpDisableCommand,
    TotpSetupCommand,
    TotpVerifyCommand,
)
from chalicelib.services import email_change, identity

api = Api("identity", __name__)


def client_of(call: Call[Any, Any]) -> tuple[str | None, str | None]:
    return call.client_ip, call.header("user-agent")


@api.route(
    "/organizations",
    "POST",
    summary="Sign up: a new organization, its first admin and a session",
    request=SignupCommand,
    response=SignupOut,
    status=201,
    location="/organization",
    public=True,
    errors=(409, 422),
)
def signup(call: Call[SignupCommand, NoQuery]) -> SignupOut:
    org, admin, token = identity.signup(call.body, *client_of(call))
    return SignupOut(organization=OrganizationOut.of(org), user=UserOut.of(admin), token=token)


@api.route(
    "/auth/login",
    "POST",
    summary="Log in with organization slug, email and password (and TOTP code)",
    request=LoginCommand,
    response=LoginOut,
    public=True,
    errors=(401, 429),
)
def login(call: Call[LoginCommand, NoQuery]) -> LoginOut:
    token, session, user = identity.login(call.body, *client_of(call))
    return LoginOut(token=token, expires_at=session.expires_at, user=UserOut.of(user))


@api.route("/auth/logout", "POST", summary="End the current session", status=204)
def logout(call: Call[None, NoQuery]) -> None:
    identity.logout(call.principal)


@api.route("/auth/me", "GET", summary="The caller: user, organization and granted permissions", response=MeOut)
def me(call: Call[None, NoQuery]) -> MeOut:
    user, org = identity.me_and_organization(call.principal)
    return MeOut(
        user=UserOut.of(user),
        organization=OrganizationSummary(id=org.id, name=org.name, slug=org.slug, is_active=org.is_active),
        permissions=sorted(call.principal.permissions),
    )


@api.route("/auth/sessions", "GET", summary="My sessions, newest first", response=SessionPage, query=ListQuery)
def list_sessions(call: Call[None, ListQuery]) -> SessionPage:
    page, epoch = identity.list_my_sessions(call.principal, call.query.limit, call.query.cursor)
    return SessionPage(
        items=[SessionOut.of(s, call.principal.session_id, epoch) for s in page.items], next_cursor=page.next_cursor
    )


@api.route("/auth/sessions/{session_id}", "DELETE", summary="End one of my sessions", status=204, errors=(404,))
def revoke_session(call: Call[None, NoQuery], session_id: str) -> None:
    identity.revoke_session(call.principal, session_id)


@api.route(
    "/auth/password",
    "POST",
    summary="Change my password; every session ends, a new token is returned",
    description=(
        "Needs the current password, and a current `totp_code` when two-factor login is on; wrong"
        " ones count against the same budgets as login (429 `login_locked` with Retry-After)."
    ),
    request=ChangePasswordCommand,
    response=LoginOut,
    errors=(409, 422, 429),
)
def change_password(call: Call[ChangePasswordCommand, NoQuery]) -> LoginOut:
    token, session = identity.change_password(call.principal, call.body, *client_of(call))
    return LoginOut(token=token, expires_at=session.expires_at, user=UserOut.of(identity.me(call.principal)))


@api.route(
    "/auth/email/confirm",
    "POST",
    summary="Confirm a new email address with the code mailed to it: the change takes effect now",
    request=ConfirmEmailCommand,
    response=UserOut,
    public=True,
    errors=(409, 422),
)
def confirm_email(call: Call[ConfirmEmailCommand, NoQuery]) -> UserOut:
    """Public: the code itself is the credential (single use, 24 hours). 422 ``invalid_confirmation``
    for a wrong, expired or used code; 409 ``email_taken`` when the address was taken meanwhile."""
    return UserOut.of(email_change.confirm(call.body.token))


@api.route(
    "/auth/2fa/setup",
    "POST",
    summary="Start TOTP setup: a secret and its otpauth:// URI",
    description=(
        "Needs the current password, and a current `totp_code` when two-factor login is already on"
        " (the new secret replaces the old one once verified); checked with login's budgets."
    ),
    request=TotpSetupCommand,
    response=TotpSetupOut,
    errors=(409, 422, 429),
)
def totp_setup(call: Call[TotpSetupCommand, NoQuery]) -> TotpSetupOut:
    secret, uri = identity.totp_setup(call.principal, call.body, call.client_ip)
    return TotpSetupOut(secret=secret, otpauth_uri=uri)


@api.route(
    "/auth/2fa/verify",
    "POST",
    summary="Confirm a TOTP code: two-factor login is on from now",
    request=TotpVerifyCommand,
    response=UserOut,
    errors=(409, 422),
)
def totp_verify(call: Call[TotpVerifyCommand, NoQuery]) -> UserOut:
    return UserOut.of(identity.totp_verify(call.principal, call.body))


@api.route(
    "/auth/2fa/disable",
    "POST",
    summary="Turn my two-factor login off (current password and code)",
    description="Checked with login's budgets (429 `login_locked` with Retry-After); audit-logged.",
    request=TotpDisableCommand,
    response=UserOut,
    errors=(409, 422, 429),
)
def totp_disable(call: Call[TotpDisableCommand, NoQuery]) -> UserOut:
    return UserOut.of(identity.totp_disable(call.principal, call.body, call.client_ip))


@api.route("/organization", "GET", summary="My organization", response=OrganizationOut, errors=(404,))
def get_organization(call: Call[None, NoQuery]) -> OrganizationOut:
    return OrganizationOut.of(identity.get_organization(call.principal))


@api.route(
    "/organization",
    "PATCH",
    summary="Change name, domain, tier or settings (If-Match: version)",
    request=OrganizationPatch,
    response=OrganizationOut,
    errors=(404, 409, 429),
    if_match=True,
)
def update_organization(call: Call[OrganizationPatch, NoQuery]) -> OrganizationOut:
    return OrganizationOut.of(identity.update_organization(call.principal, call.body, call.if_match()))


@api.route(
    "/organization",
    "DELETE",
    summary="Deactivate the organization (soft delete; admins can restore it); If-Match",
    status=204,
    errors=(404, 409),
    if_match=True,
)
def delete_organization(call: Call[None, NoQuery]) -> None:
    identity.delete_organization(call.principal, call.if_match())


@api.route("/organization/restore", "POST", summary="Reactivate a deactivated organization", response=OrganizationOut)
def restore_organization(call: Call[None, NoQuery]) -> OrganizationOut:
    return OrganizationOut.of(identity.restore_organization(call.principal))
