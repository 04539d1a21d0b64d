"""SLA policies and business-time arithmetic. Pure functions: no I/O, no clock of their own.

A ``Calendar`` is a weekly schedule in an IANA time zone plus holidays; no weekly hours means
24x7. Due times are computed by walking the calendar's working windows, built per local date
from wall-clock times, so daylight-saving changes shorten or lengthen a day as they do in
reality, and zones on either side of UTC behave the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ConfigDict, Field, field_validator, model_validator

from chalicelib.domain.base import Model
from chalicelib.domain.clock import LocalTime
from chalicelib.domain.identity import CustomerTier, TimeZoneName
from chalicelib.domain.lifecycle import Lifecycle, list_position
from chalicelib.domain.tickets import Channel, Priority, Status

MAX_SEARCH_DAYS = 3 * 366  # a calendar with almost no working time still ends the search
MAX_BLOCKS = 7 * 6  # working-hour blocks in a week (split shifts, six a day)
MAX_HOLIDAYS = 1000  # about three years of public holidays and closures, with room


class WorkingHours(Model):
    model_config = ConfigDict(extra="forbid")

    day: Annotated[int, Field(ge=0, le=6, description="0 = Monday")]
    start: LocalTime
    end: LocalTime

    @model_validator(mode="after")
    def _ordered(self) -> WorkingHours:
        if self.end <= self.start:
            raise ValueError("end must be after start (split overnight shifts over two days)")
        return self


class Calendar(Model):
    """Business hours; ``hours`` empty means 24x7."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: TimeZoneName = "UTC"
    hours: tuple[WorkingHours, ...] = ()
    holidays: frozenset[date] = frozenset()

    @property
    def always_open(self) -> bool:
        return not self.hours

    def windows(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working windows (UTC) that end after ``start``, in order."""
        zone = ZoneInfo(self.timezone)
        day = start.astimezone(zone).date() - timedelta(days=1)
        by_day: dict[int, list[WorkingHours]] = {}
        for block in self.hours:
            by_day.setdefault(block.day, []).append(block)
        for _ in range(MAX_SEARCH_DAYS):
            if day not in self.holidays:
                for block in sorted(by_day.get(day.weekday(), []), key=lambda b: b.start):
                    opens = datetime.combine(day, block.start, tzinfo=zone).astimezone(UTC)
                    closes = datetime.combine(day, block.end, tzinfo=zone).astimezone(UTC)
                    if closes > start:
                        yield max(opens, start), closes
            day += timedelta(days=1)
        raise ValueError("the calendar has no working time in the next three years")


def checked_calendar(calendar: Calendar) -> Calendar:
    """A calendar a policy may be written with: bounded, and no two blocks of a day overlapping
    (the shared time would be counted twice: every ticket due early). Checked on writes only, so a
    policy stored before the rule still loads."""
    if len(calendar.hours) > MAX_BLOCKS:
        raise ValueError(f"at most {MAX_BLOCKS} blocks of working hours")
    if len(calendar.holidays) > MAX_HOLIDAYS:
        raise ValueError(f"at most {MAX_HOLIDAYS} holidays")
    by_day = sorted(calendar.hours, key=lambda b: (b.day, b.start))
    for before, after in pairwise(by_day):
        if before.day == after.day and after.start < before.end:
            raise ValueError(
                f"working hours overlap on day {after.day} ({after.start:%H:%M} before {before.end:%H:%M})"
            )
    return calendar


def add_business_time(calendar: Calendar, start: datetime, duration: timedelta) -> datetime:
    """The moment ``duration`` of working time after ``start``.

    >>> add_business_time(Calendar(), datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=4)).hour
    4
    """
    if calendar.always_open:
        return start + duration
    remaining = duration
    for opens, closes in calendar.windows(start):
        available = closes - opens
        if remaining <= available:
            return opens + remaining
        remaining -= available
    raise AssertionError("unreachable")  # windows() raises first


def business_time_between(calendar: Calendar, start: datetime, end: datetime) -> timedelta:
    """Working time in ``[start, end)`` (negative when ``end`` is before ``start``)."""
    if end < start:
        return -business_time_between(calendar, end, start)
    if calendar.always_open:
        return end - start
    total = timedelta(0)
    for opens, closes in calendar.windows(start):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total


class Target(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"


class Targets(Model):
    model_config = ConfigDict(extra="forbid")

    first_response_hours: float = Field(gt=0, le=24 * 365)
    resolution_hours: float = Field(gt=0, le=24 * 365)


class Conditions(Model):
    """A ticket matches when every given list contains its value (tags: any of them)."""

    model_config = ConfigDict(extra="forbid")

    priority: list[Priority] = Field(default_factory=list)
    channel: list[Channel] = Field(default_factory=list)
    customer_tier: list[CustomerTier] = Field(default_factory=list, max_length=10)
    category: list[str] = Field(default_factory=list, max_length=50)
    tags: list[str] = Field(default_factory=list, max_length=50)

    def match(self, facts: dict[str, Any]) -> bool:
        if self.priority and facts.get("priority") not in self.priority:
            return False
        if self.channel and facts.get("channel") not in self.channel:
            return False
        if self.customer_tier and facts.get("customer_tier") not in self.customer_tier:
            return False
        if self.category and facts.get("category") not in self.category:
            return False
        return not (self.tags and not set(self.tags) & set(facts.get("tags") or []))


class EscalationAction(Model):
    model_config = ConfigDict(extra="forbid")

    type: Literal["notify", "reassign", "raise_priority", "add_tag"]
    notify: Literal["assignee", "department_manager", "role"] | None = None
    role: Literal["admin", "manager", "agent"] | None = None
    user_id: str | None = Field(None, max_length=40)
    department_id: str | None = Field(None, max_length=40)
    tag: str | None = Field(None, max_length=50)

    @model_validator(mode="after")
    def _complete(self) -> EscalationAction:
        needs = {
            "notify": self.notify is not None and (self.notify != "role" or self.role is not None),
            "reassign": (self.user_id is None) != (self.department_id is None),
            "raise_priority": True,
            "add_tag": bool(self.tag),
        }
        if not needs[self.type]:
            raise ValueError(
                f"a {self.type} action needs "
                + {
                    "notify": "notify (and role when notify is 'role')",
                    "reassign": "exactly one of user_id or department_id",
                    "raise_priority": "",
                    "add_tag": "tag",
                }[self.type]
            )
        return self


class EscalationStep(Model):
    """Fires once per ticket and target: before breach at ``percent`` of the target, or ``minutes`` after it."""

    model_config = ConfigDict(extra="forbid")

    target: Target = Target.RESOLUTION
    when: Literal["before_breach", "after_breach"]
    percent: int | None = Field(None, ge=1, le=99)
    minutes: int | None = Field(None, ge=0, le=60 * 24 * 30)
    actions: list[EscalationAction] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _timing(self) -> EscalationStep:
        if self.when == "before_breach" and self.percent is None:
            raise ValueError("before_breach steps need percent (of the target elapsed)")
        if self.when == "after_breach" and self.minutes is None:
            raise ValueError("after_breach steps need minutes")
        return self


class SLAPolicy(Lifecycle):
    id: str
    org_id: str
    name: str
    description: str = ""
    order: int = 0
    conditions: Conditions = Field(default_factory=Conditions)
    first_response_hours: float
    resolution_hours: float
    priority_overrides: dict[Priority, Targets] = Field(default_factory=dict)
    calendar: Calendar = Field(default_factory=Calendar)
    pause_statuses: list[Status] = Field(default_factory=lambda: [Status.PENDING, Status.ON_HOLD])
    escalation_rules: list[EscalationStep] = Field(default_factory=list, max_length=20)
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @field_validator("pause_statuses")
    @classmethod
    def _pausable(cls, statuses: list[Status]) -> list[Status]:
        bad = {s for s in statuses if s in (Status.NEW, Status.OPEN, Status.SOLVED, Status.CLOSED)}
        if bad:
            raise ValueError(f"only pending and on_hold can pause the clock, not {sorted(s.value for s in bad)}")
        return statuses

    @property
    def position(self) -> str:
        """Where the policy is tried (and listed): by ``order``, then name."""
        return list_position(self.order, self.name, self.id)

    def targets_for(self, priority: Priority) -> Targets:
        override = self.priority_overrides.get(priority)
        if override is not None:
            return override
        return Targets(first_response_hours=self.first_response_hours, resolution_hours=self.resolution_hours)


def select_policy(policies: list[SLAPolicy], facts: dict[str, Any]) -> SLAPolicy | None:
    """The first active policy (by ``order``, then name) whose conditions match."""
    for policy in sorted(policies, key=lambda p: p.position):
        if policy.is_active and policy.conditions.match(facts):
            return policy
    return None


def due_times(policy: SLAPolicy, start: datetime, priority: Priority) -> tuple[datetime, datetime]:
    """(first_response_due, resolution_due) counted in business time from ``start``."""
    targets = policy.targets_for(priority)
    return (
        add_business_time(policy.calendar, start, timedelta(hours=targets.first_response_hours)),
        add_business_time(policy.calendar, start, timedelta(hours=targets.resolution_hours)),
    )


def resume(calendar: Calendar, due: datetime, paused_at: datetime, resumed_at: datetime) -> datetime:
    """The due time after a pause: moved on by the business time spent paused."""
    remaining = business_time_between(calendar, paused_at, due)
    if remaining <= timedelta(0):
        return due  # already overdue when paused: pausing does not undo a breach
    return add_business_time(calendar, resumed_at, remaining)
