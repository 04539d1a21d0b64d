"""Channels over HTTP: signed inbound webhooks, and the organization's webhook secrets."""

from __future__ import annotations

import json
from datetime import datetime

from chalice.app import Response
from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call, location_of
from chalicelib.api.models import ListQuery, NoQuery, Output, next_cursor_field
from chalicelib.channels.webhooks import WebhookPayload
from chalicelib.services import channels

api = Api("channels", __name__)
MAX_WEBHOOK_BYTES = 256 * 1024


class WebhookResult(Output):
    action: str = Field(description="created | commented")
    ticket_number: str


class SecretOut(Output):
    id: str
    created_at: datetime
    hint: str = Field(description="the last 4 characters")


class SecretList(Output):
    items: list[SecretOut]
    next_cursor: str | None = next_cursor_field()


class NewSecret(Output):
    id: str
    created_at: datetime
    secret: str = Field(description="shown once: sign deliveries with it")


@api.route(
    "/channels/webhooks/{org_slug}",
    "POST",
    summary="Inbound webhook: a ticket or a comment, signed and idempotent",
    request=WebhookPayload,
    response=WebhookResult,
    status=201,
    public=True,
    errors=(401, 422),
    parse=False,
    max_body=MAX_WEBHOOK_BYTES,
    location="/tickets/{ticket_number}",
    # The delivery id is this route's idempotency key (signed with the body): see services.channels.
    idempotent=False,
)
def receive_webhook(call: Call[None, NoQuery], org_slug: str) -> Response:
    """``X-Deskless-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`` with one of the
    organization's webhook secrets, at most 5 minutes old. The same ``X-Deskless-Delivery`` gets the
    same response (``Idempotent-Replayed: true``) and writes nothing."""
    raw_body = call.request.raw_body or b""
    raw = raw_body.encode() if isinstance(raw_body, str) else raw_body
    if len(raw) > MAX_WEBHOOK_BYTES:
        from chalicelib.domain.errors import PayloadTooLarge

        raise PayloadTooLarge(f"The request body is larger than {MAX_WEBHOOK_BYTES} bytes.")
    reply = channels.receive_webhook(
        org_slug, call.header("X-Deskless-Signature"), call.header("X-Deskless-Delivery"), raw
    )
    headers: dict[str, str | list[str]] = {"Content-Type": "application/json"}
    if reply.status == 201:
        target = f"/tickets/{reply.body['ticket_number']}"
        headers["Location"] = location_of(call.request, f"/channels/webhooks/{org_slug}", target)
    if reply.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(body=json.dumps(reply.body), status_code=reply.status, headers=headers)


@api.route(
    "/organization/webhook-secrets",
    "GET",
    summary="Inbound webhook secrets, newest first (ids and hints; admin)",
    response=SecretList,
    query=ListQuery,
)
def list_secrets(call: Call[None, ListQuery]) -> SecretList:
    page = channels.list_webhook_secrets(call.principal, call.query.limit, call.query.cursor)
    return SecretList.model_validate({"items": page.items, "next_cursor": page.next_cursor})


@api.route(
    "/organization/webhook-secrets",
    "POST",
    summary="A new inbound webhook secret; the newest two stay valid (rotation; admin)",
    response=NewSecret,
    status=201,
    location="/organization/webhook-secrets/{id}",
)
def rotate_secret(call: Call[None, NoQuery]) -> NewSecret:
    return NewSecret.model_validate(channels.rotate_webhook_secret(call.principal))


@api.route(
    "/organization/webhook-secrets/{secret_id}",
    "DELETE",
    summary="Revoke an inbound webhook secret (admin)",
    status=204,
    errors=(404,),
)
def revoke_secret(call: Call[None, NoQuery], secret_id: str) -> None:
    channels.revoke_webhook_secret(call.principal, secret_id)
