from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.portal_accepted_out import PortalAcceptedOut
from ...models.portal_register_command import PortalRegisterCommand
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_slug: str,
    *,
    body: PortalRegisterCommand,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/portal/{org_slug}/register".format(
            org_slug=quote(str(org_slug), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PortalAcceptedOut | None:
    if response.status_code == 202:
        response_202 = PortalAcceptedOut.from_dict(response.json())

        return response_202

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
) -> Response[ErrorResponse | PortalAcceptedOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: PortalRegisterCommand,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | PortalAcceptedOut]:
    """Register as a customer: a verification link is mailed, no account exists until it is used

     202 with the same body whether or not the address has an account (its owner is told by mail). 403
    `registration_closed` when the organization takes no registrations; 422 `registration_domain` for an
    address outside its allowed domains; 429 `mail_throttled`.

    Args:
        org_slug (str):
        idempotency_key (str | Unset):
        body (PortalRegisterCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PortalAcceptedOut]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: PortalRegisterCommand,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | PortalAcceptedOut | None:
    """Register as a customer: a verification link is mailed, no account exists until it is used

     202 with the same body whether or not the address has an account (its owner is told by mail). 403
    `registration_closed` when the organization takes no registrations; 422 `registration_domain` for an
    address outside its allowed domains; 429 `mail_throttled`.

    Args:
        org_slug (str):
        idempotency_key (str | Unset):
        body (PortalRegisterCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PortalAcceptedOut
    """

    return sync_detailed(
        org_slug=org_slug,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: PortalRegisterCommand,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | PortalAcceptedOut]:
    """Register as a customer: a verification link is mailed, no account exists until it is used

     202 with the same body whether or not the address has an account (its owner is told by mail). 403
    `registration_closed` when the organization takes no registrations; 422 `registration_domain` for an
    address outside its allowed domains; 429 `mail_throttled`.

    Args:
        org_slug (str):
        idempotency_key (str | Unset):
        body (PortalRegisterCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PortalAcceptedOut]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: PortalRegisterCommand,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | PortalAcceptedOut | None:
    """Register as a customer: a verification link is mailed, no account exists until it is used

     202 with the same body whether or not the address has an account (its owner is told by mail). 403
    `registration_closed` when the organization takes no registrations; 422 `registration_domain` for an
    address outside its allowed domains; 429 `mail_throttled`.

    Args:
        org_slug (str):
        idempotency_key (str | Unset):
        body (PortalRegisterCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PortalAcceptedOut
    """

    return (
        await asyncio_detailed(
            org_slug=org_slug,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
