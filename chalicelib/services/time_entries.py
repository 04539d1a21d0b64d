"""Time tracking: time entries on tickets, work order job time, and the time report (rules:
``domain/time_entries.py``).

Creating, changing or deleting an entry is ONE transaction: the entry, the ticket's sums
(``time_spent_minutes``, ``billable_minutes``) at the version read, a history entry and the report
counter rows the entry moves. Two concurrent entries on one ticket both count: the second loses
the version race and is re-run on the new sums. Staff only (``time.log``); changing or deleting
another person's entry needs ``time.manage`` (managers, admins). Customers never see entries or sums.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.auth import policy
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import Conflict, InvalidInput, NotFound, RuleViolation, require_version
from chalicelib.domain.fieldservice import JobAssignment, JobStatus, WorkOrder
from chalicelib.domain.identity import Principal
from chalicelib.domain.tickets import Status, Ticket, parse_number
from chalicelib.domain.time_entries import (
    GROUPS,
    NONE,
    Attribution,
    Dimension,
    TimeEntry,
    TimeEntryCommand,
    TimeEntryPatch,
    Totals,
    entry_changes,
    job_increments,
    job_minutes,
)
from chalicelib.services import csat
from chalicelib.services import tickets as ticket_service
from chalicelib.services.retry import retry_on_conflict
from chalicelib.services.tickets import Actor, history_entries
from chalicelib.store import identity as identity_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store import time_entries as store
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation


def _today(org_id: str, now: datetime) -> date:
    """The organization's calendar day at ``now`` (its time zone setting; UTC without one)."""
    org = identity_store.get_organization(org_id)
    zone = org.settings.timezone if org is not None else "UTC"
    return now.astimezone(ZoneInfo(zone)).date()


def _new_id(now: datetime) -> str:
    """24 hex characters that sort by creation (microseconds, then random bits)."""
    return f"{int(now.timestamp() * 1_000_000):016x}{secrets.token_hex(4)}"


def _ticket(principal: Principal, number: str) -> Ticket:
    """A ticket the caller sees, if they may track time (customers: 403 on their own, 404 on others')."""
    ticket = ticket_service.load_ticket(principal, number)
    policy.require(principal, "time.log")
    return ticket


def _writable(ticket: Ticket) -> None:
    if ticket.status is Status.CLOSED:
        raise Conflict("Closed tickets are read-only.", code="ticket_closed")


def _check_comment(principal: Principal, ticket: Ticket, comment_id: str | None) -> None:
    """``comment_id`` names a comment of the ticket (one Query of its item collection), else 422."""
    if comment_id is None:
        return
    _, comments, _ = ticket_store.get_ticket_with_comments(principal.org_id, ticket.number, limit=None)
    if not any(c.id == comment_id for c in comments.items):
        raise RuleViolation(
            "comment_id is not a comment of this ticket.",
            code="invalid_comment",
            details=[{"field": "comment_id", "message": "not a comment of this ticket", "type": "invalid_comment"}],
        )


def _check_day(spent_on: date, today: date) -> None:
    if spent_on > today:
        raise InvalidInput(
            "spent_on cannot be a future day.",
            details=[{"field": "spent_on", "message": "a day up to today", "type": "future_day"}],
        )


def _save(actor: Actor, ticket: Ticket, before: TimeEntry | None, after: TimeEntry | None, now: datetime) -> Ticket:
    """The entry's write with the ticket's sums, its history and the counter rows, atomically."""
    delta = (after.minutes if after else 0) - (before.minutes if before else 0)
    billable = (after.minutes if after and after.billable else 0) - (
        before.minutes if before and before.billable else 0
    )
    updated = ticket.model_copy(
        update={
            "time_spent_minutes": max(0, ticket.time_spent_minutes + delta),
            "billable_minutes": max(0, ticket.billable_minutes + billable),
            "updated_at": now,
        }
    )
    changes: list[tuple[str, str | None, str | None]] = []
    for field in ("time_spent_minutes", "billable_minutes"):
        old, new = getattr(ticket, field), getattr(updated, field)
        if old != new:
            changes.append((field, str(old), str(new)))
    history = history_entries(actor, updated, changes, now, "time_logged") if changes else []
    writes: list[Operation] = []
    if after is not None:
        writes.append(store.entry_put(after, before))
    elif before is not None:
        writes.append(store.entry_delete(before))
    writes += store.counter_operations(ticket.org_id, entry_changes(before, after))
    return ticket_store.save_ticket(updated, ticket, history, extra=writes)


def list_entries(principal: Principal, number: str, limit: int, cursor: str | None) -> Page[TimeEntry]:
    """A ticket's time entries, oldest first (staff): ONE Query."""
    ticket = _ticket(principal, number)
    return store.list_entries(principal.org_id, ticket.number, limit=limit, cursor=cursor)


@retry_on_conflict
def create_entry(principal: Principal, number: str, command: TimeEntryCommand, actor: Actor) -> TimeEntry:
    """Log the caller's time on a ticket (not a closed one)."""
    ticket = _ticket(principal, number)
    _writable(ticket)
    _check_comment(principal, ticket, command.comment_id)
    now = utcnow()
    today = _today(principal.org_id, now)
    spent_on = command.spent_on or today
    _check_day(spent_on, today)
    entry = TimeEntry(
        id=_new_id(now),
        org_id=ticket.org_id,
        number=ticket.number,
        ticket_number=ticket.ticket_number,
        user_id=principal.user_id,
        minutes=command.minutes,
        billable=command.billable,
        note=command.note,
        comment_id=command.comment_id,
        spent_on=spent_on,
        customer_id=ticket.customer_id,
        department_id=ticket.department_id,
        created_at=now,
        updated_at=now,
    )
    _save(actor, ticket, None, entry, now)
    return entry


def _own_or_managed(principal: Principal, ticket: Ticket, entry_id: str) -> TimeEntry:
    """The entry (404 when the ticket has none with this id), if the caller wrote it or holds
    ``time.manage`` (else 403)."""
    entry = store.get_entry(principal.org_id, ticket.number, entry_id) if len(entry_id) <= 40 else None
    if entry is None:
        raise NotFound("Not found.")
    if entry.user_id != principal.user_id:
        policy.require(principal, "time.manage")
    return entry


@retry_on_conflict
def update_entry(
    principal: Principal, number: str, entry_id: str, patch: TimeEntryPatch, if_match: int | None, actor: Actor
) -> TimeEntry:
    """Change an entry (its author, or managers and admins; If-Match: its version)."""
    ticket = _ticket(principal, number)
    entry = _own_or_managed(principal, ticket, entry_id)
    require_version("time entry", entry.version, if_match)
    _writable(ticket)
    fields = patch.changes()
    if fields.get("comment_id") not in (None, entry.comment_id):
        _check_comment(principal, ticket, fields["comment_id"])
    now = utcnow()
    if "spent_on" in fields:
        _check_day(fields["spent_on"], _today(principal.org_id, now))
    changed = entry.model_copy(update=fields)
    if changed == entry:
        return entry
    changed = changed.model_copy(update={"updated_at": now})
    _save(actor, ticket, entry, changed, now)
    return changed.model_copy(update={"version": entry.version + 1})


@retry_on_conflict
def delete_entry(principal: Principal, number: str, entry_id: str, actor: Actor) -> None:
    """Remove an entry (its author, or managers and admins): the ticket's sums and the report go down."""
    ticket = _ticket(principal, number)
    entry = _own_or_managed(principal, ticket, entry_id)
    _writable(ticket)
    _save(actor, ticket, entry, None, utcnow())


def job_time_operations(order: WorkOrder, before: JobAssignment, after: JobAssignment) -> list[Operation]:
    """The time report's counter additions when a job goes from started to completed (none for any
    other change), for the transaction that completes it: its minutes count as work order time of
    the technician's user, the work order's customer and its linked ticket's department, on the
    completion day in the organization's time zone. The job's own version guard makes a retried
    completion add nothing twice."""
    if before.status is not JobStatus.STARTED or after.status is not JobStatus.COMPLETED:
        return []
    if after.started_at is None or after.completed_at is None:
        return []
    minutes = job_minutes(after.started_at, after.completed_at)
    if minutes == 0:
        return []
    department: str | None = None
    if order.ticket_number:
        ticket = ticket_store.get_ticket(order.org_id, parse_number(order.ticket_number))
        department = ticket.department_id if ticket is not None else None
    day = _today(order.org_id, after.completed_at)
    rows = Attribution(day, after.user_id, order.customer_id, department).rows()
    return store.counter_operations(order.org_id, {row: job_increments(minutes) for row in rows})


def time_report(principal: Principal, start: date | None, end: date | None, group_by: str) -> dict[str, Any]:
    """Minutes per day, agent, customer or department over the organization's days ``start``-``end``
    (default the last 30), and the total: ONE paged Query on the counter rows of that dimension
    (each entry and job adds to one row of every dimension, so the rows sum to the total), and for
    labels ONE BatchGetItem of the users or departments named. Never reads tickets."""
    policy.require(principal, "reports.time")
    start, end = csat.report_range(start, end or _today(principal.org_id, utcnow()))
    dimension = GROUPS[group_by]
    groups: dict[str, Totals] = defaultdict(Totals)
    total = Totals()
    for day, key, values in store.read_counters(principal.org_id, dimension, start, end):
        groups[day.isoformat() if dimension is Dimension.DAY else key].add(values)
        total.add(values)
    kept = {key: totals for key, totals in groups.items() if not totals.empty()}
    labels: dict[str, str] = {}
    named = [key for key in kept if key != NONE]
    if dimension in (Dimension.AGENT, Dimension.CUSTOMER):
        labels = store.names(principal.org_id, named, [])
    elif dimension is Dimension.DEPARTMENT:
        labels = store.names(principal.org_id, [], named)
    none_label = {Dimension.CUSTOMER: "No customer", Dimension.DEPARTMENT: "No department"}.get(dimension, NONE)
    if dimension is Dimension.DAY:
        ordered = sorted(kept.items())
    else:
        ordered = sorted(kept.items(), key=lambda kv: (-kv[1].minutes, kv[0]))
    rows = [
        {"key": key, "label": _label(key, dimension, labels, none_label), **totals.figures()} for key, totals in ordered
    ]
    return {"from": start, "to": end, "group_by": group_by, "rows": rows, "total": total.figures()}


def _label(key: str, dimension: Dimension, labels: dict[str, str], none_label: str) -> str:
    """A row's label: the day itself, a person's or department's name (its id when gone), or none's."""
    if dimension is Dimension.DAY:
        return key
    if key == NONE:
        return none_label
    return labels.get(key, key)
