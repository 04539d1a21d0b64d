"""Time tracking: staff's time entries on tickets, and what each counts for in the time report. Pure.

A time entry is minutes one staff member spent on a ticket on a day (the organization's calendar
day). The ticket keeps the exact sums of its entries (``time_spent_minutes``, ``billable_minutes``),
written in the same transaction as each entry's creation, change or removal.

The time report reads counter rows only. Each entry adds to four rows of its day: the day, its
author (agent), the ticket's requester (customer) and the ticket's department (``-`` for none),
the requester and department being those of the ticket when the entry was logged (kept on the
entry, so its change or removal takes back exactly what it added). A work order job that went from
started to completed adds its minutes as ``work_order_minutes`` to the same kinds of rows (the
technician's user, the work order's customer, the linked ticket's department) on its completion day.

Row attributes (ADDed, never read-modify-written): ``minutes`` (all), ``billable`` (billable
entries' minutes), ``ticket`` (entries' minutes), ``wo`` (work order jobs' minutes), ``entries``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import ConfigDict, Field

from chalicelib.domain.commands import Command, Patch
from chalicelib.domain.entity import Entity

MAX_MINUTES = 1440  # one entry: at most a day
MAX_NOTE = 1000
NONE = "-"  # the row of entries whose ticket had no department (or work orders without a customer)


class TimeEntry(Entity):
    id: str
    org_id: str
    number: int  # the ticket's number
    ticket_number: str  # its display number, e.g. "T-42"
    user_id: str  # who spent the time (the author)
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    billable: bool = True
    note: str = Field("", max_length=MAX_NOTE)
    comment_id: str | None = None
    spent_on: date
    # Whom the entry counts for in the report, fixed when it was logged.
    customer_id: str | None = None
    department_id: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1


class Dimension(StrEnum):
    DAY = "DAY"
    AGENT = "AGENT"
    CUSTOMER = "CUSTOMER"
    DEPARTMENT = "DEPT"


GROUPS: dict[str, Dimension] = {
    "day": Dimension.DAY,
    "agent": Dimension.AGENT,
    "customer": Dimension.CUSTOMER,
    "department": Dimension.DEPARTMENT,
}

RowKey = tuple[Dimension, date, str]


@dataclass(frozen=True)
class Attribution:
    """Where some minutes count: a day, a person, a customer, a department."""

    day: date
    user_id: str
    customer_id: str | None
    department_id: str | None

    def rows(self) -> list[RowKey]:
        return [
            (Dimension.DAY, self.day, ""),
            (Dimension.AGENT, self.day, self.user_id),
            (Dimension.CUSTOMER, self.day, self.customer_id or NONE),
            (Dimension.DEPARTMENT, self.day, self.department_id or NONE),
        ]


def entry_attribution(entry: TimeEntry) -> Attribution:
    return Attribution(entry.spent_on, entry.user_id, entry.customer_id, entry.department_id)


def entry_increments(entry: TimeEntry) -> dict[str, int]:
    """What one entry adds to each of its rows."""
    return {
        "minutes": entry.minutes,
        "billable": entry.minutes if entry.billable else 0,
        "ticket": entry.minutes,
        "entries": 1,
    }


def job_increments(minutes: int) -> dict[str, int]:
    """What one completed work order job adds to each of its rows."""
    return {"minutes": minutes, "wo": minutes}


def job_minutes(started_at: datetime, completed_at: datetime) -> int:
    """A job's time from start to completion, in whole minutes (rounded; never negative)."""
    return max(0, round((completed_at - started_at).total_seconds() / 60))


def entry_changes(before: TimeEntry | None, after: TimeEntry | None) -> dict[RowKey, dict[str, int]]:
    """The counter additions that move ``before``'s contribution to ``after``'s (None: no entry):
    rows whose additions are all zero are left out."""
    changes: dict[RowKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry, sign in ((before, -1), (after, 1)):
        if entry is None:
            continue
        for row in entry_attribution(entry).rows():
            for name, value in entry_increments(entry).items():
                changes[row][name] += sign * value
    return {
        row: {name: value for name, value in values.items() if value}
        for row, values in changes.items()
        if any(values.values())
    }


@dataclass
class Totals:
    """Summed counter rows of one group of the report."""

    minutes: int = 0
    billable_minutes: int = 0
    ticket_minutes: int = 0
    work_order_minutes: int = 0
    entries: int = 0

    def add(self, values: dict[str, int]) -> None:
        self.minutes += values.get("minutes", 0)
        self.billable_minutes += values.get("billable", 0)
        self.ticket_minutes += values.get("ticket", 0)
        self.work_order_minutes += values.get("wo", 0)
        self.entries += values.get("entries", 0)

    def empty(self) -> bool:
        return not (self.minutes or self.entries or self.billable_minutes)

    def figures(self) -> dict[str, int]:
        return {
            "minutes": self.minutes,
            "billable_minutes": self.billable_minutes,
            "ticket_minutes": self.ticket_minutes,
            "work_order_minutes": self.work_order_minutes,
            "entries": self.entries,
        }


class TimeEntryCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"minutes": 45, "billable": True, "note": "Replaced the fuser unit"}]}
    )

    minutes: int = Field(ge=1, le=MAX_MINUTES)
    billable: bool = True
    note: str = Field("", max_length=MAX_NOTE)
    comment_id: str | None = Field(None, min_length=1, max_length=64, description="a comment of the ticket")
    spent_on: date | None = Field(
        None, description="the day the time was spent (default: today, organization's time zone)"
    )


class TimeEntryPatch(Patch):
    model_config = ConfigDict(json_schema_extra={"examples": [{"minutes": 60, "billable": False}]})
    cleared: ClassVar[dict[str, Any]] = {"comment_id": None, "note": ""}

    minutes: int | None = Field(None, ge=1, le=MAX_MINUTES)
    billable: bool | None = None
    note: str | None = Field(None, max_length=MAX_NOTE)
    comment_id: str | None = Field(None, min_length=1, max_length=64, description="null: no comment")
    spent_on: date | None = None
