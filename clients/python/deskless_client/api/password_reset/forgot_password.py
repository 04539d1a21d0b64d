from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.forgot_password_command import ForgotPasswordCommand
from ...models.mail_requested_out import MailRequestedOut
from ...types import Response


def _get_kwargs(
    *,
    body: ForgotPasswordCommand,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/password/forgot",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | MailRequestedOut | None:
    if response.status_code == 202:
        response_202 = MailRequestedOut.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

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
) -> Response[ErrorResponse | MailRequestedOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ForgotPasswordCommand,
) -> Response[ErrorResponse | MailRequestedOut]:
    """Forgot password: mail a single-use reset link (the same answer whether or not the account exists)

     Always 202 with the same body; throttled per address asked for and per client (429 `mail_throttled`
    with Retry-After), whether or not the account exists. The link is valid 45 minutes; a newer request
    replaces it.

    Args:
        body (ForgotPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | MailRequestedOut]
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
    body: ForgotPasswordCommand,
) -> ErrorResponse | MailRequestedOut | None:
    """Forgot password: mail a single-use reset link (the same answer whether or not the account exists)

     Always 202 with the same body; throttled per address asked for and per client (429 `mail_throttled`
    with Retry-After), whether or not the account exists. The link is valid 45 minutes; a newer request
    replaces it.

    Args:
        body (ForgotPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | MailRequestedOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ForgotPasswordCommand,
) -> Response[ErrorResponse | MailRequestedOut]:
    """Forgot password: mail a single-use reset link (the same answer whether or not the account exists)

     Always 202 with the same body; throttled per address asked for and per client (429 `mail_throttled`
    with Retry-After), whether or not the account exists. The link is valid 45 minutes; a newer request
    replaces it.

    Args:
        body (ForgotPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | MailRequestedOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ForgotPasswordCommand,
) -> ErrorResponse | MailRequestedOut | None:
    """Forgot password: mail a single-use reset link (the same answer whether or not the account exists)

     Always 202 with the same body; throttled per address asked for and per client (429 `mail_throttled`
    with Retry-After), whether or not the account exists. The link is valid 45 minutes; a newer request
    replaces it.

    Args:
        body (ForgotPasswordCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | MailRequestedOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
