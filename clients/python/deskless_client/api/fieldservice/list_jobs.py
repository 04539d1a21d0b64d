import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.job_page import JobPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    technician_id: str,
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    open_only: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params["open_only"] = open_only

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/technicians/{technician_id}/jobs".format(
            technician_id=quote(str(technician_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | JobPage | None:
    if response.status_code == 200:
        response_200 = JobPage.from_dict(response.json())

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
) -> Response[ErrorResponse | JobPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    technician_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    open_only: bool | Unset = False,
) -> Response[ErrorResponse | JobPage]:
    """My jobs: a technician's jobs from a day on, in schedule order

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        open_only (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobPage]
    """

    kwargs = _get_kwargs(
        technician_id=technician_id,
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        open_only=open_only,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    technician_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    open_only: bool | Unset = False,
) -> ErrorResponse | JobPage | None:
    """My jobs: a technician's jobs from a day on, in schedule order

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        open_only (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobPage
    """

    return sync_detailed(
        technician_id=technician_id,
        client=client,
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        open_only=open_only,
    ).parsed


async def asyncio_detailed(
    technician_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    open_only: bool | Unset = False,
) -> Response[ErrorResponse | JobPage]:
    """My jobs: a technician's jobs from a day on, in schedule order

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        open_only (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobPage]
    """

    kwargs = _get_kwargs(
        technician_id=technician_id,
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        open_only=open_only,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    technician_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    open_only: bool | Unset = False,
) -> ErrorResponse | JobPage | None:
    """My jobs: a technician's jobs from a day on, in schedule order

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        open_only (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobPage
    """

    return (
        await asyncio_detailed(
            technician_id=technician_id,
            client=client,
            limit=limit,
            cursor=cursor,
            from_=from_,
            to=to,
            open_only=open_only,
        )
    ).parsed
