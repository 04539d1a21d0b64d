"""Outbound webhooks: the stream subscriber that queues ticket and work order events for subscriptions, the
sender fed by the webhook queue (the only place requests are made), and the retry schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.domain.clock import parse_iso, utcnow
from chalicelib.domain.tickets import Comment, diff
from chalicelib.jobs.automation import data_of, number_of, order_of, ticket_of
from chalicelib.jobs.stream import INSERT, WRITES, subscribe
from chalicelib.observability import count, logger
from chalicelib.store.changes import TableChange

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

# Ticket events (TicketEvent items) delivered as webhook events of these names, with the event's data.
EVENT_WEBHOOKS = {"sla_warning": "sla.warning", "sla_breached": "sla.breached", "ticket_merged": "ticket.merged"}


@subscribe(kinds={"Ticket": WRITES, "TicketComment": [INSERT], "WorkOrder": WRITES, "TicketEvent": WRITES})
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
        if comment.merged_from is not None:
            return  # a merge's copy: announced on its own ticket when it was written
        ticket = ticket_store.get_ticket(org_id, comment.ticket_number)
        if ticket is not None and not ticket.is_deleted:
            webhooks.publish(org_id, "comment.added", ticket, change.sequence_number, comment=comment)
    elif change.item_type == "WorkOrder":
        _work_order_webhooks(org_id, change)
    elif change.item_type == "TicketEvent" and change.new.get("event_type") in EVENT_WEBHOOKS:
        ticket = ticket_store.get_ticket(org_id, number_of(change.pk))
        if ticket is not None and not ticket.is_deleted:
            event = EVENT_WEBHOOKS[str(change.new["event_type"])]
            webhooks.publish(org_id, event, ticket, change.sequence_number, extra=data_of(change.new))


def _work_order_webhooks(org_id: str, change: TableChange) -> None:
    """``work_order.created`` on INSERT; ``work_order.updated`` (with its changes) when a tracked field
    changed, and ``work_order.completed`` as well when it became completed."""
    from chalicelib.domain.fieldservice import WorkOrderStatus, order_changes
    from chalicelib.services import webhooks

    current, previous = order_of(change.new), order_of(change.old)
    if current is None:
        return
    seq = change.sequence_number
    if previous is None:
        webhooks.publish(org_id, "work_order.created", None, seq, work_order=current)
        return
    changes = order_changes(previous, current)
    if not changes:
        return  # bookkeeping only (the overdue mark, the automation chain)
    fields = [{"field": f, "old": o, "new": n} for f, o, n in changes]
    webhooks.publish(org_id, "work_order.updated", None, seq, extra={"changes": fields}, work_order=current)
    if current.status is WorkOrderStatus.COMPLETED and previous.status is not WorkOrderStatus.COMPLETED:
        webhooks.publish(org_id, "work_order.completed", None, f"{seq}#completed", work_order=current)


def retry(event: dict[str, Any]) -> dict[str, Any]:
    from chalicelib.services import webhooks

    scheduled = event.get("time")
    now = parse_iso(scheduled) if isinstance(scheduled, str) else utcnow()
    return webhooks.retry_due(now)


def _send_record(record: SQSRecord) -> None:
    from chalicelib.channels.webhook_queue import DeliveryMessage
    from chalicelib.services import webhooks

    try:
        message = DeliveryMessage.parse(record.body)
    except (KeyError, TypeError, ValueError):
        # Never sendable: retrying would only park it in the dead-letter queue five receives later.
        logger.error("unreadable webhook queue message dropped", extra={"message_id": record.message_id})
        count("WebhookBadMessages", 1)
        return
    outcome = webhooks.send(message)
    logger.debug("webhook message", extra={"org_id": message.org_id, "outcome": outcome})


def send(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Process a webhook queue batch: one delivery attempt per message; returns
    ``{"batchItemFailures": [...]}`` (a failed message is received again, then dead-lettered)."""
    from aws_lambda_powertools.utilities.batch import SqsFifoPartialProcessor, process_partial_response

    # On a failure the rest of that message group waits for the retry, as FIFO order requires;
    # other groups (other organizations) in the batch go on.
    processor = SqsFifoPartialProcessor(skip_group_on_error=True)
    # A batch of one whose message failed is reported like any partial failure, not raised:
    # the message comes back either way, and the failure counts (WebhookMessageFailures) say why.
    processor.raise_on_entire_batch_failure = False
    result = process_partial_response(event=event, record_handler=_send_record, processor=processor, context=context)
    failures = len(result.get("batchItemFailures", []))
    if failures:
        count("WebhookMessageFailures", failures)
        logger.warning("webhook batch had failures", extra={"failures": failures})
    return dict(result)
