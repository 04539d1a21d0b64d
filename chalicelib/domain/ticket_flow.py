"""Ticket flow accounting for the tickets report (created vs solved per day, backlog by age). Pure.

As with the SLA counters (domain.sla_report), each ticket *contributes* what its current state
says, and its transactions ADD the difference between its contributions before and after a change
(``deltas``), so the counters are always the sum over the live tickets, whatever path changed one
(create, solve, close, reopen, merge, delete, restore) and however often a write is retried:

- ``created`` on the UTC day it was created (deleted tickets contribute nothing);
- ``open`` on that same creation day while it is active (new, open, pending, on hold): the backlog
  by age is the sum of ``open`` per creation day, bucketed by the day's age;
- ``solved`` on the UTC day of its ``resolved_at`` while solved or closed (a reopened ticket's
  solve moves to the day it is solved again).
"""

from __future__ import annotations

from datetime import date

from chalicelib.domain.tickets import ACTIVE, Ticket

# The backlog's age buckets: (name, first age in days, last age in days or None: open-ended).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("lt_1d", 0, 0),
    ("1_3d", 1, 2),
    ("3_7d", 3, 6),
    ("7_30d", 7, 29),
    ("gt_30d", 30, None),
)

FlowKey = tuple[date, str]  # (UTC day, attribute)


def contributions(ticket: Ticket | None) -> set[FlowKey]:
    """The (day, attribute) units ``ticket`` adds to the flow counters now."""
    if ticket is None or ticket.is_deleted:
        return set()
    created = ticket.created_at.date()
    found = {(created, "created")}
    if ticket.status in ACTIVE:
        found.add((created, "open"))
    elif ticket.resolved_at is not None:
        found.add((ticket.resolved_at.date(), "solved"))
    return found


def deltas(before: Ticket | None, after: Ticket | None) -> dict[date, dict[str, int]]:
    """Per UTC day, the attribute increments that take ``before``'s contributions to ``after``'s."""
    old, new = contributions(before), contributions(after)
    result: dict[date, dict[str, int]] = {}
    for sign, changed in ((-1, old - new), (1, new - old)):
        for day, attribute in changed:
            row = result.setdefault(day, {})
            row[attribute] = row.get(attribute, 0) + sign
    return {day: row for day, row in result.items() if any(row.values())}


def age_bucket(age_days: int) -> str:
    """The backlog bucket of a creation day ``age_days`` whole days before today (UTC)."""
    return next(name for name, first, last in AGE_BUCKETS if age_days >= first and (last is None or age_days <= last))
