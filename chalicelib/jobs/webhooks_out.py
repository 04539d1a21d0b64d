"""Stream subscriber and schedule: ticket events to outbound webhook subscriptions, and their retries."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.clock import parse_iso, utcnow
from chalicelib.domain.tickets import Comment, diff
from chalicelib.jobs.automation import data_of, number_of, ticket_of
from chalicelib.jobs.stream import subscribe
from chalicelib.store.changes import TableChange

SLA_EVENTS = {"sla_warning": "sla.warning", "sla_breached": "sla.breached"}


@subscribe
def on_ticket_webhook(change: TableChange) -> None:
    org_id = change.org_id
    if org_id is None or change.event_name == "REMOVE":
        return
    from chalicelib.services import webhooks
    from chalicelib.store import tickets as ticket_store

    if change.item_type == "Ticket":
        current, previous = ticket_of(change.new), ticket_of(change.old)
        if current is None or current.is_deleted:
            return
        if previous is None:
            webhooks.publish(org_id, "ticket.created", current, change.sequence_number)
        elif changes := diff(previous, current):
            fields = [{"field": f, "old": o, "new": n} for f, o, n in changes]
            webhooks.publish(org_id, "ticket.updated", current, change.sequence_number, extra={"changes": fields})
    elif change.item_type == "TicketComment" and change.event_name == "INSERT":
        comment = Comment.model_validate(data_of(change.new))
        ticket = ticket_store.get_ticket(org_id, comment.ticket_number)
        if ticket is not None and not ticket.is_deleted:
            webhooks.publish(org_id, "comment.added", ticket, change.sequence_number, comment=comment)
    elif change.item_type == "TicketEvent" and change.new.get("event_type") in SLA_EVENTS:
        ticket = ticket_store.get_ticket(org_id, number_of(change.pk))
        if ticket is not None and not ticket.is_deleted:
            event = SLA_EVENTS[str(change.new["event_type"])]
            webhooks.publish(org_id, event, ticket, change.sequence_number, extra=data_of(change.new))


def retry(event: dict[str, Any]) -> dict[str, Any]:
    from chalicelib.services import webhooks

    scheduled = event.get("time")
    now = parse_iso(scheduled) if isinstance(scheduled, str) else utcnow()
    return webhooks.retry_due(now)
