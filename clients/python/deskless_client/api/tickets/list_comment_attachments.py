from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_page import AttachmentPage
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    number: str,
    comment_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tickets/{number}/comments/{comment_id}/attachments".format(
            number=quote(str(number), safe=""),
            comment_id=quote(str(comment_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttachmentPage | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AttachmentPage.from_dict(response.json())

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
) -> Response[AttachmentPage | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    number: str,
    comment_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[AttachmentPage | ErrorResponse]:
    """The attachments of one comment (customers: public ones of public comments)

    Args:
        number (str):
        comment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentPage | ErrorResponse]
    """

    kwargs = _get_kwargs(
        number=number,
        comment_id=comment_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: str,
    comment_id: str,
    *,
    client: AuthenticatedClient,
) -> AttachmentPage | ErrorResponse | None:
    """The attachments of one comment (customers: public ones of public comments)

    Args:
        number (str):
        comment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentPage | ErrorResponse
    """

    return sync_detailed(
        number=number,
        comment_id=comment_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    number: str,
    comment_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[AttachmentPage | ErrorResponse]:
    """The attachments of one comment (customers: public ones of public comments)

    Args:
        number (str):
        comment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentPage | ErrorResponse]
    """

    kwargs = _get_kwargs(
        number=number,
        comment_id=comment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: str,
    comment_id: str,
    *,
    client: AuthenticatedClient,
) -> AttachmentPage | ErrorResponse | None:
    """The attachments of one comment (customers: public ones of public comments)

    Args:
        number (str):
        comment_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentPage | ErrorResponse
    """

    return (
        await asyncio_detailed(
            number=number,
            comment_id=comment_id,
            client=client,
        )
    ).parsed
