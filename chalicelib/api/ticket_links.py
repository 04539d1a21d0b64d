"""Linked tickets (parent/child/related, and the merge and split links read from the tickets), and
solving a parent's children (staff)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import ListQuery, NoQuery, Output, next_cursor_field
from chalicelib.api.tickets import actor
from chalicelib.domain.ticket_links import SolveChildrenCommand, TicketLinkCommand
from chalicelib.domain.tickets import Priority, Status
from chalicelib.services import ticket_links
from chalicelib.services.ticket_links import LinkView

api = Api("ticket-links", __name__)

LinkKindOut = Literal["parent", "child", "related", "merged_into", "merged_from", "split_from", "split_into"]


class LinkedTicketOut(Output):
    ticket_number: str
    subject: str
    status: Status
    priority: Priority
    assigned_agent_id: str | None


class TicketLinkOut(Output):
    kind: LinkKindOut = Field(
        description="what the linked ticket is to this one (`parent`: it is this ticket's parent); "
        "merged_* and split_* come from the tickets' merge and split fields and are read-only"
    )
    ticket: LinkedTicketOut
    created_at: datetime | None = Field(description="null for merge and split links")
    created_by_id: str | None = Field(description="null for merge and split links")

    @classmethod
    def of(cls, view: LinkView) -> TicketLinkOut:
        return cls.model_validate(
            {
                "kind": view.kind,
                "ticket": view.ticket.model_dump(),
                "created_at": view.created_at,
                "created_by_id": view.created_by_id,
            }
        )


class TicketLinkPage(Output):
    items: list[TicketLinkOut] = Field(
        description="merge and split links first (first page only), then stored links by the other ticket's "
        "number; tickets the caller cannot see are left out"
    )
    next_cursor: str | None = next_cursor_field()


class ChildResultOut(Output):
    ticket_number: str
    outcome: Literal["solved", "skipped", "failed"] = Field(
        description="`skipped`: already solved or closed; `failed`: see `error` (the others still ran)"
    )
    error: dict[str, Any] | None = Field(description="`{code, message, details}` when it failed")


class SolveChildrenOut(Output):
    results: list[ChildResultOut]


@api.route(
    "/tickets/{number}/links",
    "GET",
    summary="The ticket's linked tickets: parent, children, related, merged and split (staff)",
    response=TicketLinkPage,
    query=ListQuery,
    errors=(404,),
)
def list_ticket_links(call: Call[None, ListQuery], number: str) -> TicketLinkPage:
    page = ticket_links.list_links(call.principal, number, call.query.limit, call.query.cursor)
    return TicketLinkPage(items=[TicketLinkOut.of(v) for v in page.items], next_cursor=page.next_cursor)


@api.route(
    "/tickets/{number}/links",
    "POST",
    summary="Link another ticket as this one's parent, child or related ticket (both sides, one transaction)",
    request=TicketLinkCommand,
    response=TicketLinkOut,
    status=201,
    location="/tickets/{number}/links/{kind}/{ticket.ticket_number}",
    errors=(404, 409, 422),
)
def create_ticket_link(call: Call[TicketLinkCommand, NoQuery], number: str) -> TicketLinkOut:
    return TicketLinkOut.of(ticket_links.create_link(call.principal, number, call.body, actor(call)))


@api.route(
    "/tickets/{number}/links/{kind}/{other_number}",
    "DELETE",
    summary="Remove a parent, child or related link (both sides)",
    status=204,
    errors=(404,),
)
def delete_ticket_link(call: Call[None, NoQuery], number: str, kind: str, other_number: str) -> None:
    ticket_links.remove_link(call.principal, number, kind, other_number, actor(call))


@api.route(
    "/tickets/{number}/children/solve",
    "POST",
    summary="Solve every active child of a parent ticket, each in its own transaction, with an optional "
    "public reply on each; per-child results",
    request=SolveChildrenCommand,
    response=SolveChildrenOut,
    errors=(404,),
    idempotent=True,
)
def solve_ticket_children(call: Call[SolveChildrenCommand, NoQuery], number: str) -> SolveChildrenOut:
    results = ticket_links.solve_children(call.principal, number, call.body, actor(call))
    return SolveChildrenOut.model_validate({"results": [r.__dict__ for r in results]})
