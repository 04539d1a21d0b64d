"""One filter over tickets, shared by saved views (stored) and ticket search (parsed from the query's
``status:open tag:vip`` terms). Pure: ``matches`` decides one ticket; the services choose the key
condition (a queue partition) that reads the fewest tickets and apply ``matches`` to what it reads.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints

from chalicelib.domain.base import Model
from chalicelib.domain.tickets import Priority, Status, Ticket, sla_due_at

ME = "me"  # an assignee value: the reader
NONE = "none"  # an assignee / department value: not set

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Scalar = str | int | float | bool | None


class TicketFilter(Model):
    """Every given criterion must hold (AND); a list criterion holds when ANY of its values does (OR),
    except ``tags``, which needs every tag. An empty filter matches every ticket the reader may see."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: list[Status] = Field(default_factory=list, max_length=6)
    priority: list[Priority] = Field(default_factory=list, max_length=4)
    assignee: list[Annotated[str, StringConstraints(max_length=40)]] = Field(
        default_factory=list, max_length=20, description="user ids, `me` (the reader) or `none` (unassigned)"
    )
    department_id: list[Annotated[str, StringConstraints(max_length=40)]] = Field(
        default_factory=list, max_length=20, description="department ids or `none` (no department)"
    )
    tags: list[Name] = Field(default_factory=list, max_length=10, description="the ticket has every one")
    exclude_tags: list[Name] = Field(default_factory=list, max_length=10, description="the ticket has none")
    requester_id: str | None = Field(None, max_length=40)
    created_after: datetime | None = None
    created_before: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    custom_fields: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,49}$")], Scalar] = Field(
        default_factory=dict, max_length=10, description="field name -> the value it must equal"
    )
    sla_breached: bool | None = Field(None, description="true: an SLA target was missed; false: none was")
    sla_due_within_minutes: int | None = Field(
        None, ge=1, le=7 * 24 * 60, description="the next SLA target is due within this many minutes (or overdue)"
    )
    updated_hours_ago: int | None = Field(
        None, ge=1, le=24 * 365, description="last updated at least this many hours ago"
    )
    solved_within_hours: int | None = Field(
        None, ge=1, le=24 * 365, description="solved (or closed) within this many hours"
    )

    @property
    def is_empty(self) -> bool:
        return not self.model_dump(exclude_defaults=True)

    def assignees(self, reader_id: str) -> set[str | None]:
        """The assignee values with ``me`` and ``none`` resolved (None: unassigned)."""
        return {reader_id if a == ME else None if a == NONE else a for a in self.assignee}

    def matches(self, ticket: Ticket, reader_id: str, now: datetime) -> bool:
        """Whether ``ticket`` passes every criterion, as ``reader_id`` reads it at ``now``."""
        return all(check(self, ticket, reader_id, now) for check in _CHECKS)


def _status(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    return not f.status or t.status in f.status


def _priority(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    return not f.priority or t.priority in f.priority


def _assignee(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    return not f.assignee or t.assigned_agent_id in f.assignees(reader)


def _department(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    wanted = {None if d == NONE else d for d in f.department_id}
    return not f.department_id or t.department_id in wanted


def _tags(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    have = {tag.lower() for tag in t.tags}
    return all(tag.lower() in have for tag in f.tags) and not any(tag.lower() in have for tag in f.exclude_tags)


def _requester(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    return f.requester_id is None or t.customer_id == f.requester_id


def _times(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    bounds: list[tuple[datetime | None, datetime, bool]] = [
        (f.created_after, t.created_at, True),
        (f.created_before, t.created_at, False),
        (f.updated_after, t.updated_at, True),
        (f.updated_before, t.updated_at, False),
    ]
    if f.updated_hours_ago is not None:
        bounds.append((now - timedelta(hours=f.updated_hours_ago), t.updated_at, False))
    return all(bound is None or (value >= bound if after else value < bound) for bound, value, after in bounds)


def _custom_fields(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    return all(_same(t.custom_fields.get(name), value) for name, value in f.custom_fields.items())


def _same(actual: Any, expected: Scalar) -> bool:
    if isinstance(actual, str) and isinstance(expected, str):
        return actual.casefold() == expected.casefold()
    return bool(actual == expected)


def _sla(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    if f.sla_breached is not None and t.sla_breach != f.sla_breached:
        return False
    if f.sla_due_within_minutes is not None:
        due = sla_due_at(t)
        if due is None or due > now + timedelta(minutes=f.sla_due_within_minutes):
            return False
    return True


def _solved(f: TicketFilter, t: Ticket, reader: str, now: datetime) -> bool:
    if f.solved_within_hours is None:
        return True
    done = t.resolved_at if t.status in (Status.SOLVED, Status.CLOSED) else None
    return done is not None and done >= now - timedelta(hours=f.solved_within_hours)


_CHECKS = (_status, _priority, _assignee, _department, _tags, _requester, _times, _custom_fields, _sla, _solved)
