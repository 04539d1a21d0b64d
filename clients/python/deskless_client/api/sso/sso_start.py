from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.sso_start_command import SsoStartCommand
from ...models.sso_start_out import SsoStartOut
from ...types import Response


def _get_kwargs(
    org_slug: str,
    *,
    body: SsoStartCommand,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/sso/{org_slug}/start".format(
            org_slug=quote(str(org_slug), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SsoStartOut | None:
    if response.status_code == 200:
        response_200 = SsoStartOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

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

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | SsoStartOut]:
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
    body: SsoStartCommand,
) -> Response[ErrorResponse | SsoStartOut]:
    """Start a staff sign-in with the organization's identity provider

     Returns the IdP's authorization URL (authorization code flow, PKCE S256, state and nonce kept server
    side, single use, 10 minutes). `redirect_uri` must be a configured callback page.

    Args:
        org_slug (str):
        body (SsoStartCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SsoStartOut]
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
    body: SsoStartCommand,
) -> ErrorResponse | SsoStartOut | None:
    """Start a staff sign-in with the organization's identity provider

     Returns the IdP's authorization URL (authorization code flow, PKCE S256, state and nonce kept server
    side, single use, 10 minutes). `redirect_uri` must be a configured callback page.

    Args:
        org_slug (str):
        body (SsoStartCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SsoStartOut
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
    body: SsoStartCommand,
) -> Response[ErrorResponse | SsoStartOut]:
    """Start a staff sign-in with the organization's identity provider

     Returns the IdP's authorization URL (authorization code flow, PKCE S256, state and nonce kept server
    side, single use, 10 minutes). `redirect_uri` must be a configured callback page.

    Args:
        org_slug (str):
        body (SsoStartCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SsoStartOut]
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
    body: SsoStartCommand,
) -> ErrorResponse | SsoStartOut | None:
    """Start a staff sign-in with the organization's identity provider

     Returns the IdP's authorization URL (authorization code flow, PKCE S256, state and nonce kept server
    side, single use, 10 minutes). `redirect_uri` must be a configured callback page.

    Args:
        org_slug (str):
        body (SsoStartCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SsoStartOut
    """

    return (
        await asyncio_detailed(
            org_slug=org_slug,
            client=client,
            body=body,
        )
    ).parsed
