"""Queue counts: how many live tickets each inbox queue holds, by status and by priority. Pure.

A ticket counts while it is neither closed nor deleted, in the organization's ``all`` counter, in
exactly one of ``unassigned`` or its assignee's counter, and in its department's counter
(``DEPT#<d>``, ``DEPT#NONE`` without one), plus that department's unassigned counter
(``DEPT#<d>#UNASSIGNED``) while unassigned. Every ticket write moves the ticket's
contribution from what it was to what it is (``deltas``); the store ADDs those in the ticket's
transaction, so the counters are exact without ever being read to be written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chalicelib.domain.tickets import Priority, Status, Ticket

ALL = "ALL"
UNASSIGNED = "UNASSIGNED"
COUNTED_STATUSES = (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED)
PRIORITIES = tuple(Priority)
# The counter items' numeric attributes: the total, then one per status and one per priority.
ATTRIBUTES = ("total", *(f"status_{s.value}" for s in COUNTED_STATUSES), *(f"priority_{p.value}" for p in PRIORITIES))


def agent_counter(agent_id: str) -> str:
    """The counter name of one assignee's queue."""
    return f"AGENT#{agent_id}"


NO_DEPARTMENT = "NONE"  # the department counters of tickets without a department (ids are 20 hex digits)


def department_counter(department_id: str | None, unassigned: bool = False) -> str:
    """The counter name of one department's queue (None: tickets without a department), or of its
    unassigned part."""
    name = f"DEPT#{department_id or NO_DEPARTMENT}"
    return f"{name}#UNASSIGNED" if unassigned else name


def is_counted(ticket: Ticket | None) -> bool:
    return ticket is not None and not ticket.is_deleted and ticket.status in COUNTED_STATUSES


def contributions(ticket: Ticket | None) -> dict[str, dict[str, int]]:
    """What ``ticket`` adds to each counter (nothing when it is not counted)."""
    if ticket is None or not is_counted(ticket):
        return {}
    one = {"total": 1, f"status_{ticket.status.value}": 1, f"priority_{ticket.priority.value}": 1}
    queue = agent_counter(ticket.assigned_agent_id) if ticket.assigned_agent_id else UNASSIGNED
    result = {ALL: dict(one), queue: dict(one), department_counter(ticket.department_id): dict(one)}
    if not ticket.assigned_agent_id:
        result[department_counter(ticket.department_id, unassigned=True)] = dict(one)
    return result


def deltas(before: Ticket | None, after: Ticket | None) -> dict[str, dict[str, int]]:
    """The increments (negative to take away) that move ``before``'s contribution to ``after``'s;
    counters and attributes that do not move are left out, so most writes touch no counter."""
    moved: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for counter, values in contributions(before).items():
        for name, value in values.items():
            moved[counter][name] -= value
    for counter, values in contributions(after).items():
        for name, value in values.items():
            moved[counter][name] += value
    result: dict[str, dict[str, int]] = {}
    for counter, values in moved.items():
        changed = {name: value for name, value in values.items() if value}
        if changed:
            result[counter] = changed
    return result


@dataclass
class QueueCount:
    """One queue's live tickets: the total, by status and by priority."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in COUNTED_STATUSES})
    by_priority: dict[str, int] = field(default_factory=lambda: {p.value: 0 for p in PRIORITIES})

    @classmethod
    def of(cls, values: dict[str, int] | None) -> QueueCount:
        """From a counter item's attributes (a missing item is an empty queue)."""
        values = values or {}
        return cls(
            total=values.get("total", 0),
            by_status={s.value: values.get(f"status_{s.value}", 0) for s in COUNTED_STATUSES},
            by_priority={p.value: values.get(f"priority_{p.value}", 0) for p in PRIORITIES},
        )


def tally(tickets: list[Ticket]) -> dict[str, dict[str, int]]:
    """Every counter as the sum of ``tickets``' contributions: what a recount writes."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for ticket in tickets:
        for counter, values in contributions(ticket).items():
            for name, value in values.items():
                totals[counter][name] += value
    return {counter: dict(values) for counter, values in totals.items()}
