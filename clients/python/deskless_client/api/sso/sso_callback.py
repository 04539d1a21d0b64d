from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.login_out import LoginOut
from ...models.sso_callback_command import SsoCallbackCommand
from ...types import Response


def _get_kwargs(
    org_slug: str,
    *,
    body: SsoCallbackCommand,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/sso/{org_slug}/callback".format(
            org_slug=quote(str(org_slug), safe=""),
        ),
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
) -> Response[ErrorResponse | LoginOut]:
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
    body: SsoCallbackCommand,
) -> Response[ErrorResponse | LoginOut]:
    """Finish a staff sign-in: the code and state the IdP returned -> a session

     400 `invalid_sso_state` (unknown, expired, used, other organization); 401 `sso_failed` (code or ID
    token refused); 403 `sso_email_unverified`, `sso_domain_not_allowed`, `sso_not_staff`,
    `sso_no_account`, `sso_role_unmapped`; 503 `sso_unavailable`.

    Args:
        org_slug (str):
        body (SsoCallbackCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LoginOut]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: SsoCallbackCommand,
) -> ErrorResponse | LoginOut | None:
    """Finish a staff sign-in: the code and state the IdP returned -> a session

     400 `invalid_sso_state` (unknown, expired, used, other organization); 401 `sso_failed` (code or ID
    token refused); 403 `sso_email_unverified`, `sso_domain_not_allowed`, `sso_not_staff`,
    `sso_no_account`, `sso_role_unmapped`; 503 `sso_unavailable`.

    Args:
        org_slug (str):
        body (SsoCallbackCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LoginOut
    """

    return sync_detailed(
        org_slug=org_slug,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: SsoCallbackCommand,
) -> Response[ErrorResponse | LoginOut]:
    """Finish a staff sign-in: the code and state the IdP returned -> a session

     400 `invalid_sso_state` (unknown, expired, used, other organization); 401 `sso_failed` (code or ID
    token refused); 403 `sso_email_unverified`, `sso_domain_not_allowed`, `sso_not_staff`,
    `sso_no_account`, `sso_role_unmapped`; 503 `sso_unavailable`.

    Args:
        org_slug (str):
        body (SsoCallbackCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LoginOut]
    """

    kwargs = _get_kwargs(
        org_slug=org_slug,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: SsoCallbackCommand,
) -> ErrorResponse | LoginOut | None:
    """Finish a staff sign-in: the code and state the IdP returned -> a session

     400 `invalid_sso_state` (unknown, expired, used, other organization); 401 `sso_failed` (code or ID
    token refused); 403 `sso_email_unverified`, `sso_domain_not_allowed`, `sso_not_staff`,
    `sso_no_account`, `sso_role_unmapped`; 503 `sso_unavailable`.

    Args:
        org_slug (str):
        body (SsoCallbackCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LoginOut
    """

    return (
        await asyncio_detailed(
            org_slug=org_slug,
            client=client,
            body=body,
        )
    ).parsed
