"""Field service items: technicians with their load, work orders with their jobs.

| item | PK | SK | indexes |
|---|---|---|---|
| technician | ``ORG#o`` | ``TECH#<id>`` | |
| technician of a user (guard) | ``ORG#o`` | ``TECHUSER#<user>`` | |
| employee id (guard) | ``ORG#o`` | ``TECHEMP#<lower employee id>`` | |
| technician day | ``ORG#o`` | ``TECHDAY#<yyyy-mm-dd>#<technician>`` | |
| work order counter | ``ORG#o`` | ``COUNTER#WORKORDER`` | |
| work order | ``ORG#o#WO#<n>`` | ``WO`` | GSI1 by status, GSI3 by customer, GSI4 all (below) |
| job assignment | ``ORG#o#WO#<n>`` | ``JOB#<id>`` | GSI2 ``ORG#o#TECH#<t>`` / ``<day>#<scheduled>#<n>#<id>`` |
| work order event | ``ORG#o#WOEVENTS#<n>`` | ``EVENT#<at>#<type>[#<key>]`` | TTL 30 days |

A technician's ``current_jobs_count`` is an attribute of its item, changed only by ADDs in the
transactions that open or close its jobs; edits of the technician are UpdateItem SETs of the
other attributes, so they never overwrite it. The day items hold the jobs on one local day,
ADDed under the condition ``jobs < max_jobs_per_day`` in the assignment's own transaction.

Work order queues: GSI1 ``ORG#o#WOSTATUS#<s>`` / ``<scheduled or ~>#<n>`` (soonest first),
GSI3 ``ORG#o#WOCUSTOMER#<c>`` / ``<updated>#<n>``, GSI4 ``ORG#o#WORKORDERS`` / ``<updated>#<n>``.

Overdue deadlines: an open, scheduled work order whose overdue event has not fired for its due
time (scheduled_at + expected duration) carries the sparse DUE keys ``WODUE#<due hour>#<shard>`` /
``<due>#<o>#<n>``; the automation timer reads only the hour partitions due (like the SLA
deadlines). Completing, cancelling or firing the event drops the keys; rescheduling moves them.
Events (rules' notifications and webhooks, the overdue event) and the automation run guards live
in their own partition ``ORG#o#WOEVENTS#<n>``, so reading a work order never reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.domain.clock import iso
from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.fieldservice import JobAssignment, Technician, WorkOrder, WorkOrderStatus
from chalicelib.store.deadlines import hour_of, shard_of
from chalicelib.store.identity import GuardItem
from chalicelib.store.keys import org_pk, retention_keys, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Counter, Delete, Operation, Put, Update, transact_write

COUNTER_SK = "COUNTER#WORKORDER"
UNSCHEDULED = "~"  # sorts after every timestamp


class TechnicianItem(TableItem, discriminator="Technician"):
    data = JSONAttribute()
    current_jobs_count = NumberAttribute(default=0)


class TechnicianDayItem(TableItem, discriminator="TechnicianDay"):
    jobs = NumberAttribute(default=0)


class WorkOrderCounterItem(TableItem, discriminator="WorkOrderCounter"):
    next_number = NumberAttribute(default=0)


class WorkOrderItem(TableItem, discriminator="WorkOrder"):
    data = JSONAttribute()
    status = UnicodeAttribute()


class JobItem(TableItem, discriminator="JobAssignment"):
    data = JSONAttribute()
    status = UnicodeAttribute()


class WorkOrderEventItem(TableItem, discriminator="WorkOrderEvent"):
    """Something that happened to a work order that rules and notifications react to (via the stream)."""

    event_type = UnicodeAttribute()
    data = JSONAttribute()


# ---- technicians ------------------------------------------------------------------------------


def _technician_sk(technician_id: str) -> str:
    return f"TECH#{technician_id}"


def _data(technician: Technician) -> dict[str, Any]:
    return technician.model_dump(mode="json", exclude={"version", "current_jobs_count"})


def to_technician(item: TechnicianItem) -> Technician:
    return Technician.model_validate(
        {**item.data, "current_jobs_count": int(item.current_jobs_count or 0), "version": item.version or 1}
    )


def _user_guard(technician: Technician) -> GuardItem:
    return GuardItem(PK=org_pk(technician.org_id), SK=f"TECHUSER#{technician.user_id}", owner_id=technician.id)


def _employee_guard(technician: Technician) -> GuardItem:
    sk = f"TECHEMP#{technician.employee_id.lower().replace('#', '_')}"
    return GuardItem(PK=org_pk(technician.org_id), SK=sk, owner_id=technician.id)


def create_technician(technician: Technician) -> Technician:
    """The technician and its two guards (one per user, employee ids unique) in one transaction."""
    item = TechnicianItem(PK=org_pk(technician.org_id), SK=_technician_sk(technician.id), data=_data(technician))
    taken_user = Conflict("That user is already a technician.", code="technician_exists")
    taken_employee = Conflict("That employee_id is taken.", code="employee_id_taken")
    absent = TableItem.PK.does_not_exist()
    transact_write(
        [
            Put(item, condition=absent),
            Put(_user_guard(technician), condition=absent, on_conflict=taken_user, check_version=False),
            Put(_employee_guard(technician), condition=absent, on_conflict=taken_employee, check_version=False),
        ]
    )
    return technician.model_copy(update={"version": 1})


def save_technician(technician: Technician, previous: Technician) -> Technician:
    """SET the technician's attributes if still at ``previous.version`` (its job count is left alone).

    Deactivating requires no open jobs (checked on the item, so a concurrent assignment cannot slip in).
    """
    item = TechnicianItem(PK=org_pk(technician.org_id), SK=_technician_sk(technician.id), data=_data(technician))
    item.version = previous.version
    condition = None
    if previous.is_active and not technician.is_active:
        condition = TechnicianItem.current_jobs_count.does_not_exist() | (TechnicianItem.current_jobs_count == 0)
    operations: list[Operation] = [
        Update(
            item,
            actions=[TechnicianItem.data.set(_data(technician))],
            condition=condition,
            on_conflict=Conflict(
                "The technician changed meanwhile, or still holds open jobs; reload it.", code="stale_version"
            ),
        )
    ]
    if technician.employee_id.lower() != previous.employee_id.lower():
        taken = Conflict("That employee_id is taken.", code="employee_id_taken")
        operations.append(
            Put(
                _employee_guard(technician),
                condition=TableItem.PK.does_not_exist(),
                on_conflict=taken,
                check_version=False,
            )
        )
        old = _employee_guard(previous)
        operations.append(Delete(old, condition=GuardItem.owner_id == previous.id, check_version=False))
    transact_write(operations)
    return technician.model_copy(update={"version": previous.version + 1})


def get_technician(org_id: str, technician_id: str) -> Technician | None:
    try:
        return to_technician(TechnicianItem.get(org_pk(org_id), _technician_sk(technician_id)))
    except TechnicianItem.DoesNotExist:
        return None


def technician_id_for_user(org_id: str, user_id: str) -> str | None:
    try:
        return str(GuardItem.get(org_pk(org_id), f"TECHUSER#{user_id}").owner_id)
    except GuardItem.DoesNotExist:
        return None


def list_technicians(org_id: str, *, limit: int, cursor: str | None) -> Page[Technician]:
    page = query_page(
        None,
        org_pk(org_id),
        org_id=org_id,
        scope="technicians",
        limit=limit,
        cursor=cursor,
        model=TechnicianItem,
        range_key_condition=TechnicianItem.SK.startswith("TECH#"),
    )
    return Page([to_technician(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def all_technicians(org_id: str) -> list[Technician]:
    """Every technician of the organization (one Query, paged by DynamoDB's 1 MB limit)."""
    items = TechnicianItem.query(org_pk(org_id), TechnicianItem.SK.startswith("TECH#"))
    return [to_technician(i) for i in items if isinstance(i, TechnicianItem)]


def _day_sk(day: date, technician_id: str) -> str:
    return f"TECHDAY#{day.isoformat()}#{technician_id}"


def day_loads(org_id: str, day: date) -> dict[str, int]:
    """Jobs held on ``day`` by every technician that has any: ONE Query."""
    items = TechnicianDayItem.query(org_pk(org_id), TechnicianDayItem.SK.startswith(f"TECHDAY#{day.isoformat()}#"))
    return {str(i.SK).rsplit("#", 1)[1]: int(i.jobs or 0) for i in items if isinstance(i, TechnicianDayItem)}


def fully_booked(technician: Technician, day: date) -> RuleViolation:
    return RuleViolation(
        f"The technician already has {technician.max_jobs_per_day} jobs on {day.isoformat()} (max_jobs_per_day).",
        code="technician_fully_booked",
        details=[{"technician_id": technician.id, "day": day.isoformat()}],
    )


def slot_operation(
    org_id: str, technician: Technician, day: date, delta: int, *, enforce_limit: bool = True
) -> Counter:
    """Take (+1) or free (-1) a technician's slot on ``day``; taking one fails at max_jobs_per_day."""
    full = fully_booked(technician, day)
    below = technician.max_jobs_per_day if delta > 0 and enforce_limit else None
    return Counter(
        TechnicianDayItem, org_pk(org_id), _day_sk(day, technician.id), TechnicianDayItem.jobs, delta, below, full
    )


def open_jobs_operation(technician: Technician, delta: int, *, as_read: bool) -> Counter:
    """ADD ``delta`` to the technician's ``current_jobs_count``.

    ``as_read``: only if the technician is still the version that was judged (active, same limits).
    """
    condition = TechnicianItem.version == technician.version if as_read else TechnicianItem.PK.exists()
    changed = Conflict(
        "The technician was changed meanwhile; reload and assign again.",
        code="stale_version",
        details=[{"technician_id": technician.id}],
    )
    return Counter(
        TechnicianItem,
        org_pk(technician.org_id),
        _technician_sk(technician.id),
        TechnicianItem.current_jobs_count,
        delta,
        on_conflict=changed,
        condition=condition,
    )


# ---- work orders ------------------------------------------------------------------------------


def work_order_pk(org_id: str, number: int) -> str:
    return tenant_key(org_id, "WO", number)


def allocate_number(org_id: str) -> int:
    """The next work order number: an atomic ADD on the per-org counter."""
    data = WorkOrderCounterItem._get_connection().update_item(
        org_pk(org_id),
        COUNTER_SK,
        actions=[WorkOrderCounterItem.next_number.add(1), WorkOrderCounterItem.type.set(WorkOrderCounterItem)],  # type: ignore[arg-type]
        return_values="UPDATED_NEW",
    )
    return int(data["Attributes"]["next_number"]["N"])


def _order_item(order: WorkOrder) -> WorkOrderItem:
    item = WorkOrderItem(
        PK=work_order_pk(order.org_id, order.number),
        SK="WO",
        data=order.model_dump(mode="json", exclude={"version"}),
        status=order.status.value,
    )
    updated = f"{iso(order.updated_at)}#{order.number:012d}"
    scheduled = iso(order.scheduled_at) if order.scheduled_at else UNSCHEDULED
    item.GSI1PK, item.GSI1SK = (
        tenant_key(order.org_id, "WOSTATUS", order.status.value),
        f"{scheduled}#{order.number:012d}",
    )
    item.GSI4PK, item.GSI4SK = tenant_key(order.org_id, "WORKORDERS"), updated
    if order.customer_id:
        item.GSI3PK, item.GSI3SK = tenant_key(order.org_id, "WOCUSTOMER", order.customer_id), updated
    if order.status in (WorkOrderStatus.COMPLETED, WorkOrderStatus.CANCELLED) and order.anonymized_at is None:
        ended = f"{iso(order.completed_at or order.updated_at)}#{order.number:012d}"
        item.DUEPK, item.DUESK = retention_keys(order.org_id, "work_orders", ended)
    elif order.overdue_pending is not None:
        at = overdue_at(order)
        item.DUEPK = f"WODUE#{hour_of(at)}#{shard_of(order.org_id, order.number)}"
        item.DUESK = f"{iso(at)}#{order.org_id}#{order.number:012d}"
    return item


def overdue_at(order: WorkOrder) -> datetime:
    """When the sweep looks at a pending overdue event: its due time, or the last change when that
    came later (an order scheduled in the past is filed in an hour the sweep has yet to read)."""
    due = order.overdue_pending or order.updated_at
    return max(due, order.updated_at)


def to_order(item: WorkOrderItem) -> WorkOrder:
    return WorkOrder.model_validate({**item.data, "version": item.version or 1})


def order_put(order: WorkOrder, previous: WorkOrder | None, automation: dict[str, Any] | None = None) -> Put:
    """The work order, new (its number must be free) or over ``previous`` (version-checked).

    ``automation`` is the rule chain of an automation engine write; any other write clears it, so
    rules triggered by a person's change start a new chain."""
    item = _order_item(order.model_copy(update={"automation": automation}))
    if previous is None:
        taken = Conflict("Work order number taken.", code="number_taken")
        return Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=taken)
    item.version = previous.version
    return Put(
        item, on_conflict=Conflict("The work order was changed by someone else; reload it.", code="stale_version")
    )


def job_put(job: JobAssignment, scheduled: str | None, automation: dict[str, Any] | None = None) -> Put:
    """A job item. Written only beside its work order's version-checked Put, which serialises them.
    ``automation``: as for ``order_put``."""
    item = JobItem(
        PK=work_order_pk(job.org_id, job.work_order),
        SK=f"JOB#{job.id}",
        data=job.model_copy(update={"automation": automation}).model_dump(mode="json"),
        status=job.status.value,
    )
    item.GSI2PK = tenant_key(job.org_id, "TECH", job.technician_id)
    item.GSI2SK = f"{job.slot_day.isoformat()}#{scheduled or UNSCHEDULED}#{job.work_order:012d}#{job.id}"
    return Put(item, check_version=False)


def write(operations: Sequence[Operation]) -> None:
    transact_write(operations)


def events_pk(org_id: str, number: int) -> str:
    """The partition of a work order's events and automation run guards (apart from the work order)."""
    return tenant_key(org_id, "WOEVENTS", number)


def event_put(org_id: str, number: int, event_type: str, at: datetime, data: dict[str, Any], key: str = "") -> Put:
    """An event item (written once: a second write of the same event fails its transaction)."""
    item = WorkOrderEventItem(
        PK=events_pk(org_id, number),
        SK=f"EVENT#{iso(at)}#{event_type}" + (f"#{key}" if key else ""),
        event_type=event_type,
        data=data,
        expires_at=at + timedelta(days=30),
    )
    return Put(item, condition=TableItem.PK.does_not_exist(), check_version=False)


def overdue_in_hour(hour: str, shard: int, now: datetime) -> list[WorkOrder]:
    """Work orders of one due-hour partition whose due time is at or before ``now``: one Query."""
    items = WorkOrderItem.due.query(f"WODUE#{hour}#{shard}", f"{iso(now)}~" >= WorkOrderItem.DUESK)
    return [to_order(i) for i in items if isinstance(i, WorkOrderItem)]


def get_work_order(org_id: str, number: int) -> tuple[WorkOrder | None, list[JobAssignment]]:
    """The work order with every job: ONE Query."""
    order: WorkOrder | None = None
    jobs: list[JobAssignment] = []
    for item in TableItem.query(work_order_pk(org_id, number)):
        if isinstance(item, WorkOrderItem):
            order = to_order(item)
        elif isinstance(item, JobItem):
            jobs.append(JobAssignment.model_validate(item.data))
    return order, sorted(jobs, key=lambda j: (j.assigned_at, j.id))


def get_work_orders(org_id: str, numbers: Iterable[int]) -> dict[int, WorkOrder]:
    """Several work orders by number: ONE BatchGetItem (per 100)."""
    keys = [(work_order_pk(org_id, n), "WO") for n in dict.fromkeys(numbers)]
    found = {}
    for item in WorkOrderItem.batch_get(keys):
        order = to_order(item)
        found[order.number] = order
    return found


def list_work_orders(
    org_id: str,
    *,
    status: WorkOrderStatus | None,
    customer_id: str | None,
    limit: int,
    cursor: str | None,
) -> Page[WorkOrder]:
    """One Query: by status (soonest scheduled first), by customer or all (latest update first)."""
    filter_condition = None
    if customer_id:
        index: Any = TableItem.gsi3
        key, scope, forward = tenant_key(org_id, "WOCUSTOMER", customer_id), f"wo-customer:{customer_id}", False
        if status:
            filter_condition = WorkOrderItem.status == status.value
    elif status:
        index, key, scope, forward = TableItem.gsi1, tenant_key(org_id, "WOSTATUS", status.value), "wo-status", True
        scope += f":{status.value}"
    else:
        index, key, scope, forward = TableItem.gsi4, tenant_key(org_id, "WORKORDERS"), "wo-all", False
    page = query_page(
        index,
        key,
        org_id=org_id,
        scope=scope,
        limit=limit,
        cursor=cursor,
        model=WorkOrderItem,
        filter_condition=filter_condition,
        scan_index_forward=forward,
    )
    return Page([to_order(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def jobs_of_technician(
    org_id: str,
    technician_id: str,
    *,
    first_day: date,
    last_day: date | None,
    limit: int,
    cursor: str | None,
) -> Page[JobAssignment]:
    """A technician's jobs from ``first_day`` (through ``last_day``), in schedule order: one Query."""
    upper = (last_day.isoformat() if last_day else "9999-12-31") + "#~"
    page = query_page(
        TableItem.gsi2,
        tenant_key(org_id, "TECH", technician_id),
        org_id=org_id,
        scope=f"tech-jobs:{technician_id}:{first_day.isoformat()}:{last_day}",
        limit=limit,
        cursor=cursor,
        model=JobItem,
        range_key_condition=JobItem.GSI2SK.between(first_day.isoformat(), upper),
    )
    return Page([JobAssignment.model_validate(i.data) for i in page.items], page.next_cursor)  # type: ignore[attr-defined]


def ordered_for(org_id: str, customer_id: str) -> list[int]:
    """Numbers of every work order made for a customer (GSI3 ``ORG#o#WOCUSTOMER#c``), all pages."""
    items = WorkOrderItem.query(tenant_key(org_id, "WOCUSTOMER", customer_id), index_name="GSI3")
    return [int(i.data["number"]) for i in items if isinstance(i, WorkOrderItem)]
