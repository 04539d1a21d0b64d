from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.csat_rate_command import CSATRateCommand
from ...models.csat_rating_out import CSATRatingOut
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CSATRateCommand,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/satisfaction",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CSATRatingOut | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CSATRatingOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 410:
        response_410 = ErrorResponse.from_dict(response.json())

        return response_410

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
) -> Response[CSATRatingOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CSATRateCommand,
) -> Response[CSATRatingOut | ErrorResponse]:
    """Rate a solved ticket with its mailed link: good/bad or a score 1-5 and a comment, once

     Public: the token is the credential; it is used by this request and the rating recorded in one
    transaction (a second use is 410 `link_used`). Send `rating` (good = 5, bad = 1) or `score`.
    Refusals as for the preview, plus 409 `already_rated` (rated signed in) and 422 `not_solved`
    (reopened since). Never signs anyone in.

    Args:
        body (CSATRateCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CSATRatingOut | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CSATRateCommand,
) -> CSATRatingOut | ErrorResponse | None:
    """Rate a solved ticket with its mailed link: good/bad or a score 1-5 and a comment, once

     Public: the token is the credential; it is used by this request and the rating recorded in one
    transaction (a second use is 410 `link_used`). Send `rating` (good = 5, bad = 1) or `score`.
    Refusals as for the preview, plus 409 `already_rated` (rated signed in) and 422 `not_solved`
    (reopened since). Never signs anyone in.

    Args:
        body (CSATRateCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CSATRatingOut | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CSATRateCommand,
) -> Response[CSATRatingOut | ErrorResponse]:
    """Rate a solved ticket with its mailed link: good/bad or a score 1-5 and a comment, once

     Public: the token is the credential; it is used by this request and the rating recorded in one
    transaction (a second use is 410 `link_used`). Send `rating` (good = 5, bad = 1) or `score`.
    Refusals as for the preview, plus 409 `already_rated` (rated signed in) and 422 `not_solved`
    (reopened since). Never signs anyone in.

    Args:
        body (CSATRateCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CSATRatingOut | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CSATRateCommand,
) -> CSATRatingOut | ErrorResponse | None:
    """Rate a solved ticket with its mailed link: good/bad or a score 1-5 and a comment, once

     Public: the token is the credential; it is used by this request and the rating recorded in one
    transaction (a second use is 410 `link_used`). Send `rating` (good = 5, bad = 1) or `score`.
    Refusals as for the preview, plus 409 `already_rated` (rated signed in) and 422 `not_solved`
    (reopened since). Never signs anyone in.

    Args:
        body (CSATRateCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CSATRatingOut | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
