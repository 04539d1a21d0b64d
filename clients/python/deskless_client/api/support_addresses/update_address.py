from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.support_address_out import SupportAddressOut
from ...models.update_support_address import UpdateSupportAddress
from ...types import Response


def _get_kwargs(
    address_id: str,
    *,
    body: UpdateSupportAddress,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/organization/support-addresses/{address_id}".format(
            address_id=quote(str(address_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SupportAddressOut | None:
    if response.status_code == 200:
        response_200 = SupportAddressOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

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
) -> Response[ErrorResponse | SupportAddressOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    address_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateSupportAddress,
) -> Response[ErrorResponse | SupportAddressOut]:
    """Route new tickets from mail to a support address to a department (admin)

    Args:
        address_id (str):
        body (UpdateSupportAddress):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SupportAddressOut]
    """

    kwargs = _get_kwargs(
        address_id=address_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    address_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateSupportAddress,
) -> ErrorResponse | SupportAddressOut | None:
    """Route new tickets from mail to a support address to a department (admin)

    Args:
        address_id (str):
        body (UpdateSupportAddress):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SupportAddressOut
    """

    return sync_detailed(
        address_id=address_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    address_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateSupportAddress,
) -> Response[ErrorResponse | SupportAddressOut]:
    """Route new tickets from mail to a support address to a department (admin)

    Args:
        address_id (str):
        body (UpdateSupportAddress):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SupportAddressOut]
    """

    kwargs = _get_kwargs(
        address_id=address_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    address_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateSupportAddress,
) -> ErrorResponse | SupportAddressOut | None:
    """Route new tickets from mail to a support address to a department (admin)

    Args:
        address_id (str):
        body (UpdateSupportAddress):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SupportAddressOut
    """

    return (
        await asyncio_detailed(
            address_id=address_id,
            client=client,
            body=body,
        )
    ).parsed
