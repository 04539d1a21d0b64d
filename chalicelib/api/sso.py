"""Single sign-on for staff (OIDC): the organization's configuration, and the two sign-in steps a
single-page app takes (start -> the IdP -> the app's callback page posts code and state)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401  (registers the authorizer before any private route)
from chalicelib.api.http import Api, Call
from chalicelib.api.identity import client_of
from chalicelib.api.models import NoQuery, Output
from chalicelib.api.schemas import LoginOut, UserOut
from chalicelib.domain.commands import SsoCallbackCommand, SsoConfigCommand, SsoStartCommand
from chalicelib.domain.identity import Role
from chalicelib.domain.sso import SsoConfig
from chalicelib.services import sso

api = Api("sso", __name__)


# ---------------------------------------------------------------- models (single sign-on, issue 21)


class SsoConfigOut(Output):
    """The configuration as admins see it: never the client secret."""

    issuer: str
    client_id: str
    client_secret_set: bool = Field(description="a client secret is stored (it is never returned)")
    redirect_uris: list[str]
    allowed_email_domains: list[str]
    role_claim: str | None
    role_mapping: dict[str, Role]
    default_role: Role | None
    jit_provisioning: bool
    sso_only: bool
    enabled: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, config: SsoConfig) -> SsoConfigOut:
        return cls.model_validate(
            config.model_dump(exclude={"secret_id", "org_id"}) | {"client_secret_set": bool(config.secret_id)}
        )


class SsoStartOut(Output):
    authorization_url: str = Field(description="send the browser here; the IdP returns it to redirect_uri")
    expires_at: datetime = Field(description="the sign-in must be completed (callback) before this")


# ---------------------------------------------------------------- routes


@api.route(
    "/organization/sso",
    "GET",
    summary="The organization's single sign-on (OIDC) configuration (admins; never the secret)",
    response=SsoConfigOut,
    errors=(404,),
)
def get_sso_config(call: Call[None, NoQuery]) -> SsoConfigOut:
    return SsoConfigOut.of(sso.get_config(call.principal))


@api.route(
    "/organization/sso",
    "PUT",
    summary="Create or replace the single sign-on (OIDC) configuration (admins; If-Match: version)",
    description=(
        "`client_secret` is write-only: stored in the parameter store, never in the table, never"
        " returned; leave it out to keep the stored one. The issuer must be https."
    ),
    request=SsoConfigCommand,
    response=SsoConfigOut,
    errors=(409, 422),
    if_match=True,
)
def put_sso_config(call: Call[SsoConfigCommand, NoQuery]) -> SsoConfigOut:
    return SsoConfigOut.of(sso.put_config(call.principal, call.body, call.if_match()))


@api.route(
    "/organization/sso",
    "DELETE",
    summary="Remove the single sign-on configuration and its secret (admins; If-Match)",
    status=204,
    errors=(404, 409),
    if_match=True,
)
def delete_sso_config(call: Call[None, NoQuery]) -> None:
    sso.delete_config(call.principal, call.if_match())


@api.route(
    "/auth/sso/{org_slug}/start",
    "POST",
    summary="Start a staff sign-in with the organization's identity provider",
    description=(
        "Returns the IdP's authorization URL (authorization code flow, PKCE S256, state and nonce kept"
        " server side, single use, 10 minutes). `redirect_uri` must be a configured callback page."
    ),
    request=SsoStartCommand,
    response=SsoStartOut,
    public=True,
    errors=(404, 422, 503),
)
def sso_start(call: Call[SsoStartCommand, NoQuery], org_slug: str) -> SsoStartOut:
    url, expires_at = sso.start(org_slug, call.body.redirect_uri)
    return SsoStartOut(authorization_url=url, expires_at=expires_at)


@api.route(
    "/auth/sso/{org_slug}/callback",
    "POST",
    summary="Finish a staff sign-in: the code and state the IdP returned -> a session",
    description=(
        "400 `invalid_sso_state` (unknown, expired, used, other organization); 401 `sso_failed` (code"
        " or ID token refused); 403 `sso_email_unverified`, `sso_domain_not_allowed`, `sso_not_staff`,"
        " `sso_no_account`, `sso_role_unmapped`; 503 `sso_unavailable`."
    ),
    request=SsoCallbackCommand,
    response=LoginOut,
    public=True,
    errors=(400, 401, 403, 404, 409, 422, 503),
)
def sso_callback(call: Call[SsoCallbackCommand, NoQuery], org_slug: str) -> LoginOut:
    token, session, user = sso.callback(org_slug, call.body, *client_of(call))
    return LoginOut(token=token, expires_at=session.expires_at, user=UserOut.of(user))
