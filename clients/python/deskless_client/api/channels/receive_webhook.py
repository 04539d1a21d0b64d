from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.comment_payload import CommentPayload
from ...models.error_response import ErrorResponse
from ...models.ticket_payload import TicketPayload
from ...models.webhook_result import WebhookResult
from ...types import Response


def _get_kwargs(
    org_slug: str,
    *,
    body: CommentPayload | TicketPayload,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/channels/webhooks/{org_slug}".format(
            org_slug=quote(str(org_slug), safe=""),
        ),
    }

    if isinstance(body, TicketPayload):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | WebhookResult | None:
    if response.status_code == 201:
        response_201 = WebhookResult.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | WebhookResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommentPayload | TicketPayload,
) -> Response[ErrorResponse | WebhookResult]:
    """Inbound webhook: a ticket or a comment, signed and idempotent

     ``X-Deskless-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`` with one of the
        organization's webhook secrets, at most 5 minutes old. The same ``X-Deskless-Delivery`` gets the
        same response (``Idempotent-Replayed: true``) and writes nothing.

    Args:
        org_slug (str):
        body (CommentPayload | TicketPayload): ``{"type": "ticket", ...}`` or ``{"type":
            "comment", ...}``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | WebhookResult]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommentPayload | TicketPayload,
) -> ErrorResponse | WebhookResult | None:
    """Inbound webhook: a ticket or a comment, signed and idempotent

     ``X-Deskless-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`` with one of the
        organization's webhook secrets, at most 5 minutes old. The same ``X-Deskless-Delivery`` gets the
        same response (``Idempotent-Replayed: true``) and writes nothing.

    Args:
        org_slug (str):
        body (CommentPayload | TicketPayload): ``{"type": "ticket", ...}`` or ``{"type":
            "comment", ...}``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | WebhookResult
    """

    return sync_detailed(
        org_slug=org_slug,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommentPayload | TicketPayload,
) -> Response[ErrorResponse | WebhookResult]:
    """Inbound webhook: a ticket or a comment, signed and idempotent

     ``X-Deskless-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`` with one of the
        organization's webhook secrets, at most 5 minutes old. The same ``X-Deskless-Delivery`` gets the
        same response (``Idempotent-Replayed: true``) and writes nothing.

    Args:
        org_slug (str):
        body (CommentPayload | TicketPayload): ``{"type": "ticket", ...}`` or ``{"type":
            "comment", ...}``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | WebhookResult]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommentPayload | TicketPayload,
) -> ErrorResponse | WebhookResult | None:
    """Inbound webhook: a ticket or a comment, signed and idempotent

     ``X-Deskless-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`` with one of the
        organization's webhook secrets, at most 5 minutes old. The same ``X-Deskless-Delivery`` gets the
        same response (``Idempotent-Replayed: true``) and writes nothing.

    Args:
        org_slug (str):
        body (CommentPayload | TicketPayload): ``{"type": "ticket", ...}`` or ``{"type":
            "comment", ...}``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | WebhookResult
    """

    return (
        await asyncio_detailed(
            org_slug=org_slug,
            client=client,
            body=body,
        )
    ).parsed
