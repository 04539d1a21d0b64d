from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.suggestions_out import SuggestionsOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    number: str,
    *,
    limit: int | Unset = 10,
    include_excluded: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["include_excluded"] = include_excluded

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/work-orders/{number}/dispatch-suggestions".format(
            number=quote(str(number), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SuggestionsOut | None:
    if response.status_code == 200:
        response_200 = SuggestionsOut.from_dict(response.json())

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
) -> Response[ErrorResponse | SuggestionsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    number: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    include_excluded: bool | Unset = False,
) -> Response[ErrorResponse | SuggestionsOut]:
    """Technicians ranked for a scheduled work order, with the reasons

     Eligible: active, every required skill, every required certification valid on the day, serves the
    location (postal code, or within a service area's radius), not off or on leave, works at that time,
    a free slot that day. Ranked by jobs that day, then open jobs, then distance.

    Args:
        number (str):
        limit (int | Unset):  Default: 10.
        include_excluded (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SuggestionsOut]
    """

    kwargs = _get_kwargs(
        number=number,
        limit=limit,
        include_excluded=include_excluded,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    include_excluded: bool | Unset = False,
) -> ErrorResponse | SuggestionsOut | None:
    """Technicians ranked for a scheduled work order, with the reasons

     Eligible: active, every required skill, every required certification valid on the day, serves the
    location (postal code, or within a service area's radius), not off or on leave, works at that time,
    a free slot that day. Ranked by jobs that day, then open jobs, then distance.

    Args:
        number (str):
        limit (int | Unset):  Default: 10.
        include_excluded (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SuggestionsOut
    """

    return sync_detailed(
        number=number,
        client=client,
        limit=limit,
        include_excluded=include_excluded,
    ).parsed


async def asyncio_detailed(
    number: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    include_excluded: bool | Unset = False,
) -> Response[ErrorResponse | SuggestionsOut]:
    """Technicians ranked for a scheduled work order, with the reasons

     Eligible: active, every required skill, every required certification valid on the day, serves the
    location (postal code, or within a service area's radius), not off or on leave, works at that time,
    a free slot that day. Ranked by jobs that day, then open jobs, then distance.

    Args:
        number (str):
        limit (int | Unset):  Default: 10.
        include_excluded (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SuggestionsOut]
    """

    kwargs = _get_kwargs(
        number=number,
        limit=limit,
        include_excluded=include_excluded,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    include_excluded: bool | Unset = False,
) -> ErrorResponse | SuggestionsOut | None:
    """Technicians ranked for a scheduled work order, with the reasons

     Eligible: active, every required skill, every required certification valid on the day, serves the
    location (postal code, or within a service area's radius), not off or on leave, works at that time,
    a free slot that day. Ranked by jobs that day, then open jobs, then distance.

    Args:
        number (str):
        limit (int | Unset):  Default: 10.
        include_excluded (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SuggestionsOut
    """

    return (
        await asyncio_detailed(
            number=number,
            client=client,
            limit=limit,
            include_excluded=include_excluded,
        )
    ).parsed
