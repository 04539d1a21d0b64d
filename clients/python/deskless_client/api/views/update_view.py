from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.view_out import ViewOut
from ...models.view_patch import ViewPatch
from ...types import UNSET, Response, Unset


def _get_kwargs(
    view_id: str,
    *,
    body: ViewPatch,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/views/{view_id}".format(
            view_id=quote(str(view_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ViewOut | None:
    if response.status_code == 200:
        response_200 = ViewOut.from_dict(response.json())

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
) -> Response[ErrorResponse | ViewOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    view_id: str,
    *,
    client: AuthenticatedClient,
    body: ViewPatch,
    if_match: str | Unset = UNSET,
) -> Response[ErrorResponse | ViewOut]:
    """Change a view (If-Match: version; built-ins are read-only)

    Args:
        view_id (str):
        if_match (str | Unset):
        body (ViewPatch): Changes to a view (its scope and department are fixed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ViewOut]
    """

    kwargs = _get_kwargs(
        view_id=view_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    view_id: str,
    *,
    client: AuthenticatedClient,
    body: ViewPatch,
    if_match: str | Unset = UNSET,
) -> ErrorResponse | ViewOut | None:
    """Change a view (If-Match: version; built-ins are read-only)

    Args:
        view_id (str):
        if_match (str | Unset):
        body (ViewPatch): Changes to a view (its scope and department are fixed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ViewOut
    """

    return sync_detailed(
        view_id=view_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    view_id: str,
    *,
    client: AuthenticatedClient,
    body: ViewPatch,
    if_match: str | Unset = UNSET,
) -> Response[ErrorResponse | ViewOut]:
    """Change a view (If-Match: version; built-ins are read-only)

    Args:
        view_id (str):
        if_match (str | Unset):
        body (ViewPatch): Changes to a view (its scope and department are fixed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ViewOut]
    """

    kwargs = _get_kwargs(
        view_id=view_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    view_id: str,
    *,
    client: AuthenticatedClient,
    body: ViewPatch,
    if_match: str | Unset = UNSET,
) -> ErrorResponse | ViewOut | None:
    """Change a view (If-Match: version; built-ins are read-only)

    Args:
        view_id (str):
        if_match (str | Unset):
        body (ViewPatch): Changes to a view (its scope and department are fixed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ViewOut
    """

    return (
        await asyncio_detailed(
            view_id=view_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
