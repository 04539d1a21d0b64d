from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.login_out import LoginOut
from ...models.reset_password_command import ResetPasswordCommand
from ...types import Response


def _get_kwargs(
    *,
    body: ResetPasswordCommand,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/password/reset",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | LoginOut | None:
    if response.status_code == 200:
        response_200 = LoginOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

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
) -> Response[ErrorResponse | LoginOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResetPasswordCommand,
) -> Response[ErrorResponse | LoginOut]:
    """Set a new password with a reset link: every other session ends, a new one starts

     Single use: 400 `invalid_link`; 410 `link_used`, `link_expired`, `link_revoked`. With two-factor
    login on, a current `totp_code` is required (422 `totp_required` / `invalid_totp`, login's budgets:
    429 `login_locked`). 422 `weak_password`.

    Args:
        body (ResetPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LoginOut]
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
    body: ResetPasswordCommand,
) -> ErrorResponse | LoginOut | None:
    """Set a new password with a reset link: every other session ends, a new one starts

     Single use: 400 `invalid_link`; 410 `link_used`, `link_expired`, `link_revoked`. With two-factor
    login on, a current `totp_code` is required (422 `totp_required` / `invalid_totp`, login's budgets:
    429 `login_locked`). 422 `weak_password`.

    Args:
        body (ResetPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LoginOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResetPasswordCommand,
) -> Response[ErrorResponse | LoginOut]:
    """Set a new password with a reset link: every other session ends, a new one starts

     Single use: 400 `invalid_link`; 410 `link_used`, `link_expired`, `link_revoked`. With two-factor
    login on, a current `totp_code` is required (422 `totp_required` / `invalid_totp`, login's budgets:
    429 `login_locked`). 422 `weak_password`.

    Args:
        body (ResetPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LoginOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ResetPasswordCommand,
) -> ErrorResponse | LoginOut | None:
    """Set a new password with a reset link: every other session ends, a new one starts

     Single use: 400 `invalid_link`; 410 `link_used`, `link_expired`, `link_revoked`. With two-factor
    login on, a current `totp_code` is required (422 `totp_required` / `invalid_totp`, login's budgets:
    429 `login_locked`). 422 `weak_password`.

    Args:
        body (ResetPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LoginOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
