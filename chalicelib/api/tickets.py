"""Tickets: create, read, queues, change, comments, history, rating."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call, Link, links_to
from chalicelib.api.models import Input, NoQuery, Output, QueryId, TrashQuery
from chalicelib.api.schemas import CustomerOut, UserOut
from chalicelib.api.sla import SLAPolicyOut
from chalicelib.domain.clock import Moment
from chalicelib.domain.commands import (
    AttachmentCommand,
    CommentCommand,
    CreateTicketCommand,
    RatingCommand,
    UpdateTicketCommand,
)
from chalicelib.domain.identity import Role
from chalicelib.domain.presence import EXPIRY_SECONDS, HEARTBEAT_SECONDS, Presence, PresenceState
from chalicelib.domain.queue_counts import QueueCount
from chalicelib.domain.tickets import (
    Attachment,
    Comment,
    CommentType,
    HistoryEntry,
    Priority,
    Status,
    Ticket,
    TicketSort,
    history_value,
    sla_due_at,
)
from chalicelib.services import presence, ticket_includes, tickets
from chalicelib.services.tickets import DOWNLOAD_EXPIRES, UPLOAD_EXPIRES, Actor

api = Api("tickets", __name__)


class TicketSLAStatusOut(Output):
    target: Literal["first_response", "resolution"] | None = Field(
        description="the pending target (first response until answered, then resolution; the last one "
        "once both are done); null when the ticket has no SLA target"
    )
    due: datetime | None
    remaining_seconds: float | None = Field(
        description="business seconds left (negative: overrun), as GET /tickets/{number}/sla computes them"
    )
    state: Literal["running", "warning", "paused", "breached", "met", "none"] = Field(
        description="`warning`: running with less left than the policy's first `before_breach` step of the "
        "target leaves (a step at 80 % elapsed: 20 %), else 25 % of the target"
    )


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
    department_id: str | None = Field(description="the department (team) the ticket belongs to")
    created_by_id: str
    sla_policy_id: str | None
    first_response_due: datetime | None
    resolution_due: datetime | None
    sla_due_at: datetime | None = Field(
        description="the next pending SLA due: first_response_due until the first response, then "
        "resolution_due until solved; null when none (what sort=sla_due_at orders by)"
    )
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
    merged_into: str | None = Field(None, description="a merged (closed) source: the ticket it was merged into")
    merged_from: list[str] = Field(default_factory=list, description="tickets merged into this one")
    split_from: str | None = Field(None, description="the ticket this one was split from")
    split_into: list[str] = Field(default_factory=list, description="tickets split from this one's comments")
    cc_emails: list[str] = Field(default_factory=list, description="addresses copied on public replies")
    follower_ids: list[str] = Field(default_factory=list, description="staff notified of every update")
    parent_number: str | None = Field(None, description="the parent (problem) ticket of this incident")
    child_count: int = Field(0, description="incident tickets linked to this one as their parent")
    time_spent_minutes: int = Field(0, description="the sum of the ticket's time entries")
    billable_minutes: int = Field(0, description="the sum of its billable time entries")
    sla_status: TicketSLAStatusOut | None = Field(
        None, description="only with `include=sla` (lists and the ticket's read): the SLA at a glance"
    )
    version: int

    @classmethod
    def of(cls, ticket: Ticket, shown: frozenset[str] | None, sla_status: dict[str, Any] | None = None) -> TicketOut:
        """The ticket with the custom fields its reader may see (``shown``; None: every one, for
        staff): a customer never sees an internal field (``tickets.visible_custom_fields``);
        ``sla_status``: the ticket's SLA badge when ``include=sla`` asked for it."""
        return cls.model_validate(cls.fields_of(ticket, shown, sla_status))

    @staticmethod
    def fields_of(
        ticket: Ticket, shown: frozenset[str] | None, sla_status: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """What ``of`` validates: for a response that extends the ticket (``CreatedTicketOut``,
        ``TicketDetailOut``), validated once as that model rather than as a ``TicketOut`` first."""
        data = {**ticket.model_dump(), "sla_due_at": sla_due_at(ticket), "sla_status": sla_status}
        if shown is not None:
            data["custom_fields"] = {k: v for k, v in ticket.custom_fields.items() if k in shown}
            data["follower_ids"] = []  # a customer reader: who on staff follows the ticket is not theirs to see
            data["time_spent_minutes"] = data["billable_minutes"] = 0  # time tracking is staff information
        return data


class CommentOut(Output):
    id: str
    author_id: str
    content: str
    comment_type: CommentType
    has_attachments: bool
    created_at: datetime
    updated_at: datetime
    merged_from: str | None = Field(None, description="the ticket it was written on, when a merge moved it here")

    @classmethod
    def of(cls, comment: Comment) -> CommentOut:
        return cls.model_validate(comment.model_dump())


class CreatedTicketOut(TicketOut):
    suggested_articles: list[dict[str, Any]] = Field(
        default_factory=list,
        description="customers: up to 3 published knowledge base articles matching the subject",
    )


class AttachmentOut(Output):
    id: str
    ticket_number: str = Field(description="the ticket's number, e.g. `T-42`")
    comment_id: str | None
    uploaded_by_id: str
    file_name: str
    file_size: int
    file_type: str
    file_path: str
    is_public: bool
    download_count: int
    uploaded_at: datetime
    merged_from: str | None = Field(None, description="the ticket it was added to, when a merge moved it here")

    @classmethod
    def of(cls, attachment: Attachment, ticket: Ticket) -> AttachmentOut:
        return cls.model_validate({**attachment.model_dump(), "ticket_number": ticket.ticket_number})


class AttachmentPage(Output):
    items: list[AttachmentOut]
    next_cursor: str | None = Field(None, description="always null: a comment's attachments come in one page")


class QueueCounts(Output):
    total: int = Field(description="live tickets: neither closed nor deleted")
    by_status: dict[Literal["new", "open", "pending", "on_hold", "solved"], int]
    by_priority: dict[Literal["low", "normal", "high", "urgent"], int]

    @classmethod
    def of(cls, count: QueueCount) -> QueueCounts:
        return cls.model_validate(asdict(count))


class DepartmentCounts(Output):
    department_id: str
    name: str
    unassigned: QueueCounts = Field(description="the department's unassigned live tickets")
    total: QueueCounts = Field(description="every live ticket of the department")


class TicketCounts(Output):
    mine: QueueCounts = Field(description="tickets assigned to the caller")
    unassigned: QueueCounts = Field(
        description="unassigned tickets the caller may see (unassigned_visibility own_departments: an agent's "
        "departments' and those without a department)"
    )
    all: QueueCounts | None = Field(description="every live ticket; null without `tickets.view_all`")
    departments: list[DepartmentCounts] = Field(
        default_factory=list,
        description="the caller's departments (every active department with `tickets.view_all`), by name",
    )
    as_of: datetime = Field(description="when the counters were read")

    @classmethod
    def of(cls, counts: ticket_includes.TicketCounts) -> TicketCounts:
        return cls(
            mine=QueueCounts.of(counts.mine),
            unassigned=QueueCounts.of(counts.unassigned),
            all=None if counts.all is None else QueueCounts.of(counts.all),
            departments=[
                DepartmentCounts(
                    department_id=d.department_id,
                    name=d.name,
                    unassigned=QueueCounts.of(d.unassigned),
                    total=QueueCounts.of(d.total),
                )
                for d in counts.departments
            ],
            as_of=counts.as_of,
        )


class IncludedOut(Output):
    users: list[UserOut] | None = Field(
        None, description="with `include=users`: requesters, assignees and creators the caller may read"
    )
    customers: list[CustomerOut] | None = Field(
        None, description="with `include=customers`: the requesters' active customer records the caller may read"
    )
    sla_policies: list[SLAPolicyOut] | None = Field(
        None, description="with `include=sla_policy`: the tickets' SLA policies (staff only; customers: empty)"
    )
    counts: TicketCounts | None = Field(
        None, description="with `include=counts`: the caller's queue counts as `GET /tickets/counts` (staff only)"
    )

    @classmethod
    def of(cls, found: ticket_includes.Included) -> IncludedOut | None:
        if found.users is None and found.customers is None and found.sla_policies is None and found.counts is None:
            return None
        return cls(
            users=None if found.users is None else [UserOut.of(u) for u in found.users],
            customers=None
            if found.customers is None
            else [CustomerOut.model_validate(c.model_dump()) for c in found.customers],
            sla_policies=None if found.sla_policies is None else [SLAPolicyOut.of(p) for p in found.sla_policies],
            counts=None if found.counts is None else TicketCounts.of(found.counts),
        )


class PresenceOut(Output):
    user_id: str
    name: str = Field(description="the staff member's display name")
    state: PresenceState = Field(description="`replying`: they are writing a reply or a note")
    since: datetime = Field(description="when they entered this state on this visit")
    expires_at: datetime = Field(description="gone after this unless they send another heartbeat")

    @classmethod
    def of(cls, entry: Presence) -> PresenceOut:
        return cls.model_validate(entry.model_dump())


class TicketDetailOut(TicketOut):
    # download counts; side-loaded objects; who is on the ticket (heartbeats, not versions)
    outside_version = ("attachments", "included", "presence")

    comments: list[CommentOut] = Field(description="the first 50 comments, oldest first (customers: public ones)")
    comments_next_cursor: str | None = Field(
        None, description="more comments: pass as `cursor` to `GET /tickets/{number}/comments`; null when all are here"
    )
    attachments: list[AttachmentOut]
    presence: list[PresenceOut] = Field(
        default_factory=list,
        description="the OTHER staff viewing or replying to the ticket now (collision detection; customers: "
        "always empty), replying ones first",
    )
    included: IncludedOut | None = Field(None, description="only with `?include=`")


class TicketPage(Output):
    items: list[TicketOut]
    next_cursor: str | None = None
    included: IncludedOut | None = Field(None, description="only with `?include=`: what the page's tickets name")


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
    source: str | None = Field(
        None, description='"link": made through a mailed single-use link (a rating); "macro": by applying a macro'
    )
    macro_id: str | None = Field(None, description="the macro the user applied to make the change")
    macro_name: str | None = Field(None, description="that macro's name when it was applied")
    created_at: datetime

    @classmethod
    def of(cls, entry: HistoryEntry) -> HistoryOut:
        data = entry.model_dump()
        data["old_value"], data["new_value"] = history_value(entry.old_value), history_value(entry.new_value)
        return cls.model_validate(data)


class HistoryPage(Output):
    items: list[HistoryOut]
    next_cursor: str | None = None


class CommentCreatedOut(Output):
    comment: CommentOut
    ticket: TicketOut


class IncludeQuery(Input):
    include: str | None = Field(
        None,
        max_length=100,
        description="comma-separated: `users`, `customers`, `sla_policy`, `counts` (side-loaded in `included`), "
        "`sla` (each ticket's `sla_status`)",
    )

    @field_validator("include")
    @classmethod
    def _known(cls, value: str | None) -> str | None:
        unknown = [k for k in (value or "").split(",") if k not in ticket_includes.INCLUDES]
        if value is not None and unknown:
            raise ValueError(f"unknown include {unknown[0]!r}: use {', '.join(ticket_includes.INCLUDES)}")
        return value

    def kinds(self) -> frozenset[str]:
        return frozenset(self.include.split(",")) if self.include else frozenset()


class TicketQuery(TrashQuery, IncludeQuery):
    view: Literal["mine", "unassigned", "all"] = Field("all", description="customers: their own tickets")
    status: Status | None = None
    priority: Priority | None = None
    customer_id: QueryId | None = None
    assigned_agent_id: QueryId | None = Field(
        None, description="tickets assigned to this user (managers, admins; agents: themselves)"
    )
    updated_since: Moment | None = Field(None, description="RFC 3339 with an offset, e.g. 2026-11-29T09:00:00Z")
    created_by_id: QueryId | None = Field(
        None,
        description="tickets this user created, by creation time, no other filter (yourself; others: managers, admins)",
    )
    sort: TicketSort | None = Field(
        None,
        description="`-` for descending; default `-updated_at` (`-created_at` with `created_by_id`). "
        "`created_at`, `priority` (`-priority`: urgent first) and `sla_due_at` (tickets without a pending "
        "SLA due last) only on the whole list without filters (each order is an index: see docs/data-model.md)",
    )
    department_id: QueryId | None = Field(
        None,
        description="one department's queue (`none`: tickets without a department), by update time (staff); "
        "with view=unassigned its unassigned part; no other filter but updated_since",
    )


class PageQuery(Input):
    limit: int = Field(50, ge=1, le=100, description="Page size (default 50, at most 100).")
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
    location="/tickets/{ticket_number}",
    errors=(404, 409, 422),
    links=ticket_links("/ticket_number"),
    reads=("ticket_counter",),  # the number and SLA policy version, read with the credential
)
def create_ticket(call: Call[CreateTicketCommand, NoQuery]) -> CreatedTicketOut:
    ticket = tickets.create_ticket(call.principal, call.body, actor(call))
    from chalicelib.api.kb import ArticleSummary
    from chalicelib.services import kb

    found = kb.suggestions_for_new_ticket(call.principal, ticket.subject)
    suggested = [ArticleSummary.of(a).model_dump(mode="json") for a in found]
    shown = tickets.visible_custom_fields(call.principal)
    return CreatedTicketOut.model_validate({**TicketOut.fields_of(ticket, shown), "suggested_articles": suggested})


@api.route(
    "/tickets",
    "GET",
    summary="A ticket queue, newest update first (deleted=true: the trash, for admins and managers)",
    response=TicketPage,
    query=TicketQuery,
    errors=(422,),
)
def list_tickets(call: Call[None, TicketQuery]) -> TicketPage:
    q = call.query
    view = q.view
    if call.principal.role is Role.CUSTOMER:
        view = "mine" if view == "mine" else "all"
    page = tickets.list_tickets(
        call.principal,
        view,
        q.status,
        q.priority,
        q.customer_id,
        q.updated_since,
        q.limit,
        q.cursor,
        assigned_agent_id=q.assigned_agent_id,
        created_by_id=q.created_by_id,
        sort=q.sort,
        deleted=q.deleted,
        department_id=q.department_id,
    )
    found = ticket_includes.included(call.principal, page.items, q.kinds())
    badges = found.sla or {}
    shown = tickets.visible_custom_fields(call.principal)
    return TicketPage(
        items=[TicketOut.of(t, shown, badges.get(t.number)) for t in page.items],
        next_cursor=page.next_cursor,
        included=IncludedOut.of(found),
    )


@api.route(
    "/tickets/counts",
    "GET",
    summary="The inbox's queue counts: mine, unassigned and (tickets.view_all) all, by status and priority (staff)",
    response=TicketCounts,
)
def ticket_counts(call: Call[None, NoQuery]) -> TicketCounts:
    return TicketCounts.of(ticket_includes.ticket_counts(call.principal))


@api.route(
    "/tickets/{number}",
    "GET",
    summary="A ticket with its first 50 comments (the rest: GET .../comments?cursor=) and its attachments",
    response=TicketDetailOut,
    query=IncludeQuery,
    errors=(404,),
)
def get_ticket(call: Call[None, IncludeQuery], number: str) -> TicketDetailOut:
    detail = tickets.ticket_detail(call.principal, number)
    ticket, comments = detail.ticket, detail.comments
    found = ticket_includes.included(call.principal, [ticket], call.query.kinds())
    return TicketDetailOut.model_validate(
        {
            **TicketOut.fields_of(
                ticket, tickets.visible_custom_fields(call.principal), (found.sla or {}).get(ticket.number)
            ),
            "comments": [CommentOut.of(c) for c in comments.items],
            "comments_next_cursor": comments.next_cursor,
            "attachments": [AttachmentOut.of(a, ticket) for a in detail.attachments],
            "presence": [PresenceOut.of(p) for p in detail.presence],
            "included": IncludedOut.of(found),
        }
    )


@api.route(
    "/tickets/{number}",
    "PATCH",
    summary="Change fields, status (lifecycle) or assignee (If-Match: version)",
    request=UpdateTicketCommand,
    response=TicketOut,
    errors=(404, 409, 422),
    if_match=True,
    links=ticket_links("/ticket_number"),
)
def update_ticket(call: Call[UpdateTicketCommand, NoQuery], number: str) -> TicketOut:
    ticket = tickets.update_ticket(call.principal, number, call.body, call.if_match(), actor(call))
    return TicketOut.of(ticket, tickets.visible_custom_fields(call.principal))


@api.route("/tickets/{number}", "DELETE", summary="Move a ticket to the trash (soft delete)", status=204, errors=(404,))
def delete_ticket(call: Call[None, NoQuery], number: str) -> None:
    tickets.delete_ticket(call.principal, number, actor(call))


@api.route(
    "/tickets/{number}/restore",
    "POST",
    summary="Restore a ticket from the trash",
    response=TicketOut,
    errors=(404,),
    links=ticket_links("/ticket_number"),
)
def restore_ticket(call: Call[None, NoQuery], number: str) -> TicketOut:
    ticket = tickets.restore_ticket(call.principal, number, actor(call))
    return TicketOut.of(ticket, tickets.visible_custom_fields(call.principal))


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
    summary="Reply (public) or add an internal note (409 newer_reply: others replied since seen_comment_id)",
    request=CommentCommand,
    response=CommentCreatedOut,
    status=201,
    location="/tickets/{ticket.ticket_number}/comments/{comment.id}",
    errors=(404, 409, 422),
    links=ticket_links("/ticket/ticket_number"),
)
def add_comment(call: Call[CommentCommand, NoQuery], number: str) -> CommentCreatedOut:
    comment, ticket = tickets.add_comment(call.principal, number, call.body, actor(call))
    shown = tickets.visible_custom_fields(call.principal)
    return CommentCreatedOut(comment=CommentOut.of(comment), ticket=TicketOut.of(ticket, shown))


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
    summary="Rate a solved or closed ticket 1-5, once (requester): the rating is on the ticket",
    request=RatingCommand,
    response=TicketOut,
    status=201,
    location="/tickets/{ticket_number}",
    errors=(404, 409, 422),
)
def rate_ticket(call: Call[RatingCommand, NoQuery], number: str) -> TicketOut:
    ticket = tickets.rate_ticket(call.principal, number, call.body, actor(call))
    return TicketOut.of(ticket, tickets.visible_custom_fields(call.principal))


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
    location="/tickets/{number}/attachments/{attachment.id}",
    errors=(404, 409, 422),
    links=(
        Link(
            "download_attachment", {"number": "$request.path.number", "attachment_id": "$response.body#/attachment/id"}
        ),
    ),
)
def add_attachment(call: Call[AttachmentCommand, NoQuery], number: str) -> AttachmentCreatedOut:
    ticket, attachment, upload = tickets.add_attachment(call.principal, number, call.body, actor(call))
    return AttachmentCreatedOut(
        attachment=AttachmentOut.of(attachment, ticket),
        upload=UploadOut.model_validate(upload),
        expires_in=UPLOAD_EXPIRES,
    )


@api.route(
    "/tickets/{number}/attachments/{attachment_id}",
    "GET",
    summary="A presigned download (counts downloads)",
    response=DownloadOut,
    errors=(404,),
)
def download_attachment(call: Call[None, NoQuery], number: str, attachment_id: str) -> DownloadOut:
    ticket, attachment, url = tickets.download_attachment(call.principal, number, attachment_id)
    return DownloadOut(attachment=AttachmentOut.of(attachment, ticket), url=url, expires_in=DOWNLOAD_EXPIRES)


@api.route(
    "/tickets/{number}/comments/{comment_id}/attachments",
    "GET",
    summary="The attachments of one comment (customers: public ones of public comments)",
    response=AttachmentPage,
    errors=(404,),
)
def list_comment_attachments(call: Call[None, NoQuery], number: str, comment_id: str) -> AttachmentPage:
    ticket, attachments = tickets.comment_attachments(call.principal, number, comment_id)
    return AttachmentPage(items=[AttachmentOut.of(a, ticket) for a in attachments])


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


class PresenceCommand(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"state": "viewing"}]})

    state: PresenceState = Field(description="`viewing` the ticket, or `replying` to it (writing in the reply box)")


class PresenceHeartbeatOut(Output):
    presence: list[PresenceOut] = Field(
        description="the OTHER staff on the ticket now, replying ones first (the caller is never listed)"
    )
    newest_comment_id: str | None = Field(
        description="the ticket's newest comment (internal notes included); a client that shows an older one "
        "has replies to load"
    )


@api.route(
    "/tickets/{number}/presence",
    "POST",
    summary=f"Heartbeat: I am viewing or replying to this ticket (every {HEARTBEAT_SECONDS} s; gone "
    f"{EXPIRY_SECONDS} s after the last); who else is (staff)",
    request=PresenceCommand,
    response=PresenceHeartbeatOut,
    errors=(404,),
)
def ticket_presence(call: Call[PresenceCommand, NoQuery], number: str) -> PresenceHeartbeatOut:
    beat = presence.heartbeat(call.principal, number, call.body.state)
    return PresenceHeartbeatOut(
        presence=[PresenceOut.of(p) for p in beat.presence], newest_comment_id=beat.newest_comment_id
    )


@api.route(
    "/tickets/{number}/presence",
    "DELETE",
    summary="I left this ticket: others stop seeing me at once (staff)",
    status=204,
    errors=(404,),
)
def leave_ticket(call: Call[None, NoQuery], number: str) -> None:
    presence.leave(call.principal, number)
