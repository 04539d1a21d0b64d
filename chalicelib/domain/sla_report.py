"""SLA outcome accounting for the org report. Pure.

Each ticket *contributes* to the report counters what its current state says: per target, a
``met`` or ``breached`` outcome and, once the target is completed, its calendar and business
time. The store keeps the counters in step by writing, in the ticket's own transaction, the
difference between the contributions before and after the change (``deltas``). So the counters
are always the sum over tickets of their contributions, whatever path changed a ticket (reply,
solve, reopen, sweep, re-match, delete, restore) and however often a write is retried.

Outcomes:
- met: completed (first public agent reply / solved) at or before the due time, no breach recorded;
  counted on the UTC day of completion;
- breached: a breach recorded by the sweep, or completed after the due time; counted on the UTC
  day of the due time (the moment it was breached).

Times go into fixed histogram buckets (``BUCKETS``: a count and a sum per bucket) so a median over
any day range is read from counters, never from the tickets: it is the mean of the bucket that
holds the median, so exact when that bucket holds one value and always within its bounds.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Literal

from pydantic import ConfigDict

from chalicelib.domain.base import Model
from chalicelib.domain.sla import Target
from chalicelib.domain.tickets import Priority, Ticket

# Upper bounds (seconds) of the time histogram's buckets; the last one is open-ended.
BUCKETS: tuple[float, ...] = (
    300,  # 5 min
    900,
    1800,
    3600,  # 1 h
    7200,
    14400,
    28800,  # 8 h
    57600,
    86400,  # 1 day
    172800,
    345600,
    604800,  # 1 week
    1209600,
    2592000,  # 30 days
    math.inf,
)

Kind = Literal["met", "breached", "time"]


class Contribution(Model):
    model_config = ConfigDict(frozen=True)

    day: date
    policy_id: str
    priority: Priority
    target: Target
    kind: Kind
    seconds: int = 0
    business_seconds: int = 0
    department_id: str | None = None  # the ticket's department (issue 24): the report's department rows

    @property
    def counter(self) -> CounterKey:
        return (self.day, self.policy_id, self.priority, self.target, self.department_id)


CounterKey = tuple[date, str, Priority, Target, str | None]


def bucket_of(seconds: float) -> int:
    return next(i for i, bound in enumerate(BUCKETS) if seconds <= bound)


def breach_recorded(ticket: Ticket, target: Target) -> bool:
    return any(key.startswith(f"{target.value}:breach:") for key in ticket.sla_fired)


def contributions(ticket: Ticket | None) -> list[Contribution]:
    """What ``ticket`` adds to the report counters now (nothing when deleted or without a policy)."""
    if ticket is None or ticket.is_deleted or not ticket.sla_policy_id:
        return []
    found: list[Contribution] = []
    for target, due, done, seconds, business in (
        (
            Target.FIRST_RESPONSE,
            ticket.first_response_due,
            ticket.first_response_at,
            ticket.time_to_first_response,
            ticket.business_time_to_first_response,
        ),
        (
            Target.RESOLUTION,
            ticket.resolution_due,
            ticket.resolved_at,
            ticket.time_to_resolution,
            ticket.business_time_to_resolution,
        ),
    ):
        if due is None:
            continue
        base = {
            "policy_id": ticket.sla_policy_id,
            "priority": ticket.priority,
            "target": target,
            "department_id": ticket.department_id,
        }
        breached = breach_recorded(ticket, target) or (done is not None and done > due)
        if breached:
            found.append(Contribution(day=due.date(), kind="breached", **base))
        elif done is not None:
            found.append(Contribution(day=done.date(), kind="met", **base))
        if done is not None:
            calendar = round(seconds if seconds is not None else (done - ticket.created_at).total_seconds())
            found.append(
                Contribution(
                    day=done.date(),
                    kind="time",
                    seconds=max(calendar, 0),
                    business_seconds=max(round(business if business is not None else calendar), 0),
                    **base,
                )
            )
    return found


def tally(contribution: Contribution) -> dict[str, int]:
    """The counter attributes one contribution adds."""
    if contribution.kind != "time":
        return {contribution.kind: 1}
    calendar, business = bucket_of(contribution.seconds), bucket_of(contribution.business_seconds)
    return {
        "completed": 1,
        "sec": contribution.seconds,
        "bsec": contribution.business_seconds,
        f"c{calendar}": 1,
        f"cs{calendar}": contribution.seconds,
        f"b{business}": 1,
        f"bs{business}": contribution.business_seconds,
    }


def deltas(before: Ticket | None, after: Ticket | None) -> dict[CounterKey, dict[str, int]]:
    """Per counter, the attribute increments that take ``before``'s contributions to ``after``'s."""
    old, new = contributions(before), contributions(after)
    result: dict[CounterKey, dict[str, int]] = {}
    for sign, changed in ((-1, [c for c in old if c not in new]), (1, [c for c in new if c not in old])):
        for contribution in changed:
            row = result.setdefault(contribution.counter, {})
            for name, value in tally(contribution).items():
                row[name] = row.get(name, 0) + sign * value
    return {key: {k: v for k, v in row.items() if v} for key, row in result.items() if any(row.values())}


class Counts(Model):
    """Summed counters for one group of the report."""

    met: int = 0
    breached: int = 0
    completed: int = 0
    sec: int = 0
    bsec: int = 0
    calendar_histogram: list[int] = [0] * len(BUCKETS)
    calendar_sums: list[int] = [0] * len(BUCKETS)
    business_histogram: list[int] = [0] * len(BUCKETS)
    business_sums: list[int] = [0] * len(BUCKETS)

    def add(self, values: dict[str, int]) -> None:
        self.met += values.get("met", 0)
        self.breached += values.get("breached", 0)
        self.completed += values.get("completed", 0)
        self.sec += values.get("sec", 0)
        self.bsec += values.get("bsec", 0)
        for i in range(len(BUCKETS)):
            self.calendar_histogram[i] += values.get(f"c{i}", 0)
            self.calendar_sums[i] += values.get(f"cs{i}", 0)
            self.business_histogram[i] += values.get(f"b{i}", 0)
            self.business_sums[i] += values.get(f"bs{i}", 0)


def median(histogram: list[int], sums: list[int]) -> float | None:
    """The median from bucket counts and sums: the mean of the bucket that holds the middle value."""
    total = sum(histogram)
    if total <= 0:
        return None
    half = total / 2
    seen = 0
    for n, summed in zip(histogram, sums, strict=True):
        if n > 0 and seen + n >= half:
            return round(summed / n, 1)
        seen += n
    return None


def summary(counts: Counts) -> dict[str, float | int | None]:
    decided = counts.met + counts.breached
    return {
        "met": counts.met,
        "breached": counts.breached,
        "met_rate": round(counts.met / decided, 4) if decided else None,
        "breach_rate": round(counts.breached / decided, 4) if decided else None,
        "completed": counts.completed,
        "median_seconds": median(counts.calendar_histogram, counts.calendar_sums),
        "median_business_seconds": median(counts.business_histogram, counts.business_sums),
        "mean_seconds": round(counts.sec / counts.completed, 1) if counts.completed else None,
        "mean_business_seconds": round(counts.bsec / counts.completed, 1) if counts.completed else None,
    }
