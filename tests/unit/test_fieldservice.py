"""Field service rules without storage: transitions, derived status, distance, coverage, judging."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from chalicelib.domain.errors import Conflict, Invalid
from chalicelib.domain.fieldservice import (
    JOB_TRANSITIONS,
    ORDER_TRANSITIONS,
    GeoPoint,
    JobAssignment,
    JobStatus,
    Technician,
    WorkOrder,
    WorkOrderStatus,
    check_job_transition,
    check_order_transition,
    derive_status,
    haversine_km,
    judge,
    parse_number,
    postal_match,
    rank,
)

NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)


def tech(**fields: Any) -> Technician:
    base: dict[str, Any] = {
        "id": "t1",
        "org_id": "o",
        "user_id": "u1",
        "employee_id": "E1",
        "created_at": NOW,
        "updated_at": NOW,
    }
    return Technician.model_validate({**base, **fields})


def order(**fields: Any) -> WorkOrder:
    base: dict[str, Any] = {
        "org_id": "o",
        "number": 1,
        "work_order_number": "T-WO-1",
        "title": "x",
        "created_by_id": "u",
        "scheduled_at": datetime(2027, 3, 2, 10, tzinfo=UTC),
        "created_at": NOW,
        "updated_at": NOW,
    }
    return WorkOrder.model_validate({**base, **fields})


def job(status: JobStatus, n: int = 0) -> JobAssignment:
    return JobAssignment(
        id=f"j{n}",
        org_id="o",
        work_order=1,
        technician_id=f"t{n}",
        user_id=f"u{n}",
        status=status,
        slot_day=date(2027, 3, 2),
        assigned_by_id="m",
        assigned_at=NOW,
        created_at=NOW,
        updated_at=NOW,
    )


def test_every_status_has_transitions_and_closed_ones_are_final() -> None:
    assert set(ORDER_TRANSITIONS) == set(WorkOrderStatus)
    assert set(JOB_TRANSITIONS) == set(JobStatus)
    for final in (WorkOrderStatus.COMPLETED, WorkOrderStatus.CANCELLED):
        with pytest.raises(Conflict):
            check_order_transition(final, WorkOrderStatus.NEW)
    check_job_transition(JobStatus.ASSIGNED, JobStatus.STARTED)
    with pytest.raises(Conflict) as refused:
        check_job_transition(JobStatus.DECLINED, JobStatus.ACCEPTED)
    assert refused.value.code == "invalid_transition"


@pytest.mark.parametrize(
    ("status", "jobs", "expected"),
    [
        (WorkOrderStatus.SCHEDULED, [JobStatus.ASSIGNED], WorkOrderStatus.DISPATCHED),
        (WorkOrderStatus.DISPATCHED, [JobStatus.STARTED, JobStatus.ASSIGNED], WorkOrderStatus.IN_PROGRESS),
        (WorkOrderStatus.IN_PROGRESS, [JobStatus.COMPLETED, JobStatus.ACCEPTED], WorkOrderStatus.IN_PROGRESS),
        (WorkOrderStatus.IN_PROGRESS, [JobStatus.COMPLETED, JobStatus.DECLINED], WorkOrderStatus.COMPLETED),
        (WorkOrderStatus.DISPATCHED, [JobStatus.DECLINED, JobStatus.CANCELLED], WorkOrderStatus.SCHEDULED),
        (WorkOrderStatus.ON_HOLD, [JobStatus.COMPLETED], WorkOrderStatus.ON_HOLD),
        (WorkOrderStatus.CANCELLED, [JobStatus.ASSIGNED], WorkOrderStatus.CANCELLED),
    ],
)
def test_the_status_follows_the_jobs(status: WorkOrderStatus, jobs: list[JobStatus], expected: WorkOrderStatus) -> None:
    assert derive_status(order(status=status), [job(s, i) for i, s in enumerate(jobs)]) is expected


def test_numbers_distances_and_postal_codes() -> None:
    assert parse_number("t-wo-42") == parse_number("WO-42") == parse_number("42") == 42
    with pytest.raises(Invalid):
        parse_number("T-42x")
    berlin, munich = GeoPoint(lat=52.52, lon=13.405), GeoPoint(lat=48.137, lon=11.575)
    assert 500 < haversine_km(berlin, munich) < 510
    assert haversine_km(berlin, berlin) == 0
    assert postal_match("sw1*", "SW1A 1AA")
    assert postal_match("10999", "10 999")
    assert not postal_match("SW1*", "SE1 7PB")


def test_working_hours_and_day_slots_are_the_technicians_local_time() -> None:
    new_york = tech(
        timezone="America/New_York", working_hours={"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "17:00"}
    )
    morning = judge(new_york, order(scheduled_at=datetime(2027, 3, 2, 14, tzinfo=UTC)), 0)  # 09:00 local
    assert morning.eligible, morning.reasons
    assert morning.day == date(2027, 3, 2)
    night = judge(new_york, order(scheduled_at=datetime(2027, 3, 2, 3, tzinfo=UTC)), 0)  # 22:00 the day before
    assert night.day == date(2027, 3, 1)
    assert night.reasons == ["22:00 is outside working hours 08:00-17:00 (America/New_York)"]


def test_ranking_prefers_the_lightest_load_then_the_nearest() -> None:
    area = [{"center": {"lat": 52.52, "lon": 13.405}, "radius_km": 50}]
    here = order(location={"lat": 52.5, "lon": 13.4})
    a = judge(tech(id="a", employee_id="A", service_areas=area), here, 2)
    b = judge(
        tech(id="b", employee_id="B", service_areas=[{"center": {"lat": 52.6, "lon": 13.4}, "radius_km": 50}]), here, 1
    )
    c = judge(tech(id="c", employee_id="C", service_areas=area), here, 1)
    full = judge(tech(id="d", employee_id="D", service_areas=area, max_jobs_per_day=1), here, 1)
    assert [x.technician.id for x in rank([a, b, c, full])] == ["c", "b", "a"]
    assert full.fully_booked
    assert full.reasons == ["fully booked on 2027-03-02 (1 of 1 jobs)"]
