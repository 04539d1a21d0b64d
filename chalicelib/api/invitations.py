"""Invitations: invite staff and customers by email, list, resend, revoke; preview and accept a
link (public: the link's token, sent in the JSON body, is the credential)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401  (registers the authorizer before any private route)
from chalicelib.api.http import Api, Call
from chalicelib.api.identity import client_of
from chalicelib.api.models import ListQuery, NoQuery, Output, next_cursor_field
from chalicelib.api.schemas import LoginOut, UserOut
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import AcceptInvitationCommand, InvitationCommand, InvitationTokenCommand
from chalicelib.domain.identity import Role
from chalicelib.domain.invitations import Invitation, InvitationStatus
from chalicelib.services import invitations

api = Api("invitations", __name__)


class InvitationOut(Output):
    id: str
    email: str
    role: Role
    department_ids: list[str]
    first_name: str
    last_name: str
    invited_by_id: str
    status: InvitationStatus = Field(description="pending, accepted, revoked, or expired (pending past expires_at)")
    user_id: str | None = Field(description="the user who accepted it (or the passwordless customer it invites)")
    sent_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, invitation: Invitation) -> InvitationOut:
        shown = invitation.accepted_at is not None or invitation.existing_user
        return cls.model_validate(
            {
                **invitation.model_dump(exclude={"link_hash", "totp_pending_secret", "existing_user", "org_id"}),
                "status": invitation.status(utcnow()),
                "user_id": invitation.user_id if shown else None,
            }
        )


class InvitationPage(Output):
    items: list[InvitationOut]
    next_cursor: str | None = next_cursor_field()


class InvitationPreviewOut(Output):
    organization_name: str
    email: str
    role: Role
    first_name: str
    last_name: str
    expires_at: datetime
    password_required: bool = Field(description="always true: accepting sets the password")
    two_factor_required: bool = Field(description="accept needs totp_code, a current code of totp_secret")
    totp_secret: str | None = Field(description="the TOTP secret to add to an authenticator app (when required)")
    otpauth_uri: str | None


class InvitationListQuery(ListQuery):
    status: InvitationStatus | None = Field(None, description="Only invitations with this status")


@api.route(
    "/invitations",
    "POST",
    summary="Invite someone by email (staff with role and departments, or a customer); the link is mailed",
    description=(
        "409 `email_taken` when an active user with a password holds the address (a passwordless customer"
        " may be invited as a customer: accepting sets their password); a manager cannot invite an admin"
        " (403 `privilege_escalation`); 422 `invalid_department`; 503 `mail_unavailable`."
    ),
    request=InvitationCommand,
    response=InvitationOut,
    status=201,
    location="/invitations/{id}",
    errors=(409, 422, 503),
)
def create_invitation(call: Call[InvitationCommand, NoQuery]) -> InvitationOut:
    return InvitationOut.of(invitations.create(call.principal, call.body))


@api.route(
    "/invitations",
    "GET",
    summary="Invitations of my organization, newest first (?status=)",
    response=InvitationPage,
    query=InvitationListQuery,
)
def list_invitations(call: Call[None, InvitationListQuery]) -> InvitationPage:
    q = call.query
    page = invitations.list_invitations(call.principal, q.status, q.limit, q.cursor)
    return InvitationPage(items=[InvitationOut.of(i) for i in page.items], next_cursor=page.next_cursor)


@api.route("/invitations/{invitation_id}", "GET", summary="One invitation", response=InvitationOut, errors=(404,))
def get_invitation(call: Call[None, NoQuery], invitation_id: str) -> InvitationOut:
    return InvitationOut.of(invitations.get(call.principal, invitation_id))


@api.route(
    "/invitations/{invitation_id}/resend",
    "POST",
    summary="Mail a new link (new expiry); the previous link stops working",
    description="Pending or expired invitations only (409 `invitation_not_pending`); 429 `mail_throttled`.",
    response=InvitationOut,
    errors=(404, 409, 429, 503),
    idempotent=False,
)
def resend_invitation(call: Call[None, NoQuery], invitation_id: str) -> InvitationOut:
    return InvitationOut.of(invitations.resend(call.principal, invitation_id, call.client_ip))


@api.route(
    "/invitations/{invitation_id}",
    "DELETE",
    summary="Revoke an invitation: its link stops working (410 `link_revoked`)",
    description="An accepted invitation cannot be revoked (409 `invitation_not_pending`).",
    status=204,
    errors=(404, 409),
)
def revoke_invitation(call: Call[None, NoQuery], invitation_id: str) -> None:
    invitations.revoke(call.principal, invitation_id)


@api.route(
    "/auth/invitations/preview",
    "POST",
    summary="What an invitation link is for, without using it (public: the token is the credential)",
    description=(
        "When the organization requires two-factor login for staff, the answer carries a TOTP secret"
        " (the same on every preview) whose current code accept needs. 400 `invalid_link`;"
        " 410 `link_used`, `link_expired`, `link_revoked`."
    ),
    request=InvitationTokenCommand,
    response=InvitationPreviewOut,
    public=True,
    errors=(400, 409, 410),
)
def preview_invitation(call: Call[InvitationTokenCommand, NoQuery]) -> InvitationPreviewOut:
    shown = invitations.preview(call.body.token)
    return InvitationPreviewOut(
        organization_name=shown.organization.name,
        email=shown.invitation.email,
        role=shown.invitation.role,
        first_name=shown.invitation.first_name,
        last_name=shown.invitation.last_name,
        expires_at=shown.invitation.expires_at,
        password_required=True,
        two_factor_required=shown.two_factor_required,
        totp_secret=shown.totp_secret,
        otpauth_uri=shown.otpauth_uri,
    )


@api.route(
    "/auth/invitations/accept",
    "POST",
    summary="Accept an invitation: set a password (and two-factor login when required) and sign in",
    description=(
        "Single use: 400 `invalid_link`; 410 `link_used`, `link_expired`, `link_revoked`; 409 `email_taken`,"
        " `username_taken`; 422 `weak_password`, `invalid_username`, `totp_required`, `invalid_totp`,"
        " `totp_not_set_up`."
    ),
    request=AcceptInvitationCommand,
    response=LoginOut,
    public=True,
    errors=(400, 409, 410, 422),
)
def accept_invitation(call: Call[AcceptInvitationCommand, NoQuery]) -> LoginOut:
    token, session, user = invitations.accept(call.body, *client_of(call))
    return LoginOut(token=token, expires_at=session.expires_at, user=UserOut.of(user))
