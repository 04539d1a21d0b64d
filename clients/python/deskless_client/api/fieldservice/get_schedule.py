import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.schedule_out import ScheduleOut
from ...types import UNSET, Response


def _get_kwargs(
    technician_id: str,
    *,
    date: datetime.date,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_date = date.isoformat()
    params["date"] = json_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/technicians/{technician_id}/schedule".format(
            technician_id=quote(str(technician_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ScheduleOut | None:
    if response.status_code == 200:
        response_200 = ScheduleOut.from_dict(response.json())

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
) -> Response[ErrorResponse | ScheduleOut]:
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
    date: datetime.date,
) -> Response[ErrorResponse | ScheduleOut]:
    """A technician's jobs on one local day, with their work orders

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ScheduleOut]
    """

    kwargs = _get_kwargs(
        technician_id=technician_id,
        date=date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    technician_id: str,
    *,
    client: AuthenticatedClient,
    date: datetime.date,
) -> ErrorResponse | ScheduleOut | None:
    """A technician's jobs on one local day, with their work orders

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ScheduleOut
    """

    return sync_detailed(
        technician_id=technician_id,
        client=client,
        date=date,
    ).parsed


async def asyncio_detailed(
    technician_id: str,
    *,
    client: AuthenticatedClient,
    date: datetime.date,
) -> Response[ErrorResponse | ScheduleOut]:
    """A technician's jobs on one local day, with their work orders

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ScheduleOut]
    """

    kwargs = _get_kwargs(
        technician_id=technician_id,
        date=date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    technician_id: str,
    *,
    client: AuthenticatedClient,
    date: datetime.date,
) -> ErrorResponse | ScheduleOut | None:
    """A technician's jobs on one local day, with their work orders

     a technician id, or `me` for the caller's own technician record

    Args:
        technician_id (str):
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ScheduleOut
    """

    return (
        await asyncio_detailed(
            technician_id=technician_id,
            client=client,
            date=date,
        )
    ).parsed
