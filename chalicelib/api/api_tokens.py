"""API tokens for integrations (admins): create (the secret once), list, read, revoke."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401  (registers the authorizer before any private route)
from chalicelib.api.http import Api, Call
from chalicelib.api.models import ListQuery, NoQuery, Output, next_cursor_field
from chalicelib.domain.api_tokens import ApiToken
from chalicelib.domain.commands import ApiTokenCommand
from chalicelib.domain.identity import Role
from chalicelib.services import api_tokens

api = Api("api_tokens", __name__)


class ApiTokenOut(Output):
    id: str
    name: str
    role: Role | None = Field(description="a role token: acts with this role (at most its creator's)")
    actions: list[str] | None = Field(description="an action token: only these policy actions")
    created_by_id: str = Field(description="the user the token acts for")
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None = Field(description="to the minute")
    revoked_at: datetime | None
    revoked_by_id: str | None

    @classmethod
    def of(cls, token: ApiToken) -> ApiTokenOut:
        return cls.model_validate(token.model_dump(exclude={"secret_hash"}))


class ApiTokenCreated(ApiTokenOut):
    token: str = Field(
        description="the secret: send it as Authorization: Bearer <token>. Shown in this response only; "
        "it cannot be read again"
    )


class ApiTokenPage(Output):
    items: list[ApiTokenOut]
    next_cursor: str | None = next_cursor_field()


@api.route(
    "/organization/api-tokens",
    "POST",
    summary="Create an API token for an integration (the secret is in this response only)",
    description=(
        "Exactly one of `role` (agent, manager or admin; not above yours) or `actions` (policy actions"
        " you hold; 422 for unknown ones). The token acts for you: deactivating you stops it."
    ),
    request=ApiTokenCommand,
    response=ApiTokenCreated,
    status=201,
    location="/organization/api-tokens/{id}",
    errors=(422,),
)
def create_api_token(call: Call[ApiTokenCommand, NoQuery]) -> ApiTokenCreated:
    token, secret = api_tokens.create(call.principal, call.body)
    return ApiTokenCreated.model_validate({**ApiTokenOut.of(token).model_dump(), "token": secret})


@api.route(
    "/organization/api-tokens",
    "GET",
    summary="The organization's API tokens, newest first (revoked and expired ones for 30 days)",
    response=ApiTokenPage,
    query=ListQuery,
)
def list_api_tokens(call: Call[None, ListQuery]) -> ApiTokenPage:
    page = api_tokens.list_tokens(call.principal, call.query.limit, call.query.cursor)
    return ApiTokenPage(items=[ApiTokenOut.of(t) for t in page.items], next_cursor=page.next_cursor)


@api.route(
    "/organization/api-tokens/{token_id}",
    "GET",
    summary="One API token (never its secret)",
    response=ApiTokenOut,
    errors=(404,),
)
def get_api_token(call: Call[None, NoQuery], token_id: str) -> ApiTokenOut:
    return ApiTokenOut.of(api_tokens.get(call.principal, token_id))


@api.route(
    "/organization/api-tokens/{token_id}",
    "DELETE",
    summary="Revoke an API token: the next request made with it is 401",
    status=204,
    errors=(404,),
)
def revoke_api_token(call: Call[None, NoQuery], token_id: str) -> None:
    api_tokens.revoke(call.principal, token_id)
