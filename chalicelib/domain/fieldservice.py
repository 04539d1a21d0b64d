"""Field service: technicians, work orders, job assignments and dispatch ranking. Pure rules.

Capacity vocabulary:
- a job *holds a day slot* from assignment until it is declined or cancelled (a completed job
  still used its slot that day), so ``jobs on a day <= max_jobs_per_day``;
- a job is *open* while assigned, accepted, en route or started: ``current_jobs_count`` counts
  the open jobs a technician holds right now.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from chalicelib.domain import states
from chalicelib.domain.base import Model
from chalicelib.domain.entity import Entity
from chalicelib.domain.errors import Invalid
from chalicelib.domain.identity import BusinessHours, TimeZoneName
from chalicelib.domain.lifecycle import Lifecycle
from chalicelib.domain.tickets import Priority

EARTH_RADIUS_KM = 6371.0088
MAX_JOBS_PER_DAY = 50
MAX_ASSIGNMENTS = 20  # jobs (of any status) per work order

Skill = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=60)]
PostalCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class TechnicianStatus(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    OFF = "off"
    ON_LEAVE = "on_leave"


class WorkOrderStatus(StrEnum):
    NEW = "new"
    SCHEDULED = "scheduled"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class JobStatus(StrEnum):
    ASSIGNED = "assigned"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EN_ROUTE = "en_route"
    STARTED = "started"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


OPEN_JOBS = frozenset({JobStatus.ASSIGNED, JobStatus.ACCEPTED, JobStatus.EN_ROUTE, JobStatus.STARTED})
SLOT_JOBS = OPEN_JOBS | {JobStatus.COMPLETED}
CLOSED_ORDERS = frozenset({WorkOrderStatus.COMPLETED, WorkOrderStatus.CANCELLED})

# What a person may set with PATCH; the automatic moves (dispatched on assignment, in_progress when
# a job starts, completed when every job is done, back to scheduled when every job was declined)
# follow the same table.
ORDER_TRANSITIONS: dict[WorkOrderStatus, frozenset[WorkOrderStatus]] = {
    WorkOrderStatus.NEW: frozenset(
        {WorkOrderStatus.SCHEDULED, WorkOrderStatus.DISPATCHED, WorkOrderStatus.ON_HOLD, WorkOrderStatus.CANCELLED}
    ),
    WorkOrderStatus.SCHEDULED: frozenset(
        {WorkOrderStatus.NEW, WorkOrderStatus.DISPATCHED, WorkOrderStatus.ON_HOLD, WorkOrderStatus.CANCELLED}
    ),
    WorkOrderStatus.DISPATCHED: frozenset(
        {
            WorkOrderStatus.NEW,
            WorkOrderStatus.SCHEDULED,
            WorkOrderStatus.IN_PROGRESS,
            WorkOrderStatus.ON_HOLD,
            WorkOrderStatus.COMPLETED,
            WorkOrderStatus.CANCELLED,
        }
    ),
    WorkOrderStatus.IN_PROGRESS: frozenset(
        {
            WorkOrderStatus.NEW,
            WorkOrderStatus.SCHEDULED,
            WorkOrderStatus.ON_HOLD,
            WorkOrderStatus.COMPLETED,
            WorkOrderStatus.CANCELLED,
        }
    ),
    WorkOrderStatus.ON_HOLD: frozenset(
        {
            WorkOrderStatus.NEW,
            WorkOrderStatus.SCHEDULED,
            WorkOrderStatus.DISPATCHED,
            WorkOrderStatus.IN_PROGRESS,
            WorkOrderStatus.CANCELLED,
        }
    ),
    WorkOrderStatus.COMPLETED: frozenset(),
    WorkOrderStatus.CANCELLED: frozenset(),
}

JOB_TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.ASSIGNED: frozenset(
        {JobStatus.ACCEPTED, JobStatus.DECLINED, JobStatus.EN_ROUTE, JobStatus.STARTED, JobStatus.CANCELLED}
    ),
    JobStatus.ACCEPTED: frozenset({JobStatus.EN_ROUTE, JobStatus.STARTED, JobStatus.DECLINED, JobStatus.CANCELLED}),
    JobStatus.EN_ROUTE: frozenset({JobStatus.STARTED, JobStatus.CANCELLED}),
    JobStatus.STARTED: frozenset({JobStatus.COMPLETED, JobStatus.CANCELLED}),
    JobStatus.DECLINED: frozenset(),
    JobStatus.COMPLETED: frozenset(),
    JobStatus.CANCELLED: frozenset(),
}
# Moves a technician makes on their own job; cancelling is a dispatcher's decision.
TECHNICIAN_MOVES = frozenset(
    {JobStatus.ACCEPTED, JobStatus.DECLINED, JobStatus.EN_ROUTE, JobStatus.STARTED, JobStatus.COMPLETED}
)


def check_order_transition(current: WorkOrderStatus, wanted: WorkOrderStatus) -> None:
    states.check_transition(ORDER_TRANSITIONS, current, wanted, "work order")


def check_job_transition(current: JobStatus, wanted: JobStatus) -> None:
    states.check_transition(JOB_TRANSITIONS, current, wanted, "job")


# ---- numbers ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^(?:(?:[A-Z][A-Z0-9]{0,7}-)?WO-)?(\d{1,12})$")


def format_number(prefix: str, number: int) -> str:
    return f"{prefix}-WO-{number}"


def parse_number(text: str) -> int:
    """``T-WO-7``, ``WO-7`` or ``7`` -> 7; anything else cannot be a work order of ours (404 upstream)."""
    match = _NUMBER.match(text.strip().upper())
    if not match:
        raise Invalid("Not a work order number.", code="invalid_work_order_number")
    return int(match.group(1))


# ---- places -----------------------------------------------------------------------------------


class _Strict(Model):
    model_config = ConfigDict(extra="forbid")


class GeoPoint(_Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Location(_Strict):
    address: str | None = Field(None, max_length=500)
    postal_code: PostalCode | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)

    @model_validator(mode="after")
    def _pair(self) -> Location:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        return self

    @property
    def point(self) -> GeoPoint | None:
        return GeoPoint(lat=self.lat, lon=self.lon) if self.lat is not None and self.lon is not None else None


class ServiceArea(_Strict):
    """Postal codes (``SW1*`` matches by prefix) and/or a centre point with a radius.

    A technician without any service area serves every location.
    """

    name: str | None = Field(None, max_length=100)
    postal_codes: list[PostalCode] = Field(default_factory=list, max_length=500)
    center: GeoPoint | None = None
    radius_km: float | None = Field(None, gt=0, le=1000)

    @model_validator(mode="after")
    def _complete(self) -> ServiceArea:
        if (self.center is None) != (self.radius_km is None):
            raise ValueError("center and radius_km go together")
        if not self.postal_codes and self.center is None:
            raise ValueError("a service area needs postal_codes or a center with radius_km")
        return self


class Certification(_Strict):
    name: Skill
    issued_on: date | None = None
    expires_on: date | None = Field(None, description="valid through this day; none: does not expire")

    def valid_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day


def normalise_postal(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def postal_match(pattern: str, code: str) -> bool:
    wanted, actual = normalise_postal(pattern), normalise_postal(code)
    if wanted.endswith("*"):
        return actual.startswith(wanted[:-1])
    return actual == wanted


def haversine_km(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance between two points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# ---- entities ---------------------------------------------------------------------------------


class Technician(Lifecycle):
    id: str
    org_id: str
    user_id: str
    employee_id: str
    skills: list[str] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    service_areas: list[ServiceArea] = Field(default_factory=list)
    availability_status: TechnicianStatus = TechnicianStatus.AVAILABLE
    max_jobs_per_day: int = 8
    current_jobs_count: int = 0
    working_hours: BusinessHours = Field(default_factory=lambda: BusinessHours(start="08:00", end="17:00"))
    timezone: TimeZoneName = "UTC"
    created_at: datetime
    updated_at: datetime
    version: int = 1

    def local_day(self, at: datetime) -> date:
        """The technician's calendar day at ``at`` (their day slots are counted per local day)."""
        return at.astimezone(ZoneInfo(self.timezone)).date()


class WorkOrder(Entity):
    org_id: str
    number: int
    work_order_number: str
    title: str
    description: str = ""
    status: WorkOrderStatus = WorkOrderStatus.NEW
    priority: Priority = Priority.NORMAL
    customer_id: str | None = None
    created_by_id: str
    technician_id: str | None = None  # the lead: the first technician holding a slot
    assigned_technician_ids: list[str] = Field(default_factory=list)
    assigned_user_ids: list[str] = Field(default_factory=list)  # who may see it (technicians' users)
    location: Location | None = None
    scheduled_at: datetime | None = None
    expected_duration_minutes: int = 60
    completed_at: datetime | None = None
    required_skills: list[str] = Field(default_factory=list)
    required_certifications: list[str] = Field(default_factory=list)
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    ticket_number: str | None = None  # the linked ticket, as its display number
    anonymized_at: datetime | None = None
    overdue_for: datetime | None = None  # the due time whose overdue event fired (a new due re-arms it)
    # Set only by the automation engine's writes (domain.automation.Context); every other write clears it.
    automation: dict[str, Any] | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @property
    def due_at(self) -> datetime | None:
        """When the work should be done: the scheduled start plus the expected duration."""
        if self.scheduled_at is None:
            return None
        return self.scheduled_at + timedelta(minutes=self.expected_duration_minutes)

    @property
    def overdue_pending(self) -> datetime | None:
        """The due time of an overdue event still to fire: open, scheduled, not fired for this due."""
        due = self.due_at
        if due is None or self.status in CLOSED_ORDERS or self.overdue_for == due:
            return None
        return due


class JobAssignment(Entity):
    id: str
    org_id: str
    work_order: int  # the work order's number
    technician_id: str
    user_id: str
    status: JobStatus = JobStatus.ASSIGNED
    slot_day: date  # the technician's local day the job holds a slot on
    assigned_by_id: str
    assigned_at: datetime
    accepted_at: datetime | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    declined_at: datetime | None = None
    cancelled_at: datetime | None = None
    notes: str = ""
    automation: dict[str, Any] | None = None  # the rule chain that wrote it (domain.automation.Context)
    created_at: datetime
    updated_at: datetime


# What a work order change is made of for webhooks ("changes"); bookkeeping fields are left out.
TRACKED_ORDER_FIELDS = (
    "title",
    "description",
    "status",
    "priority",
    "customer_id",
    "technician_id",
    "assigned_technician_ids",
    "location",
    "scheduled_at",
    "expected_duration_minutes",
    "completed_at",
    "required_skills",
    "required_certifications",
    "custom_fields",
    "ticket_number",
)


def order_changes(previous: WorkOrder, current: WorkOrder) -> list[tuple[str, Any, Any]]:
    """``(field, old, new)`` of every tracked field that differs, as JSON values."""
    before, after = previous.model_dump(mode="json"), current.model_dump(mode="json")
    return [(f, before.get(f), after.get(f)) for f in TRACKED_ORDER_FIELDS if before.get(f) != after.get(f)]


def derive_status(order: WorkOrder, jobs: Sequence[JobAssignment]) -> WorkOrderStatus:
    """The status a work order moves to after its jobs changed (on hold and closed orders stay put).

    Any open job: dispatched (in progress once one has started). No open job but one completed:
    completed. Every job declined or cancelled: back to scheduled (new when not scheduled).
    """
    if order.status in CLOSED_ORDERS or order.status is WorkOrderStatus.ON_HOLD or not jobs:
        return order.status
    open_jobs = [j for j in jobs if j.status in OPEN_JOBS]
    if open_jobs:
        if any(j.status is JobStatus.STARTED for j in open_jobs) or order.status is WorkOrderStatus.IN_PROGRESS:
            return WorkOrderStatus.IN_PROGRESS
        return WorkOrderStatus.DISPATCHED
    if any(j.status is JobStatus.COMPLETED for j in jobs):
        return WorkOrderStatus.COMPLETED
    return WorkOrderStatus.SCHEDULED if order.scheduled_at else WorkOrderStatus.NEW


def holders(jobs: Iterable[JobAssignment]) -> list[JobAssignment]:
    """Jobs holding a slot, oldest assignment first."""
    return sorted((j for j in jobs if j.status in SLOT_JOBS), key=lambda j: (j.assigned_at, j.id))


# ---- dispatch ---------------------------------------------------------------------------------


@dataclass
class Candidate:
    """One technician judged against one work order."""

    technician: Technician
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None
    jobs_on_day: int = 0
    day: date | None = None
    fully_booked: bool = False

    def sort_key(self) -> tuple[Any, ...]:
        distance = self.distance_km if self.distance_km is not None else math.inf
        return (self.jobs_on_day, self.technician.current_jobs_count, distance, self.technician.employee_id)


def _local(technician: Technician, at: datetime) -> datetime:
    return at.astimezone(ZoneInfo(technician.timezone))


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _skills(technician: Technician, order: WorkOrder, day: date) -> list[str]:
    """What is missing or expired, as reasons; empty when the technician qualifies."""
    problems = [f"missing skill: {s}" for s in order.required_skills if s not in technician.skills]
    for name in order.required_certifications:
        held = [c for c in technician.certifications if c.name == name]
        if not held:
            problems.append(f"missing certification: {name}")
        elif not any(c.valid_on(day) for c in held):
            latest = max(c.expires_on for c in held if c.expires_on is not None)
            problems.append(f"certification {name} expired on {latest.isoformat()}")
    return problems


def _validity(technician: Technician, name: str, day: date) -> str:
    valid = [c for c in technician.certifications if c.name == name and c.valid_on(day)]
    if any(c.expires_on is None for c in valid):
        return f"{name} (does not expire)"
    return f"{name} valid until {max(c.expires_on for c in valid if c.expires_on is not None).isoformat()}"


def _coverage(technician: Technician, location: Location | None) -> tuple[bool, str, float | None]:
    """Whether the technician serves the location, why, and the distance to the nearest area centre."""
    point = location.point if location else None
    centres = [a for a in technician.service_areas if a.center is not None]
    distances = [(haversine_km(point, a.center), a) for a in centres if a.center is not None] if point else []
    nearest = min(distances, key=lambda pair: pair[0]) if distances else None
    if location is None or (location.postal_code is None and point is None):
        return True, "the work order has no location: coverage not checked", None
    if not technician.service_areas:
        return True, "no service areas set: serves every location", None
    if location.postal_code:
        for area in technician.service_areas:
            if any(postal_match(p, location.postal_code) for p in area.postal_codes):
                return True, f"serves postal code {location.postal_code}", nearest[0] if nearest else None
    for distance, area in sorted(distances, key=lambda pair: pair[0]):
        if area.radius_km is not None and distance <= area.radius_km:
            label = f" {area.name!r}" if area.name else ""
            return True, f"{distance:.1f} km from the centre of area{label} (radius {area.radius_km:g} km)", distance
    if nearest is not None:
        return False, f"outside every service area ({nearest[0]:.1f} km from the nearest centre)", nearest[0]
    return False, f"does not serve postal code {location.postal_code}", None


def judge(technician: Technician, order: WorkOrder, jobs_on_day: int) -> Candidate:
    """Every reason a technician fits or does not fit a scheduled work order.

    Hard requirements: active, every required skill, every required certification valid on the
    day, serves the location, not off or on leave, works that weekday at that time, a free slot.
    """
    if order.scheduled_at is None:
        raise ValueError("dispatch needs a scheduled work order")
    start = _local(technician, order.scheduled_at)
    day = start.date()
    candidate = Candidate(technician, eligible=True, day=day, jobs_on_day=jobs_on_day)
    problems: list[str] = []
    if not technician.is_active:
        problems.append("technician is deactivated")
    missing = _skills(technician, order, day)
    problems += missing
    if not missing and (order.required_skills or order.required_certifications):
        wanted = [*order.required_skills, *(_validity(technician, c, day) for c in order.required_certifications)]
        candidate.reasons.append("qualified: " + ", ".join(wanted))
    serves, why, distance = _coverage(technician, order.location)
    candidate.distance_km = None if distance is None else round(distance, 2)
    (candidate.reasons if serves else problems).append(why)
    if technician.availability_status in (TechnicianStatus.OFF, TechnicianStatus.ON_LEAVE):
        problems.append(f"technician is {technician.availability_status.value.replace('_', ' ')}")
    hours = technician.working_hours
    minute = start.hour * 60 + start.minute
    if start.weekday() not in hours.days:
        problems.append(f"does not work on {start.strftime('%A')}s")
    elif not _minutes(hours.start) <= minute < _minutes(hours.end):
        problems.append(
            f"{start.strftime('%H:%M')} is outside working hours {hours.start}-{hours.end} ({technician.timezone})"
        )
    else:
        end = start + timedelta(minutes=order.expected_duration_minutes)
        note = (
            ""
            if end.date() == day and end.hour * 60 + end.minute <= _minutes(hours.end)
            else " (runs past the end of the day)"
        )
        candidate.reasons.append(f"works {start.strftime('%A')} {hours.start}-{hours.end} {technician.timezone}{note}")
    if jobs_on_day >= technician.max_jobs_per_day:
        candidate.fully_booked = True
        problems.append(f"fully booked on {day.isoformat()} ({jobs_on_day} of {technician.max_jobs_per_day} jobs)")
    else:
        load = f"{jobs_on_day} of {technician.max_jobs_per_day} jobs on {day.isoformat()}"
        candidate.reasons.append(f"{technician.availability_status.value}, {load}")
    if problems:
        candidate.eligible = False
        candidate.reasons = problems
    return candidate


def rank(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Eligible technicians, lightest load first (jobs that day, then open jobs), then the nearest."""
    return sorted((c for c in candidates if c.eligible), key=Candidate.sort_key)
