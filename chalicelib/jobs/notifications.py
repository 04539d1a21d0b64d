"""Stream subscriber: ticket, comment, history (followers) and rule-notification events (of tickets and
work orders) become emails, SMS and pushes."""

from __future__ import annotations

from chalicelib.domain.tickets import Comment, HistoryEntry
from chalicelib.jobs.automation import data_of, number_of, ticket_of
from chalicelib.jobs.stream import INSERT, WRITES, subscribe
from chalicelib.store.changes import TableChange


@subscribe(
    kinds={
        "Ticket": WRITES,
        "TicketComment": [INSERT],
        "TicketHistory": [INSERT],
        "TicketEvent": WRITES,
        "WorkOrderEvent": WRITES,
    }
)
def on_ticket_notification(change: TableChange) -> None:
    org_id = change.org_id
    if org_id is None or change.event_name == "REMOVE":
        return
    from chalicelib.services import notifications
    from chalicelib.store import tickets as ticket_store

    if change.item_type == "Ticket":
        current = ticket_of(change.new)
        if current is None or current.is_deleted:
            return
        notices = notifications.for_ticket_change(ticket_of(change.old), current)
        notifications.send(org_id, current, notices, change.sequence_number)
    elif change.item_type == "TicketComment" and change.event_name == "INSERT":
        from chalicelib.store import identity as identity_store

        comment = Comment.model_validate(data_of(change.new))
        if comment.merged_from is not None:
            return  # a merge's copy: its readers were told when it was written
        ticket = ticket_store.get_ticket(org_id, comment.ticket_number)
        if ticket is not None and not ticket.is_deleted:
            author = (
                None if comment.author_id.startswith("rule:") else identity_store.get_user(org_id, comment.author_id)
            )
            notices = notifications.for_comment(ticket, comment, author)
            notifications.send(org_id, ticket, notices, change.sequence_number)
    elif change.item_type == "TicketHistory" and change.event_name == "INSERT":
        entry = HistoryEntry.model_validate(data_of(change.new))
        if entry.field_name not in notifications.FOLLOWED_FIELDS:
            return  # most history entries concern no follower: no read
        ticket = ticket_store.get_ticket(org_id, entry.ticket_number)
        if ticket is not None and not ticket.is_deleted and ticket.follower_ids:
            notifications.send(org_id, ticket, notifications.for_history(ticket, entry), change.sequence_number)
    elif change.item_type == "WorkOrderEvent" and change.new.get("event_type") == "notification":
        from chalicelib.store import fieldservice as fieldservice_store

        order, _ = fieldservice_store.get_work_order(org_id, number_of(change.pk))
        if order is not None:
            notifications.send_for_work_order(org_id, order, data_of(change.new), change.sequence_number)
    elif change.item_type == "TicketEvent" and change.new.get("event_type") == "notification":
        ticket = ticket_store.get_ticket(org_id, number_of(change.pk))
        if ticket is not None and not ticket.is_deleted:
            notices = notifications.for_rule(ticket, data_of(change.new))
            notifications.send(org_id, ticket, notices, change.sequence_number)
