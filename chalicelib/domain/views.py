"""Saved views: a named ``TicketFilter`` with a sort and the columns a list shows. Pure.

A view is personal (its owner's alone), a department's (its members') or the organization's
(every staff user's); the built-ins are constants every staff user has, never stored.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from chalicelib.domain.entity import Entity
from chalicelib.domain.errors import RuleViolation
from chalicelib.domain.ticket_filter import ME, NONE, TicketFilter
from chalicelib.domain.tickets import Status, TicketSort


class ViewScope(StrEnum):
    BUILTIN = "builtin"
    PERSONAL = "personal"
    DEPARTMENT = "department"
    ORGANIZATION = "organization"


SHARED_SCOPES = (ViewScope.DEPARTMENT, ViewScope.ORGANIZATION)
MAX_PERSONAL = 100  # per user
MAX_SHARED = 200  # department and organization views of one organization together
BUILTIN_PREFIX = "builtin:"

Sort = TicketSort
Column = Literal[
    "assignee",
    "created_at",
    "department",
    "priority",
    "requester",
    "sla",
    "sla_due_at",
    "status",
    "subject",
    "tags",
    "ticket_number",
    "updated_at",
]
DEFAULT_SORT: Sort = "-updated_at"
DEFAULT_COLUMNS: list[Column] = [
    "ticket_number",
    "subject",
    "requester",
    "status",
    "priority",
    "assignee",
    "updated_at",
    "sla",
]
ViewName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


TIME_CRITERIA = ("created_after", "created_before", "updated_after", "updated_before")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


def time_problems(f: TicketFilter) -> list[dict[str, str]]:
    """The filter's times that cannot be compared with a ticket's: without an offset (never guessed)
    or before 1970 (no ticket is; such a year does not even print as RFC 3339)."""
    problems = []
    for name in TIME_CRITERIA:
        value = getattr(f, name)
        if value is None:
            continue
        if value.tzinfo is None:
            problems.append({"field": f"filter.{name}", "message": "needs an offset, e.g. Z", "type": "timezone_aware"})
        elif value < EARLIEST:
            problems.append({"field": f"filter.{name}", "message": "from 1970 on", "type": "out_of_range"})
    return problems


class View(Entity):
    id: str
    org_id: str
    name: ViewName
    scope: ViewScope
    department_id: str | None = None
    owner_id: str | None = None
    filter: TicketFilter
    sort: Sort = DEFAULT_SORT
    columns: list[Column] = Field(default_factory=lambda: list(DEFAULT_COLUMNS), min_length=1, max_length=12)
    position: int = Field(0, ge=0, le=10_000)
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @field_validator("filter")
    @classmethod
    def _comparable_times(cls, value: TicketFilter) -> TicketFilter:
        problems = time_problems(value)
        if problems:
            raise RuleViolation(
                "The filter's times need an offset and a year from 1970.", code="invalid_request", details=problems
            )
        return value

    @property
    def is_builtin(self) -> bool:
        return self.scope is ViewScope.BUILTIN


LIVE = [Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD]
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _builtin(key: str, name: str, position: int, sort: Sort, **criteria: object) -> View:
    return View(
        id=BUILTIN_PREFIX + key,
        org_id="",
        name=name,
        scope=ViewScope.BUILTIN,
        filter=TicketFilter.model_validate(criteria),
        sort=sort,
        position=position,
        created_at=_EPOCH,
        updated_at=_EPOCH,
    )


@functools.cache
def builtin_views() -> tuple[View, ...]:
    """The built-in views, validated on first use (at import they cost every cold start)."""
    return (
        _builtin("my_open", "My open tickets", 0, "-updated_at", assignee=[ME], status=LIVE),
        _builtin("unassigned", "Unassigned", 1, "-updated_at", assignee=[NONE], status=LIVE),
        _builtin("due_soon", "Due within 1 hour", 2, "sla_due_at", sla_due_within_minutes=60),
        _builtin("breached", "SLA breached", 3, "-updated_at", sla_breached=True, status=LIVE),
        _builtin(
            "pending_48h", "Pending over 48 hours", 4, "updated_at", status=[Status.PENDING], updated_hours_ago=48
        ),
        _builtin(
            "recently_solved",
            "Solved in the last 24 hours",
            5,
            "-updated_at",
            status=[Status.SOLVED, Status.CLOSED],
            solved_within_hours=24,
        ),
    )


def builtin(view_id: str, org_id: str) -> View | None:
    """The built-in view ``view_id`` as the organization ``org_id`` has it (None: not a built-in)."""
    view = next((view for view in builtin_views() if view.id == view_id), None)
    return view.model_copy(update={"org_id": org_id}) if view is not None else None


SCOPE_ORDER = {
    ViewScope.BUILTIN: 0,
    ViewScope.ORGANIZATION: 1,
    ViewScope.DEPARTMENT: 2,
    ViewScope.PERSONAL: 3,
}


def listing_order(view: View) -> tuple[int, int, str, str]:
    """Built-ins first, then organization, department and personal views, each by position then name."""
    return SCOPE_ORDER[view.scope], view.position, view.name.casefold(), view.id
