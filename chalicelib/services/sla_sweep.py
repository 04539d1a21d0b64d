"""The SLA sweep: warnings, breaches and escalations, each exactly once, within a minute.

Reads only the deadline index partitions from its saved position to now (store.deadlines), so
its cost follows the events due, not the tickets stored. Each event is applied in one
transaction with the ticket (version-checked), its history, the next deadline and an event item
that automation rules and notifications react to; a concurrent or repeated sweep loses the
version race or finds the event already fired, and does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chalicelib.domain.clock import iso
from chalicelib.domain.deadlines import Deadline, DeadlineEvent, plan
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import STAFF_ROLES
from chalicelib.domain.sla import EscalationAction, SLAPolicy
from chalicelib.domain.tickets import Priority, Ticket, diff, system_entries
from chalicelib.observability import logger
from chalicelib.store import deadlines as deadline_store
from chalicelib.store import departments as department_store
from chalicelib.store import identity as identity_store
from chalicelib.store import sla as sla_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.transactions import Operation

LOOKBACK = timedelta(hours=48)
MAX_HOURS_PER_RUN = 24 * 7
RAISED = {
    Priority.LOW: Priority.NORMAL,
    Priority.NORMAL: Priority.HIGH,
    Priority.HIGH: Priority.URGENT,
    Priority.URGENT: Priority.URGENT,
}


@dataclass
class SweepReport:
    hours: int = 0
    partitions_read: int = 0
    deadlines_read: int = 0
    fired: list[str] = field(default_factory=list)
    skipped: int = 0
    conflicts: int = 0


def sweep(now: datetime) -> SweepReport:
    report = SweepReport()
    start, position_version = deadline_store.swept_from(now, LOOKBACK)
    hour = start
    current = now.replace(minute=0, second=0, microsecond=0)
    unfinished: datetime | None = None
    policies: dict[tuple[str, str], SLAPolicy | None] = {}
    while hour <= current and report.hours < MAX_HOURS_PER_RUN:
        report.hours += 1
        for shard in range(deadline_store.SHARDS):
            report.partitions_read += 1
            for deadline in deadline_store.due_in_hour(deadline_store.hour_of(hour), shard, now):
                report.deadlines_read += 1
                if not _process(deadline, now, policies, report) and unfinished is None:
                    unfinished = hour
        hour += timedelta(hours=1)
    position = unfinished or min(hour, current)
    if position != start or position_version is None:  # an idle minute leaves it in place: no write
        deadline_store.save_position(position, position_version)
    return report


def _policy(cache: dict[tuple[str, str], SLAPolicy | None], org_id: str, policy_id: str) -> SLAPolicy | None:
    key = (org_id, policy_id)
    if key not in cache:
        cache[key] = sla_store.get_policy(org_id, policy_id)
    return cache[key]


def _process(
    deadline: Deadline, now: datetime, policies: dict[tuple[str, str], SLAPolicy | None], report: SweepReport
) -> bool:
    """Apply the deadline's next event. False when it must be retried (a concurrent change)."""
    ticket = ticket_store.get_ticket(deadline.org_id, deadline.ticket_number)
    if ticket is None or not ticket.sla_policy_id:
        report.skipped += 1
        return True
    policy = _policy(policies, ticket.org_id, ticket.sla_policy_id)
    current = plan(ticket, policy, deadline.target)
    if current is None or not current.events or current.events[0].at > now:
        report.skipped += 1  # met, paused or re-planned since the item was read
        return True
    event = current.events[0]
    try:
        _apply(ticket, policy, current, event, now)
    except Conflict:
        report.conflicts += 1
        return False
    report.fired.append(f"{ticket.org_id}#{ticket.number}#{event.key(current.target, current.due)}")
    return True


def _apply(ticket: Ticket, policy: SLAPolicy | None, deadline: Deadline, event: DeadlineEvent, now: datetime) -> None:
    assert policy is not None
    updates: dict[str, object] = {"sla_fired": [*ticket.sla_fired, event.key(deadline.target, deadline.due)]}
    event_type = {"warning": "sla_warning", "breach": "sla_breached", "escalation": "sla_escalated"}[event.kind]
    if event.kind == "breach":
        updates["sla_breach"] = True
    notes: list[dict[str, object]] = []
    if event.step is not None:
        for action in policy.escalation_rules[event.step].actions:
            notes.append(_action(ticket, action, updates))
    updated = ticket.model_copy(update={**updates, "updated_at": now})
    changes = [c for c in diff(ticket, updated)]
    changes.append((f"sla_{deadline.target.value}", None, event.kind))
    entries = system_entries(ticket, changes, now, event_type, "sla-sweep")
    data = {
        "ticket_number": ticket.ticket_number,
        "target": deadline.target.value,
        "kind": event.kind,
        "step": event.step,
        "due": iso(deadline.due),
        "policy_id": policy.id,
        "actions": notes,
    }
    extra: list[Operation] = [
        ticket_store.event_put(ticket.org_id, ticket.number, event_type, now, data, key=deadline.target.value)
    ]
    ticket_store.save_ticket(updated, ticket, entries, extra=extra, sla_policy=policy)
    logger.info(
        "sla event",
        extra={
            "org_id": ticket.org_id,
            "ticket": ticket.ticket_number,
            "event": event_type,
            "target": deadline.target.value,
        },
    )


def _action(ticket: Ticket, action: EscalationAction, updates: dict[str, object]) -> dict[str, object]:
    """Apply one escalation action to ``updates``; returns what was done (for the event and rules)."""
    if action.type == "raise_priority":
        current = updates.get("priority", ticket.priority)
        updates["priority"] = RAISED[Priority(str(current))]
        return {"type": "raise_priority", "priority": str(updates["priority"])}
    if action.type == "add_tag":
        tags = list(updates.get("tags", ticket.tags))  # type: ignore[call-overload]
        if action.tag and action.tag not in tags:
            tags.append(action.tag)
        updates["tags"] = tags
        return {"type": "add_tag", "tag": action.tag}
    if action.type == "reassign":
        assignee = action.user_id
        if action.department_id:
            department = department_store.get_department(ticket.org_id, action.department_id)
            assignee = department.manager_id if department else None
        user = identity_store.get_user(ticket.org_id, assignee) if assignee else None
        if user is not None and user.is_active and user.role in STAFF_ROLES:
            updates["assigned_agent_id"] = user.id
            return {"type": "reassign", "assigned_agent_id": user.id}
        return {"type": "reassign", "skipped": "no active staff user to assign"}
    return {"type": "notify", "notify": action.notify, "role": action.role, "assignee": ticket.assigned_agent_id}
