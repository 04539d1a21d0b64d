"""Saved views: built-in, personal, department and organization ticket lists with live counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import Field, field_serializer, model_validator

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, NoQuery, Output, _times
from chalicelib.api.tickets import IncludedOut, IncludeQuery, TicketOut, TicketPage
from chalicelib.domain.commands import Command, Patch
from chalicelib.domain.errors import RuleViolation
from chalicelib.domain.ticket_filter import TicketFilter
from chalicelib.domain.views import DEFAULT_COLUMNS, DEFAULT_SORT, Column, Sort, View, ViewName, ViewScope
from chalicelib.services import ticket_includes, tickets, views
from chalicelib.services.views import Counted

api = Api("views", __name__)


class ViewOut(Output):
    outside_version = ("count", "count_capped")  # live counts move without the view changing

    id: str = Field(description="`builtin:<name>` for the built-ins, else the view's id")
    name: str
    scope: ViewScope
    department_id: str | None = Field(description="the department of a `department` view")
    owner_id: str | None = Field(description="the owner of a `personal` view")
    filter: TicketFilter
    sort: Sort
    columns: list[Column]
    position: int
    count: int | None = Field(
        None, description="with `include=counts`: the tickets the reader would list, up to 100; else null"
    )
    count_capped: bool = Field(
        False, description="true: at least `count` (100 reached, or the bounded count stopped before the end)"
    )
    version: int
    created_at: datetime
    updated_at: datetime

    # No return annotation: the document keeps the TicketFilter schema (see api.models.Output).
    @field_serializer("filter", when_used="json")
    def _filter_times(self, value: TicketFilter):  # type: ignore[no-untyped-def]
        return _times(value.model_dump(mode="python"))  # its times as every timestamp: 6 digits and Z

    @classmethod
    def of(cls, view: View, counted: Counted | None = None) -> ViewOut:
        data: dict[str, Any] = {**view.model_dump(), "filter": view.filter}
        if counted is not None:
            data |= {"count": counted.count, "count_capped": counted.capped}
        return cls.model_validate(data)


class ViewPage(Output):
    items: list[ViewOut]
    next_cursor: str | None = Field(None, description="always null: every view comes in one page")


class ViewListQuery(Input):
    include: Literal["counts"] | None = Field(None, description="`counts`: each view's live `count`")


class ViewTicketsQuery(IncludeQuery):
    limit: int = Field(50, ge=1, le=100, description="Page size (default 50, at most 100).")
    cursor: str | None = Field(None, max_length=2048, description="`next_cursor` of the previous page.")


class ViewCommand(Command):
    """A new view; ``scope`` organization or department needs a manager or admin."""

    model_config = Command.model_config | {
        "json_schema_extra": {
            "examples": [
                {
                    "name": "Urgent, mine",
                    "filter": {"assignee": ["me"], "priority": ["urgent"], "status": ["new", "open"]},
                    "sort": "-updated_at",
                }
            ]
        }
    }

    name: ViewName
    filter: TicketFilter
    sort: Sort = DEFAULT_SORT
    columns: list[Column] = Field(default_factory=lambda: list(DEFAULT_COLUMNS), min_length=1, max_length=12)
    scope: Literal["personal", "department", "organization"] = "personal"
    department_id: str | None = Field(None, max_length=40, description="required for (and only for) `department`")
    position: int = Field(0, ge=0, le=10_000)

    @model_validator(mode="after")
    def _department_with_its_scope(self) -> ViewCommand:
        if (self.scope == "department") != (self.department_id is not None):
            raise RuleViolation(
                "department_id is required for a department view and refused for any other.",
                code="invalid_request",
                details=[{"field": "department_id", "message": "only with scope department", "type": "scope"}],
            )
        return self


class ViewPatch(Patch):
    """Changes to a view (its scope and department are fixed)."""

    cleared: ClassVar[dict[str, Any]] = {}

    name: ViewName | None = None
    filter: TicketFilter | None = None
    sort: Sort | None = None
    columns: list[Column] | None = Field(None, min_length=1, max_length=12)
    position: int | None = Field(None, ge=0, le=10_000)


@api.route(
    "/views",
    "GET",
    summary="The views I can use: built-ins, organization, my departments', mine (include=counts: live counts)",
    response=ViewPage,
    query=ViewListQuery,
    errors=(403,),
)
def list_views(call: Call[None, ViewListQuery]) -> ViewPage:
    found = views.list_views(call.principal)
    counts = views.count_views(call.principal, found) if call.query.include == "counts" else {}
    return ViewPage(items=[ViewOut.of(v, counts.get(v.id)) for v in found])


@api.route(
    "/views",
    "POST",
    summary="Save a view (personal; organization or department: managers and admins)",
    request=ViewCommand,
    response=ViewOut,
    status=201,
    location="/views/{id}",
    errors=(403, 422),
)
def create_view(call: Call[ViewCommand, NoQuery]) -> ViewOut:
    body = call.body
    view = views.create_view(
        call.principal,
        name=body.name,
        f=body.filter,
        sort=body.sort,
        columns=list(body.columns),
        scope=ViewScope(body.scope),
        department_id=body.department_id,
        position=body.position,
    )
    return ViewOut.of(view)


@api.route("/views/{view_id}", "GET", summary="One view", response=ViewOut, errors=(403, 404))
def get_view(call: Call[None, NoQuery], view_id: str) -> ViewOut:
    return ViewOut.of(views.get_view(call.principal, view_id))


@api.route(
    "/views/{view_id}",
    "PATCH",
    summary="Change a view (If-Match: version; built-ins are read-only)",
    request=ViewPatch,
    response=ViewOut,
    errors=(403, 404, 409, 422),
    if_match=True,
)
def update_view(call: Call[ViewPatch, NoQuery], view_id: str) -> ViewOut:
    changes = call.body.values()
    return ViewOut.of(views.update_view(call.principal, view_id, changes, call.if_match()))


@api.route(
    "/views/{view_id}",
    "DELETE",
    summary="Delete a view (built-ins are read-only)",
    status=204,
    errors=(403, 404, 409),
)
def delete_view(call: Call[None, NoQuery], view_id: str) -> None:
    views.delete_view(call.principal, view_id)


@api.route(
    "/views/{view_id}/tickets",
    "GET",
    summary="The view's tickets in its sort, as I may see them (a page may be short: follow next_cursor)",
    response=TicketPage,
    query=ViewTicketsQuery,
    errors=(403, 404, 422),
)
def view_tickets(call: Call[None, ViewTicketsQuery], view_id: str) -> TicketPage:
    q = call.query
    page = views.view_tickets(call.principal, view_id, q.limit, q.cursor)
    found = ticket_includes.included(call.principal, page.items, q.kinds())
    badges = found.sla or {}
    shown = tickets.visible_custom_fields(call.principal)
    return TicketPage(
        items=[TicketOut.of(t, shown, badges.get(t.number)) for t in page.items],
        next_cursor=page.next_cursor,
        included=IncludedOut.of(found),
    )
