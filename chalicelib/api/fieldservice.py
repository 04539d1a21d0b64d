"""Field service routes: technicians, schedules, work orders, dispatch suggestions and assignments."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, ListQuery, NoQuery, Output, QueryId
from chalicelib.api.tickets import actor
from chalicelib.domain.commands import (
    AssignCommand,
    JobPatch,
    TechnicianCommand,
    TechnicianPatch,
    WorkOrderCommand,
    WorkOrderPatch,
)
from chalicelib.domain.fieldservice import (
    Candidate,
    Certification,
    JobAssignment,
    JobStatus,
    Location,
    ServiceArea,
    Technician,
    TechnicianStatus,
    WorkOrder,
    WorkOrderStatus,
)
from chalicelib.domain.identity import BusinessHours
from chalicelib.domain.tickets import Priority
from chalicelib.services import fieldservice as service

api = Api("fieldservice", __name__)

ID_NOTE = "a technician id, or `me` for the caller's own technician record"


class TechnicianOut(Output):
    outside_version = ("current_jobs_count",)  # moved by assignments, in their own transactions

    id: str
    user_id: str
    employee_id: str
    skills: list[str]
    certifications: list[Certification]
    service_areas: list[ServiceArea]
    availability_status: TechnicianStatus
    max_jobs_per_day: int
    current_jobs_count: int = Field(description="open jobs (assigned, accepted, en route, started), exact")
    working_hours: BusinessHours
    timezone: str
    is_active: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, technician: Technician) -> TechnicianOut:
        return cls.model_validate(technician.model_dump())


class TechnicianPage(Output):
    items: list[TechnicianOut]
    next_cursor: str | None = None


class JobOut(Output):
    id: str
    work_order_number: str
    technician_id: str
    user_id: str
    status: JobStatus
    slot_day: date = Field(description="the technician's local day this job holds a slot on")
    assigned_by_id: str
    assigned_at: datetime
    accepted_at: datetime | None
    started_at: datetime | None
    completed_at: datetime | None
    declined_at: datetime | None
    cancelled_at: datetime | None
    notes: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, job: JobAssignment, order_number: str) -> JobOut:
        return cls.model_validate({**job.model_dump(), "work_order_number": order_number})


class WorkOrderOut(Output):
    number: int
    work_order_number: str
    title: str
    description: str
    status: WorkOrderStatus
    priority: Priority
    customer_id: str | None
    created_by_id: str
    technician_id: str | None = Field(description="the lead technician (the first one holding a slot)")
    assigned_technician_ids: list[str]
    location: Location | None
    scheduled_at: datetime | None
    expected_duration_minutes: int
    completed_at: datetime | None
    required_skills: list[str]
    required_certifications: list[str]
    custom_fields: dict[str, Any]
    ticket_number: str | None = Field(description="the ticket this work order was created from")
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, order: WorkOrder) -> WorkOrderOut:
        return cls.model_validate(order.model_dump())


class WorkOrderDetail(WorkOrderOut):
    assignments: list[JobOut]

    @classmethod
    def full(cls, order: WorkOrder, jobs: list[JobAssignment]) -> WorkOrderDetail:
        return cls.model_validate(
            {**order.model_dump(), "assignments": [JobOut.of(j, order.work_order_number) for j in jobs]}
        )


class WorkOrderPage(Output):
    items: list[WorkOrderOut]
    next_cursor: str | None = None


class ScheduledJobOut(Output):
    job: JobOut
    work_order: WorkOrderOut | None


class ScheduleOut(Output):
    technician: TechnicianOut
    date: dt.date
    jobs_on_day: int
    max_jobs_per_day: int
    items: list[ScheduledJobOut]


class JobPage(Output):
    items: list[ScheduledJobOut]
    next_cursor: str | None = None


class SuggestionOut(Output):
    technician_id: str
    user_id: str
    employee_id: str
    rank: int | None = Field(description="1 = best; null for excluded technicians")
    eligible: bool
    availability_status: TechnicianStatus
    jobs_on_day: int
    max_jobs_per_day: int
    current_jobs_count: int
    distance_km: float | None = Field(description="to the nearest service-area centre; null without coordinates")
    reasons: list[str] = Field(description="why the technician fits, or why not")

    @classmethod
    def of(cls, candidate: Candidate, rank: int | None) -> SuggestionOut:
        t = candidate.technician
        return cls(
            technician_id=t.id,
            user_id=t.user_id,
            employee_id=t.employee_id,
            rank=rank,
            eligible=candidate.eligible,
            availability_status=t.availability_status,
            jobs_on_day=candidate.jobs_on_day,
            max_jobs_per_day=t.max_jobs_per_day,
            current_jobs_count=t.current_jobs_count,
            distance_km=candidate.distance_km,
            reasons=candidate.reasons,
        )


class SuggestionsOut(Output):
    work_order_number: str
    scheduled_at: datetime | None
    considered: int = Field(description="active technicians judged")
    items: list[SuggestionOut]
    excluded: list[SuggestionOut] = Field(description="with include_excluded=true: who was left out and why")


class AssignmentOut(Output):
    assignment: JobOut
    work_order: WorkOrderOut


class ScheduleQuery(Input):
    date: dt.date = Field(description="the technician's local day, YYYY-MM-DD")


class JobsQuery(ListQuery):
    from_date: date | None = Field(None, alias="from", description="first local day (default: yesterday, UTC)")
    to_date: date | None = Field(None, alias="to", description="last local day (default: no end)")
    open_only: bool = Field(False, description="only assigned, accepted, en route or started jobs")


class WorkOrderQuery(ListQuery):
    status: WorkOrderStatus | None = Field(None, description="by status, soonest scheduled first")
    customer_id: QueryId | None = None


class SuggestionQuery(Input):
    limit: int = Field(10, ge=1, le=100)
    include_excluded: bool = False


def _scheduled(items: list[service.ScheduledJob]) -> list[ScheduledJobOut]:
    return [
        ScheduledJobOut(
            job=JobOut.of(s.job, s.order.work_order_number if s.order else str(s.job.work_order)),
            work_order=WorkOrderOut.of(s.order) if s.order else None,
        )
        for s in items
    ]


# ---- technicians ------------------------------------------------------------------------------


class TechnicianQuery(ListQuery):
    user_id: QueryId | None = Field(None, description="only the technician record of this user")


@api.route(
    "/technicians",
    "GET",
    summary="Technicians (managers, admins; a technician: `user_id` = themselves)",
    query=TechnicianQuery,
    response=TechnicianPage,
)
def list_technicians(call: Call[None, TechnicianQuery]) -> TechnicianPage:
    q = call.query
    page = service.list_technicians(call.principal, q.limit, q.cursor, q.user_id)
    return TechnicianPage(items=[TechnicianOut.of(t) for t in page.items], next_cursor=page.next_cursor)


@api.route(
    "/technicians",
    "POST",
    summary="Make a staff user a technician",
    request=TechnicianCommand,
    response=TechnicianOut,
    status=201,
    location="/technicians/{id}",
    errors=(409, 422),
)
def create_technician(call: Call[TechnicianCommand, NoQuery]) -> TechnicianOut:
    return TechnicianOut.of(service.create_technician(call.principal, call.body))


@api.route(
    "/technicians/{technician_id}", "GET", summary="One technician", description=ID_NOTE, response=TechnicianOut,
    errors=(404,),
)  # fmt: skip
def get_technician(call: Call[None, NoQuery], technician_id: str) -> TechnicianOut:
    return TechnicianOut.of(service.get_technician(call.principal, technician_id))


@api.route(
    "/technicians/{technician_id}",
    "PATCH",
    summary="Edit a technician (technicians: their own availability_status); If-Match",
    description=ID_NOTE,
    request=TechnicianPatch,
    response=TechnicianOut,
    errors=(404, 409, 422),
    if_match=True,
)
def update_technician(call: Call[TechnicianPatch, NoQuery], technician_id: str) -> TechnicianOut:
    return TechnicianOut.of(service.update_technician(call.principal, technician_id, call.body, call.if_match()))


@api.route(
    "/technicians/{technician_id}",
    "DELETE",
    summary="Deactivate a technician (409 while they hold open jobs)",
    status=204,
    errors=(404, 409),
)
def delete_technician(call: Call[None, NoQuery], technician_id: str) -> None:
    service.deactivate_technician(call.principal, technician_id)


@api.route(
    "/technicians/{technician_id}/schedule",
    "GET",
    summary="A technician's jobs on one local day, with their work orders",
    description=ID_NOTE,
    query=ScheduleQuery,
    response=ScheduleOut,
    errors=(404,),
)
def get_schedule(call: Call[None, ScheduleQuery], technician_id: str) -> ScheduleOut:
    found = service.schedule(call.principal, technician_id, call.query.date)
    return ScheduleOut(
        technician=TechnicianOut.of(found.technician),
        date=found.day,
        jobs_on_day=found.jobs_on_day,
        max_jobs_per_day=found.technician.max_jobs_per_day,
        items=_scheduled(found.jobs),
    )


@api.route(
    "/technicians/{technician_id}/jobs",
    "GET",
    summary="My jobs: a technician's jobs from a day on, in schedule order",
    description=ID_NOTE,
    query=JobsQuery,
    response=JobPage,
    errors=(404,),
)
def list_jobs(call: Call[None, JobsQuery], technician_id: str) -> JobPage:
    q = call.query
    page = service.technician_jobs(
        call.principal, technician_id, q.from_date, q.to_date, q.open_only, q.limit, q.cursor
    )
    return JobPage(items=_scheduled(page.items), next_cursor=page.next_cursor)


class BoardQuery(ListQuery):
    from_date: date = Field(alias="from", description="first local day, YYYY-MM-DD")
    to_date: date = Field(alias="to", description="last local day (at most 6 days after from)")


class BoardRowOut(Output):
    technician: TechnicianOut
    jobs: list[ScheduledJobOut] = Field(description="the technician's jobs in the range, in schedule order")
    more_jobs: bool = Field(description="more than 100 jobs in the range: read the rest at /technicians/{id}/jobs")


class BoardOut(Output):
    first_day: date
    last_day: date
    items: list[BoardRowOut] = Field(description="a page of technicians, each with their jobs")
    next_cursor: str | None = None


@api.route(
    "/dispatch-board",
    "GET",
    summary="The dispatch board: technicians with their jobs and work orders over a day or a week",
    description="Dispatchers (managers, admins). At most 7 days; a page of technicians (limit, cursor).",
    query=BoardQuery,
    response=BoardOut,
)
def dispatch_board(call: Call[None, BoardQuery]) -> BoardOut:
    q = call.query
    rows, cursor = service.board(call.principal, q.from_date, q.to_date, q.limit, q.cursor)
    return BoardOut(
        first_day=q.from_date,
        last_day=q.to_date,
        items=[
            BoardRowOut(technician=TechnicianOut.of(r.technician), jobs=_scheduled(r.jobs), more_jobs=r.more)
            for r in rows
        ],
        next_cursor=cursor,
    )


# ---- work orders ------------------------------------------------------------------------------


@api.route(
    "/work-orders",
    "GET",
    summary="Work orders (managers: all, by status or customer; customers: their own)",
    query=WorkOrderQuery,
    response=WorkOrderPage,
)
def list_work_orders(call: Call[None, WorkOrderQuery]) -> WorkOrderPage:
    q = call.query
    page = service.list_work_orders(call.principal, q.status, q.customer_id, q.limit, q.cursor)
    return WorkOrderPage(items=[WorkOrderOut.of(o) for o in page.items], next_cursor=page.next_cursor)


@api.route(
    "/work-orders",
    "POST",
    summary="Create a work order (from a ticket with ticket_number: linked both ways)",
    request=WorkOrderCommand,
    response=WorkOrderDetail,
    status=201,
    location="/work-orders/{work_order_number}",
    errors=(404, 409, 422),
)
def create_work_order(call: Call[WorkOrderCommand, NoQuery]) -> WorkOrderDetail:
    return WorkOrderDetail.full(service.create_work_order(call.principal, call.body, actor(call)), [])


@api.route(
    "/work-orders/{number}", "GET", summary="A work order with its assignments", response=WorkOrderDetail,
    errors=(404,),
)  # fmt: skip
def get_work_order(call: Call[None, NoQuery], number: str) -> WorkOrderDetail:
    return WorkOrderDetail.full(*service.get_work_order(call.principal, number))


@api.route(
    "/work-orders/{number}",
    "PATCH",
    summary="Edit, reschedule or move a work order along (status); If-Match",
    request=WorkOrderPatch,
    response=WorkOrderDetail,
    errors=(404, 409, 422),
    if_match=True,
)
def update_work_order(call: Call[WorkOrderPatch, NoQuery], number: str) -> WorkOrderDetail:
    return WorkOrderDetail.full(*service.update_work_order(call.principal, number, call.body, call.if_match()))


@api.route(
    "/work-orders/{number}/dispatch-suggestions",
    "GET",
    summary="Technicians ranked for a scheduled work order, with the reasons",
    description=(
        "Eligible: active, every required skill, every required certification valid on the day, serves the "
        "location (postal code, or within a service area's radius), not off or on leave, works at that time, "
        "a free slot that day. Ranked by jobs that day, then open jobs, then distance."
    ),
    query=SuggestionQuery,
    response=SuggestionsOut,
    errors=(404, 422),
)
def dispatch_suggestions(call: Call[None, SuggestionQuery], number: str) -> SuggestionsOut:
    found = service.dispatch_suggestions(call.principal, number, call.query.limit, call.query.include_excluded)
    return SuggestionsOut(
        work_order_number=found.order.work_order_number,
        scheduled_at=found.order.scheduled_at,
        considered=found.considered,
        items=[SuggestionOut.of(c, i) for i, c in enumerate(found.ranked, start=1)],
        excluded=[SuggestionOut.of(c, None) for c in found.excluded],
    )


@api.route(
    "/work-orders/{number}/assignments",
    "POST",
    summary="Assign a technician, or the top suggestion with auto: true",
    request=AssignCommand,
    response=AssignmentOut,
    status=201,
    location="/work-orders/{work_order.work_order_number}/assignments/{assignment.id}",
    errors=(404, 409, 422),
)
def assign(call: Call[AssignCommand, NoQuery], number: str) -> AssignmentOut:
    job, order = service.assign(call.principal, number, call.body)
    return AssignmentOut(assignment=JobOut.of(job, order.work_order_number), work_order=WorkOrderOut.of(order))


@api.route(
    "/work-orders/{number}/assignments/{assignment_id}",
    "PATCH",
    summary="Move an assignment along (accept, decline, en_route, start, complete; dispatchers: cancel) or edit notes",
    request=JobPatch,
    response=AssignmentOut,
    errors=(403, 404, 409),
)
def update_assignment(call: Call[JobPatch, NoQuery], number: str, assignment_id: str) -> AssignmentOut:
    job, order = service.update_job(call.principal, number, assignment_id, call.body)
    return AssignmentOut(assignment=JobOut.of(job, order.work_order_number), work_order=WorkOrderOut.of(order))
