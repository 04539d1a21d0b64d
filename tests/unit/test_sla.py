"""Business-time arithmetic across weekends, holidays, DST and time zones on both sides of UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from chalicelib.domain.sla import (
    Calendar,
    Conditions,
    EscalationStep,
    SLAPolicy,
    WorkingHours,
    add_business_time,
    business_time_between,
    due_times,
    resume,
    select_policy,
)
from chalicelib.domain.tickets import Priority


def office(zone: str, start: int = 9, end: int = 17, holidays: tuple[date, ...] = ()) -> Calendar:
    hours = tuple(WorkingHours(day=d, start=time(start), end=time(end)) for d in range(5))
    return Calendar(timezone=zone, hours=hours, holidays=frozenset(holidays))


def utc(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("calendar", "start", "hours", "expected"),
    [
        # 24x7: plain addition.
        (Calendar(), utc(2026, 11, 27, 16), 4, utc(2026, 11, 27, 20)),
        # Inside the day.
        (office("UTC"), utc(2026, 11, 24, 10), 4, utc(2026, 11, 24, 14)),
        # Spills into the next morning.
        (office("UTC"), utc(2026, 11, 24, 15), 4, utc(2026, 11, 25, 11)),
        # Friday afternoon -> Monday (2026-11-27 is a Friday).
        (office("UTC"), utc(2026, 11, 27, 16), 4, utc(2026, 11, 30, 12)),
        # Created at night: the clock starts at 09:00.
        (office("UTC"), utc(2026, 11, 24, 22), 1, utc(2026, 11, 25, 10)),
        # Created on Saturday: starts Monday.
        (office("UTC"), utc(2026, 11, 28, 12), 8, utc(2026, 11, 30, 17)),
        # A holiday on Monday pushes to Tuesday.
        (office("UTC", holidays=(date(2026, 11, 30),)), utc(2026, 11, 27, 16), 4, utc(2026, 12, 1, 12)),
        # East of UTC: Tokyo 09-17 is 00-08 UTC.
        (office("Asia/Tokyo"), utc(2026, 11, 24, 7), 2, utc(2026, 11, 25, 1)),
        # West of UTC: New York 09-17 (EST, UTC-5) is 14-22 UTC.
        (office("America/New_York"), utc(2026, 11, 24, 21), 2, utc(2026, 11, 25, 15)),
        # Across the day boundary in UTC but inside one local day (Los Angeles, UTC-8).
        (office("America/Los_Angeles"), utc(2026, 11, 25, 0), 1, utc(2026, 11, 25, 1)),
    ],
)
def test_add_business_time(calendar: Calendar, start: datetime, hours: float, expected: datetime) -> None:
    assert add_business_time(calendar, start, timedelta(hours=hours)) == expected


def test_dst_change_keeps_local_office_hours() -> None:
    # Europe/Berlin leaves summer time on Sunday 2026-10-25: 09:00 local is 07:00 UTC before, 08:00 UTC after.
    berlin = office("Europe/Berlin")
    friday_16_local = utc(2026, 10, 23, 14)
    due = add_business_time(berlin, friday_16_local, timedelta(hours=2))
    assert due == utc(2026, 10, 26, 9), "Monday 10:00 local, now UTC+1"
    assert business_time_between(berlin, friday_16_local, due) == timedelta(hours=2)


def test_24x7_calendar_across_dst_counts_real_hours() -> None:
    calendar = Calendar(timezone="Europe/Berlin")
    start = utc(2026, 10, 24, 12)
    assert add_business_time(calendar, start, timedelta(hours=48)) == start + timedelta(hours=48)


def test_business_time_between_skips_nights_weekends_and_holidays() -> None:
    calendar = office("UTC", holidays=(date(2026, 11, 26),))
    assert business_time_between(calendar, utc(2026, 11, 24, 9), utc(2026, 11, 27, 17)) == timedelta(hours=24)
    assert business_time_between(calendar, utc(2026, 11, 27, 17), utc(2026, 11, 24, 9)) == -timedelta(hours=24)


def test_pause_moves_the_due_time_by_the_business_time_spent_paused() -> None:
    calendar = office("UTC")
    due = utc(2026, 11, 24, 15)  # 5 business hours left when paused at 10:00
    resumed = resume(calendar, due, utc(2026, 11, 24, 10), utc(2026, 11, 25, 12))
    assert resumed == utc(2026, 11, 25, 17), "resumed Wednesday 12:00 with 5 business hours left"
    assert resume(calendar, due, utc(2026, 11, 24, 16), utc(2026, 11, 25, 12)) == due, "overdue stays overdue"


def policy(name: str, order: int, **fields: object) -> SLAPolicy:
    now = utc(2026, 11, 1)
    base: dict[str, object] = {
        "id": name,
        "org_id": "o1",
        "name": name,
        "order": order,
        "first_response_hours": 4,
        "resolution_hours": 24,
        "created_at": now,
        "updated_at": now,
    }
    return SLAPolicy.model_validate({**base, **fields})


def test_first_active_matching_policy_wins() -> None:
    vip = policy("vip", 1, conditions=Conditions(customer_tier=["vip"]))
    urgent = policy("urgent", 2, conditions=Conditions(priority=[Priority.URGENT, Priority.HIGH]))
    default = policy("default", 9)
    retired = policy("retired", 0, is_active=False)
    policies = [default, urgent, vip, retired]
    assert select_policy(policies, {"priority": "urgent", "customer_tier": "vip"}) is vip
    assert select_policy(policies, {"priority": "urgent"}) is urgent
    assert select_policy(policies, {"priority": "low"}) is default
    tagged = policy("tagged", 0, conditions=Conditions(tags=["outage"]))
    assert select_policy([tagged, default], {"tags": ["billing", "outage"]}) is tagged


def test_priority_overrides_change_the_targets() -> None:
    p = policy("p", 0, priority_overrides={"urgent": {"first_response_hours": 1, "resolution_hours": 4}})
    start = utc(2026, 11, 24, 10)
    assert due_times(p, start, Priority.URGENT) == (utc(2026, 11, 24, 11), utc(2026, 11, 24, 14))
    assert due_times(p, start, Priority.LOW) == (utc(2026, 11, 24, 14), utc(2026, 11, 25, 10))


@pytest.mark.parametrize(
    "bad",
    [
        {"when": "before_breach", "actions": [{"type": "raise_priority"}]},
        {"when": "after_breach", "minutes": 30, "actions": []},
        {"when": "after_breach", "minutes": 30, "actions": [{"type": "reassign"}]},
        {"when": "after_breach", "minutes": 30, "actions": [{"type": "notify", "notify": "role"}]},
        {"when": "after_breach", "minutes": 30, "actions": [{"type": "add_tag"}]},
        {"when": "sometime", "minutes": 30, "actions": [{"type": "raise_priority"}]},
    ],
)
def test_escalation_steps_are_validated(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        EscalationStep.model_validate(bad)


def test_only_pending_and_on_hold_pause() -> None:
    with pytest.raises(ValidationError):
        policy("p", 0, pause_statuses=["open"])
    with pytest.raises(ValidationError):
        WorkingHours(day=0, start=time(17), end=time(9))
