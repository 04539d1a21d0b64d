"""The customer portal's ways in: passwordless sign-in (link or code), ticket links, registration."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401  (registers the authorizer before any private route)
from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, Output
from chalicelib.api.schemas import LoginOut, UserOut
from chalicelib.domain.commands import LinkTokenCommand, PortalEmailCommand, PortalRegisterCommand, SignInCodeCommand
from chalicelib.domain.identity import CustomFieldType, Session, User
from chalicelib.services import portal

api = Api("portal", __name__)


class PortalAcceptedOut(Output):
    """The same answer whether or not an account holds the address."""

    message: str


class PortalSignInOut(Output):
    password: bool = Field(description="customers can sign in with a password")
    email_link: bool = Field(description="customers can ask for a mailed sign-in link and code")


class PortalSsoOut(Output):
    enabled: bool = Field(description="staff can sign in with the organization's identity provider (SSO)")


class PortalCustomFieldOut(Output):
    name: str
    type: CustomFieldType
    required: bool
    choices: list[str]


class PortalOut(Output):
    """An organization's portal as anyone may see it: nothing secret (no registration domains, no
    SSO settings, no support addresses)."""

    slug: str
    name: str
    default_language: str
    customer_registration: Literal["off", "open", "domains"] = Field(
        description="off, open to anyone, or only for addresses at some domains (which ones is not told)"
    )
    sign_in: PortalSignInOut
    sso: PortalSsoOut
    custom_fields: list[PortalCustomFieldOut] = Field(
        description="the customer-visible custom fields, for the new request form"
    )

    @classmethod
    def of(cls, info: portal.PortalInfo) -> PortalOut:
        settings = info.org.settings
        return cls(
            slug=info.org.slug,
            name=info.org.name,
            default_language=settings.default_language,
            customer_registration=settings.customer_registration,
            sign_in=PortalSignInOut(password=True, email_link=True),
            sso=PortalSsoOut(enabled=info.sso_enabled),
            custom_fields=[PortalCustomFieldOut.model_validate(d.model_dump()) for d in info.custom_fields],
        )


def _client(call: Call[Any, Any]) -> tuple[str | None, str | None]:
    return call.client_ip, call.header("user-agent")


def _signed_in(result: tuple[str, Session, User]) -> LoginOut:
    token, session, user = result
    return LoginOut(token=token, expires_at=session.expires_at, user=UserOut.of(user))


@api.route(
    "/portal/{org_slug}",
    "GET",
    summary="An organization's portal: name, language, ways to sign in, the custom fields customers fill in",
    description="Public. 404 for an unknown or deactivated organization, as every portal route.",
    response=PortalOut,
    public=True,
    errors=(404,),
)
def get_portal(call: Call[None, NoQuery], org_slug: str) -> PortalOut:
    return PortalOut.of(portal.describe(org_slug))


@api.route(
    "/portal/{org_slug}/sign-in",
    "POST",
    summary="Ask for a sign-in link and code by mail (customers)",
    description=(
        "202 with the same body whether or not a customer holds the address (staff and unknown"
        " addresses get no mail). The mail carries a single-use link (15 minutes) and a 6-digit code"
        " for another device; a newer request replaces both. 429 `mail_throttled` per address asked"
        " for and per client."
    ),
    request=PortalEmailCommand,
    response=PortalAcceptedOut,
    status=202,
    public=True,
    errors=(422, 429, 503),
)
def request_portal_sign_in(call: Call[PortalEmailCommand, NoQuery], org_slug: str) -> PortalAcceptedOut:
    portal.request_sign_in(org_slug, call.body.email, call.client_ip)
    return PortalAcceptedOut(message=portal.ACCEPTED)


@api.route(
    "/auth/sign-in/link",
    "POST",
    summary="Sign in with a mailed sign-in link (a full customer session)",
    description="400 `invalid_link`; 410 `link_used`, `link_expired`, `link_revoked`.",
    request=LinkTokenCommand,
    response=LoginOut,
    public=True,
    errors=(400, 410, 422),
)
def sign_in_with_link(call: Call[LinkTokenCommand, NoQuery]) -> LoginOut:
    return _signed_in(portal.sign_in_with_link(call.body.token, *_client(call)))


@api.route(
    "/auth/sign-in/code",
    "POST",
    summary="Sign in with the 6-digit code mailed with a sign-in link",
    description=(
        "401 `invalid_code` for any refusal (five wrong guesses kill the code); 429 `login_locked`"
        " past login's budgets."
    ),
    request=SignInCodeCommand,
    response=LoginOut,
    public=True,
    errors=(401, 410, 422, 429),
)
def sign_in_with_code(call: Call[SignInCodeCommand, NoQuery]) -> LoginOut:
    return _signed_in(portal.sign_in_with_code(call.body, *_client(call)))


@api.route(
    "/auth/ticket-link",
    "POST",
    summary="Open a ticket from its notification mail's link: a session for that ticket only",
    description=(
        "The session reads that ticket (public comments and attachments), comments on it and rates it;"
        " anything else is 403 or 404. 400 `invalid_link`; 410 `link_used`, `link_expired`."
    ),
    request=LinkTokenCommand,
    response=LoginOut,
    public=True,
    errors=(400, 410, 422),
)
def sign_in_with_ticket_link(call: Call[LinkTokenCommand, NoQuery]) -> LoginOut:
    return _signed_in(portal.sign_in_with_ticket_link(call.body.token, *_client(call)))


@api.route(
    "/portal/{org_slug}/register",
    "POST",
    summary="Register as a customer: a verification link is mailed, no account exists until it is used",
    description=(
        "202 with the same body whether or not the address has an account (its owner is told by mail)."
        " 403 `registration_closed` when the organization takes no registrations; 422"
        " `registration_domain` for an address outside its allowed domains; 429 `mail_throttled`."
    ),
    request=PortalRegisterCommand,
    response=PortalAcceptedOut,
    status=202,
    public=True,
    errors=(403, 422, 429, 503),
)
def register_customer(call: Call[PortalRegisterCommand, NoQuery], org_slug: str) -> PortalAcceptedOut:
    portal.register(org_slug, call.body, call.client_ip)
    return PortalAcceptedOut(message=portal.ACCEPTED)


@api.route(
    "/auth/email/verify",
    "POST",
    summary="Verify a registration's address: the customer account is opened and signed in",
    description="409 `email_taken` (no sign-in) when the address was taken meanwhile; 400/410 as every link.",
    request=LinkTokenCommand,
    response=LoginOut,
    status=201,
    location="/auth/me",
    public=True,
    errors=(400, 403, 409, 410, 422),
)
def verify_registration(call: Call[LinkTokenCommand, NoQuery]) -> LoginOut:
    return _signed_in(portal.verify_email(call.body.token, *_client(call)))
