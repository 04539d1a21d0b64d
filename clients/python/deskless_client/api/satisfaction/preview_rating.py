from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.csat_preview_command import CSATPreviewCommand
from ...models.csat_preview_out import CSATPreviewOut
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CSATPreviewCommand,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/satisfaction/preview",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CSATPreviewOut | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CSATPreviewOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = ErrorResponse.from_dict(response.json())

        return response_410

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
) -> Response[CSATPreviewOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CSATPreviewCommand,
) -> Response[CSATPreviewOut | ErrorResponse]:
    """What a mailed rating link rates (the ticket, the organization); the link stays unused

     Public: the token from the link's fragment is the credential. 400 `invalid_link` (malformed,
    unknown, another purpose or organization), 410 `link_used` / `link_expired` / `link_revoked`, 403
    `not_requester` when the ticket's requester changed since the mail, 404 when the ticket is gone.

    Args:
        body (CSATPreviewCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CSATPreviewOut | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CSATPreviewCommand,
) -> CSATPreviewOut | ErrorResponse | None:
    """What a mailed rating link rates (the ticket, the organization); the link stays unused

     Public: the token from the link's fragment is the credential. 400 `invalid_link` (malformed,
    unknown, another purpose or organization), 410 `link_used` / `link_expired` / `link_revoked`, 403
    `not_requester` when the ticket's requester changed since the mail, 404 when the ticket is gone.

    Args:
        body (CSATPreviewCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CSATPreviewOut | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CSATPreviewCommand,
) -> Response[CSATPreviewOut | ErrorResponse]:
    """What a mailed rating link rates (the ticket, the organization); the link stays unused

     Public: the token from the link's fragment is the credential. 400 `invalid_link` (malformed,
    unknown, another purpose or organization), 410 `link_used` / `link_expired` / `link_revoked`, 403
    `not_requester` when the ticket's requester changed since the mail, 404 when the ticket is gone.

    Args:
        body (CSATPreviewCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CSATPreviewOut | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CSATPreviewCommand,
) -> CSATPreviewOut | ErrorResponse | None:
    """What a mailed rating link rates (the ticket, the organization); the link stays unused

     Public: the token from the link's fragment is the credential. 400 `invalid_link` (malformed,
    unknown, another purpose or organization), 410 `link_used` / `link_expired` / `link_revoked`, 403
    `not_requester` when the ticket's requester changed since the mail, 404 when the ticket is gone.

    Args:
        body (CSATPreviewCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CSATPreviewOut | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
