from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_out import DownloadOut
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    number: str,
    attachment_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tickets/{number}/attachments/{attachment_id}".format(
            number=quote(str(number), safe=""),
            attachment_id=quote(str(attachment_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DownloadOut | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DownloadOut.from_dict(response.json())

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
) -> Response[DownloadOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    number: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DownloadOut | ErrorResponse]:
    """A presigned download (counts downloads)

    Args:
        number (str):
        attachment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadOut | ErrorResponse]
    """

    kwargs = _get_kwargs(
        number=number,
        attachment_id=attachment_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient,
) -> DownloadOut | ErrorResponse | None:
    """A presigned download (counts downloads)

    Args:
        number (str):
        attachment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadOut | ErrorResponse
    """

    return sync_detailed(
        number=number,
        attachment_id=attachment_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    number: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DownloadOut | ErrorResponse]:
    """A presigned download (counts downloads)

    Args:
        number (str):
        attachment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadOut | ErrorResponse]
    """

    kwargs = _get_kwargs(
        number=number,
        attachment_id=attachment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient,
) -> DownloadOut | ErrorResponse | None:
    """A presigned download (counts downloads)

    Args:
        number (str):
        attachment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadOut | ErrorResponse
    """

    return (
        await asyncio_detailed(
            number=number,
            attachment_id=attachment_id,
            client=client,
        )
    ).parsed
