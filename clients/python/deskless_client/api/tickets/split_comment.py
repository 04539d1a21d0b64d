from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.split_command import SplitCommand
from ...models.ticket_out import TicketOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    number: str,
    comment_id: str,
    *,
    body: SplitCommand,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tickets/{number}/comments/{comment_id}/split".format(
            number=quote(str(number), safe=""),
            comment_id=quote(str(comment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TicketOut | None:
    if response.status_code == 201:
        response_201 = TicketOut.from_dict(response.json())

        return response_201

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

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | TicketOut]:
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
    body: SplitCommand,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | TicketOut]:
    """Open a new ticket from one comment (and its attachments); again: the same ticket (staff)

    Args:
        number (str):
        comment_id (str):
        idempotency_key (str | Unset):
        body (SplitCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TicketOut]
    """

    kwargs = _get_kwargs(
        number=number,
        comment_id=comment_id,
        body=body,
        idempotency_key=idempotency_key,
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
    body: SplitCommand,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | TicketOut | None:
    """Open a new ticket from one comment (and its attachments); again: the same ticket (staff)

    Args:
        number (str):
        comment_id (str):
        idempotency_key (str | Unset):
        body (SplitCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TicketOut
    """

    return sync_detailed(
        number=number,
        comment_id=comment_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    number: str,
    comment_id: str,
    *,
    client: AuthenticatedClient,
    body: SplitCommand,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | TicketOut]:
    """Open a new ticket from one comment (and its attachments); again: the same ticket (staff)

    Args:
        number (str):
        comment_id (str):
        idempotency_key (str | Unset):
        body (SplitCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TicketOut]
    """

    kwargs = _get_kwargs(
        number=number,
        comment_id=comment_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: str,
    comment_id: str,
    *,
    client: AuthenticatedClient,
    body: SplitCommand,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | TicketOut | None:
    """Open a new ticket from one comment (and its attachments); again: the same ticket (staff)

    Args:
        number (str):
        comment_id (str):
        idempotency_key (str | Unset):
        body (SplitCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TicketOut
    """

    return (
        await asyncio_detailed(
            number=number,
            comment_id=comment_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
