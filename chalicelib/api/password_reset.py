"""Password reset: ask for a link by email (public, no account discovery), then set a new
password with it (public: the link's token, sent in the JSON body, is the credential)."""

from __future__ import annotations

from chalicelib.api.http import Api, Call
from chalicelib.api.identity import client_of
from chalicelib.api.models import NoQuery, Output
from chalicelib.api.schemas import LoginOut, UserOut
from chalicelib.domain.commands import ForgotPasswordCommand, ResetPasswordCommand
from chalicelib.services import password_reset

api = Api("password_reset", __name__)

MAIL_REQUESTED = "If an account with this address exists, a message with a link is on its way."


class MailRequestedOut(Output):
    message: str


@api.route(
    "/auth/password/forgot",
    "POST",
    summary="Forgot password: mail a single-use reset link (the same answer whether or not the account exists)",
    description=(
        "Always 202 with the same body; throttled per address asked for and per client"
        " (429 `mail_throttled` with Retry-After), whether or not the account exists. The link is valid 45"
        " minutes; a newer request replaces it."
    ),
    request=ForgotPasswordCommand,
    response=MailRequestedOut,
    status=202,
    public=True,
    errors=(429,),
    idempotent=False,
)
def forgot_password(call: Call[ForgotPasswordCommand, NoQuery]) -> MailRequestedOut:
    password_reset.forgot(call.body, call.client_ip)
    return MailRequestedOut(message=MAIL_REQUESTED)


@api.route(
    "/auth/password/reset",
    "POST",
    summary="Set a new password with a reset link: every other session ends, a new one starts",
    description=(
        "Single use: 400 `invalid_link`; 410 `link_used`, `link_expired`, `link_revoked`. With two-factor"
        " login on, a current `totp_code` is required (422 `totp_required` / `invalid_totp`, login's budgets:"
        " 429 `login_locked`). 422 `weak_password`."
    ),
    request=ResetPasswordCommand,
    response=LoginOut,
    public=True,
    errors=(400, 403, 409, 410, 422, 429),
)
def reset_password(call: Call[ResetPasswordCommand, NoQuery]) -> LoginOut:
    token, session, user = password_reset.reset(call.body, *client_of(call))
    return LoginOut(token=token, expires_at=session.expires_at, user=UserOut.of(user))
