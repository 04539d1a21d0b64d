import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_tickets_sort_type_0 import ListTicketsSortType0
from ...models.list_tickets_view import ListTicketsView
from ...models.priority import Priority
from ...models.status import Status
from ...models.ticket_page import TicketPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    include: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    deleted: bool | Unset = False,
    view: ListTicketsView | Unset = "all",
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    assigned_agent_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    created_by_id: None | str | Unset = UNSET,
    sort: ListTicketsSortType0 | None | Unset = UNSET,
    department_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_include: None | str | Unset
    if isinstance(include, Unset):
        json_include = UNSET
    else:
        json_include = include
    params["include"] = json_include

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["deleted"] = deleted

    json_view: str | Unset = UNSET
    if not isinstance(view, Unset):
        json_view = view

    params["view"] = json_view

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, str):
        json_status = status
    else:
        json_status = status
    params["status"] = json_status

    json_priority: None | str | Unset
    if isinstance(priority, Unset):
        json_priority = UNSET
    elif isinstance(priority, str):
        json_priority = priority
    else:
        json_priority = priority
    params["priority"] = json_priority

    json_customer_id: None | str | Unset
    if isinstance(customer_id, Unset):
        json_customer_id = UNSET
    else:
        json_customer_id = customer_id
    params["customer_id"] = json_customer_id

    json_assigned_agent_id: None | str | Unset
    if isinstance(assigned_agent_id, Unset):
        json_assigned_agent_id = UNSET
    else:
        json_assigned_agent_id = assigned_agent_id
    params["assigned_agent_id"] = json_assigned_agent_id

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since

    json_created_by_id: None | str | Unset
    if isinstance(created_by_id, Unset):
        json_created_by_id = UNSET
    else:
        json_created_by_id = created_by_id
    params["created_by_id"] = json_created_by_id

    json_sort: None | str | Unset
    if isinstance(sort, Unset):
        json_sort = UNSET
    elif isinstance(sort, str):
        json_sort = sort
    else:
        json_sort = sort
    params["sort"] = json_sort

    json_department_id: None | str | Unset
    if isinstance(department_id, Unset):
        json_department_id = UNSET
    else:
        json_department_id = department_id
    params["department_id"] = json_department_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tickets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TicketPage | None:
    if response.status_code == 200:
        response_200 = TicketPage.from_dict(response.json())

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
) -> Response[ErrorResponse | TicketPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    deleted: bool | Unset = False,
    view: ListTicketsView | Unset = "all",
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    assigned_agent_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    created_by_id: None | str | Unset = UNSET,
    sort: ListTicketsSortType0 | None | Unset = UNSET,
    department_id: None | str | Unset = UNSET,
) -> Response[ErrorResponse | TicketPage]:
    """A ticket queue, newest update first (deleted=true: the trash, for admins and managers)

    Args:
        include (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        deleted (bool | Unset):  Default: False.
        view (ListTicketsView | Unset):  Default: 'all'.
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        customer_id (None | str | Unset):
        assigned_agent_id (None | str | Unset):
        updated_since (datetime.datetime | None | Unset):
        created_by_id (None | str | Unset):
        sort (ListTicketsSortType0 | None | Unset):
        department_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TicketPage]
    """

    kwargs = _get_kwargs(
        include=include,
        limit=limit,
        cursor=cursor,
        deleted=deleted,
        view=view,
        status=status,
        priority=priority,
        customer_id=customer_id,
        assigned_agent_id=assigned_agent_id,
        updated_since=updated_since,
        created_by_id=created_by_id,
        sort=sort,
        department_id=department_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    deleted: bool | Unset = False,
    view: ListTicketsView | Unset = "all",
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    assigned_agent_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    created_by_id: None | str | Unset = UNSET,
    sort: ListTicketsSortType0 | None | Unset = UNSET,
    department_id: None | str | Unset = UNSET,
) -> ErrorResponse | TicketPage | None:
    """A ticket queue, newest update first (deleted=true: the trash, for admins and managers)

    Args:
        include (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        deleted (bool | Unset):  Default: False.
        view (ListTicketsView | Unset):  Default: 'all'.
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        customer_id (None | str | Unset):
        assigned_agent_id (None | str | Unset):
        updated_since (datetime.datetime | None | Unset):
        created_by_id (None | str | Unset):
        sort (ListTicketsSortType0 | None | Unset):
        department_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TicketPage
    """

    return sync_detailed(
        client=client,
        include=include,
        limit=limit,
        cursor=cursor,
        deleted=deleted,
        view=view,
        status=status,
        priority=priority,
        customer_id=customer_id,
        assigned_agent_id=assigned_agent_id,
        updated_since=updated_since,
        created_by_id=created_by_id,
        sort=sort,
        department_id=department_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    deleted: bool | Unset = False,
    view: ListTicketsView | Unset = "all",
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    assigned_agent_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    created_by_id: None | str | Unset = UNSET,
    sort: ListTicketsSortType0 | None | Unset = UNSET,
    department_id: None | str | Unset = UNSET,
) -> Response[ErrorResponse | TicketPage]:
    """A ticket queue, newest update first (deleted=true: the trash, for admins and managers)

    Args:
        include (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        deleted (bool | Unset):  Default: False.
        view (ListTicketsView | Unset):  Default: 'all'.
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        customer_id (None | str | Unset):
        assigned_agent_id (None | str | Unset):
        updated_since (datetime.datetime | None | Unset):
        created_by_id (None | str | Unset):
        sort (ListTicketsSortType0 | None | Unset):
        department_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TicketPage]
    """

    kwargs = _get_kwargs(
        include=include,
        limit=limit,
        cursor=cursor,
        deleted=deleted,
        view=view,
        status=status,
        priority=priority,
        customer_id=customer_id,
        assigned_agent_id=assigned_agent_id,
        updated_since=updated_since,
        created_by_id=created_by_id,
        sort=sort,
        department_id=department_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    deleted: bool | Unset = False,
    view: ListTicketsView | Unset = "all",
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    assigned_agent_id: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    created_by_id: None | str | Unset = UNSET,
    sort: ListTicketsSortType0 | None | Unset = UNSET,
    department_id: None | str | Unset = UNSET,
) -> ErrorResponse | TicketPage | None:
    """A ticket queue, newest update first (deleted=true: the trash, for admins and managers)

    Args:
        include (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        deleted (bool | Unset):  Default: False.
        view (ListTicketsView | Unset):  Default: 'all'.
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        customer_id (None | str | Unset):
        assigned_agent_id (None | str | Unset):
        updated_since (datetime.datetime | None | Unset):
        created_by_id (None | str | Unset):
        sort (ListTicketsSortType0 | None | Unset):
        department_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TicketPage
    """

    return (
        await asyncio_detailed(
            client=client,
            include=include,
            limit=limit,
            cursor=cursor,
            deleted=deleted,
            view=view,
            status=status,
            priority=priority,
            customer_id=customer_id,
            assigned_agent_id=assigned_agent_id,
            updated_since=updated_since,
            created_by_id=created_by_id,
            sort=sort,
            department_id=department_id,
        )
    ).parsed
