"""Tickets: create, read, queues, change, comments, history, rating."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call, Link, links_to
from chalicelib.api.models import Input, ListQuery, NoQuery, Output, QueryId
from chalicelib.domain.commands import (
    AttachmentCommand,
    CommentCommand,
    CreateTicketCommand,
    RatingCommand,
    UpdateTicketCommand,
)
from chalicelib.domain.identity import Role
from chalicelib.domain.tickets import Attachment, Comment, CommentType, HistoryEntry, Priority, Status, Ticket
from chalicelib.services import tickets
from chalicelib.services.tickets import DOWNLOAD_EXPIRES, UPLOAD_EXPIRES, Actor

api = Api("tickets", __name__)


class TicketOut(Output):
    ticket_number: str
    number: int
    subject: str
    description: str
    status: Status
    priority: Priority
    channel: str
    source: str | None
    customer_id: str
    assigned_agent_id: str | None
    created_by_id: str
    sla_policy_id: str | None
    first_response_due: datetime | None
    resolution_due: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    sla_breach: bool
    category: str | None
    subcategory: str | None
    tags: list[str]
    custom_fields: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    time_to_first_response: float | None = Field(description="seconds")
    time_to_resolution: float | None = Field(description="seconds")
    business_time_to_first_response: float | None = Field(
        description="seconds of the SLA policy's business hours; null without a policy"
    )
    business_time_to_resolution: float | None = Field(
        description="seconds of the SLA policy's business hours, paused time excluded; null without a policy"
    )
    customer_satisfaction_score: int | None
    follow_up_of: str | None
    work_order_numbers: list[str] = Field(description="work orders created from this ticket")
    version: int

    @classmethod
    def of(cls, ticket: Ticket) -> TicketOut:
        return cls.model_validate(ticket.model_dump())


class CommentOut(Output):
    id: str
    author_id: str
    content: str
    comment_type: CommentType
    has_attachments: bool
    created_at: datetime

    @classmethod
    def of(cls, comment: Comment) -> CommentOut:
        return cls.model_validate(comment.model_dump())


class CreatedTicketOut(TicketOut):
    suggested_articles: list[dict[str, Any]] = Field(
        default_factory=list,
        description="customers: up to 3 published knowledge base articles matching the subject",
    )


class TicketDetailOut(TicketOut):
    comments: list[CommentOut]
    attachments: list[dict[str, Any]]


class TicketPage(Output):
    items: list[TicketOut]
    next_cursor: str | None = None


class CommentPage(Output):
    items: list[CommentOut]
    next_cursor: str | None = None


class HistoryOut(Output):
    id: str
    user_id: str | None
    field_name: str
    old_value: str | None
    new_value: str | None
    change_type: str
    changes: dict[str, Any]
    ip_address: str | None
    user_agent: str | None
    rule_id: str | None = Field(None, description="the automation rule that made the change")
    created_at: datetime

    @classmethod
    def of(cls, entry: HistoryEntry) -> HistoryOut:
        return cls.model_validate(entry.model_dump())


class HistoryPage(Output):
    items: list[HistoryOut]
    next_cursor: str | None = None


class CommentCreatedOut(Output):
    comment: CommentOut
    ticket: TicketOut


class TicketQuery(ListQuery):
    view: Literal["mine", "unassigned", "all"] = Field("all", description="customers: their own tickets")
    status: Status | None = None
    priority: Priority | None = None
    customer_id: QueryId | None = None
    updated_since: datetime | None = None


class PageQuery(Input):
    limit: int = Field(25, ge=1, le=100)
    cursor: str | None = Field(None, max_length=2048)


# The ticket lifecycle as OpenAPI links: a response carrying a ticket leads to what can be done to
# it next (Schemathesis's stateful run walks them: tests/fuzz/test_stateful_fuzz.py).
TICKET_OPERATIONS = (
    "get_ticket",
    "update_ticket",
    "delete_ticket",
    "restore_ticket",
    "list_comments",
    "add_comment",
    "list_history",
    "rate_ticket",
    "add_attachment",
    "ticket_sla",
)


def ticket_links(pointer: str) -> tuple[Link, ...]:
    """Links to every ticket operation, the ticket's number read at ``pointer`` in the response body."""
    return links_to(*TICKET_OPERATIONS, number=f"$response.body#{pointer}")


def actor(call: Call[Any, Any]) -> Actor:
    return Actor(call.principal, call.client_ip, call.header("user-agent"))


@api.route(
    "/tickets",
    "POST",
    summary="Open a ticket (customers: for themselves; staff: for a customer)",
    request=CreateTicketCommand,
    response=CreatedTicketOut,
    status=201,
    errors=(404, 409, 422),
    links=ticket_links("/ticket_number"),
)
def create_ticket(call: Call[CreateTicketCommand, NoQuery]) -> CreatedTicketOut:
    ticket = tickets.create_ticket(call.principal, call.body, actor(call))
    from chalicelib.api.kb import ArticleSummary
    from chalicelib.services import kb

    found = kb.suggestions_for_new_ticket(call.principal, ticket.subject)
    suggested = [ArticleSummary.of(a).model_dump(mode="json") for a in found]
    return CreatedTicketOut.model_validate({**TicketOut.of(ticket).model_dump(), "suggested_articles": suggested})


@api.route("/tickets", "GET", summary="A ticket queue, newest update first", response=TicketPage, query=TicketQuery)
def list_tickets(call: Call[None, TicketQuery]) -> TicketPage:
    q = call.query
    view = q.view
    if call.principal.role is Role.CUSTOMER:
        view = "mine" if view == "mine" else "all"
    page = tickets.list_tickets(
        call.principal, view, q.status, q.priority, q.customer_id, q.updated_since, q.limit, q.cursor
    )
    return TicketPage(items=[TicketOut.of(t) for t in page.items], next_cursor=page.next_cursor)


@api.route(
    "/tickets/{number}",
    "GET",
    summary="A ticket with its comments and attachments",
    response=TicketDetailOut,
    errors=(404,),
)
def get_ticket(call: Call[None, NoQuery], number: str) -> TicketDetailOut:
    ticket, comments, attachments = tickets.get_ticket(call.principal, number)
    return TicketDetailOut.model_validate(
        {
            **ticket.model_dump(),
            "comments": [CommentOut.of(c) for c in comments],
            "attachments": attachments,
        }
    )


@api.route(
    "/tickets/{number}",
    "PATCH",
    summary="Change fields, status (lifecycle) or assignee (If-Match: version)",
    request=UpdateTicketCommand,
    response=TicketOut,
    errors=(404, 409, 422),
    links=ticket_links("/ticket_number"),
)
def update_ticket(call: Call[UpdateTicketCommand, NoQuery], number: str) -> TicketOut:
    return TicketOut.of(tickets.update_ticket(call.principal, number, call.body, call.if_match(), actor(call)))


@api.route(
    "/tickets/{number}", "DELETE", summary="Move a ticket to the trash (soft delete)", response=TicketOut, errors=(404,)
)
def delete_ticket(call: Call[None, NoQuery], number: str) -> TicketOut:
    return TicketOut.of(tickets.delete_ticket(call.principal, number, actor(call)))


@api.route(
    "/tickets/{number}/restore",
    "POST",
    summary="Restore a ticket from the trash",
    response=TicketOut,
    errors=(404,),
    links=ticket_links("/ticket_number"),
)
def restore_ticket(call: Call[None, NoQuery], number: str) -> TicketOut:
    return TicketOut.of(tickets.restore_ticket(call.principal, number, actor(call)))


@api.route(
    "/tickets/{number}/comments",
    "GET",
    summary="Comments, oldest first (customers: public only)",
    response=CommentPage,
    query=PageQuery,
    errors=(404,),
)
def list_comments(call: Call[None, PageQuery], number: str) -> CommentPage:
    page = tickets.list_comments(call.principal, number, call.query.limit, call.query.cursor)
    return CommentPage(items=[CommentOut.of(c) for c in page.items], next_cursor=page.next_cursor)


@api.route(
    "/tickets/{number}/comments",
    "POST",
    summary="Reply (public) or add an internal note",
    request=CommentCommand,
    response=CommentCreatedOut,
    status=201,
    errors=(404, 409),
    links=ticket_links("/ticket/ticket_number"),
)
def add_comment(call: Call[CommentCommand, NoQuery], number: str) -> CommentCreatedOut:
    comment, ticket = tickets.add_comment(call.principal, number, call.body, actor(call))
    return CommentCreatedOut(comment=CommentOut.of(comment), ticket=TicketOut.of(ticket))


@api.route(
    "/tickets/{number}/history",
    "GET",
    summary="Every change, oldest first (staff)",
    response=HistoryPage,
    query=PageQuery,
    errors=(404,),
)
def list_history(call: Call[None, PageQuery], number: str) -> HistoryPage:
    page = tickets.list_history(call.principal, number, call.query.limit, call.query.cursor)
    return HistoryPage(items=[HistoryOut.of(h) for h in page.items], next_cursor=page.next_cursor)


@api.route(
    "/tickets/{number}/satisfaction",
    "POST",
    summary="Rate a solved or closed ticket 1-5, once (requester)",
    request=RatingCommand,
    response=TicketOut,
    errors=(404, 409, 422),
)
def rate_ticket(call: Call[RatingCommand, NoQuery], number: str) -> TicketOut:
    return TicketOut.of(tickets.rate_ticket(call.principal, number, call.body, actor(call)))


class AttachmentOut(Output):
    id: str
    comment_id: str | None
    uploaded_by_id: str
    file_name: str
    file_size: int
    file_type: str
    file_path: str
    is_public: bool
    download_count: int
    uploaded_at: datetime

    @classmethod
    def of(cls, attachment: Attachment) -> AttachmentOut:
        return cls.model_validate(attachment.model_dump())


class UploadOut(Output):
    url: str
    fields: dict[str, str] = Field(description="Send as multipart form fields, then the file as `file`")


class AttachmentCreatedOut(Output):
    attachment: AttachmentOut
    upload: UploadOut
    expires_in: int = Field(description="seconds the upload stays valid")


class DownloadOut(Output):
    attachment: AttachmentOut
    url: str
    expires_in: int


@api.route(
    "/tickets/{number}/attachments",
    "POST",
    summary="Add an attachment: a presigned S3 upload for its bytes",
    request=AttachmentCommand,
    response=AttachmentCreatedOut,
    status=201,
    errors=(404, 409, 422),
    links=(
        Link(
            "download_attachment", {"number": "$request.path.number", "attachment_id": "$response.body#/attachment/id"}
        ),
    ),
)
def add_attachment(call: Call[AttachmentCommand, NoQuery], number: str) -> AttachmentCreatedOut:
    attachment, upload = tickets.add_attachment(call.principal, number, call.body, actor(call))
    return AttachmentCreatedOut(
        attachment=AttachmentOut.of(attachment), upload=UploadOut.model_validate(upload), expires_in=UPLOAD_EXPIRES
    )


@api.route(
    "/tickets/{number}/attachments/{attachment_id}",
    "GET",
    summary="A presigned download (counts downloads)",
    response=DownloadOut,
    errors=(404,),
)
def download_attachment(call: Call[None, NoQuery], number: str, attachment_id: str) -> DownloadOut:
    attachment, url = tickets.download_attachment(call.principal, number, attachment_id)
    return DownloadOut(attachment=AttachmentOut.of(attachment), url=url, expires_in=DOWNLOAD_EXPIRES)


class SLATargetOut(Output):
    due: datetime
    remaining_seconds: float = Field(description="business seconds left; negative: overrun")
    state: Literal["running", "paused", "met", "breached"]
    completed_at: datetime | None


class SLAStatusOut(Output):
    policy_id: str | None
    policy_name: str | None
    breached: bool
    targets: dict[str, SLATargetOut]


@api.route(
    "/tickets/{number}/sla",
    "GET",
    summary="SLA targets: due, remaining business time, state",
    response=SLAStatusOut,
    errors=(404,),
)
def ticket_sla(call: Call[None, NoQuery], number: str) -> SLAStatusOut:
    return SLAStatusOut.model_validate(tickets.sla_status(call.principal, number))
