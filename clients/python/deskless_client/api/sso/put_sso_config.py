from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.sso_config_command import SsoConfigCommand
from ...models.sso_config_out import SsoConfigOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SsoConfigCommand,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/organization/sso",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SsoConfigOut | None:
    if response.status_code == 200:
        response_200 = SsoConfigOut.from_dict(response.json())

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
) -> Response[ErrorResponse | SsoConfigOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SsoConfigCommand,
    if_match: str | Unset = UNSET,
) -> Response[ErrorResponse | SsoConfigOut]:
    """Create or replace the single sign-on (OIDC) configuration (admins; If-Match: version)

     `client_secret` is write-only: stored in the parameter store, never in the table, never returned;
    leave it out to keep the stored one. The issuer must be https.

    Args:
        if_match (str | Unset):
        body (SsoConfigCommand): ``PUT /organization/sso``: the whole configuration (a field left
            out takes its default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SsoConfigOut]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SsoConfigCommand,
    if_match: str | Unset = UNSET,
) -> ErrorResponse | SsoConfigOut | None:
    """Create or replace the single sign-on (OIDC) configuration (admins; If-Match: version)

     `client_secret` is write-only: stored in the parameter store, never in the table, never returned;
    leave it out to keep the stored one. The issuer must be https.

    Args:
        if_match (str | Unset):
        body (SsoConfigCommand): ``PUT /organization/sso``: the whole configuration (a field left
            out takes its default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SsoConfigOut
    """

    return sync_detailed(
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SsoConfigCommand,
    if_match: str | Unset = UNSET,
) -> Response[ErrorResponse | SsoConfigOut]:
    """Create or replace the single sign-on (OIDC) configuration (admins; If-Match: version)

     `client_secret` is write-only: stored in the parameter store, never in the table, never returned;
    leave it out to keep the stored one. The issuer must be https.

    Args:
        if_match (str | Unset):
        body (SsoConfigCommand): ``PUT /organization/sso``: the whole configuration (a field left
            out takes its default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SsoConfigOut]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SsoConfigCommand,
    if_match: str | Unset = UNSET,
) -> ErrorResponse | SsoConfigOut | None:
    """Create or replace the single sign-on (OIDC) configuration (admins; If-Match: version)

     `client_secret` is write-only: stored in the parameter store, never in the table, never returned;
    leave it out to keep the stored one. The issuer must be https.

    Args:
        if_match (str | Unset):
        body (SsoConfigCommand): ``PUT /organization/sso``: the whole configuration (a field left
            out takes its default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SsoConfigOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
