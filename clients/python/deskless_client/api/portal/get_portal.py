from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.portal_out import PortalOut
from ...types import Response


def _get_kwargs(
    org_slug: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/portal/{org_slug}".format(
            org_slug=quote(str(org_slug), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PortalOut | None:
    if response.status_code == 200:
        response_200 = PortalOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[ErrorResponse | PortalOut]:
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
) -> Response[ErrorResponse | PortalOut]:
    """An organization's portal: name, language, ways to sign in, the custom fields customers fill in

     Public. 404 for an unknown or deactivated organization, as every portal route.

    Args:
        org_slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PortalOut]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | PortalOut | None:
    """An organization's portal: name, language, ways to sign in, the custom fields customers fill in

     Public. 404 for an unknown or deactivated organization, as every portal route.

    Args:
        org_slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PortalOut
    """

    return sync_detailed(
        org_slug=org_slug,
        client=client,
    ).parsed


async def asyncio_detailed(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | PortalOut]:
    """An organization's portal: name, language, ways to sign in, the custom fields customers fill in

     Public. 404 for an unknown or deactivated organization, as every portal route.

    Args:
        org_slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PortalOut]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | PortalOut | None:
    """An organization's portal: name, language, ways to sign in, the custom fields customers fill in

     Public. 404 for an unknown or deactivated organization, as every portal route.

    Args:
        org_slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PortalOut
    """

    return (
        await asyncio_detailed(
            org_slug=org_slug,
            client=client,
        )
    ).parsed
