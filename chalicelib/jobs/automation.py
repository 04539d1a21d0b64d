"""Stream subscriber: ticket, comment and SLA events run automation rules; webhook events are delivered.

Which change is which event:
- a Ticket INSERT: ``ticket_created``; a Ticket MODIFY that changed a tracked field: ``ticket_updated``;
- a TicketComment INSERT: ``comment_added`` (not a merge's copy of a comment: ``merged_from`` set);
- a TicketEvent INSERT ``sla_warning`` / ``sla_breached`` / ``ticket_merged``: those triggers; ``webhook``: a
  delivery, queued for the webhook sender (no request is made in the stream handler);
- a WorkOrder INSERT: ``work_order_created``; a WorkOrder MODIFY that moved its status:
  ``work_order_status_changed`` (and ``work_order_completed`` when it became completed);
- a JobAssignment INSERT: ``work_order_assigned``; a JobAssignment MODIFY to declined: ``job_declined``;
- a WorkOrderEvent INSERT ``work_order_overdue`` (the sweep's): that trigger; ``webhook``: a delivery.
The stream record's sequence number identifies the event, so a redelivered record runs nothing twice.
"""

from __future__ import annotations

import json
from typing import Any

from chalicelib.domain.automation import TriggerType
from chalicelib.domain.fieldservice import JobAssignment, JobStatus, WorkOrder, WorkOrderStatus
from chalicelib.domain.tickets import Comment, Ticket, diff
from chalicelib.jobs.stream import INSERT, WRITES, subscribe
from chalicelib.store.changes import TableChange

SLA_TRIGGERS = {"sla_warning": TriggerType.SLA_WARNING, "sla_breached": TriggerType.SLA_BREACHED}
# Ticket events (TicketEvent items) that run the rules of a trigger, with no data of their own.
EVENT_TRIGGERS = {"ticket_merged": TriggerType.TICKET_MERGED}


def data_of(image: dict[str, Any]) -> dict[str, Any]:
    raw = image.get("data")
    if isinstance(raw, str):
        parsed: dict[str, Any] = json.loads(raw)
        return parsed
    return dict(raw or {})


def ticket_of(image: dict[str, Any]) -> Ticket | None:
    if not image:
        return None
    return Ticket.model_validate({**data_of(image), "version": int(image.get("version") or 1)})


def number_of(pk: str) -> int:
    return int(pk.rsplit("#", 1)[1])


def order_of(image: dict[str, Any]) -> WorkOrder | None:
    if not image:
        return None
    return WorkOrder.model_validate({**data_of(image), "version": int(image.get("version") or 1)})


def job_of(image: dict[str, Any]) -> JobAssignment | None:
    return JobAssignment.model_validate(data_of(image)) if image else None


def work_order_events(change: TableChange) -> list[Any]:
    """The work order triggers a change fires (``services.automation.Event``s; none for other items)."""
    from chalicelib.services import automation

    org_id = change.org_id
    if org_id is None or change.event_name == "REMOVE":
        return []
    seq = change.sequence_number
    if change.item_type == "WorkOrder":
        current, previous = order_of(change.new), order_of(change.old)
        if current is None:
            return []

        def event(trigger: TriggerType, event_id: str) -> Any:
            return automation.Event(
                org_id=org_id,
                number=current.number,
                trigger=trigger,
                event_id=event_id,
                order=current,
                previous_order=previous,
                chain=current.automation,
            )

        if change.event_name == "INSERT":
            return [event(TriggerType.WORK_ORDER_CREATED, seq)]
        if previous is None or previous.status == current.status:
            return []
        events = [event(TriggerType.WORK_ORDER_STATUS_CHANGED, seq)]
        if current.status is WorkOrderStatus.COMPLETED:
            events.append(event(TriggerType.WORK_ORDER_COMPLETED, f"{seq}#completed"))
        return events
    if change.item_type == "JobAssignment":
        job, before = job_of(change.new), job_of(change.old)
        if job is None:
            return []
        if change.event_name == "INSERT":
            trigger = TriggerType.WORK_ORDER_ASSIGNED
        elif job.status is JobStatus.DECLINED and before is not None and before.status is not JobStatus.DECLINED:
            trigger = TriggerType.JOB_DECLINED
        else:
            return []
        return [
            automation.Event(
                org_id=org_id, number=job.work_order, trigger=trigger, event_id=seq, job=job, chain=job.automation
            )
        ]
    overdue = change.item_type == "WorkOrderEvent" and change.new.get("event_type") == "work_order_overdue"
    if overdue and change.event_name == "INSERT":
        trigger = TriggerType.WORK_ORDER_OVERDUE
        return [automation.Event(org_id=org_id, number=number_of(change.pk), trigger=trigger, event_id=seq)]
    return []


# Deletes run no rule; a comment or ticket event counts once, when written.
@subscribe(
    kinds={
        "Ticket": WRITES,
        "TicketComment": [INSERT],
        "TicketEvent": [INSERT],
        "WorkOrder": WRITES,
        "JobAssignment": WRITES,
        "WorkOrderEvent": WRITES,
    }
)
def on_ticket_event(change: TableChange) -> None:
    from chalicelib.services import automation

    org_id = change.org_id
    if org_id is None or change.event_name == "REMOVE":
        return
    event: automation.Event | None = None
    if change.item_type in ("WorkOrder", "JobAssignment", "WorkOrderEvent"):
        if change.item_type == "WorkOrderEvent" and change.new.get("event_type") == "webhook":
            automation.queue_webhook(org_id, number_of(change.pk), data_of(change.new), change.sequence_number)
            return
        for found in work_order_events(change):
            automation.run(found)
        return
    if change.item_type == "Ticket":
        current, previous = ticket_of(change.new), ticket_of(change.old)
        if current is None or current.is_deleted:
            return
        if change.event_name == "INSERT":
            trigger = TriggerType.TICKET_CREATED
        elif previous is not None and diff(previous, current):
            trigger = TriggerType.TICKET_UPDATED
        else:
            return
        event = automation.Event(
            org_id=org_id,
            number=current.number,
            trigger=trigger,
            event_id=change.sequence_number,
            current=current,
            previous=previous if trigger is TriggerType.TICKET_UPDATED else None,
            chain=current.automation,
        )
    elif change.item_type == "TicketComment" and change.event_name == "INSERT":
        comment = Comment.model_validate(data_of(change.new))
        if comment.merged_from is not None:
            return  # a merge's copy of a comment already handled on its own ticket
        event = automation.Event(
            org_id=org_id,
            number=comment.ticket_number,
            trigger=TriggerType.COMMENT_ADDED,
            event_id=change.sequence_number,
            comment=comment,
            chain=comment.automation,
        )
    elif change.item_type == "TicketEvent" and change.event_name == "INSERT":
        kind = str(change.new.get("event_type"))
        data = data_of(change.new)
        if kind == "webhook":
            automation.queue_webhook(org_id, number_of(change.pk), data, change.sequence_number)
            return
        if kind in EVENT_TRIGGERS:
            event = automation.Event(
                org_id=org_id,
                number=number_of(change.pk),
                trigger=EVENT_TRIGGERS[kind],
                event_id=change.sequence_number,
            )
        elif kind in SLA_TRIGGERS:
            event = automation.Event(
                org_id=org_id,
                number=number_of(change.pk),
                trigger=SLA_TRIGGERS[kind],
                event_id=change.sequence_number,
                sla_target=str(data.get("target") or ""),
            )
    if event is not None:
        automation.run(event)
