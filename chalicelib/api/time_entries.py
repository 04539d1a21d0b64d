"""Time tracking: time entries on tickets (staff) and the time report (managers, admins)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import ConfigDict, Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, ListQuery, NoQuery, Output, next_cursor_field
from chalicelib.api.tickets import actor
from chalicelib.domain.time_entries import TimeEntry, TimeEntryCommand, TimeEntryPatch
from chalicelib.services import time_entries

api = Api("time-entries", __name__)


class TimeEntryOut(Output):
    id: str
    ticket_number: str = Field(description="the ticket's number, e.g. `T-42`")
    user_id: str = Field(description="who spent the time")
    minutes: int
    billable: bool
    note: str
    comment_id: str | None
    spent_on: date = Field(description="the day the time was spent (the organization's calendar)")
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, entry: TimeEntry) -> TimeEntryOut:
        return cls.model_validate(entry.model_dump())


class TimeEntryPage(Output):
    items: list[TimeEntryOut] = Field(description="oldest first")
    next_cursor: str | None = next_cursor_field()


@api.route(
    "/tickets/{number}/time-entries",
    "GET",
    summary="The ticket's time entries, oldest first (staff)",
    response=TimeEntryPage,
    query=ListQuery,
    errors=(404,),
)
def list_time_entries(call: Call[None, ListQuery], number: str) -> TimeEntryPage:
    page = time_entries.list_entries(call.principal, number, call.query.limit, call.query.cursor)
    return TimeEntryPage(items=[TimeEntryOut.of(e) for e in page.items], next_cursor=page.next_cursor)


@api.route(
    "/tickets/{number}/time-entries",
    "POST",
    summary="Log time spent on a ticket (staff); the ticket's sums move in the same transaction",
    request=TimeEntryCommand,
    response=TimeEntryOut,
    status=201,
    location="/tickets/{ticket_number}/time-entries/{id}",
    errors=(404, 409, 422),
)
def create_time_entry(call: Call[TimeEntryCommand, NoQuery], number: str) -> TimeEntryOut:
    return TimeEntryOut.of(time_entries.create_entry(call.principal, number, call.body, actor(call)))


@api.route(
    "/tickets/{number}/time-entries/{entry_id}",
    "PATCH",
    summary="Change a time entry (its author, or managers and admins; If-Match: version)",
    request=TimeEntryPatch,
    response=TimeEntryOut,
    errors=(404, 409, 422),
    if_match=True,
)
def update_time_entry(call: Call[TimeEntryPatch, NoQuery], number: str, entry_id: str) -> TimeEntryOut:
    entry = time_entries.update_entry(call.principal, number, entry_id, call.body, call.if_match(), actor(call))
    return TimeEntryOut.of(entry)


@api.route(
    "/tickets/{number}/time-entries/{entry_id}",
    "DELETE",
    summary="Delete a time entry (its author, or managers and admins)",
    status=204,
    errors=(404, 409),
)
def delete_time_entry(call: Call[None, NoQuery], number: str, entry_id: str) -> None:
    time_entries.delete_entry(call.principal, number, entry_id, actor(call))


class TimeReportQuery(Input):
    model_config = ConfigDict(populate_by_name=True)

    from_: date | None = Field(
        None, alias="from", description="First day, the organization's calendar (default: 29 days before `to`)."
    )
    to: date | None = Field(None, description="Last day, inclusive (default: today). At most 366 days in all.")
    group_by: Literal["agent", "customer", "department", "day"] = Field(
        "agent",
        description="agent: who spent the time; customer: the ticket's requester (work orders: their customer); "
        "department: the ticket's department when the time was logged",
    )


class TimeFigures(Output):
    minutes: int = Field(description="ticket_minutes + work_order_minutes")
    billable_minutes: int = Field(description="minutes of billable time entries")
    ticket_minutes: int = Field(description="minutes of time entries")
    work_order_minutes: int = Field(description="work order jobs' time from started to completed")
    entries: int = Field(description="time entries")


class TimeRow(TimeFigures):
    key: str = Field(description="the user, customer or department id, or the day; `-`: none")
    label: str = Field(description="the name, or the day")


class TimeReport(Output):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    group_by: str
    rows: list[TimeRow]
    total: TimeFigures


@api.route(
    "/reports/time",
    "GET",
    summary="Time spent per agent, customer, department or day: time entries and work order jobs (managers, admins)",
    description="Read from counter rows kept by the writes (never from tickets). Entries count on their "
    "`spent_on` day, jobs on their completion day in the organization's time zone.",
    query=TimeReportQuery,
    response=TimeReport,
    errors=(422,),
)
def time_report(call: Call[None, TimeReportQuery]) -> TimeReport:
    query = call.query
    return TimeReport.model_validate(time_entries.time_report(call.principal, query.from_, query.to, query.group_by))
