from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.invitation_command import InvitationCommand
from ...models.invitation_out import InvitationOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: InvitationCommand,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/invitations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | InvitationOut | None:
    if response.status_code == 201:
        response_201 = InvitationOut.from_dict(response.json())

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
) -> Response[ErrorResponse | InvitationOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InvitationCommand,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | InvitationOut]:
    """Invite someone by email (staff with role and departments, or a customer); the link is mailed

     409 `email_taken` when an active user with a password holds the address (a passwordless customer may
    be invited as a customer: accepting sets their password); a manager cannot invite an admin (403
    `privilege_escalation`); 422 `invalid_department`; 503 `mail_unavailable`.

    Args:
        idempotency_key (str | Unset):
        body (InvitationCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | InvitationOut]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: InvitationCommand,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | InvitationOut | None:
    """Invite someone by email (staff with role and departments, or a customer); the link is mailed

     409 `email_taken` when an active user with a password holds the address (a passwordless customer may
    be invited as a customer: accepting sets their password); a manager cannot invite an admin (403
    `privilege_escalation`); 422 `invalid_department`; 503 `mail_unavailable`.

    Args:
        idempotency_key (str | Unset):
        body (InvitationCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | InvitationOut
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InvitationCommand,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | InvitationOut]:
    """Invite someone by email (staff with role and departments, or a customer); the link is mailed

     409 `email_taken` when an active user with a password holds the address (a passwordless customer may
    be invited as a customer: accepting sets their password); a manager cannot invite an admin (403
    `privilege_escalation`); 422 `invalid_department`; 503 `mail_unavailable`.

    Args:
        idempotency_key (str | Unset):
        body (InvitationCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | InvitationOut]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InvitationCommand,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | InvitationOut | None:
    """Invite someone by email (staff with role and departments, or a customer); the link is mailed

     409 `email_taken` when an active user with a password holds the address (a passwordless customer may
    be invited as a customer: accepting sets their password); a manager cannot invite an admin (403
    `privilege_escalation`); 422 `invalid_department`; 503 `mail_unavailable`.

    Args:
        idempotency_key (str | Unset):
        body (InvitationCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | InvitationOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
