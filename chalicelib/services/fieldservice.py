"""Field service use cases: technicians, work orders, dispatch suggestions, assignments, schedules.

Capacity is enforced by the table, not by reading first: taking a day slot is an ADD under the
condition ``jobs < max_jobs_per_day`` in the same transaction as the job, the work order
(version-checked) and the technician's ``current_jobs_count`` (conditional on the technician
being the version that was judged). Every job change that frees a slot or closes a job ADDs
the opposite in its own transaction, so both counts stay exact under any concurrency.

Visibility: managers and admins see every work order; a technician (agent) sees the work orders
they hold a job on; a customer sees their own. Anything else is a 404.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from chalicelib.auth import policy
from chalicelib.auth.policy import Target
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import (
    AssignCommand,
    JobPatch,
    TechnicianCommand,
    TechnicianPatch,
    WorkOrderCommand,
    WorkOrderPatch,
)
from chalicelib.domain.errors import (
    Conflict,
    Forbidden,
    Invalid,
    InvalidInput,
    NotFound,
    RuleViolation,
    require_version,
)
from chalicelib.domain.fieldservice import (
    CLOSED_ORDERS,
    MAX_ASSIGNMENTS,
    OPEN_JOBS,
    SLOT_JOBS,
    TECHNICIAN_MOVES,
    Candidate,
    JobAssignment,
    JobStatus,
    Technician,
    WorkOrder,
    WorkOrderStatus,
    check_job_transition,
    check_order_transition,
    derive_status,
    format_number,
    holders,
    judge,
    parse_number,
    rank,
)
from chalicelib.domain.identity import STAFF_ROLES, Principal, Role
from chalicelib.domain.tickets import Ticket
from chalicelib.observability import count
from chalicelib.services import tickets, time_entries
from chalicelib.services.identity import active_user, new_id
from chalicelib.services.retry import retry_on_conflict
from chalicelib.services.tickets import Actor
from chalicelib.store import fieldservice as store
from chalicelib.store import identity as identity_store
from chalicelib.store.keys import is_safe_part
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation

ME = "me"
ATTEMPTS = 3  # a write that lost a race (stale work order or technician) is re-read and retried
MAX_CUSTOM_FIELDS_BYTES = 8 * 1024


# ---- technicians ------------------------------------------------------------------------------


def _resolve(principal: Principal, technician_id: str) -> Technician:
    """A technician by id, or the caller's own for ``me``; 404 when missing or not visible."""
    if technician_id == ME:
        found = store.technician_id_for_user(principal.org_id, principal.user_id)
        if found is None:
            raise NotFound("You are not a technician of this organization.", code="not_a_technician")
        technician_id = found
    technician = store.get_technician(principal.org_id, technician_id) if len(technician_id) <= 40 else None
    if technician is None or not policy.allowed(principal, "technicians.read", Target(owner_id=technician.user_id)):
        raise NotFound("Not found.")
    return technician


def _check_user(principal: Principal, user_id: str) -> None:
    invalid = RuleViolation(
        "A technician is an active staff user (agent, manager or admin) of the organization.",
        code="invalid_user",
        details=[{"field": "user_id"}],
    )
    active_user(principal.org_id, user_id, STAFF_ROLES, invalid)


def create_technician(principal: Principal, command: TechnicianCommand) -> Technician:
    policy.require(principal, "technicians.write")
    _check_user(principal, command.user_id)
    now = utcnow()
    technician = Technician(
        id=new_id(),
        org_id=principal.org_id,
        **command.model_dump(exclude={"skills"}),
        skills=sorted(set(command.skills)),
        created_at=now,
        updated_at=now,
    )
    return store.create_technician(technician)


def get_technician(principal: Principal, technician_id: str) -> Technician:
    return _resolve(principal, technician_id)


def list_technicians(
    principal: Principal, limit: int, cursor: str | None, user_id: str | None = None
) -> Page[Technician]:
    """Every technician; with ``user_id`` the one record of that user (its guard names it: two
    GetItems), which a technician may ask about themselves."""
    if user_id is not None:
        if not policy.allowed(principal, "technicians.read", Target(owner_id=user_id)):
            raise Forbidden("Technicians look up their own record only.", code="forbidden")
        found = store.technician_id_for_user(principal.org_id, user_id) if is_safe_part(user_id) else None
        technician = store.get_technician(principal.org_id, found) if found else None
        return Page([technician] if technician is not None else [], None)
    if not policy.holds(principal, "technicians.read"):
        raise Forbidden("Managers and admins list technicians; technicians read /technicians/me.", code="forbidden")
    return store.list_technicians(principal.org_id, limit=limit, cursor=cursor)


@retry_on_conflict
def update_technician(
    principal: Principal, technician_id: str, patch: TechnicianPatch, if_match: int | None
) -> Technician:
    technician = _resolve(principal, technician_id)
    changes = patch.changes()
    if set(changes) - {"availability_status"}:
        policy.require(principal, "technicians.write")
    else:
        policy.require(principal, "technicians.availability", Target(owner_id=technician.user_id))
    require_version("technician", technician.version, if_match)
    if "skills" in changes:
        changes["skills"] = sorted(set(changes["skills"]))
    updated = Technician.model_validate(
        {
            **technician.model_dump(),
            **patch.values(),
            "skills": changes.get("skills", technician.skills),
            "updated_at": utcnow(),
        }
    )
    if technician.is_active and not updated.is_active and technician.current_jobs_count:
        raise Conflict(
            f"The technician holds {technician.current_jobs_count} open jobs; reassign or cancel them first.",
            code="technician_has_open_jobs",
        )
    return store.save_technician(updated, technician)


def deactivate_technician(principal: Principal, technician_id: str) -> Technician:
    """DELETE: soft, refused while the technician holds open jobs."""
    return update_technician(principal, technician_id, TechnicianPatch(is_active=False), None)


@dataclass
class ScheduledJob:
    job: JobAssignment
    order: WorkOrder | None


@dataclass
class Schedule:
    technician: Technician
    day: date
    jobs: list[ScheduledJob]

    @property
    def jobs_on_day(self) -> int:
        return sum(1 for j in self.jobs if j.job.status in SLOT_JOBS)


def schedule(principal: Principal, technician_id: str, day: date) -> Schedule:
    """The technician's jobs on one local day with their work orders: a Query and a BatchGetItem."""
    technician = _resolve(principal, technician_id)
    page = store.jobs_of_technician(
        principal.org_id, technician.id, first_day=day, last_day=day, limit=100, cursor=None
    )
    orders = store.get_work_orders(principal.org_id, [j.work_order for j in page.items])
    return Schedule(technician, day, [ScheduledJob(j, orders.get(j.work_order)) for j in page.items])


def technician_jobs(
    principal: Principal,
    technician_id: str,
    first_day: date | None,
    last_day: date | None,
    open_only: bool,
    limit: int,
    cursor: str | None,
) -> Page[ScheduledJob]:
    """ "My jobs": a technician's jobs from ``first_day`` (default: yesterday), optionally open ones only."""
    technician = _resolve(principal, technician_id)
    start = first_day or (utcnow() - timedelta(days=1)).date()
    page = store.jobs_of_technician(
        principal.org_id, technician.id, first_day=start, last_day=last_day, limit=limit, cursor=cursor
    )
    jobs = [j for j in page.items if not open_only or j.status in OPEN_JOBS]
    orders = store.get_work_orders(principal.org_id, [j.work_order for j in jobs])
    return Page([ScheduledJob(j, orders.get(j.work_order)) for j in jobs], page.next_cursor)


MAX_BOARD_DAYS = 7  # the board shows a day or a week
MAX_BOARD_JOBS = 100  # per technician in the range: a week of full days fits


@dataclass
class BoardRow:
    technician: Technician
    jobs: list[ScheduledJob]
    more: bool  # the technician holds more jobs in the range than one row carries


def board(
    principal: Principal, first_day: date, last_day: date, limit: int, cursor: str | None
) -> tuple[list[BoardRow], str | None]:
    """The dispatch board: a page of technicians, each with their jobs from ``first_day`` through
    ``last_day`` and the work orders of those jobs. One Query for the technicians, one Query per
    technician (at most ``limit``), and one BatchGetItem per 100 work orders."""
    policy.require(principal, "workorders.dispatch")
    if last_day < first_day or (last_day - first_day).days >= MAX_BOARD_DAYS:
        raise InvalidInput(
            f"to is on or after from, and the range is at most {MAX_BOARD_DAYS} days.",
            code="invalid_query",
            details=[{"field": "to", "message": f"from .. to spans 1 to {MAX_BOARD_DAYS} days", "type": "value_error"}],
        )
    page = store.list_technicians(principal.org_id, limit=limit, cursor=cursor)
    found = {
        t.id: store.jobs_of_technician(
            principal.org_id, t.id, first_day=first_day, last_day=last_day, limit=MAX_BOARD_JOBS, cursor=None
        )
        for t in page.items
    }
    orders = store.get_work_orders(principal.org_id, [j.work_order for p in found.values() for j in p.items])
    rows = [
        BoardRow(
            t,
            [ScheduledJob(j, orders.get(j.work_order)) for j in found[t.id].items],
            found[t.id].next_cursor is not None,
        )
        for t in page.items
    ]
    return rows, page.next_cursor


# ---- work orders ------------------------------------------------------------------------------


def _number(text: str) -> int:
    try:
        return parse_number(text)
    except Invalid as exc:
        raise NotFound("Not found.") from exc


def _visible(principal: Principal, order: WorkOrder | None) -> WorkOrder:
    if order is None or not policy.can_see_work_order(principal, order.customer_id, order.assigned_user_ids):
        raise NotFound("Not found.")
    return order


def _load(principal: Principal, number: str) -> tuple[WorkOrder, list[JobAssignment]]:
    order, jobs = store.get_work_order(principal.org_id, _number(number))
    return _visible(principal, order), jobs


def get_work_order(principal: Principal, number: str) -> tuple[WorkOrder, list[JobAssignment]]:
    """The work order with its jobs (one Query); customers do not see the technicians' notes."""
    order, jobs = _load(principal, number)
    if principal.role is Role.CUSTOMER:
        jobs = [j.model_copy(update={"notes": ""}) for j in jobs]
    return order, jobs


def _check_custom_fields(values: dict[str, object]) -> None:
    import json

    if len(json.dumps(values, default=str)) > MAX_CUSTOM_FIELDS_BYTES:
        raise RuleViolation(
            f"custom_fields may hold at most {MAX_CUSTOM_FIELDS_BYTES} bytes of JSON.",
            code="custom_fields_too_large",
            details=[{"field": "custom_fields"}],
        )


def _check_customer(principal: Principal, customer_id: str) -> None:
    active_user(principal.org_id, customer_id, {Role.CUSTOMER}, tickets.invalid_customer())


def create_work_order(principal: Principal, command: WorkOrderCommand, actor: Actor | None = None) -> WorkOrder:
    """A new work order (``scheduled`` when it has a time). From a ticket: the ticket gets an internal
    note and the link, in the work order's own transaction."""
    policy.require(principal, "workorders.write")
    _check_custom_fields(command.custom_fields)
    org = identity_store.get_organization(principal.org_id)
    if org is None:
        raise NotFound("Not found.")
    ticket = tickets.load_ticket(principal, command.ticket_number) if command.ticket_number else None
    customer_id = command.customer_id or (ticket.customer_id if ticket else None)
    if command.customer_id:
        _check_customer(principal, command.customer_id)
    now = utcnow()
    for _ in range(5):
        number = store.allocate_number(principal.org_id)
        order = build_order(
            principal.org_id,
            format_number(org.settings.ticket_number_prefix, number),
            number,
            command,
            customer_id=customer_id,
            created_by_id=principal.user_id,
            ticket_number=ticket.ticket_number if ticket else None,
            now=now,
        )
        put = store.order_put(order, None)
        try:
            if ticket is not None:
                tickets.link_work_order(
                    principal, ticket.ticket_number, order.work_order_number, actor or Actor(principal), _also([put])
                )
            else:
                store.write([put])
        except Conflict as exc:
            if exc.code != "number_taken":
                raise
            continue
        count("WorkOrderCreated")
        return order
    raise Conflict("Could not allocate a work order number; retry.", code="number_taken")


def build_order(
    org_id: str,
    display: str,
    number: int,
    command: WorkOrderCommand,
    *,
    customer_id: str | None,
    created_by_id: str,
    ticket_number: str | None,
    now: datetime,
) -> WorkOrder:
    return WorkOrder(
        org_id=org_id,
        number=number,
        work_order_number=display,
        title=command.title,
        description=command.description,
        status=WorkOrderStatus.SCHEDULED if command.scheduled_at else WorkOrderStatus.NEW,
        priority=command.priority,
        customer_id=customer_id,
        created_by_id=created_by_id,
        location=command.location,
        scheduled_at=command.scheduled_at,
        expected_duration_minutes=command.expected_duration_minutes,
        required_skills=sorted(set(command.required_skills)),
        required_certifications=sorted(set(command.required_certifications)),
        custom_fields=command.custom_fields,
        ticket_number=ticket_number,
        created_at=now,
        updated_at=now,
    )


def order_for_ticket(
    ticket: Ticket, command: WorkOrderCommand, created_by_id: str, now: datetime, *, allocate: bool
) -> WorkOrder:
    """A work order an automation rule creates for a ticket (its number allocated unless ``allocate`` is
    False, for a dry run). The caller writes it with ``store.order_put`` in the ticket's transaction."""
    org = identity_store.get_organization(ticket.org_id)
    prefix = org.settings.ticket_number_prefix if org else "T"
    number = store.allocate_number(ticket.org_id) if allocate else 0
    display = format_number(prefix, number) if allocate else f"{prefix}-WO-(new)"
    return build_order(
        ticket.org_id,
        display,
        number,
        command,
        customer_id=ticket.customer_id,
        created_by_id=created_by_id,
        ticket_number=ticket.ticket_number,
        now=now,
    )


def _also(operations: list[Operation]) -> tickets.Extra:
    return lambda _ticket: operations


def list_work_orders(
    principal: Principal,
    status: WorkOrderStatus | None,
    customer_id: str | None,
    limit: int,
    cursor: str | None,
) -> Page[WorkOrder]:
    """Managers: every work order (by status or customer); customers: their own; technicians: theirs."""
    policy.require(principal, "workorders.read")
    if policy.holds(principal, "workorders.read"):
        return store.list_work_orders(
            principal.org_id, status=status, customer_id=customer_id, limit=limit, cursor=cursor
        )
    if principal.role is Role.CUSTOMER:
        if customer_id not in (None, principal.user_id):
            raise Forbidden("Customers see their own work orders.", code="forbidden")
        return store.list_work_orders(
            principal.org_id, status=status, customer_id=principal.user_id, limit=limit, cursor=cursor
        )
    raise Forbidden(
        "Technicians list their work orders at /technicians/me/jobs and /technicians/me/schedule.",
        code="forbidden",
    )


def _technicians(org_id: str, jobs: Sequence[JobAssignment]) -> dict[str, Technician]:
    found: dict[str, Technician] = {}
    for technician_id in {j.technician_id for j in jobs}:
        technician = store.get_technician(org_id, technician_id)
        if technician is not None:
            found[technician_id] = technician
    return found


def _roster(order: WorkOrder, jobs: Sequence[JobAssignment], now: datetime) -> WorkOrder:
    """Who holds the work order (lead first) and the status its jobs imply."""
    holding = holders(jobs)
    status = derive_status(order, jobs)
    update: dict[str, object] = {
        "technician_id": holding[0].technician_id if holding else None,
        "assigned_technician_ids": list(dict.fromkeys(j.technician_id for j in holding)),
        "assigned_user_ids": list(dict.fromkeys(j.user_id for j in holding)),
        "status": status,
        "updated_at": now,
    }
    if status is WorkOrderStatus.COMPLETED and order.status is not WorkOrderStatus.COMPLETED:
        update["completed_at"] = now
    return order.model_copy(update=update)


def _close_job(
    job: JobAssignment, status: JobStatus, technician: Technician | None, now: datetime
) -> tuple[JobAssignment, list[Operation]]:
    """A job leaving ``job.status`` for ``status``: its timestamps and the counters it releases."""
    stamp = {
        JobStatus.ACCEPTED: "accepted_at",
        JobStatus.STARTED: "started_at",
        JobStatus.COMPLETED: "completed_at",
        JobStatus.DECLINED: "declined_at",
        JobStatus.CANCELLED: "cancelled_at",
    }.get(status)
    changed = job.model_copy(update={"status": status, "updated_at": now, **({stamp: now} if stamp else {})})
    operations: list[Operation] = []
    if technician is not None:
        if job.status in SLOT_JOBS and status not in SLOT_JOBS:
            operations.append(store.slot_operation(job.org_id, technician, job.slot_day, -1))
        if job.status in OPEN_JOBS and status not in OPEN_JOBS:
            operations.append(store.open_jobs_operation(technician, -1, as_read=False))
    return changed, operations


@retry_on_conflict
def update_work_order(
    principal: Principal, number: str, patch: WorkOrderPatch, if_match: int | None
) -> tuple[WorkOrder, list[JobAssignment]]:
    """Edit a work order. Status moves follow the transition table and the jobs: cancelling cancels
    the open jobs (freeing their slots); rescheduling moves the open jobs' slots to the new day."""
    order, jobs = _load(principal, number)
    policy.require(principal, "workorders.write")
    require_version("work order", order.version, if_match)
    if order.status in CLOSED_ORDERS:
        raise Conflict(f"The work order is {order.status.value}; it can no longer change.", code="work_order_closed")
    fields = patch.values()
    if patch.custom_fields is not None:
        _check_custom_fields(patch.custom_fields)
    now = utcnow()
    values = {k: v for k, v in fields.items() if k != "status"}
    for name in ("required_skills", "required_certifications"):
        if name in values:
            values[name] = sorted(set(values[name]))
    updated = order.model_copy(update={**values, "updated_at": now})
    open_jobs = [j for j in jobs if j.status in OPEN_JOBS]
    technicians = _technicians(principal.org_id, open_jobs)
    operations: list[Operation] = []
    new_jobs = {j.id: j for j in jobs}

    if "scheduled_at" in fields and updated.scheduled_at != order.scheduled_at:
        if updated.scheduled_at is None and open_jobs:
            raise Conflict("Cancel the open assignments before unscheduling.", code="open_jobs")
        if updated.scheduled_at is not None and patch.status is not WorkOrderStatus.CANCELLED:
            for job in open_jobs:
                technician = technicians.get(job.technician_id)
                if technician is None:
                    continue
                day = technician.local_day(updated.scheduled_at)
                if day != job.slot_day:
                    operations.append(store.slot_operation(order.org_id, technician, job.slot_day, -1))
                    operations.append(store.slot_operation(order.org_id, technician, day, 1))
                new_jobs[job.id] = job.model_copy(update={"slot_day": day, "updated_at": now})
        if updated.status is WorkOrderStatus.NEW and updated.scheduled_at is not None:
            updated = updated.model_copy(update={"status": WorkOrderStatus.SCHEDULED})
        elif updated.status is WorkOrderStatus.SCHEDULED and updated.scheduled_at is None:
            updated = updated.model_copy(update={"status": WorkOrderStatus.NEW})

    wanted = patch.status
    if wanted is not None and wanted != order.status:
        updated = _move_status(updated, open_jobs, new_jobs, technicians, wanted, now, operations)
    rescheduled = updated.scheduled_at != order.scheduled_at
    before = {j.id: j for j in jobs}
    changed_jobs = [j for j in new_jobs.values() if j != before[j.id] or (rescheduled and j.status in SLOT_JOBS)]
    store.write(
        [
            store.order_put(updated, order),
            *(store.job_put(j, _scheduled(updated)) for j in changed_jobs),
            *operations,
        ]
    )
    return updated.model_copy(update={"version": order.version + 1}), list(new_jobs.values())


def _move_status(
    updated: WorkOrder,
    open_jobs: Sequence[JobAssignment],
    new_jobs: dict[str, JobAssignment],
    technicians: dict[str, Technician],
    wanted: WorkOrderStatus,
    now: datetime,
    operations: list[Operation],
) -> WorkOrder:
    """The status move a PATCH (or a rule) asks for, checked against the transition table and the
    open jobs; cancelling cancels the open jobs (their changes go to ``new_jobs``, the slots they
    free to ``operations``)."""
    check_order_transition(updated.status, wanted)
    if wanted is WorkOrderStatus.SCHEDULED and updated.scheduled_at is None:
        raise RuleViolation("Set scheduled_at to schedule the work order.", code="not_scheduled")
    if wanted in (WorkOrderStatus.NEW, WorkOrderStatus.SCHEDULED, WorkOrderStatus.COMPLETED) and open_jobs:
        raise Conflict(
            f"{len(open_jobs)} assignments are still open; complete, decline or cancel them first.",
            code="open_jobs",
        )
    if wanted in (WorkOrderStatus.DISPATCHED, WorkOrderStatus.IN_PROGRESS) and not open_jobs:
        raise Conflict("Assign a technician first.", code="no_open_jobs")
    if wanted is WorkOrderStatus.CANCELLED:
        for job in open_jobs:
            new_jobs[job.id], released = _close_job(
                new_jobs[job.id], JobStatus.CANCELLED, technicians.get(job.technician_id), now
            )
            operations += released
    updated = updated.model_copy(update={"status": wanted})
    if wanted is WorkOrderStatus.COMPLETED:
        updated = updated.model_copy(update={"completed_at": now})
    if wanted is WorkOrderStatus.CANCELLED:
        updated = _roster(updated, list(new_jobs.values()), now)
    return updated


@dataclass
class Change:
    """A change to a work order planned but not written: the order after it, every job after it
    (changed or new), and the counter operations that go with it."""

    order: WorkOrder
    jobs: list[JobAssignment]
    operations: list[Operation] = field(default_factory=list)


def plan_status(order: WorkOrder, jobs: Sequence[JobAssignment], wanted: WorkOrderStatus, now: datetime) -> Change:
    """A status move (an automation rule's ``set_work_order_status``), checked as a PATCH is; not written."""
    if order.status in CLOSED_ORDERS:
        raise Conflict(f"The work order is {order.status.value}; it can no longer change.", code="work_order_closed")
    if wanted == order.status:
        return Change(order, list(jobs))
    open_jobs = [j for j in jobs if j.status in OPEN_JOBS]
    new_jobs = {j.id: j for j in jobs}
    operations: list[Operation] = []
    technicians = _technicians(order.org_id, open_jobs) if wanted is WorkOrderStatus.CANCELLED else {}
    updated = _move_status(
        order.model_copy(update={"updated_at": now}), open_jobs, new_jobs, technicians, wanted, now, operations
    )
    return Change(updated, list(new_jobs.values()), operations)


def _scheduled(order: WorkOrder) -> str | None:
    return order.scheduled_at.isoformat() if order.scheduled_at else None


# ---- dispatch ---------------------------------------------------------------------------------


@dataclass
class Suggestions:
    order: WorkOrder
    ranked: list[Candidate]
    excluded: list[Candidate] = field(default_factory=list)
    considered: int = 0


def _judge_all(org_id: str, order: WorkOrder, jobs: Sequence[JobAssignment]) -> tuple[list[Candidate], list[Candidate]]:
    """Every active technician judged against the order: one Query for the technicians and one per
    local day involved (usually one) for their day loads."""
    if order.scheduled_at is None:
        raise RuleViolation(
            "Set scheduled_at first: dispatch matches technicians to a day.",
            code="not_scheduled",
            details=[{"field": "scheduled_at"}],
        )
    scheduled = order.scheduled_at
    technicians = [t for t in store.all_technicians(org_id) if t.is_active]
    loads: dict[date, dict[str, int]] = {}
    for day in sorted({t.local_day(scheduled) for t in technicians}):
        loads[day] = store.day_loads(org_id, day)
    holding = {j.technician_id for j in jobs if j.status in OPEN_JOBS}
    judged = []
    for technician in technicians:
        candidate = judge(technician, order, loads[technician.local_day(scheduled)].get(technician.id, 0))
        if technician.id in holding:
            candidate.eligible, candidate.reasons = False, ["already assigned to this work order"]
        judged.append(candidate)
    ranked = rank(judged)
    return ranked, [c for c in judged if not c.eligible]


def dispatch_suggestions(principal: Principal, number: str, limit: int, include_excluded: bool) -> Suggestions:
    order, jobs = _load(principal, number)
    policy.require(principal, "workorders.dispatch")
    ranked, excluded = _judge_all(principal.org_id, order, jobs)
    return Suggestions(
        order,
        ranked[:limit],
        sorted(excluded, key=lambda c: c.technician.employee_id) if include_excluded else [],
        considered=len(ranked) + len(excluded),
    )


def assign(principal: Principal, number: str, command: AssignCommand) -> tuple[JobAssignment, WorkOrder]:
    """Assign a technician (or the top suggestion with ``auto``): the job, the work order, the day
    slot and the technician's open-job count in ONE transaction. A lost race is re-read and retried."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _assign_once(principal, number, command)
        except (Conflict, RuleViolation) as exc:
            # Lost a race: the work order or technician changed, or (auto) the top technician's
            # last slot went to another work order meanwhile; judge again.
            retry = exc.code == "stale_version" or (command.auto and exc.code == "technician_fully_booked")
            if not retry or attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _assign_once(principal: Principal, number: str, command: AssignCommand) -> tuple[JobAssignment, WorkOrder]:
    order, jobs = _load(principal, number)
    policy.require(principal, "workorders.dispatch")
    technician_id = None if command.auto else (command.technician_id or "")
    change = plan_assignment(order, jobs, technician_id, principal.user_id, command.notes, utcnow())
    job = change.jobs[-1]
    store.write(
        [store.order_put(change.order, order), store.job_put(job, _scheduled(change.order)), *change.operations]
    )
    count("JobAssigned")
    return job, change.order.model_copy(update={"version": order.version + 1})


def plan_assignment(
    order: WorkOrder,
    jobs: Sequence[JobAssignment],
    technician_id: str | None,
    assigned_by_id: str,
    notes: str,
    now: datetime,
) -> Change:
    """A new job for ``technician_id`` (None: the best of the dispatch suggestions), judged as the
    assignment route judges it; not written. The new job is the last of ``Change.jobs``; the
    operations take the day slot and count the open job (both conditional, so a race is refused)."""
    if order.status in CLOSED_ORDERS:
        raise Conflict(f"The work order is {order.status.value}.", code="work_order_closed")
    if len(jobs) >= MAX_ASSIGNMENTS:
        raise RuleViolation(f"A work order holds at most {MAX_ASSIGNMENTS} assignments.", code="too_many_assignments")
    if technician_id is None:
        ranked, excluded = _judge_all(order.org_id, order, jobs)
        if not ranked:
            raise RuleViolation(
                "No technician is eligible for this work order; see the dispatch suggestions with include_excluded.",
                code="no_eligible_technician",
                details=[{"considered": len(excluded)}],
            )
        chosen = ranked[0]
    else:
        technician = store.get_technician(order.org_id, technician_id) if technician_id else None
        if technician is None or not technician.is_active:
            raise RuleViolation(
                "technician_id must be an active technician of the organization.",
                code="invalid_technician",
                details=[{"field": "technician_id"}],
            )
        if order.scheduled_at is None:
            raise RuleViolation(
                "Set scheduled_at first: an assignment takes a slot on the technician's day.",
                code="not_scheduled",
                details=[{"field": "scheduled_at"}],
            )
        if any(j.technician_id == technician.id and j.status in OPEN_JOBS for j in jobs):
            raise Conflict("The technician is already assigned to this work order.", code="already_assigned")
        day = technician.local_day(order.scheduled_at)
        chosen = judge(technician, order, store.day_loads(order.org_id, day).get(technician.id, 0))
        if chosen.fully_booked and len(chosen.reasons) == 1:
            raise store.fully_booked(technician, day)
        if not chosen.eligible:
            raise RuleViolation(
                "The technician cannot take this work order: " + "; ".join(chosen.reasons) + ".",
                code="technician_not_eligible",
                details=[{"technician_id": technician.id, "reasons": chosen.reasons}],
            )
    technician = chosen.technician
    assert chosen.day is not None
    job = JobAssignment(
        id=secrets.token_hex(8),
        org_id=order.org_id,
        work_order=order.number,
        technician_id=technician.id,
        user_id=technician.user_id,
        slot_day=chosen.day,
        assigned_by_id=assigned_by_id,
        assigned_at=now,
        notes=notes,
        created_at=now,
        updated_at=now,
    )
    updated = _roster(order, [*jobs, job], now)
    operations: list[Operation] = [
        store.slot_operation(order.org_id, technician, chosen.day, 1),
        store.open_jobs_operation(technician, 1, as_read=True),
    ]
    return Change(updated, [*jobs, job], operations)


@retry_on_conflict
def update_job(principal: Principal, number: str, job_id: str, patch: JobPatch) -> tuple[JobAssignment, WorkOrder]:
    """A technician moves their own job along (accept, decline, en route, start, complete); managers
    may also cancel. Declining or cancelling frees the day slot; completing the last open job
    completes the work order."""
    order, jobs = _load(principal, number)
    job = next((j for j in jobs if j.id == job_id), None)
    if job is None:
        raise NotFound("Not found.")
    policy.require(principal, "jobs.update", Target(owner_id=job.user_id))
    wanted = patch.status
    if wanted is not None and wanted != job.status:
        if not policy.holds(principal, "workorders.dispatch") and wanted not in TECHNICIAN_MOVES:
            raise Forbidden("Only a dispatcher (manager or admin) cancels an assignment.", code="forbidden")
        if order.status in CLOSED_ORDERS:
            raise Conflict(f"The work order is {order.status.value}.", code="work_order_closed")
        check_job_transition(job.status, wanted)
    now = utcnow()
    operations: list[Operation] = []
    changed = job
    if wanted is not None and wanted != job.status:
        technician = store.get_technician(principal.org_id, job.technician_id)
        changed, operations = _close_job(job, wanted, technician, now)
    if "notes" in patch.model_fields_set:
        changed = changed.model_copy(update={"notes": patch.values()["notes"], "updated_at": now})
    if changed == job:
        return job, order
    all_jobs = [changed if j.id == job.id else j for j in jobs]
    updated = _roster(order, all_jobs, now)
    # A started job completed counts its time in the time report, in the job's own transaction.
    operations += time_entries.job_time_operations(order, job, changed)
    store.write([store.order_put(updated, order), store.job_put(changed, _scheduled(updated)), *operations])
    if updated.status is WorkOrderStatus.COMPLETED and order.status is not WorkOrderStatus.COMPLETED:
        count("WorkOrderCompleted")
    return changed, updated.model_copy(update={"version": order.version + 1})
