"""SLA deadline events: what fires when, for one target of one ticket. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from chalicelib.domain.base import Model
from chalicelib.domain.entity import Entity
from chalicelib.domain.sla import SLAPolicy, Target
from chalicelib.domain.tickets import Ticket


class DeadlineEvent(Model):
    """One thing to do at ``at``: a warning step, the breach itself, or an after-breach step."""

    kind: str  # "warning" | "breach" | "escalation"
    step: int | None = None  # index in policy.escalation_rules
    at: datetime

    def key(self, target: Target, due: datetime) -> str:
        """Identifies the event for one due time: a new due time (re-match) re-arms it."""
        return f"{target.value}:{self.kind}:{self.step}@{due.isoformat()}"


class Deadline(Entity):
    org_id: str
    ticket_number: int
    target: Target
    due: datetime
    started: datetime
    events: list[DeadlineEvent] = Field(default_factory=list)  # pending, in time order
    version: int = 1

    @property
    def next_at(self) -> datetime | None:
        return self.events[0].at if self.events else None


def plan(ticket: Ticket, policy: SLAPolicy | None, target: Target) -> Deadline | None:
    """The pending events of ``target``, or None when nothing is due (met, paused, no policy)."""
    if policy is None or ticket.is_deleted or ticket.merged_into is not None:
        return None  # a merged source's clocks stop: the target's run on
    if target is Target.FIRST_RESPONSE:
        due, done = ticket.first_response_due, ticket.first_response_at
    else:
        due, done = ticket.resolution_due, ticket.resolved_at
        if ticket.sla_paused_at is not None:
            return None
    if due is None or done is not None:
        return None
    started = ticket.created_at
    span = due - started
    events = [DeadlineEvent(kind="breach", at=due)]
    for index, step in enumerate(policy.escalation_rules):
        if step.target is not target:
            continue
        if step.when == "before_breach" and step.percent is not None:
            events.append(DeadlineEvent(kind="warning", step=index, at=started + span * (step.percent / 100)))
        elif step.minutes is not None:
            events.append(DeadlineEvent(kind="escalation", step=index, at=due + timedelta(minutes=step.minutes)))
    fired = set(ticket.sla_fired)
    events = [e for e in events if e.key(target, due) not in fired]
    if not events:
        return None
    events.sort(key=lambda e: (e.at, e.kind != "warning"))
    return Deadline(
        org_id=ticket.org_id, ticket_number=ticket.number, target=target, due=due, started=started, events=events
    )


def may_be_stored(ticket: Ticket | None, target: Target) -> bool:
    """Whether ``target``'s deadline item can exist beside ``ticket`` as stored.

    The item is written with every ticket write and exists only when ``plan`` found pending events
    for the ticket as then written. Decided from the ticket alone (its policy may have changed since),
    so it errs towards True: False means no item can be there and no delete is needed.
    """
    if ticket is None or not ticket.sla_policy_id or ticket.is_deleted or ticket.merged_into is not None:
        return False
    if target is Target.FIRST_RESPONSE:
        return ticket.first_response_due is not None and ticket.first_response_at is None
    return ticket.resolution_due is not None and ticket.resolved_at is None and ticket.sla_paused_at is None
