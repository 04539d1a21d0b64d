"""Macros (personal and shared bundles of actions applied by hand) and bulk ticket changes (staff)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.idempotency import HEADER as IDEMPOTENCY_KEY
from chalicelib.api.models import NoQuery, Output, next_cursor_field
from chalicelib.api.tickets import TicketOut, actor
from chalicelib.domain.commands import (
    BulkUpdateCommand,
    MacroApplyCommand,
    MacroCommand,
    MacroPatch,
    MacroPreviewCommand,
)
from chalicelib.domain.macros import Macro, MacroScope
from chalicelib.services import macros, tickets
from chalicelib.services.macros import Result

api = Api("macros", __name__)


class MacroOut(Output):
    outside_version = ("usage_count", "last_used_at")  # counted by every application

    id: str
    name: str
    description: str
    scope: MacroScope
    owner_id: str | None = Field(description="the owner of a personal macro; null for organization macros")
    actions: list[dict[str, Any]]
    position: int
    usage_count: int = Field(description="tickets the macro was applied to")
    last_used_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, macro: Macro, usage: dict[str, Any]) -> MacroOut:
        return cls.model_validate({**macro.model_dump(mode="json"), **usage})


class MacroList(Output):
    items: list[MacroOut]
    next_cursor: str | None = next_cursor_field()


class ChangeOut(Output):
    field: str
    old_value: str | None
    new_value: str | None


class PreviewCommentOut(Output):
    comment_type: Literal["public", "internal"]
    content: str


class PreviewNotificationOut(Output):
    user_id: str = Field(description="who would be notified")
    kind: str = Field(description="assigned | solved | reply | ...")
    subject: str


class MacroPreviewOut(Output):
    ticket: TicketOut = Field(description="the ticket as it would be after the macro")
    changes: list[ChangeOut]
    comments: list[PreviewCommentOut] = Field(description="the comments the macro would write, rendered")
    notifications: list[PreviewNotificationOut] = Field(description="who would hear about it")


class ResultErrorOut(Output):
    code: str
    message: str


class TicketResultOut(Output):
    ticket_number: str
    status: Literal["applied", "unchanged", "failed"]
    error: ResultErrorOut | None = None
    ticket: TicketOut | None = Field(None, description="the ticket after the change (null when it failed)")


class ApplyOut(Output):
    results: list[TicketResultOut]
    applied: int
    failed: int


def _results(call: Call[Any, Any], outcome: dict[str, Any]) -> ApplyOut:
    shown = tickets.visible_custom_fields(call.principal)

    def one(result: Result) -> TicketResultOut:
        failed = result.status == "failed"
        return TicketResultOut(
            ticket_number=result.ticket_number,
            status=result.status,  # type: ignore[arg-type]
            error=ResultErrorOut(**result.error) if result.error else None,
            ticket=TicketOut.of(result.ticket, shown) if result.ticket is not None and not failed else None,
        )

    return ApplyOut(results=[one(r) for r in outcome["results"]], applied=outcome["applied"], failed=outcome["failed"])


@api.route("/macros", "GET", summary="The caller's usable macros (organization and personal)", response=MacroList)
def list_macros(call: Call[None, NoQuery]) -> MacroList:
    items = [MacroOut.of(m, usage) for m, usage in macros.list_macros(call.principal)]
    return MacroList(items=items, next_cursor=None)


@api.route(
    "/macros",
    "POST",
    summary="Create a macro (personal; organization ones: managers and admins)",
    request=MacroCommand,
    response=MacroOut,
    status=201,
    location="/macros/{id}",
    errors=(422,),
    invalid_code="invalid_macro",
)
def create_macro(call: Call[MacroCommand, NoQuery]) -> MacroOut:
    return MacroOut.of(*macros.create_macro(call.principal, call.body))


@api.route("/macros/{macro_id}", "GET", summary="One macro", response=MacroOut, errors=(404,))
def get_macro(call: Call[None, NoQuery], macro_id: str) -> MacroOut:
    return MacroOut.of(*macros.get_macro(call.principal, macro_id))


@api.route(
    "/macros/{macro_id}",
    "PATCH",
    summary="Change a macro (If-Match: version)",
    request=MacroPatch,
    response=MacroOut,
    errors=(404, 409, 422),
    invalid_code="invalid_macro",
    if_match=True,
)
def update_macro(call: Call[MacroPatch, NoQuery], macro_id: str) -> MacroOut:
    return MacroOut.of(*macros.update_macro(call.principal, macro_id, call.body, call.if_match()))


@api.route("/macros/{macro_id}", "DELETE", summary="Delete a macro", status=204, errors=(404, 409))
def delete_macro(call: Call[None, NoQuery], macro_id: str) -> None:
    macros.delete_macro(call.principal, macro_id)


@api.route(
    "/macros/{macro_id}/preview",
    "POST",
    summary="What the macro would do to a ticket: the ticket, changes, comments, notifications (nothing written)",
    request=MacroPreviewCommand,
    response=MacroPreviewOut,
    errors=(404, 409, 422),
)
def preview_macro(call: Call[MacroPreviewCommand, NoQuery], macro_id: str) -> MacroPreviewOut:
    result = macros.preview(call.principal, macro_id, call.body.ticket_number)
    shown = tickets.visible_custom_fields(call.principal)
    return MacroPreviewOut.model_validate({**result, "ticket": TicketOut.of(result["ticket"], shown)})


@api.route(
    "/macros/{macro_id}/apply",
    "POST",
    summary="Apply a macro to 1-100 tickets, each in one transaction; per-ticket results (Idempotency-Key honoured)",
    request=MacroApplyCommand,
    response=ApplyOut,
    errors=(404, 422),
    idempotent=True,
)
def apply_macro(call: Call[MacroApplyCommand, NoQuery], macro_id: str) -> ApplyOut:
    key = call.header(IDEMPOTENCY_KEY)
    return _results(call, macros.apply(call.principal, macro_id, call.body.ticket_numbers, actor(call), key))


@api.route(
    "/tickets/bulk",
    "POST",
    summary="The same change on 1-100 tickets, each in its own transaction; per-ticket results "
    "(Idempotency-Key honoured)",
    request=BulkUpdateCommand,
    response=ApplyOut,
    errors=(422,),
    idempotent=True,
)
def bulk_update_tickets(call: Call[BulkUpdateCommand, NoQuery]) -> ApplyOut:
    key = call.header(IDEMPOTENCY_KEY)
    return _results(call, macros.bulk_update(call.principal, call.body, actor(call), key))
