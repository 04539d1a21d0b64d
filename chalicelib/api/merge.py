"""Merge duplicate tickets into one; split a comment off into a ticket of its own (staff)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, Output
from chalicelib.api.tickets import TicketOut, actor
from chalicelib.domain.commands import MergeCommand, SplitCommand
from chalicelib.services import merge, tickets

api = Api("tickets", __name__)


class MergeWarningOut(Output):
    code: str = Field(description="`different_requester` (they become a CC of the target), `source_has_sla`")
    ticket_number: str = Field(description="the source it is about")
    message: str


class MergePreviewOut(Output):
    target: TicketOut
    sources: list[TicketOut]
    comments: int = Field(description="comments moving to the target (each source's description counts as one)")
    attachments: int = Field(description="attachment records moving to the target (the files stay where they are)")
    cc_emails: list[str] = Field(description="the target's CCs after the merge")
    warnings: list[MergeWarningOut]


class MergeOut(Output):
    ticket: TicketOut = Field(description="the target, as the merge left it")
    merged: list[str] = Field(description="the sources merged into it (by this request or an earlier one)")


def _out(call: Call[Any, Any], ticket: Any) -> TicketOut:
    return TicketOut.of(ticket, tickets.visible_custom_fields(call.principal))


@api.route(
    "/tickets/{number}/merge/preview",
    "POST",
    summary="What merging these tickets into this one would do (nothing is written; staff)",
    request=MergeCommand,
    response=MergePreviewOut,
    errors=(404, 409, 422),
)
def preview_merge(call: Call[MergeCommand, NoQuery], number: str) -> MergePreviewOut:
    found = merge.preview(call.principal, number, call.body)
    return MergePreviewOut(
        target=_out(call, found.target),
        sources=[_out(call, s) for s in found.sources],
        comments=found.comments,
        attachments=found.attachments,
        cc_emails=found.cc_emails,
        warnings=[
            MergeWarningOut(code=w.code, ticket_number=w.ticket_number, message=w.message) for w in found.warnings
        ],
    )


@api.route(
    "/tickets/{number}/merge",
    "POST",
    summary="Merge tickets into this one: their comments and attachments move here, they close (staff)",
    request=MergeCommand,
    response=MergeOut,
    errors=(404, 409, 422),
    idempotent=True,
)
def merge_tickets(call: Call[MergeCommand, NoQuery], number: str) -> MergeOut:
    target, merged = merge.merge(call.principal, number, call.body, actor(call))
    return MergeOut(ticket=_out(call, target), merged=merged)


@api.route(
    "/tickets/{number}/comments/{comment_id}/split",
    "POST",
    summary="Open a new ticket from one comment (and its attachments); again: the same ticket (staff)",
    request=SplitCommand,
    response=TicketOut,
    status=201,
    location="/tickets/{ticket_number}",
    errors=(404, 409, 422),
)
def split_comment(call: Call[SplitCommand, NoQuery], number: str, comment_id: str) -> TicketOut:
    created, _ = merge.split(call.principal, number, comment_id, call.body, actor(call))
    return _out(call, created)
