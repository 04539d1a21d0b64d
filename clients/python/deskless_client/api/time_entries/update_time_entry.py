from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.time_entry_out import TimeEntryOut
from ...models.time_entry_patch import TimeEntryPatch
from ...types import UNSET, Response, Unset


def _get_kwargs(
    number: str,
    entry_id: str,
    *,
    body: TimeEntryPatch,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/tickets/{number}/time-entries/{entry_id}".format(
            number=quote(str(number), safe=""),
            entry_id=quote(str(entry_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TimeEntryOut | None:
    if response.status_code == 200:
        response_200 = TimeEntryOut.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = ErrorResponse.from_dict(response.json())

        return response_412

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
) -> Response[ErrorResponse | TimeEntryOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    number: str,
    entry_id: str,
    *,
    client: AuthenticatedClient,
    body: TimeEntryPatch,
    if_match: str | Unset = UNSET,
) -> Response[ErrorResponse | TimeEntryOut]:
    """Change a time entry (its author, or managers and admins; If-Match: version)

    Args:
        number (str):
        entry_id (str):
        if_match (str | Unset):
        body (TimeEntryPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TimeEntryOut]
    """

    kwargs = _get_kwargs(
        number=number,
        entry_id=entry_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: str,
    entry_id: str,
    *,
    client: AuthenticatedClient,
    body: TimeEntryPatch,
    if_match: str | Unset = UNSET,
) -> ErrorResponse | TimeEntryOut | None:
    """Change a time entry (its author, or managers and admins; If-Match: version)

    Args:
        number (str):
        entry_id (str):
        if_match (str | Unset):
        body (TimeEntryPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TimeEntryOut
    """

    return sync_detailed(
        number=number,
        entry_id=entry_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    number: str,
    entry_id: str,
    *,
    client: AuthenticatedClient,
    body: TimeEntryPatch,
    if_match: str | Unset = UNSET,
) -> Response[ErrorResponse | TimeEntryOut]:
    """Change a time entry (its author, or managers and admins; If-Match: version)

    Args:
        number (str):
        entry_id (str):
        if_match (str | Unset):
        body (TimeEntryPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TimeEntryOut]
    """

    kwargs = _get_kwargs(
        number=number,
        entry_id=entry_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: str,
    entry_id: str,
    *,
    client: AuthenticatedClient,
    body: TimeEntryPatch,
    if_match: str | Unset = UNSET,
) -> ErrorResponse | TimeEntryOut | None:
    """Change a time entry (its author, or managers and admins; If-Match: version)

    Args:
        number (str):
        entry_id (str):
        if_match (str | Unset):
        body (TimeEntryPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TimeEntryOut
    """

    return (
        await asyncio_detailed(
            number=number,
            entry_id=entry_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
